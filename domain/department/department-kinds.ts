/**
 * Kinds of regulator department (负有安全生产监督管理职责的部门) at county level, named as after the
 * 2018 institutional reform (应急管理局 replaced 安全生产监督管理局; 市场监督管理局 merged 工商、质监、食药).
 * R8: each locality names a lead department (牵头部门, by default the emergency management bureau)
 * and cooperating departments (配合部门).
 */
type Label = { zh: string; en: string };

export const departmentKinds = [
  "emergency",
  "market",
  "housing",
  "transport",
  "fire",
  "commerce",
  "culture_tourism",
  "education",
  "health",
  "agriculture",
  "natural_resources",
  "water",
  "public_security",
  "industry_it",
  "forestry",
  "ecology",
  "development_reform",
  "civil_affairs",
] as const;
export type DepartmentKind = (typeof departmentKinds)[number];

/** Generic names; a real department's name is the county name plus this (`榆中县应急管理局`). */
export const departmentKindLabel: Record<DepartmentKind, Label> = {
  emergency: { zh: "应急管理局", en: "Emergency Management Bureau" },
  market: { zh: "市场监督管理局", en: "Market Regulation Bureau" },
  housing: { zh: "住房和城乡建设局", en: "Housing and Urban-Rural Development Bureau" },
  transport: { zh: "交通运输局", en: "Transport Bureau" },
  fire: { zh: "消防救援大队", en: "Fire and Rescue Brigade" },
  commerce: { zh: "商务局", en: "Commerce Bureau" },
  culture_tourism: { zh: "文化和旅游局", en: "Culture and Tourism Bureau" },
  education: { zh: "教育局", en: "Education Bureau" },
  health: { zh: "卫生健康局", en: "Health Bureau" },
  agriculture: { zh: "农业农村局", en: "Agriculture and Rural Affairs Bureau" },
  natural_resources: { zh: "自然资源局", en: "Natural Resources Bureau" },
  water: { zh: "水务局", en: "Water Affairs Bureau" },
  public_security: { zh: "公安局", en: "Public Security Bureau" },
  industry_it: { zh: "工业和信息化局", en: "Industry and Information Technology Bureau" },
  forestry: { zh: "林业和草原局", en: "Forestry and Grassland Bureau" },
  ecology: { zh: "生态环境局", en: "Ecology and Environment Bureau" },
  development_reform: { zh: "发展和改革局", en: "Development and Reform Bureau" },
  civil_affairs: { zh: "民政局", en: "Civil Affairs Bureau" },
};

/** What each kind watches in safety terms (三管三必须), shown next to the name in the console. */
export const departmentKindRemit: Record<DepartmentKind, Label> = {
  emergency: {
    zh: "非煤矿山、危险化学品、烟花爆竹、工贸行业；综合监管",
    en: "Mines, hazardous chemicals, fireworks, industry and trade; overall oversight",
  },
  market: { zh: "特种设备、食品生产经营、小商铺", en: "Special equipment, food businesses, small shops" },
  housing: {
    zh: "房屋建筑和市政工程、城镇燃气、物业",
    en: "Building and municipal works, town gas, property management",
  },
  transport: {
    zh: "道路水路运输、公路工程、机动车维修",
    en: "Road and water transport, highway works, vehicle repair",
  },
  fire: {
    zh: "消防安全、人员密集场所、家庭户消防",
    en: "Fire safety, crowded venues, household fire safety",
  },
  commerce: { zh: "商场超市等商贸流通企业", en: "Shopping malls, supermarkets and other trade businesses" },
  culture_tourism: {
    zh: "文化娱乐场所、旅游景区、旅游饭店、体育场所",
    en: "Entertainment venues, scenic areas, tourist hotels, sports venues",
  },
  education: { zh: "学校、幼儿园、校外培训机构", en: "Schools, kindergartens, training centres" },
  health: { zh: "医疗卫生机构", en: "Medical and health institutions" },
  agriculture: { zh: "农业生产、农业机械、渔业", en: "Farming, agricultural machinery, fishery" },
  natural_resources: {
    zh: "地质灾害防治、矿产资源开发秩序",
    en: "Geological hazards, mineral resource order",
  },
  water: { zh: "水利工程、供水", en: "Water works, water supply" },
  public_security: { zh: "旅馆业、民用爆炸物品、道路交通", en: "Hotels, civil explosives, road traffic" },
  industry_it: { zh: "工业行业管理、民爆生产", en: "Industrial sector management, explosives production" },
  forestry: { zh: "林业生产、森林草原防火", en: "Forestry, forest and grassland fire prevention" },
  ecology: {
    zh: "危险废物、辐射安全、环境治理",
    en: "Hazardous waste, radiation safety, environmental works",
  },
  development_reform: {
    zh: "电力、石油天然气管道保护",
    en: "Electric power, oil and gas pipeline protection",
  },
  civil_affairs: {
    zh: "养老机构、社会福利机构、殡葬场所",
    en: "Elderly care, welfare institutions, funeral facilities",
  },
};

/** The lead department of grid supervision unless a locality names another (R8, notice 四(一)). */
export const defaultLeadDepartmentKind: DepartmentKind = "emergency";

export const isDepartmentKind = (v: unknown): v is DepartmentKind =>
  typeof v === "string" && (departmentKinds as readonly string[]).includes(v);

export type DepartmentRole = "lead" | "cooperating";

export const departmentRoleLabel: Record<DepartmentRole, Label> = {
  lead: { zh: "牵头部门", en: "Lead department" },
  cooperating: { zh: "配合部门", en: "Cooperating department" },
};

export interface DefaultDepartment {
  kind: DepartmentKind;
  name: string;
  nameEn: string;
  role: DepartmentRole;
}

/**
 * Departments a county starts with: one per kind, named `<county><kind name>`, the emergency
 * bureau as lead and the others cooperating. `countyNameEn` (e.g. "Yuzhong County") is used for
 * the English names; without it the Chinese county name is used there too.
 */
export function defaultCountyDepartments(
  countyName: string,
  countyNameEn?: string,
  lead: DepartmentKind = defaultLeadDepartmentKind,
): DefaultDepartment[] {
  const zhPrefix = countyName.trim();
  const enPrefix = (countyNameEn ?? countyName).trim();
  return departmentKinds.map((kind) => ({
    kind,
    name: `${zhPrefix}${departmentKindLabel[kind].zh}`,
    nameEn: `${enPrefix} ${departmentKindLabel[kind].en}`.trim(),
    role: kind === lead ? "lead" : "cooperating",
  }));
}
