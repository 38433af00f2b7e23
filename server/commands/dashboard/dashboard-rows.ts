import ExcelJS from "exceljs";
import { stepsOf } from "../../../db/queries/case-tally-queries";
import type { Actor } from "../../../domain/auth/actor";
import { addCalendarDays, fromShanghai, shanghaiDateTime } from "../../../domain/calendar/shanghai-time";
import { caseTypeLabel } from "../../../domain/case/case-types";
import { isLate, type TallyMetric } from "../../../domain/indicators/case-tally";
import type { DashboardQuery, DrillRow } from "../../../domain/indicators/dashboard-view";
import { eventLabel } from "../../../domain/trail/event-labels";
import type { Deps } from "../../deps";
import type { ExportFile } from "../exports/recorded-export";
import { dashboardRegion, resolvePeriod } from "./region-dashboard";

/** The trail actions behind each counter (what a figure's drill-down lists). */
export const metricActions: Record<TallyMetric, string[]> = {
  reported: ["case.reported"],
  recurring: ["case.reported"],
  triaged: ["case.triaged", "case.rejected"],
  triagedOnTime: ["case.triaged", "case.rejected"],
  rejected: ["case.rejected"],
  merged: ["case.merged"],
  dispatched: ["case.dispatched", "case.forwarded"],
  redirected: ["case.returned", "case.forwarded"],
  fedBack: ["case.fed_back"],
  fedBackOnTime: ["case.fed_back"],
  rechecked: ["case.rechecked", "case.accepted_onsite"],
  reworked: ["case.rechecked", "case.accepted_onsite"],
  closed: ["case.closed"],
  closedOnTime: ["case.closed"],
  escalated: ["case.escalated", "case.reported"],
  parked: ["case.park_approved"],
  reopened: ["case.reopened"],
  late: [
    "case.triaged",
    "case.rejected",
    "case.dispatched",
    "case.accepted",
    "case.returned",
    "case.forwarded",
    "case.fed_back",
    "case.rechecked",
    "case.accepted_onsite",
    "case.closed",
  ],
  handlingHours: ["case.closed"],
  handlingWorkHours: ["case.closed"],
};

export type { DrillRow };

/**
 * The rows behind a figure: the case steps of the period that the counter counts (newest first, ≤ `limit`,
 * selected in SQL, so the newest of the counted steps however many others there are); with `industry` (a
 * GB/T 4754 section, "" for none), only reports of that industry (the hazards by industry chart's bar).
 */
export async function dashboardRows(
  deps: Deps,
  actor: Actor,
  q: DashboardQuery & { metric: TallyMetric; industry?: string },
  en: boolean,
  limit = 500,
) {
  const region = await dashboardRegion(deps, actor, q.region);
  const period = resolvePeriod(deps, q);
  const only = (["late", "recurring", "reworked", "escalated"] as const).find((m) => m === q.metric);
  const steps = await stepsOf(deps.db, {
    regionCode: region.code,
    actions: metricActions[q.metric],
    from: fromShanghai(period.from).toISOString(),
    to: fromShanghai(addCalendarDays(period.to, 1)).toISOString(),
    limit,
    only,
    industry: q.industry,
  });
  const rows = steps.map((s): DrillRow => {
    const data = JSON.parse(s.data) as Record<string, unknown>;
    const due = typeof data.due === "string" ? data.due : null;
    const label = eventLabel(s.action);
    return {
      caseId: s.caseId,
      number: s.number,
      action: s.action,
      label: label ? (en ? label.en : label.zh) : s.action,
      at: s.at,
      due,
      late: isLate({ at: s.at, due }),
      passed: typeof data.passed === "boolean" ? data.passed : null,
      regionCode: s.regionCode,
      category: s.category,
      type: s.type,
    };
  });
  return { region: { code: region.code, name: region.name }, period, metric: q.metric, rows };
}

/** The drill-down rows as a workbook (watermarked like every export). */
export async function dashboardRowsWorkbook(
  deps: Deps,
  actor: Actor,
  q: DashboardQuery & { metric: TallyMetric; industry?: string },
  watermark: string,
): Promise<ExportFile> {
  const { region, period, rows } = await dashboardRows(deps, actor, q, false, 10_000);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("明细");
  ws.addRow([`${region.name} ${period.from} 至 ${period.to}`, watermark]);
  ws.addRow([
    "案件编号",
    "环节",
    "办理时间",
    "时限",
    "是否超期",
    "复查结果",
    "区划代码",
    "类别",
    "类型",
  ]).font = {
    bold: true,
  };
  for (const r of rows)
    ws.addRow([
      r.number,
      r.label,
      shanghaiDateTime(new Date(r.at)),
      r.due ? shanghaiDateTime(new Date(r.due)) : "",
      r.late ? "超期" : "",
      r.passed === null ? "" : r.passed ? "通过" : "未通过",
      r.regionCode,
      r.category,
      caseTypeLabel[r.type as keyof typeof caseTypeLabel]?.zh ?? r.type,
    ]);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: rows.length };
}
