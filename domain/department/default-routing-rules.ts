/**
 * The routing table a county starts with (R2, "三管三必须"). Codes are GB/T 4754-2017. A locality
 * edits it: a rule with a longer region prefix overrides these everywhere-rules in that region.
 *
 * Choices that differ between localities, and why this default picks what it does:
 * - Gas stations (5265) → emergency: a 加油站 holds a 危险化学品经营许可证 issued by the emergency
 *   management department (危险化学品安全管理条例 第三十三、三十五条); 商务 only regulates the
 *   oil-products market. Localities where 商务 leads on 加油站 add a rule for their region.
 * - Gas filling stations (5266), town gas (4511–4513, 4520) and bottled household fuel (5296) → housing:
 *   they hold a 燃气经营许可证 from the town-gas authority (城镇燃气管理条例).
 * - Hotels: tourist hotels (6110), homestays and campsites → culture & tourism; other hotels (61) →
 *   public security, which licenses 旅馆业 (旅馆业治安管理办法). Their fire safety stays with fire.
 * - Special equipment (boilers, lifts, rides) is an object inside sites, not an industry: it is always
 *   market regulation's, whatever department a site routes to, so it has no rule here.
 * - Households → fire: their hazards are fire, electricity and gas use at home (家庭户消防).
 */
import type { RoutingRule } from "./routing";

type Row = [
  id: string,
  industryPrefix: string | null,
  siteKind: RoutingRule["siteKind"],
  dept: RoutingRule["departmentKind"],
  note: string,
];

const rows: Row[] = [
  // Fallback: the emergency bureau is the comprehensive regulator (综合监管) and default lead department.
  ["default-fallback", null, null, "emergency", "其他对象由应急管理部门综合监管"],
  // Agriculture, forestry
  ["default-A", "A", null, "agriculture", "农林牧渔业由农业农村部门监管"],
  ["default-02", "02", null, "forestry", "林业由林业和草原部门监管"],
  // Mining and hazardous industries (工矿): emergency
  ["default-B", "B", null, "emergency", "矿山由应急管理部门监管"],
  [
    "default-C",
    "C",
    null,
    "emergency",
    "工贸行业（冶金、有色、建材、机械、轻工、纺织、烟草）由应急管理部门监管",
  ],
  ["default-25", "25", null, "emergency", "石油、煤炭及其他燃料加工属危险化学品行业"],
  ["default-26", "26", null, "emergency", "化学原料和化学制品制造属危险化学品行业（含烟花爆竹 2672）"],
  ["default-27", "27", null, "emergency", "医药制造涉及危险化学品"],
  ["default-28", "28", null, "emergency", "化学纤维制造涉及危险化学品"],
  // Food small workshops are registered by market regulation (甘肃省食品小作坊小经营店小摊点管理条例).
  ["default-13-workshop", "13", "small_workshop", "market", "食品小作坊由市场监管部门登记管理"],
  ["default-14-workshop", "14", "small_workshop", "market", "食品小作坊由市场监管部门登记管理"],
  ["default-15-workshop", "15", "small_workshop", "market", "酒、饮料小作坊由市场监管部门登记管理"],
  ["default-small-workshop", null, "small_workshop", "emergency", "其他小作坊按工贸行业由应急管理部门监管"],
  // Energy and utilities
  ["default-44", "44", null, "development_reform", "电力、热力由发展改革（能源）部门监管"],
  ["default-45", "45", null, "housing", "城镇燃气由住房和城乡建设部门（燃气主管部门）监管"],
  ["default-46", "46", null, "water", "供水、污水处理由水务部门监管"],
  // Construction: by the kind of works
  ["default-E", "E", null, "housing", "房屋建筑和市政工程由住房和城乡建设部门监管"],
  ["default-4812", "4812", null, "transport", "公路工程由交通运输部门监管"],
  ["default-4821", "4821", null, "water", "供水设施工程由水务部门监管"],
  ["default-4822", "4822", null, "water", "河湖治理及防洪工程由水务部门监管"],
  // Trade
  ["default-F", "F", null, "commerce", "批发零售（商场超市等）由商务部门监管"],
  ["default-F-small-shop", "F", "small_shop", "market", "零售小商铺由市场监管部门监管"],
  ["default-small-shop", null, "small_shop", "market", "小商铺由市场监管部门监管"],
  ["default-5162", "5162", null, "emergency", "石油及制品批发属危险化学品经营，由应急管理部门许可和监管"],
  ["default-5169", "5169", null, "emergency", "化工产品批发涉及危险化学品经营，由应急管理部门监管"],
  ["default-5265", "5265", null, "emergency", "加油站持危险化学品经营许可证，由应急管理部门监管"],
  ["default-5266", "5266", null, "housing", "加气站持燃气经营许可证，由燃气主管部门监管"],
  ["default-5296", "5296", null, "housing", "瓶装液化气等生活用燃料供应点由燃气主管部门监管"],
  // Transport and storage
  ["default-G", "G", null, "transport", "交通运输由交通运输部门监管"],
  ["default-57", "57", null, "development_reform", "油气管道保护由发展改革（能源）部门监管"],
  ["default-59", "59", null, "emergency", "仓储（含危险品仓储）按工贸行业由应急管理部门监管"],
  ["default-811", "811", null, "transport", "机动车维修由交通运输部门监管"],
  // Accommodation and catering
  ["default-61", "61", null, "public_security", "旅馆业由公安部门特种行业管理"],
  ["default-6110", "6110", null, "culture_tourism", "旅游饭店由文化和旅游部门监管"],
  ["default-6130", "6130", null, "culture_tourism", "民宿由文化和旅游部门监管"],
  ["default-6140", "6140", null, "culture_tourism", "露营地由文化和旅游部门监管"],
  ["default-62", "62", null, "market", "餐饮服务由市场监管部门监管"],
  // Culture, entertainment, sports
  ["default-R", "R", null, "culture_tourism", "文化、体育和娱乐场所由文化和旅游部门监管"],
  [
    "default-small-entertainment",
    null,
    "small_entertainment",
    "culture_tourism",
    "小娱乐场所由文化和旅游部门监管",
  ],
  ["default-786", "786", null, "culture_tourism", "旅游景区由文化和旅游部门监管"],
  // Public services
  ["default-70", "70", null, "housing", "房地产开发和物业管理由住房和城乡建设部门监管"],
  ["default-76", "76", null, "water", "水利管理由水务部门监管"],
  ["default-77", "77", null, "ecology", "生态保护和环境治理由生态环境部门监管"],
  ["default-78", "78", null, "housing", "市政设施、环境卫生和公园由住房和城乡建设部门监管"],
  ["default-79", "79", null, "natural_resources", "土地管理由自然资源部门监管"],
  ["default-P", "P", null, "education", "学校和教育机构由教育部门监管"],
  ["default-84", "84", null, "health", "医疗卫生机构由卫生健康部门监管"],
  ["default-85", "85", null, "civil_affairs", "养老、福利等社会工作机构由民政部门监管"],
  // Households
  ["default-household", null, "household", "fire", "家庭户以消防安全为主，由消防救援机构指导监管"],
];

export const defaultRoutingRules: readonly RoutingRule[] = rows.map(
  ([id, industryPrefix, siteKind, departmentKind, note]) => ({
    id,
    regionPrefix: "",
    industryPrefix,
    siteKind,
    departmentKind,
    priority: 0,
    note,
  }),
);
