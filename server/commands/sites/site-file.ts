import { listSubjectEvents } from "../../../db/queries/event-queries";
import { findGridNames } from "../../../db/queries/grid-queries";
import { listSiteRelatedEvents } from "../../../db/queries/site-file-queries";
import { findUserNames } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import { maskContactData, sitePolicy } from "../../../domain/policies/site-policy";
import { presentSiteEvent, siteEventLinkIds } from "../../../domain/trail/site-event-kinds";
import type { Deps } from "../../deps";
import { findVisibleSite } from "./update-site";

/**
 * The site file (动态监管档案, R22): every trail event about the site, oldest first, with who did it, its
 * readable name, summary and links (the case, the grid, the grid worker) from the one table of site event
 * kinds (domain/trail/site-event-kinds.ts). Later issues (patrols, checklists, deliveries) write their
 * events with subject `site` too and add their row there.
 */
export async function siteFile(deps: Deps, actor: Actor, id: string, en = false) {
  const site = await findVisibleSite(deps.db, actor, id);
  const own = await listSubjectEvents(deps.db, "site", id);
  // how the site's cases ended and the documents delivered to it are recorded under the case and the
  // delivery; the file shows them too, with the case number and the delivery to link to
  const related = await listSiteRelatedEvents(deps.db, id);
  const events = [
    ...own.map((e) => ({ e, extra: {} as Record<string, unknown> })),
    ...related.cases.map(({ caseNumber, ...e }) => ({
      e,
      extra: { caseId: e.subjectId, number: caseNumber },
    })),
    ...related.deliveries
      .filter((e) => (JSON.parse(e.data) as { siteId?: string }).siteId === id)
      .map((e) => ({ e, extra: { deliveryId: e.subjectId } })),
  ].sort((a, b) => Number(a.e.id) - Number(b.e.id));
  // the file shows what was recorded, with the contacts masked as the site itself is (R26)
  const masked = !sitePolicy.viewContacts(actor, site);
  const parsed = events.map(({ e, extra }) => {
    const recorded = { ...(JSON.parse(e.data) as Record<string, unknown>), ...extra };
    return { e, data: (masked ? maskContactData(recorded) : recorded) as Record<string, unknown> };
  });
  const gridIds = new Set<string>();
  const userIds = new Set<string>();
  for (const { e, data } of parsed) {
    if (e.actorId) userIds.add(e.actorId);
    const ids = siteEventLinkIds(e.action, data);
    for (const g of ids.grids) gridIds.add(g);
    for (const u of ids.users) userIds.add(u);
  }
  const users = userIds.size ? await findUserNames(deps.db, [...userIds]) : [];
  const grids = gridIds.size ? await findGridNames(deps.db, [...gridIds]) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  const names = {
    users: new Map(users.map((u) => [u.id, u.displayName])),
    grids: new Map(grids.map((g) => [g.id, g.name])),
  };
  return {
    site,
    events: parsed.map(({ e, data }) => {
      const who = e.actorId ? byId.get(e.actorId) : undefined;
      return {
        id: Number(e.id),
        at: e.at,
        action: e.action,
        ...presentSiteEvent(e.action, data, en, names),
        actor: who ? { id: who.id, displayName: who.displayName, role: who.role } : null,
        data,
      };
    }),
  };
}
