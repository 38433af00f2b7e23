import ExcelJS from "exceljs";
import { gridsWithoutOfficer } from "../../../db/queries/coverage-queries";
import { findGridsByIds, type GridRow, listGrids } from "../../../db/queries/grid-queries";
import { listSites, type SiteRow } from "../../../db/queries/site-queries";
import type { Actor } from "../../../domain/auth/actor";
import { gridPolicy } from "../../../domain/policies/grid-policy";
import { type CoverageMetric, coverageMetrics } from "../../../domain/site/coverage-metrics";
import type { Deps } from "../../deps";
import { watermarkedBuffer } from "../exports/export-watermark";
import type { ExportFile } from "../exports/recorded-export";
import { type ProblemView, problemView } from "../grids/grid-geometry";
import { regionOverlaps } from "../grids/grid-overlaps";
import { coverage, coverageRegion, type Figures } from "./coverage";

export const metricLabel: Record<CoverageMetric, string> = {
  grids_without_worker: "无网格员的网格",
  grids_without_officer: "未明确安全监管责任人的网格",
  sites_without_grid: "未划入网格的对象",
  sites_outside_grids: "位于所有网格之外的对象",
  sites_without_location: "缺少坐标的对象",
  sites_without_worker: "无网格员的对象",
  sites_without_department: "无监管部门的对象",
  direct_sites: "直接监管对象",
  overlaps: "网格重叠",
};

const siteGap: Partial<Record<CoverageMetric, "no_grid" | "outside_grids" | "no_location" | "no_worker">> = {
  sites_without_grid: "no_grid",
  sites_outside_grids: "outside_grids",
  sites_without_location: "no_location",
  sites_without_worker: "no_worker",
};

export type CoverageRows =
  | { type: "grids"; items: GridRow[]; total: number }
  | { type: "sites"; items: SiteRow[]; total: number }
  | { type: "problems"; items: ProblemView[]; total: number };

/** The rows behind one coverage figure (drill-down), paged. */
export async function coverageRows(
  deps: Deps,
  actor: Actor,
  q: { region?: string; metric: CoverageMetric; page: number; pageSize: number },
  en = false,
): Promise<CoverageRows> {
  const { prefix } = await coverageRegion(deps, actor, q.region);
  const page = { page: q.page, pageSize: q.pageSize };
  if (q.metric === "grids_without_worker") {
    // The region may lie above the actor's scope (coverage figures are totals); rows are only what they read.
    const r = await listGrids(deps.db, actor, {
      region: prefix,
      status: "active",
      staffed: false,
      ...page,
    });
    return { type: "grids", ...r };
  }
  if (q.metric === "grids_without_officer") {
    // Paged in SQL with the access table's grid read rule (the rows the actor reads; figures are totals).
    const { ids, total } = await gridsWithoutOfficer(
      deps.db,
      actor,
      prefix,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return { type: "grids", items: await findGridsByIds(deps.db, ids), total };
  }
  if (q.metric === "overlaps") {
    const all = (prefix.length >= 6 ? await regionOverlaps(deps, prefix) : []).filter((p) =>
      (p.grids ?? []).every((code) => gridPolicy.read(actor, { code })),
    );
    return {
      type: "problems",
      items: all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((p) => problemView(p, en)),
      total: all.length,
    };
  }
  const filter =
    q.metric === "direct_sites"
      ? { direct: true }
      : q.metric === "sites_without_department"
        ? { gap: "no_department" as const }
        : { gap: siteGap[q.metric] };
  const r = await listSites(deps.db, actor, { region: prefix, ...filter, ...page });
  return { type: "sites", ...r };
}

const figureColumns: [keyof Figures, string][] = [
  ["grids", "网格数"],
  ["gridsWithoutWorker", "无网格员网格"],
  ["gridsWithoutOfficer", "无监管责任人网格"],
  ["sites", "监管对象"],
  ["directSites", "直接监管"],
  ["gridSites", "网格监管对象"],
  ["sitesWithoutGrid", "未入网格"],
  ["sitesOutsideGrids", "网格外"],
  ["sitesWithoutLocation", "缺坐标"],
  ["sitesWithoutWorker", "无网格员"],
  ["sitesWithoutDepartment", "无监管部门"],
];

/** Coverage as .xlsx: a summary sheet (totals and children) and one sheet per non-empty gap. */
export async function coverageWorkbook(
  deps: Deps,
  actor: Actor,
  region: string | undefined,
  watermark: string,
): Promise<ExportFile> {
  const c = await coverage(deps, actor, region);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("汇总");
  const pctHeaders = ["网格配员率%", "对象入格率%", "对象配员率%", "对象明确部门率%"];
  ws.addRow(["区划代码", "区划名称", ...figureColumns.map(([, h]) => h), ...pctHeaders]).font = {
    bold: true,
  };
  const line = (code: string, name: string, f: Figures) => [
    code,
    name,
    ...figureColumns.map(([k]) => f[k] as number),
    f.percentages.gridsStaffed,
    f.percentages.sitesWithGrid,
    f.percentages.sitesWithWorker,
    f.percentages.sitesWithDepartment,
  ];
  ws.addRow(line(c.region.code, `${c.region.name}（合计）`, c.totals));
  for (const child of c.children) ws.addRow(line(child.code, child.name, child));
  for (const metric of coverageMetrics) {
    const rows = await coverageRows(deps, actor, { region, metric, page: 1, pageSize: 10_000 });
    if (rows.total === 0) continue;
    const sheet = wb.addWorksheet(metricLabel[metric].slice(0, 31));
    if (rows.type === "grids") {
      sheet.addRow(["网格编码", "网格名称", "乡镇", "网格员数", "对象数"]).font = { bold: true };
      for (const g of rows.items) sheet.addRow([g.code, g.name, g.townshipName, g.workerCount, g.siteCount]);
    } else if (rows.type === "sites") {
      sheet.addRow([
        "名称",
        "统一社会信用代码",
        "行政区划",
        "地址",
        "经度",
        "纬度",
        "网格",
        "网格员",
        "监管部门",
      ]).font = { bold: true };
      for (const s of rows.items)
        sheet.addRow([
          s.name,
          s.uscc,
          s.regionCode,
          s.address,
          s.lon,
          s.lat,
          s.gridCode,
          s.workerName,
          s.departmentName,
        ]);
    } else {
      sheet.addRow(["问题", "涉及网格", "经度", "纬度"]).font = { bold: true };
      for (const p of rows.items)
        sheet.addRow([p.message, (p.grids ?? []).join("、"), p.location[0], p.location[1]]);
    }
  }
  return watermarkedBuffer(wb, watermark);
}
