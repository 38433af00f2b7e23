/**
 * GB/T 4754-2017 国民经济行业分类 (Industrial classification for national economic activities).
 * Four levels: section 门类 (letter A–T), division 大类 (2 digits, 01–97), group 中类 (3), class 小类 (4).
 * All 20 sections and 97 divisions are listed; of the ~1,380 classes only the ones SafeGrid names in
 * rules or demo data are (`namedIndustryCodes`). A 3- or 4-digit code is accepted when its division exists.
 */
type Label = { zh: string; en: string };

// biome-ignore format: one section per line
export const industrySections = {
  A: { zh: "农、林、牧、渔业", en: "Agriculture, forestry, animal husbandry and fishery" },
  B: { zh: "采矿业", en: "Mining" },
  C: { zh: "制造业", en: "Manufacturing" },
  D: { zh: "电力、热力、燃气及水生产和供应业", en: "Production and supply of electricity, heat, gas and water" },
  E: { zh: "建筑业", en: "Construction" },
  F: { zh: "批发和零售业", en: "Wholesale and retail trade" },
  G: { zh: "交通运输、仓储和邮政业", en: "Transport, storage and postal services" },
  H: { zh: "住宿和餐饮业", en: "Accommodation and catering" },
  I: { zh: "信息传输、软件和信息技术服务业", en: "Information transmission, software and IT services" },
  J: { zh: "金融业", en: "Finance" },
  K: { zh: "房地产业", en: "Real estate" },
  L: { zh: "租赁和商务服务业", en: "Leasing and business services" },
  M: { zh: "科学研究和技术服务业", en: "Scientific research and technical services" },
  N: { zh: "水利、环境和公共设施管理业", en: "Water conservancy, environment and public facilities management" },
  O: { zh: "居民服务、修理和其他服务业", en: "Residential services, repair and other services" },
  P: { zh: "教育", en: "Education" },
  Q: { zh: "卫生和社会工作", en: "Health and social work" },
  R: { zh: "文化、体育和娱乐业", en: "Culture, sports and entertainment" },
  S: { zh: "公共管理、社会保障和社会组织", en: "Public administration, social security and social organisations" },
  T: { zh: "国际组织", en: "International organisations" },
} as const satisfies Record<string, Label>;
export type IndustrySection = keyof typeof industrySections;
export const industrySectionLetters = Object.keys(industrySections) as IndustrySection[];

