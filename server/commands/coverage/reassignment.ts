import { createHash } from "node:crypto";
import type { Tx } from "../../../db/db";
import { findGridNames } from "../../../db/queries/grid-queries";
import { insertEvents } from "../../../db/queries/site-event-queries";
import { listRegionSitesForAssignment, updateSiteRow } from "../../../db/queries/site-queries";
import { findUserNames } from "../../../db/queries/user-queries";
import type { SiteTable } from "../../../db/schema/grid-tables";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { sitePolicy } from "../../../domain/policies/site-policy";
import type { Deps } from "../../deps";
import { gridLayer } from "../grids/grid-layer";
import { invalidateMapStats } from "../grids/map-stats";
import { assignmentSummary } from "../sites/create-site";
import {
  type Assignment,
  assignmentContext,
  assignSite,
  locateGrid,
  preloadWorkers,
} from "../sites/site-assignment";

type Part = {
  grid: { id: string; code: string; name: string } | null;
  worker: { id: string; displayName: string } | null;
  department: { id: string; name: string } | null;
  direct: boolean;
};
export interface Change {
  siteId: string;
  siteName: string;
  from: Part;
  to: Part;
  reason: string;
}

async function plan(tx: Tx, deps: Deps, actor: Actor, region: string) {
  if (!actor.scope.some((s) => region.startsWith(s))) throw new AppError("not_found");
  if (!sitePolicy.override(actor, { regionCode: region })) throw new AppError("forbidden");
  const layer = await gridLayer(tx, deps.db);
  const ctx = await assignmentContext(tx, layer);
  const sites = await listRegionSitesForAssignment(tx, region);
  const located = sites.map((s) => locateGrid(ctx, s)?.id);
  await preloadWorkers(
    ctx,
    [...located, ...sites.map((s) => s.gridId)].filter((g): g is string => !!g),
  );
  const depNames = new Map([...ctx.departments.values()].map((d) => [d.id, d.name]));
  const users = new Map<string, string>();
  for (const w of ctx.workers.values()) if (w) users.set(w.id, w.displayName);
  const missingUsers = [
    ...new Set(sites.map((s) => s.workerId).filter((u): u is string => !!u && !users.has(u))),
  ];
  for (let i = 0; i < missingUsers.length; i += 500)
    for (const u of await findUserNames(tx, missingUsers.slice(i, i + 500))) users.set(u.id, u.displayName);
  const gridNames = new Map<string, { code: string; name: string }>();
  const retired = [
    ...new Set(sites.map((s) => s.gridId).filter((g): g is string => !!g && !layer.byId.has(g))),
  ];
  for (let i = 0; i < retired.length; i += 500)
    for (const g of await findGridNames(tx, retired.slice(i, i + 500))) gridNames.set(g.id, g);
  const part = (a: Pick<SiteTable, "gridId" | "workerId" | "departmentId" | "direct">): Part => {
    const g = a.gridId ? (layer.byId.get(a.gridId) ?? gridNames.get(a.gridId)) : undefined;
    return {
      grid: a.gridId ? { id: a.gridId, code: g?.code ?? "", name: g?.name ?? "" } : null,
      worker: a.workerId ? { id: a.workerId, displayName: users.get(a.workerId) ?? "" } : null,
      department: a.departmentId ? { id: a.departmentId, name: depNames.get(a.departmentId) ?? "" } : null,
      direct: a.direct === 1,
    };
  };
  const changes: (Change & { site: SiteTable; next: Assignment })[] = [];
  let kept = 0;
  for (const s of sites) {
    if (s.gridOverride || s.workerOverride || s.departmentOverride) kept++;
    const next = assignSite(ctx, s);
    const reasons: string[] = [];
    if (next.direct !== s.direct) reasons.push(next.direct ? "改为直接监管" : "纳入网格监管");
    if (next.gridId !== s.gridId)
      reasons.push(s.gridId && !layer.byId.has(s.gridId) ? "原网格已撤销/调整" : "网格边界调整");
    if (next.workerId !== s.workerId) reasons.push("网格员配备调整");
    if (next.departmentId !== s.departmentId) reasons.push("分工规则调整");
    if (reasons.length === 0) continue;
    changes.push({
      siteId: s.id,
      siteName: s.name,
      from: part(s),
      to: part(next),
      reason: reasons.join("；"),
      site: s,
      next,
    });
  }
  const token = createHash("sha256")
    .update(layer.stamp)
    .update(
      JSON.stringify(
        ctx.rules.map((r) => [
          r.id,
          r.departmentKind,
          r.industryPrefix,
          r.siteKind,
          r.priority,
          r.regionPrefix,
        ]),
      ),
    )
    .update(
      JSON.stringify(
        changes.map((c) => [
          c.siteId,
          c.site.version,
          c.next.gridId,
          c.next.workerId,
          c.next.departmentId,
          c.next.direct,
        ]),
      ),
    )
    .digest("hex");
  return { checked: sites.length, kept, changes, token };
}

/** What a reassignment of a region would change (R4: listed for review before it applies). */
export async function previewReassignment(deps: Deps, actor: Actor, region: string) {
  const p = await plan(deps.db, deps, actor, region);
  return {
    region,
    checked: p.checked,
    unchanged: p.checked - p.changes.length,
    kept: p.kept,
    token: p.token,
    changes: p.changes.map(({ site: _s, next: _n, ...c }) => c),
  };
}

/** Applies a previewed reassignment if nothing changed since (same token), optionally only some sites. */
export async function applyReassignment(
  deps: Deps,
  actor: Actor,
  input: { region: string; token: string; siteIds?: string[] },
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const p = await plan(tx, deps, actor, input.region);
    if (p.token !== input.token)
      throw new AppError("conflict", {
        zh: "网格、规则或对象已在预览后变化，请重新预览",
        en: "Grids, rules or sites changed since the preview; preview again",
        details: { stale: true },
      });
    const wanted = input.siteIds ? new Set(input.siteIds) : null;
    const apply = p.changes.filter((c) => !wanted || wanted.has(c.siteId));
    for (const c of apply) {
      const ok = await updateSiteRow(tx, c.siteId, c.site.version, {
        ...c.next,
        updatedAt: now.toISOString(),
      });
      if (!ok) throw new AppError("conflict", { details: { stale: true } });
    }
    await insertEvents(
      tx,
      actor,
      apply.map((c) => ({
        action: "site.reassigned",
        subjectType: "site",
        subjectId: c.siteId,
        regionCode: c.site.regionCode,
        data: { reason: c.reason, before: assignmentSummary(c.site), after: assignmentSummary(c.next) },
      })),
      now,
    );
    invalidateMapStats(deps.db);
    return { applied: apply.length, skipped: p.changes.length - apply.length, stale: false };
  });
}
