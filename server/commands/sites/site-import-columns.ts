import { siteInputFields } from "../../../domain/schemas/site-schemas";
import { type SiteKind, siteKindLabel, siteKinds } from "../../../domain/site/site-kinds";

/** The fields an import row can fill, in template order (the same as the site form). */
export const importFields = siteInputFields;
export type ImportField = (typeof importFields)[number];

/** Template headers (first) and the other spellings users' own sheets use. `*` marks required columns. */
export const headerAliases: Record<ImportField, string[]> = {
  name: [
    "名称*",
    "名称",
    "单位名称",
    "企业名称",
    "场所名称",
    "对象名称",
    "监管对象名称",
    "企业（单位）名称",
    "单位全称",
    "经营主体名称",
    "商户名称",
    "店名",
  ],
  kind: ["类型*", "类型", "对象类型", "场所类型", "监管对象类型", "单位类型", "主体类型"],
  uscc: ["统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "统一社会信用代码（注册号）"],
  industryCode: [
    "行业代码",
    "国民经济行业代码",
    "行业分类代码",
    "行业",
    "行业类别",
    "所属行业",
    "行业类型",
    "行业名称",
    "行业分类",
    "经营范围类别",
  ],
  scale: ["规模", "企业规模"],
  ownership: ["隶属关系", "所有制", "企业性质"],
  riskLevel: ["风险等级", "安全风险等级", "风险分级"],
  regionCode: ["行政区划代码", "区划代码", "所属村社区代码", "所属区划"],
  address: ["地址", "详细地址", "经营地址", "生产经营地址", "经营场所", "单位地址", "住所", "注册地址"],
  lon: ["经度", "东经", "lon", "lng", "longitude", "经度坐标"],
  lat: ["纬度", "北纬", "lat", "latitude", "纬度坐标"],
  contactName: ["联系人", "负责人", "安全负责人", "安全管理人员"],
  contactPhone: ["联系电话", "电话", "手机", "联系方式", "电话号码", "手机号", "联系人电话"],
  legalRepresentative: ["法定代表人", "法人代表", "法人", "法定代表人（负责人）", "经营者"],
  status: ["状态", "经营状态"],
};

export const templateHeaders = importFields.map((f) => headerAliases[f][0]);
export const requiredFields: ImportField[] = ["name", "kind"];

export const normHeader = (h: string) =>
  h
    .normalize("NFKC")
    .replace(/[\s*＊（）()]/g, "")
    .toLowerCase();
const norm = normHeader;
const aliasToField = new Map<string, ImportField>();
for (const f of importFields) for (const a of headerAliases[f]) aliasToField.set(norm(a), f);

/** A user's mapping: header text (as in the file) → field, or "" for a column to ignore. */
export type ColumnMapping = Record<string, ImportField | "">;

/** The field a header means: the user's mapping first, then the synonym table. */
export function fieldOfHeader(cell: string, mapping: ColumnMapping = {}): ImportField | "" | null {
  const mapped = Object.entries(mapping).find(([h]) => norm(h) === norm(cell));
  if (mapped) return mapped[1];
  return aliasToField.get(norm(cell)) ?? null;
}

/** Maps header cells to fields: column index per field, the unknown headers, and fields given twice. */
export function mapHeader(cells: (string | null)[], mapping: ColumnMapping = {}) {
  const columns = new Map<ImportField, number>();
  const unknown: string[] = [];
  const twice: string[] = [];
  cells.forEach((cell, i) => {
    if (cell === null || String(cell).trim() === "") return;
    const f = fieldOfHeader(String(cell), mapping);
    if (f === "") return;
    if (!f) unknown.push(String(cell));
    else if (columns.has(f)) twice.push(String(cell));
    else columns.set(f, i);
  });
  return { columns, unknown, twice };
}

/** True when a row looks like the header: a name column and at least one other known column. */
export const isHeaderRow = (cells: (string | null)[], mapping: ColumnMapping = {}) => {
  const m = mapHeader(cells, mapping);
  return m.columns.has("name") && m.columns.size >= 2;
};

/** How many cells of a row are known headers (a second header row below the first is refused). */
export const headerScore = (cells: (string | null)[], mapping: ColumnMapping = {}) =>
  mapHeader(cells, mapping).columns.size;

const byLabel = (pairs: [string, string[]][]) => {
  const m = new Map<string, string>();
  for (const [value, labels] of pairs) for (const l of [value, ...labels]) m.set(norm(l), value);
  return (v: string) => m.get(norm(v)) ?? null;
};

export const parseKind = byLabel(
  siteKinds.map((k: SiteKind) => [
    k,
    [
      siteKindLabel[k].zh,
      ...(k === "small_entertainment" ? ["小娱乐场所", "娱乐场所"] : []),
      ...(k === "household" ? ["家庭", "住户"] : []),
    ],
  ]),
);
export const parseScale = byLabel([
  ["large", ["大型", "大"]],
  ["medium", ["中型", "中"]],
  ["small", ["小型", "小"]],
  ["micro", ["微型", "微"]],
]);
export const parseOwnership = byLabel([
  ["central_soe", ["中央在甘企业", "中央企业", "央企", "中央"]],
  ["provincial_soe", ["省属国有企业", "省属企业", "省属", "省管企业"]],
  ["municipal_soe", ["市属国有企业", "市属企业", "市属", "市管企业"]],
  ["other", ["其他", "民营", "私营", "个体", "集体", "县属", "外资", "无"]],
]);
export const parseRisk = byLabel([
  ["red", ["重大风险", "红", "红色"]],
  ["orange", ["较大风险", "橙", "橙色"]],
  ["yellow", ["一般风险", "黄", "黄色"]],
  ["blue", ["低风险", "蓝", "蓝色"]],
]);
export const parseStatus = byLabel([
  ["operating", ["在营", "营业", "正常", "在业", "存续", "开业"]],
  ["suspended", ["停产停业", "停产", "停业", "歇业"]],
  ["closed", ["已关闭", "关闭", "注销", "吊销"]],
]);

/** Chinese header of a field, for row errors (`column`). */
export const columnName = (f: ImportField | "coordinates") =>
  f === "coordinates" ? "经度/纬度" : headerAliases[f][0].replace("*", "");
