import ExcelJS from "exceljs";
import { gridFigures, siteFigures } from "../../../db/queries/coverage-queries";
import { listGrids } from "../../../db/queries/grid-queries";
import { listSites } from "../../../db/queries/site-queries";
import type { Actor } from "../../../domain/auth/actor";
import type { CoverageDrillAnswer } from "../../../domain/indicators/dashboard-view";
import type { CoverageDrill, CoverageTally } from "../../../domain/indicators/indicator-catalogue";
import type { Deps } from "../../deps";
import type { ExportFile } from "../exports/recorded-export";
import { dashboardRegion } from "./region-dashboard";

/**
 * The register figures of a region's dashboard (场所入格率, 网格配员率) at any level: the sites from the
 * register's rollup `site_tally` (kept by triggers on every write to `site`, summed over the region's
 * rows) and the active grids under the region's code (an index range of `grid_coverage_idx`, each grid's
 * worker looked up by its key), never the sites themselves. Direct-supervision sites are not in grids by
 * design and are left out, as on the coverage page (server/commands/coverage/coverage.ts).
 */
export async function dashboardCoverage(deps: Pick<Deps, "db">, regionCode: string): Promise<CoverageTally> {
  const [[g], [s]] = await Promise.all([
    gridFigures(deps.db, regionCode, regionCode.length),
    siteFigures(deps.db, regionCode, regionCode.length),
  ]);
  const gridSites = (s?.sites ?? 0) - (s?.directSites ?? 0);
  const grids = g?.grids ?? 0;
  return {
    sites: gridSites,
    sitesInGrid: gridSites - (s?.sitesWithoutGrid ?? 0),
    grids,
    gridsWithWorker: grids - (g?.gridsWithoutWorker ?? 0),
  };
}

/**
 * The rows behind a register figure (GET /dashboard/rows?metric=sites_without_grid|grids_without_worker):
 * the sites under grid supervision not assigned to a grid, or the active grids without a grid worker,
 * under the region, of those the actor reads (the figure is the region's total), at most `limit`.
 */
export async function dashboardCoverageRows(
  deps: Deps,
  actor: Actor,
  q: { region?: string; metric: CoverageDrill },
  limit = 500,
): Promise<CoverageDrillAnswer> {
  const region = await dashboardRegion(deps, actor, q.region);
  const page = { page: 1, pageSize: limit };
  const head = { region: { code: region.code, name: region.name }, metric: q.metric };
  if (q.metric === "grids_without_worker") {
    const r = await listGrids(deps.db, actor, {
      region: region.code,
      status: "active",
      staffed: false,
      ...page,
    });
    return {
      ...head,
      kind: "grids",
      total: r.total,
      rows: r.items.map((g) => ({
        id: g.id,
        code: g.code,
        name: g.name,
        regionCode: g.regionCode,
        regionName: g.townshipName,
        detail: g.townshipName,
      })),
    };
  }
  const r = await listSites(deps.db, actor, { region: region.code, gap: "no_grid", ...page });
  return {
    ...head,
    kind: "sites",
    total: r.total,
    rows: r.items.map((x) => ({
      id: x.id,
      code: x.uscc ?? null,
      name: x.name,
      regionCode: x.regionCode,
      regionName: x.regionName,
      detail: x.address || null,
    })),
  };
}

/** Those rows as a workbook (watermarked, like every export). */
export async function dashboardCoverageWorkbook(
  deps: Deps,
  actor: Actor,
  q: { region?: string; metric: CoverageDrill },
  watermark: string,
): Promise<ExportFile> {
  const { region, kind, rows } = await dashboardCoverageRows(deps, actor, q, 10_000);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(kind === "grids" ? "无网格员的网格" : "未划入网格的场所");
  ws.addRow([`${region.name}（当前值）`, watermark]);
  ws.addRow(
    kind === "grids"
      ? ["网格编码", "网格名称", "行政区划代码", "乡镇（街道）"]
      : ["统一社会信用代码", "场所名称", "行政区划代码", "行政区划", "地址"],
  ).font = { bold: true };
  for (const r of rows)
    ws.addRow(
      kind === "grids"
        ? [r.code, r.name, r.regionCode, r.regionName ?? ""]
        : [r.code ?? "", r.name, r.regionCode, r.regionName ?? "", r.detail ?? ""],
    );
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: rows.length };
}
