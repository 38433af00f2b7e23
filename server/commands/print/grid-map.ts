import { z } from "zod";
import { listRegionGrids } from "../../../db/queries/grid-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { printPolicy } from "../../../domain/policies/print-policy";
import type { Deps } from "../../deps";
import { renderGridMap } from "../../print/grid-map-pdf";
import { chinaDate, withPhone } from "../../print/pdf-doc";
import { issuingOffice, printRegion, regionTitle, workersByGrid } from "./print-data";

export const gridMapParams = z.strictObject({
  regionCode: z.string().regex(/^(\d{6}|\d{9})$/, { error: "须为 6 位县区或 9 位乡镇代码" }),
});
export const gridMapQuery = z.strictObject({
  size: z.enum(["A3", "A4"], { error: "纸张须为 A3 或 A4" }).default("A4"),
});

/** The grid map (网格示意图) of a township or county. A region without grids: 422 `no_grids`. */
export async function gridMapPdf(deps: Deps, actor: Actor, code: string, raw: unknown) {
  const q = parseInput(gridMapQuery, raw);
  const region = await printRegion(deps.db, actor, code, printPolicy.print);
  const grids = await listRegionGrids(deps.db, code);
  const name = await regionTitle(deps.db, region);
  if (!grids.length)
    throw new AppError("no_grids", {
      status: 422,
      zh: `${name}尚未划分网格，无法生成网格示意图`,
      en: `${region.name} has no grids yet`,
    });
  const workers = await workersByGrid(deps.db, grids);
  const { pdf } = await renderGridMap(
    {
      title: `${name}安全生产网格化监管示意图`,
      regionName: name,
      issuingOffice: await issuingOffice(deps.db, code),
      date: chinaDate(deps.clock.now()),
      grids: grids.map((g) => ({
        code: g.code,
        name: g.name,
        geometry: JSON.parse(g.geojson),
        center: [g.centerLon, g.centerLat],
        workers: (workers.get(g.id) ?? []).map((w) => withPhone(w.name, w.phone)).join("\n") || "（未配备）",
        officer: withPhone(g.officerName, g.officerPhone),
        leader: withPhone(g.leaderName, g.leaderPhone),
      })),
    },
    q.size,
  );
  return { pdf, fileName: `网格示意图-${name}-${q.size}.pdf` };
}