/** [division code, section, Chinese name, English name] for all 97 divisions (大类). */
// biome-ignore format: one division per line
const divisionRows: [string, IndustrySection, string, string][] = [
  ["01", "A", "农业", "Agriculture"],
  ["02", "A", "林业", "Forestry"],
  ["03", "A", "畜牧业", "Animal husbandry"],
  ["04", "A", "渔业", "Fishery"],
  ["05", "A", "农、林、牧、渔专业及辅助性活动", "Support activities for agriculture, forestry, husbandry and fishery"],
  ["06", "B", "煤炭开采和洗选业", "Mining and washing of coal"],
  ["07", "B", "石油和天然气开采业", "Extraction of petroleum and natural gas"],
  ["08", "B", "黑色金属矿采选业", "Mining and processing of ferrous metal ores"],
  ["09", "B", "有色金属矿采选业", "Mining and processing of non-ferrous metal ores"],
  ["10", "B", "非金属矿采选业", "Mining and processing of non-metallic minerals"],
  ["11", "B", "开采专业及辅助性活动", "Professional and support activities for mining"],
  ["12", "B", "其他采矿业", "Other mining"],
  ["13", "C", "农副食品加工业", "Processing of agricultural food products"],
  ["14", "C", "食品制造业", "Manufacture of food"],
  ["15", "C", "酒、饮料和精制茶制造业", "Manufacture of liquor, beverages and refined tea"],
  ["16", "C", "烟草制品业", "Manufacture of tobacco products"],
  ["17", "C", "纺织业", "Manufacture of textiles"],
  ["18", "C", "纺织服装、服饰业", "Manufacture of garments and apparel"],
  ["19", "C", "皮革、毛皮、羽毛及其制品和制鞋业", "Manufacture of leather, fur, feather products and footwear"],
  ["20", "C", "木材加工和木、竹、藤、棕、草制品业", "Wood processing; products of wood, bamboo, rattan, palm and straw"],
  ["21", "C", "家具制造业", "Manufacture of furniture"],
  ["22", "C", "造纸和纸制品业", "Manufacture of paper and paper products"],
  ["23", "C", "印刷和记录媒介复制业", "Printing and reproduction of recorded media"],
  ["24", "C", "文教、工美、体育和娱乐用品制造业", "Manufacture of articles for culture, crafts, sports and leisure"],
  ["25", "C", "石油、煤炭及其他燃料加工业", "Processing of petroleum, coal and other fuels"],
  ["26", "C", "化学原料和化学制品制造业", "Manufacture of chemical raw materials and chemical products"],
  ["27", "C", "医药制造业", "Manufacture of medicines"],
  ["28", "C", "化学纤维制造业", "Manufacture of chemical fibres"],
  ["29", "C", "橡胶和塑料制品业", "Manufacture of rubber and plastic products"],
  ["30", "C", "非金属矿物制品业", "Manufacture of non-metallic mineral products"],
  ["31", "C", "黑色金属冶炼和压延加工业", "Smelting and pressing of ferrous metals"],
  ["32", "C", "有色金属冶炼和压延加工业", "Smelting and pressing of non-ferrous metals"],
  ["33", "C", "金属制品业", "Manufacture of metal products"],
  ["34", "C", "通用设备制造业", "Manufacture of general-purpose machinery"],
  ["35", "C", "专用设备制造业", "Manufacture of special-purpose machinery"],
  ["36", "C", "汽车制造业", "Manufacture of motor vehicles"],
  ["37", "C", "铁路、船舶、航空航天和其他运输设备制造业", "Manufacture of railway, ship, aerospace and other transport equipment"],
  ["38", "C", "电气机械和器材制造业", "Manufacture of electrical machinery and equipment"],
  ["39", "C", "计算机、通信和其他电子设备制造业", "Manufacture of computers, communication and other electronic equipment"],
  ["40", "C", "仪器仪表制造业", "Manufacture of instruments and meters"],
  ["41", "C", "其他制造业", "Other manufacturing"],
  ["42", "C", "废弃资源综合利用业", "Utilisation of waste resources"],
  ["43", "C", "金属制品、机械和设备修理业", "Repair of metal products, machinery and equipment"],
  ["44", "D", "电力、热力生产和供应业", "Production and supply of electricity and heat"],
  ["45", "D", "燃气生产和供应业", "Production and supply of gas"],
  ["46", "D", "水的生产和供应业", "Production and supply of water"],
  ["47", "E", "房屋建筑业", "Building construction"],
  ["48", "E", "土木工程建筑业", "Civil engineering"],
  ["49", "E", "建筑安装业", "Construction installation"],
  ["50", "E", "建筑装饰、装修和其他建筑业", "Building decoration, renovation and other construction"],
  ["51", "F", "批发业", "Wholesale"],
  ["52", "F", "零售业", "Retail"],
  ["53", "G", "铁路运输业", "Railway transport"],
  ["54", "G", "道路运输业", "Road transport"],
  ["55", "G", "水上运输业", "Water transport"],
  ["56", "G", "航空运输业", "Air transport"],
  ["57", "G", "管道运输业", "Pipeline transport"],
  ["58", "G", "多式联运和运输代理业", "Multimodal transport and transport agency"],
  ["59", "G", "装卸搬运和仓储业", "Loading, unloading and warehousing"],
  ["60", "G", "邮政业", "Postal services"],
  ["61", "H", "住宿业", "Accommodation"],
  ["62", "H", "餐饮业", "Catering"],
  ["63", "I", "电信、广播电视和卫星传输服务", "Telecommunications, broadcasting and satellite transmission"],
  ["64", "I", "互联网和相关服务", "Internet and related services"],
  ["65", "I", "软件和信息技术服务业", "Software and information technology services"],
  ["66", "J", "货币金融服务", "Monetary financial services"],
  ["67", "J", "资本市场服务", "Capital market services"],
  ["68", "J", "保险业", "Insurance"],
  ["69", "J", "其他金融业", "Other financial services"],
  ["70", "K", "房地产业", "Real estate"],
  ["71", "L", "租赁业", "Leasing"],
  ["72", "L", "商务服务业", "Business services"],
  ["73", "M", "研究和试验发展", "Research and experimental development"],
  ["74", "M", "专业技术服务业", "Professional technical services"],
  ["75", "M", "科技推广和应用服务业", "Technology promotion and application services"],
  ["76", "N", "水利管理业", "Water conservancy management"],
  ["77", "N", "生态保护和环境治理业", "Ecological protection and environmental governance"],
  ["78", "N", "公共设施管理业", "Public facilities management"],
  ["79", "N", "土地管理业", "Land management"],
  ["80", "O", "居民服务业", "Residential services"],
  ["81", "O", "机动车、电子产品和日用产品修理业", "Repair of motor vehicles, electronics and household goods"],
  ["82", "O", "其他服务业", "Other services"],
  ["83", "P", "教育", "Education"],
  ["84", "Q", "卫生", "Health"],
  ["85", "Q", "社会工作", "Social work"],
  ["86", "R", "新闻和出版业", "News and publishing"],
  ["87", "R", "广播、电视、电影和录音制作业", "Radio, television, film and sound recording"],
  ["88", "R", "文化艺术业", "Culture and arts"],
  ["89", "R", "体育", "Sports"],
  ["90", "R", "娱乐业", "Entertainment"],
  ["91", "S", "中国共产党机关", "Organs of the Communist Party of China"],
  ["92", "S", "国家机构", "State organs"],
  ["93", "S", "人民政协、民主党派", "CPPCC and democratic parties"],
  ["94", "S", "社会保障", "Social security"],
  ["95", "S", "群众团体、社会团体和其他成员组织", "Mass organisations, social organisations and other membership bodies"],
  ["96", "S", "基层群众自治组织及其他组织", "Grassroots self-governing organisations and others"],
  ["97", "T", "国际组织", "International organisations"],
];

