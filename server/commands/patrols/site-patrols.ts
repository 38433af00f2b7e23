import { listSitePatrols } from "../../../db/queries/patrol-queries";
import type { Actor } from "../../../domain/auth/actor";
import { type FieldFlag, fieldFlagLabel } from "../../../domain/schemas/field-schemas";
import type { Deps } from "../../deps";
import { findVisibleSite } from "../sites/update-site";

/** The patrols of one site (its file, 动态档案), newest first, for whoever reads the site. */
export async function sitePatrols(
  deps: Deps,
  actor: Actor,
  siteId: string,
  page: { page: number; pageSize: number },
  en = false,
) {
  await findVisibleSite(deps.db, actor, siteId);
  const { items, total } = await listSitePatrols(
    deps.db,
    siteId,
    page.pageSize,
    (page.page - 1) * page.pageSize,
  );
  return {
    items: items.map((p) => {
      const flags = JSON.parse(p.flags) as FieldFlag[];
      return {
        id: p.id,
        receivedAt: p.receivedAt,
        clientAt: p.clientAt,
        user: { id: p.userId, displayName: p.displayName ?? "" },
        location: p.lng !== null && p.lat !== null ? { lng: p.lng, lat: p.lat, accuracy: p.accuracy } : null,
        mock: p.mock === 1,
        distanceM: p.distanceM,
        flags: flags.map((f) => ({
          code: f,
          label: (en ? fieldFlagLabel[f]?.en : fieldFlagLabel[f]?.zh) ?? f,
        })),
        note: p.note,
        evidenceIds: JSON.parse(p.evidenceIds) as string[],
      };
    }),
    total,
  };
}
