import type { Writable } from "node:stream";
import type { Breakdown } from "../../../domain/assessment";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import type { Deps } from "../../deps";
import { type SheetColumn, streamedSheet } from "../exports/streamed-sheet";
import { manualBasisText, withManualFiles } from "./manual-evidence";
import { readRun } from "./runs";

/**
 * A run's ranked results as a watermarked workbook: one row per subject, one column per item, and per manual
 * item its basis (the written basis and its 佐证材料 files by name and SHA-256).
 */
export async function exportRunXlsx(
  deps: Deps,
  actor: Actor,
  runId: string,
  en: boolean,
  watermark: string,
  out: Writable,
) {
  const run = await readRun(deps, actor, runId);
  if (!can(actor, "assessmentRun", "export", run)) throw new AppError("forbidden");
  const items = [
    ...run.definition.indicators.map((i) => ({ id: i.indicatorId, label: i.indicatorId })),
    ...run.definition.manualItems.map((m) => ({ id: m.id, label: m.zh })),
  ];
  const names = new Map<string, string>();
  for (const r of run.results)
    for (const i of (r.breakdown as unknown as Breakdown).items) names.set(i.indicatorId, en ? i.en : i.zh);
  const columns: SheetColumn[] = [
    ["名次", "Rank", 8],
    ["考核对象", "Assessed", 20],
    ["区划", "Region", 14],
    ...items.map((i): SheetColumn => [names.get(i.id) ?? i.label, names.get(i.id) ?? i.label, 14]),
    ["计算得分", "Computed", 10],
    ["调整", "Adjustment", 10],
    ["最终得分", "Final score", 10],
    ...run.definition.manualItems.map((m): SheetColumn => [`${m.zh}·评分依据`, `${m.zh}: basis`, 40]),
  ];
  const title = `${run.schemeName} ${run.period} 第${run.version}版`;
  const { ws, finish } = streamedSheet(out, { sheet: ["考核结果", "Results"], columns, en, watermark });
  ws.addRow([title]).commit();
  const results = await withManualFiles(
    deps.db,
    run.results.map((r) => ({ ...r, breakdown: r.breakdown as unknown as Breakdown })),
  );
  for (const r of results) {
    const b = r.breakdown;
    const cell = (id: string) => {
      const i = b.items.find((x) => x.indicatorId === id);
      if (i) return i.available ? i.points : en ? "n/a" : "不可用";
      return b.manual.find((m) => m.id === id)?.points ?? "";
    };
    ws.addRow([
      r.rank,
      r.subjectName,
      r.regionCode,
      ...items.map((i) => cell(i.id)),
      r.computedScore,
      r.adjustment,
      r.finalScore,
      ...run.definition.manualItems.map((m) => {
        const scored = b.manual.find((x) => x.id === m.id);
        return scored ? manualBasisText(scored, en) : "";
      }),
    ]).commit();
  }
  await finish();
  return run.results.length;
}