export type IndustryDivision = { code: string; section: IndustrySection } & Label;

export const industryDivisions: readonly IndustryDivision[] = divisionRows.map(([code, section, zh, en]) => ({
  code,
  section,
  zh,
  en,
}));
const divisionByCode = new Map(industryDivisions.map((d) => [d.code, d]));

/** Groups (中类) and classes (小类) SafeGrid names in routing rules, direct supervision or demo data. */
// biome-ignore format: one code per line
export const namedIndustryCodes: Readonly<Record<string, Label>> = {
  "526": { zh: "汽车、摩托车、零配件和燃料及其他动力销售", en: "Sale of motor vehicles, parts, fuel and other power" },
  "786": { zh: "游览景区管理", en: "Management of scenic areas" },
  "811": { zh: "汽车、摩托车等修理与维护", en: "Repair and maintenance of motor vehicles" },
  "262": { zh: "肥料制造", en: "Manufacture of fertilisers" },
  "804": { zh: "理发及美容服务", en: "Hairdressing and beauty services" },
  "841": { zh: "医院", en: "Hospitals" },
  "893": { zh: "健身休闲活动", en: "Fitness and leisure activities" },
  "1351": { zh: "牲畜屠宰", en: "Slaughter of livestock" },
  "3031": { zh: "黏土砖瓦及建筑砌块制造", en: "Manufacture of clay bricks, tiles and building blocks" },
  "5191": { zh: "再生物资回收与批发", en: "Recycling and wholesale of renewable materials" },
  "5199": { zh: "其他未列明批发业", en: "Other wholesale n.e.c." },
  "5231": { zh: "五金零售", en: "Hardware retail" },
  "5251": { zh: "西药零售", en: "Retail of western medicines (pharmacies)" },
  "5299": { zh: "其他未列明零售业", en: "Other retail n.e.c." },
  "6020": { zh: "快递服务", en: "Express delivery services" },
  "6231": { zh: "茶馆服务", en: "Tea houses" },
  "6232": { zh: "咖啡馆服务", en: "Cafés" },
  "6233": { zh: "酒吧服务", en: "Bars" },
  "6239": { zh: "其他饮料及冷饮服务", en: "Other beverage and cold-drink services" },
  "8051": { zh: "洗浴服务", en: "Bathing services" },
  "8052": { zh: "足浴服务", en: "Foot-bath services" },
  "8310": { zh: "学前教育", en: "Pre-primary education" },
  "8423": { zh: "乡镇卫生院", en: "Township health centres" },
  "8424": { zh: "村卫生室", en: "Village clinics" },
  "8425": { zh: "门诊部（所）", en: "Outpatient clinics" },
  "8514": { zh: "老年人、残疾人养护服务", en: "Care for the elderly and disabled" },
  "8760": { zh: "电影放映", en: "Film projection" },
  "9019": { zh: "其他室内娱乐活动", en: "Other indoor entertainment" },
  "2511": { zh: "原油加工及石油制品制造", en: "Crude oil processing and petroleum products" },
  "2614": { zh: "有机化学原料制造", en: "Manufacture of organic chemical raw materials" },
  "2671": { zh: "炸药及火工产品制造", en: "Manufacture of explosives and initiating devices" },
  "2672": { zh: "焰火、鞭炮产品制造", en: "Manufacture of fireworks and firecrackers" },
  "3011": { zh: "水泥制造", en: "Manufacture of cement" },
  "4411": { zh: "火力发电", en: "Thermal power generation" },
  "4412": { zh: "热电联产", en: "Combined heat and power" },
  "4430": { zh: "热力生产和供应", en: "Production and supply of heat" },
  "4511": { zh: "天然气生产和供应业", en: "Production and supply of natural gas" },
  "4512": { zh: "液化石油气生产和供应业", en: "Production and supply of LPG" },
  "4513": { zh: "煤气生产和供应业", en: "Production and supply of coal gas" },
  "4520": { zh: "生物质燃气生产和供应业", en: "Production and supply of biomass gas" },
  "4610": { zh: "自来水生产和供应", en: "Production and supply of tap water" },
  "4812": { zh: "公路工程建筑", en: "Highway construction" },
  "4821": { zh: "水源及供水设施工程建筑", en: "Construction of water sources and supply facilities" },
  "4822": { zh: "河湖治理及防洪设施工程建筑", en: "River training and flood-control construction" },
  "5162": { zh: "石油及制品批发", en: "Wholesale of petroleum and its products" },
  "5169": { zh: "其他化工产品批发", en: "Wholesale of other chemical products" },
  "5211": { zh: "百货零售", en: "Department-store retail" },
  "5212": { zh: "超级市场零售", en: "Supermarket retail" },
  "5213": { zh: "便利店零售", en: "Convenience-store retail" },
  "5265": { zh: "机动车燃油零售", en: "Motor fuel retail (gas station)" },
  "5266": { zh: "机动车燃气零售", en: "Motor vehicle gas retail (gas filling station)" },
  "5267": { zh: "机动车充电销售", en: "Electric vehicle charging" },
  "5292": { zh: "互联网零售", en: "Internet retail" },
  "5296": { zh: "生活用燃料零售", en: "Retail of household fuel" },
  "5435": { zh: "危险货物道路运输", en: "Road transport of dangerous goods" },
  "5441": { zh: "客运汽车站", en: "Bus passenger station" },
  "5941": { zh: "油气仓储", en: "Oil and gas storage" },
  "5942": { zh: "危险化学品仓储", en: "Hazardous chemicals storage" },
  "6110": { zh: "旅游饭店", en: "Tourist hotels" },
  "6121": { zh: "经济型连锁酒店", en: "Budget chain hotels" },
  "6129": { zh: "其他一般旅馆", en: "Other ordinary hotels" },
  "6130": { zh: "民宿服务", en: "Homestays" },
  "6140": { zh: "露营地服务", en: "Campsites" },
  "6210": { zh: "正餐服务", en: "Full-service restaurants" },
  "6220": { zh: "快餐服务", en: "Fast-food services" },
  "6291": { zh: "小吃服务", en: "Snack services" },
  "8111": { zh: "汽车修理与维护", en: "Repair and maintenance of cars" },
  "9011": { zh: "歌舞厅娱乐活动", en: "Karaoke and dance halls" },
  "9012": { zh: "电子游艺厅娱乐活动", en: "Video game arcades" },
  "9013": { zh: "网吧活动", en: "Internet cafés" },
  "9020": { zh: "游乐园", en: "Amusement parks" },
};

