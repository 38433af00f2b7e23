import type { Tx } from "../../../db/db";
import { findLeadDepartment } from "../../../db/queries/department-queries";
import type { GridRow } from "../../../db/queries/grid-queries";
import { listGridWorkers } from "../../../db/queries/grid-worker-queries";
import { findRegion, findRegions, type RegionRow } from "../../../db/queries/region-queries";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { countyHotline } from "../settings/county-settings";

/** A township or county the actor may use (else 404, as for a region they cannot see). */
export async function printRegion(
  db: Tx,
  actor: Actor,
  code: string,
  allowed: (actor: Actor, code: string) => boolean,
): Promise<RegionRow> {
  const region = await findRegion(db, code);
  if (!region || !["county", "township"].includes(region.level) || !allowed(actor, code))
    throw new AppError("not_found");
  return region;
}

/** "某某县 城关镇" for a township, the county's name for a county. */
export async function regionTitle(db: Tx, region: RegionRow): Promise<string> {
  if (region.level !== "township") return region.name;
  const [county] = await findRegions(db, [region.code.slice(0, 6)]);
  return county ? `${county.name}${region.name}` : region.name;
}

/** Who issues a printable: the county's lead department, else the county's safety office. */
export async function issuingOffice(db: Tx, regionCode: string): Promise<string> {
  const county = regionCode.slice(0, 6);
  const lead = await findLeadDepartment(db, county);
  if (lead) return lead.name;
  const [region] = await findRegions(db, [county]);
  return `${region?.name ?? ""}安全生产委员会办公室`;
}

export const hotlineOf = (db: Tx, regionCode: string) => countyHotline(db, regionCode.slice(0, 6));

/** The active workers of each grid (full-time first), by grid id. */
export async function workersByGrid(db: Tx, grids: Pick<GridRow, "id">[]) {
  const out = new Map<string, { name: string; phone: string | null }[]>();
  const ids = grids.map((g) => g.id);
  for (let i = 0; i < ids.length; i += 500) {
    for (const w of await listGridWorkers(db, ids.slice(i, i + 500))) {
      if (w.status !== "active") continue;
      const list = out.get(w.gridId) ?? [];
      list.push({ name: w.displayName, phone: w.phone });
      out.set(w.gridId, list);
    }
  }
  return out;
}
