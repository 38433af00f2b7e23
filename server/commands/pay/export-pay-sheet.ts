import type { Writable } from "node:stream";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import type { Deps } from "../../deps";
import { type SheetColumn, streamedSheet } from "../exports/streamed-sheet";
import { readSheet } from "./pay-sheets";

const employmentLabel: Record<string, [string, string]> = {
  full_time: ["专职", "Full-time"],
  part_time: ["兼职", "Part-time"],
};

/**
 * A pay sheet for finance (R20): one row per paid person (excluded ones listed under the table with their
 * reason), the bank account masked to its first and last four digits, a total row, and the sheet's notes
 * (draft status, performance pay unavailable).
 */
export async function exportPaySheetXlsx(
  deps: Deps,
  actor: Actor,
  sheetId: string,
  en: boolean,
  watermark: string,
  out: Writable,
) {
  const s = await readSheet(deps, actor, sheetId);
  if (!can(actor, "paySheet", "export", s)) throw new AppError("forbidden");
  const columns: SheetColumn[] = [
    ["序号", "No.", 6],
    ["姓名", "Name", 12],
    ["所属区划", "Region", 14],
    ["用工性质", "Employment", 10],
    ["考核得分", "Score", 10],
    ["基本报酬（元）", "Base pay (yuan)", 14],
    ["绩效报酬（元）", "Performance pay (yuan)", 14],
    ["信息奖励（元）", "Information rewards (yuan)", 14],
    ["有效信息（条）", "Valid reports", 12],
    ["扣减（元）", "Deductions (yuan)", 12],
    ["实发金额（元）", "Net pay (yuan)", 14],
    ["开户银行", "Bank", 16],
    ["银行账号", "Bank account", 24],
  ];
  const na = en ? "n/a" : "不可用";
  const { ws, finish } = streamedSheet(out, {
    sheet: ["网格员报酬发放表", "Pay sheet"],
    columns,
    en,
    watermark,
  });
  const paid = s.lines.filter((l) => l.excludedReason === null);
  paid.forEach((l, i) => {
    ws.addRow([
      i + 1,
      l.name,
      l.regionCode,
      (employmentLabel[l.employment] ?? [l.employment, l.employment])[en ? 1 : 0],
      l.score ?? na,
      l.base,
      l.performance ?? na,
      l.rewards,
      l.rewardCount,
      l.deductions,
      l.total,
      l.bankName ?? "",
      l.accountMasked ?? "",
    ]).commit();
  });
  const t = s.totals;
  ws.addRow([
    en ? "Total" : "合计",
    `${paid.length}${en ? " people" : " 人"}`,
    "",
    "",
    "",
    t.base,
    t.performance ?? na,
    t.rewards,
    "",
    t.deductions,
    t.total,
    "",
    "",
  ]).commit();
  const title = en
    ? `${s.regionCode} ${s.month} version ${s.version} — ${s.statusLabel.en}`
    : `${s.regionCode} ${s.month} 第${s.version}版 — ${s.statusLabel.zh}`;
  ws.addRow([title]).commit();
  if (s.performanceNote) ws.addRow([en ? s.performanceNote.en : s.performanceNote.zh]).commit();
  for (const l of s.lines.filter((x) => x.excludedReason !== null))
    ws.addRow([
      en ? `Not paid: ${l.name} — ${l.excludedReason}` : `不予发放：${l.name}（${l.excludedReason}）`,
    ]).commit();
  await finish();
  return paid.length;
}
