/** Seeded random numbers and plausible Chinese names for the demo (deterministic: the same demo every time). */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  /** Picks a key by weight: `weighted({ a: 3, b: 1 })` returns "a" three times as often. */
  const weighted = <K extends string>(w: Record<K, number>): K => {
    const entries = Object.entries(w) as [K, number][];
    let r = next() * entries.reduce((s, [, v]) => s + v, 0);
    for (const [k, v] of entries) {
      r -= v;
      if (r < 0) return k;
    }
    return entries[entries.length - 1][0];
  };
  return { next, pick, weighted };
}
export type Rng = ReturnType<typeof seeded>;

const surnames =
  "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const given =
  "建国 志强 海燕 秀英 桂兰 永红 玉梅 文军 小军 国华 晓东 丽娟 明 伟 芳 军 敏 静 磊 洋 勇 艳 杰 娟 涛 超 霞 平 刚 桂芳 春梅 振华 德胜 学文 兴旺 福 红霞 淑珍 国庆 建军 宏伟 瑞 鹏 浩 欣 婷 雪 晨 宇 佳".split(
    " ",
  );

export const personName = (r: Rng) => `${r.pick([...surnames])}${r.pick(given)}`;
export const mobile = (r: Rng) =>
  `1${r.pick(["38", "39", "51", "52", "58", "59", "77", "80", "81", "86", "87", "89", "93"])}${String(Math.floor(r.next() * 1e8)).padStart(8, "0")}`;

const brands =
  "金鑫 兴隆 鑫源 宏达 恒通 华盛 祥瑞 丰泰 永安 正泰 长城 陇原 金城 瑞丰 天成 福源 昌盛 德润 泰和 万通 荣达 富民 聚鑫 安泰".split(
    " ",
  );
const lines: Record<string, string[]> = {
  "3011": ["水泥", "建材"],
  "3021": ["水泥制品", "预制构件"],
  "3031": ["砖瓦", "建材"],
  "2614": ["化工", "精细化工"],
  "1311": ["面粉", "粮油"],
  "1391": ["淀粉", "农副产品"],
  "2029": ["木业", "家具"],
  "3311": ["钢结构", "金属制品"],
  "4812": ["路桥", "公路工程"],
  "5162": ["石化", "油品"],
  "5435": ["危货运输", "物流"],
  "5941": ["油气储运", "仓储"],
  "6110": ["大酒店", "宾馆"],
  "4411": ["热电", "电力"],
  "1713": ["纺织", "毛纺"],
};
export const enterpriseIndustries = Object.keys(lines);
const suffix = ["有限公司", "有限责任公司", "股份有限公司", "厂"];
export function enterpriseName(r: Rng, county: string, industry: string) {
  return `${county}${r.pick(brands)}${r.pick(lines[industry] ?? ["实业"])}${r.pick(suffix)}`;
}

const shopKinds: Record<string, string[]> = {
  "5211": ["百货商店", "日杂店"],
  "5212": ["超市", "便民超市"],
  "5213": ["便利店", "小卖部"],
  "6291": ["牛肉面馆", "小吃店", "浆水面馆"],
  "6220": ["快餐店", "饺子馆"],
  "5221": ["粮油店"],
  "5231": ["五金店"],
};
export const shopIndustries = Object.keys(shopKinds);
export const shopName = (r: Rng, place: string, industry: string) =>
  `${place}${r.pick([...surnames])}记${r.pick(shopKinds[industry])}`;

const workshopKinds: Record<string, string[]> = {
  "1431": ["挂面坊", "馒头加工坊"],
  "1451": ["豆腐坊"],
  "2029": ["木器加工坊"],
  "3311": ["铁艺加工部", "门窗加工部"],
  "2672": ["鞭炮作坊"],
  "1391": ["粉条加工坊"],
};
export const workshopIndustries = Object.keys(workshopKinds);
export const workshopName = (r: Rng, place: string, industry: string) =>
  `${place}${r.pick([...surnames])}家${r.pick(workshopKinds[industry])}`;

const venues: Record<string, string[]> = {
  "9011": ["KTV", "歌舞厅"],
  "9012": ["电玩城"],
  "9013": ["网吧", "网咖"],
};
export const venueIndustries = Object.keys(venues);
export const venueName = (r: Rng, place: string, industry: string) =>
  `${place}${r.pick(["星空", "金色年华", "欢乐", "青春", "极速", "好声音"])}${r.pick(venues[industry])}`;

/** "兴隆山村委会" -> "兴隆山村", "兴隆路社区居委会" -> "兴隆路社区". */
export const shortVillage = (name: string) =>
  name.replace(/(村民委员会|村委会|居民委员会|居委会)$/, (m) => (m.startsWith("村") ? "村" : ""));
