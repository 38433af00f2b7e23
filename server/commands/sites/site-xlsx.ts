import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { iterateSites } from "../../../db/queries/site-queries";
import type { Actor } from "../../../domain/auth/actor";
import { maskName, maskPhone, sitePolicy } from "../../../domain/policies/site-policy";
import type { SiteFilter } from "../../../domain/schemas/site-schemas";
import { industryLabel } from "../../../domain/site/industry";
import {
  type Ownership,
  ownershipLabel,
  type RiskLevel,
  riskLevelLabel,
  type SiteKind,
  type SiteScale,
  type SiteStatus,
  siteKindLabel,
  siteScaleLabel,
  siteStatusLabel,
} from "../../../domain/site/site-kinds";
import type { Deps } from "../../deps";
import { watermarkFont, watermarkSheetOptions } from "../exports/export-watermark";
import { templateHeaders } from "./site-import-columns";

const notes: Record<string, string> = {
  "类型*": "企业 / 小商铺 / 小作坊 / 小娱乐场所 / 家庭户 / 其他",
  统一社会信用代码: "18 位，企业必填；按 GB 32100-2015 校验，字母须大写",
  行业代码: "GB/T 4754-2017 国民经济行业分类代码，2~4 位数字，如 5265（机动车燃油零售）",
  规模: "大型 / 中型 / 小型 / 微型",
  隶属关系: "中央在甘企业 / 省属国有企业 / 市属国有企业 / 其他",
  风险等级: "重大风险（红）/ 较大风险（橙）/ 一般风险（黄）/ 低风险（蓝）",
  行政区划代码: "所在村/社区（12 位）或乡镇（9 位）代码；不填时按坐标所在网格确定",
  经度: "导入时选择坐标系（WGS84 / GCJ-02 / BD-09），系统统一转换为 WGS84",
  状态: "在营 / 停产停业 / 已关闭",
};

/** The import template: one sheet, Chinese headers with notes, one example row. */
export async function siteTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("监督管理对象");
  ws.addRow(templateHeaders);
  ws.addRow([
    "榆中县兴隆建材有限公司",
    "企业",
    "91350100M000100Y43",
    "3011",
    "小型",
    "其他",
    "一般风险",
    "620123100001",
    "榆中县城关镇兴隆路 18 号",
    104.115,
    35.846,
    "张建国",
    "13812345678",
    "在营",
  ]);
  ws.getRow(1).font = { bold: true };
  templateHeaders.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.max(12, h.length * 3);
    if (notes[h]) ws.getCell(1, i + 1).note = notes[h];
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const label = <K extends string>(table: Record<K, { zh: string }>, v: string | null) =>
  v ? (table[v as K]?.zh ?? v) : "";

/**
 * The filtered list as .xlsx, written row by row (exceljs WorkbookWriter) into `out` (the recorded export's
 * hashed temporary file). Contacts are masked exactly as on screen. The first row is the watermark (the
 * import reader skips rows above the header, so the file can be imported back).
 */
export async function exportSites(
  deps: Deps,
  actor: Actor,
  filter: SiteFilter,
  watermark: string,
  out: Writable,
): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet("监督管理对象", watermarkSheetOptions(watermark));
  const mark = ws.addRow([watermark]);
  mark.getCell(1).font = watermarkFont;
  mark.commit();
  let rows = 0;
  ws.addRow([
    ...templateHeaders.map((h) => h.replace("*", "")),
    "所属网格编码",
    "所属网格",
    "网格员",
    "监管部门",
    "直接监管",
    "人工调整理由",
    "行业名称",
  ]).commit();
  for await (const batch of iterateSites(deps.db, actor, filter)) {
    for (const s of batch) {
      rows++;
      const show = sitePolicy.viewContacts(actor, s);
      ws.addRow([
        s.name,
        label(siteKindLabel, s.kind as SiteKind),
        s.uscc ?? "",
        s.industryCode ?? "",
        label(siteScaleLabel, s.scale as SiteScale),
        label(ownershipLabel, s.ownership as Ownership),
        label(riskLevelLabel, s.riskLevel as RiskLevel),
        s.regionCode,
        s.address,
        s.lon,
        s.lat,
        show ? s.contactName : maskName(s.contactName),
        show ? s.contactPhone : maskPhone(s.contactPhone),
        label(siteStatusLabel, s.status as SiteStatus),
        s.gridCode ?? "",
        s.gridName ?? "",
        s.workerName ?? "",
        s.departmentName ?? "",
        s.direct ? "是" : "否",
        s.overrideReason ?? "",
        s.industryCode ? (industryLabel(s.industryCode)?.zh ?? "") : "",
      ]).commit();
    }
  }
  ws.commit();
  await wb.commit();
  return rows;
}