/** Named codes used across the product. */
export const industryCodes = {
  gasStation: "5265",
  gasFillingStation: "5266",
  crudeOilProcessing: "2511",
  thermalPower: "4411",
  naturalGasSupply: "4511",
  lpgSupply: "4512",
  restaurant: "6210",
  departmentStore: "5211",
  supermarket: "5212",
  touristHotel: "6110",
  karaoke: "9011",
  internetCafe: "9013",
} as const;

const digitsPattern = /^(\d{2})(\d{1,2})?$/;
/** Divisions whose only group carries the digit 0 (910/9100, 970/9700). Elsewhere groups are 1–9. */
const zeroGroupDivisions = new Set(["91", "97"]);

/**
 * True for a section letter (A–T) or a 2/3/4-digit code whose division exists. A group digit of 0
 * ("5200", "520") is rejected: the standard numbers groups 1–9, except in divisions 91 and 97.
 */
export function isIndustryCode(code: string): boolean {
  if (/^[A-T]$/.test(code)) return true;
  const m = digitsPattern.exec(code);
  if (!m || !divisionByCode.has(m[1])) return false;
  if (m[2] && m[2][0] === "0" && !zeroGroupDivisions.has(m[1])) return false;
  return true;
}

/** The division (大类) of a 2/3/4-digit code, or null for a letter or an invalid code. */
export function industryDivision(code: string): IndustryDivision | null {
  if (!isIndustryCode(code) || code.length < 2) return null;
  return divisionByCode.get(code.slice(0, 2)) ?? null;
}

/** The section letter (门类) of any valid code, or null. */
export function industrySection(code: string): IndustrySection | null {
  if (!isIndustryCode(code)) return null;
  if (code.length === 1) return code as IndustrySection;
  return industryDivision(code)?.section ?? null;
}

/**
 * The industry a case is counted under on the dashboards (hazards by industry, issue 13.2): the section
 * (门类, A–T) of its site's GB/T 4754 code — twenty values a chart can show and every code has, whatever
 * level the register recorded — or "" when the case has no site or the site no valid code (未登记行业).
 */
export const caseIndustryOf = (code: string | null | undefined): string =>
  code ? (industrySection(code) ?? "") : "";

/**
 * The name of the most specific level SafeGrid knows: the group or class when listed in `namedIndustryCodes`,
 * otherwise the division (for 3/4-digit codes) or the section. Null for an invalid code.
 */
export function industryLabel(code: string): Label | null {
  if (!isIndustryCode(code)) return null;
  if (code.length === 1) return industrySections[code as IndustrySection];
  const known = namedIndustryCodes[code];
  if (known) return known;
  const d = industryDivision(code)!;
  return { zh: d.zh, en: d.en };
}
