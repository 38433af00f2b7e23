import type { ChecklistTemplate } from "./checklist-types";

const item = (id: string, text: string, requirePhoto = false) => ({ id, text, requirePhoto });

/**
 * The default checklists every county starts from (version 1 of each id), drawn from notice 四(五) — grid
 * workers check enterprises, the "three smalls" and households for illegal production — and the common items
 * of 安全检查表: exits and evacuation routes, extinguishers, gas cylinders and gas use, electrical wiring,
 * hazardous chemicals, 三合一 (living where one works, sells or stores), licences. A county edits one of
 * these by saving a new version under the same id; its other counties keep the default.
 */
export const defaultChecklists: readonly ChecklistTemplate[] = [
  {
    id: "default-enterprise",
    version: 1,
    title: "企业安全生产检查表",
    siteKinds: ["enterprise"],
    industries: [],
    items: [
      item("licence", "营业执照、安全生产许可证等证照齐全且在有效期内"),
      item("responsibility", "建立全员安全生产责任制，主要负责人、安全管理人员经培训合格"),
      item("exits", "安全出口、疏散通道畅通，未锁闭、堵塞或占用", true),
      item("emergency_lighting", "应急照明、疏散指示标志完好有效"),
      item("extinguishers", "灭火器等消防器材配备充足、在有效期内、放置位置明显", true),
      item("wiring", "电气线路规范敷设，无私拉乱接、老化破损", true),
      item("chemicals", "危险化学品专库（专柜）储存，分类存放，标识清楚，账物相符", true),
      item("gas", "燃气设施（钢瓶、管道、阀门）完好无泄漏，使用场所通风良好"),
      item("special_equipment", "特种设备定期检验，作业人员持证上岗"),
      item("three_in_one", "生产、储存场所与员工宿舍未设在同一建筑内（无“三合一”）", true),
      item("hazard_register", "建立隐患排查治理台账，发现的隐患已按期整改"),
      item("training", "从业人员经安全教育培训，了解本岗位风险和应急措施"),
      item("emergency_plan", "制定生产安全事故应急预案并定期演练"),
    ],
  },
  {
    id: "default-small-venue",
    version: 1,
    title: "“九小场所”安全检查表",
    siteKinds: ["small_shop", "small_workshop", "small_entertainment"],
    industries: [],
    items: [
      item("licence", "营业执照等证照齐全"),
      item("exits", "安全出口、疏散通道畅通，门窗未设影响逃生的铁栅栏、广告牌", true),
      item("extinguishers", "按规定配备灭火器且在有效期内", true),
      item("three_in_one", "住宿与生产、经营、储存场所未混合设置（无“三合一”）", true),
      item("wiring", "无私拉乱接电线、超负荷用电，电动车未在室内或通道停放、充电", true),
      item("gas_cylinder", "液化石油气钢瓶有检验标识、数量不超规定，未在地下室或密闭空间使用", true),
      item("flammables", "未违规存放汽油、酒精、烟花爆竹等易燃易爆物品"),
      item("fire_use", "禁止吸烟，动火作业有审批和看护措施"),
      item("staff_skills", "从业人员会报警、会使用灭火器、会组织疏散（“一懂三会”）"),
    ],
  },
  {
    id: "default-catering-gas",
    version: 1,
    title: "餐饮场所燃气安全检查表",
    siteKinds: ["enterprise", "small_shop"],
    industries: ["62"],
    items: [
      item("gas_alarm", "安装可燃气体泄漏报警装置并能正常使用", true),
      item("cylinder_storage", "液化石油气钢瓶单独存放，不超过规定数量，远离火源和热源", true),
      item("hose", "燃气软管长度不超过2米、未老化龟裂、未穿墙穿门", true),
      item("valve", "灶具熄火保护装置、自闭阀完好"),
      item("flue", "烟道定期清洗，无油垢堆积"),
      item("extinguishers", "后厨配备灭火器、灭火毯", true),
    ],
  },
  {
    id: "default-household",
    version: 1,
    title: "家庭户安全检查表",
    siteKinds: ["household"],
    industries: [],
    items: [
      item("gas_appliance", "燃气灶具、软管、阀门完好，软管未老化"),
      item("cylinder", "液化气钢瓶直立放置、远离火源，不使用过期钢瓶"),
      item("wiring", "家用电线无老化破损、无私拉乱接，不超负荷使用大功率电器"),
      item("ebike", "电动自行车未在楼道、室内停放或充电", true),
      item("stove", "取暖炉具安装烟囱、通风良好（防一氧化碳中毒）"),
      item("extinguisher", "家中配备灭火器或灭火毯"),
      item("escape", "了解逃生路线，防盗窗留有逃生出口"),
      item("three_in_one", "住所未同时用于生产、经营、储存（无“三合一”）", true),
    ],
  },
];

export const isDefaultChecklistId = (id: string) => defaultChecklists.some((c) => c.id === id);
