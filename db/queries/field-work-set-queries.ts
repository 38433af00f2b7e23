import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import type { Tx } from "../db";
import { policyFilter } from "../policy-filter";
import { filterSites } from "./site-queries";

/**
 * What the field app keeps offline (issue 9), each list under its own resource's read rule from the
 * access table, narrowed to the actor's grids. A grid worker's grids are the active grids they serve
 * (`gridPolicy.read`'s served grids); a committee member's or township station's the active grids their
 * scope reads (the grid read rule).
 */
export function listMyGrids(db: Tx, actor: PolicyActor) {
  const q = db.selectFrom("grid").select(["grid.id", "grid.code", "grid.name", "grid.geojson"]);
  const mine =
    actor.role === "grid_worker"
      ? q.where(
          "grid.id",
          "in",
          db.selectFrom("gridWorker").select("gridWorker.gridId").where("gridWorker.userId", "=", actor.id),
        )
      : q.where((eb) => policyFilter(eb, ruleOf("grid", "read"), actor, "grid"));
  return mine.where("grid.status", "=", "active").orderBy("grid.code").execute();
}

/** Sites of those grids (or assigned to the actor) that the site read rule lets the actor read; not closed. */
export function listWorkSetSites(db: Tx, actor: PolicyActor, gridIds: string[]) {
  const q = db
    .selectFrom("site")
    .select([
      "site.id",
      "site.name",
      "site.kind",
      "site.riskLevel",
      "site.address",
      "site.lon",
      "site.lat",
      "site.gridId",
      "site.industryCode",
      "site.version",
    ])
    .where("site.status", "!=", "closed")
    .where((eb) =>
      eb.or([
        ...(gridIds.length ? [eb("site.gridId", "in", gridIds)] : []),
        eb("site.workerId", "=", actor.id),
      ]),
    );
  // biome-ignore lint/suspicious/noExplicitAny: filterSites takes the joined site query's type
  return (filterSites(q as any, actor, {}) as typeof q).orderBy("site.name").orderBy("site.id").execute();
}

/**
 * Open sites with a location inside `box` ([minLon, minLat, maxLon, maxLat]) outside `gridIds`, that the site
 * read rule lets the actor read: the neighbouring grids' sites a report may name (the phone sorts them by
 * distance); at most `limit`.
 */
export function listNearbySites(
  db: Tx,
  actor: PolicyActor,
  gridIds: string[],
  box: [number, number, number, number],
  limit: number,
) {
  let q = db
    .selectFrom("site")
    .select(["site.id", "site.name", "site.kind", "site.address", "site.lon", "site.lat", "site.gridId"])
    .where("site.status", "!=", "closed")
    .where("site.lon", ">=", box[0])
    .where("site.lon", "<=", box[2])
    .where("site.lat", ">=", box[1])
    .where("site.lat", "<=", box[3])
    .where((eb) => eb.or([eb("site.workerId", "is", null), eb("site.workerId", "!=", actor.id)]));
  if (gridIds.length)
    q = q.where((eb) => eb.or([eb("site.gridId", "is", null), eb("site.gridId", "not in", gridIds)]));
  // biome-ignore lint/suspicious/noExplicitAny: filterSites takes the joined site query's type
  return (filterSites(q as any, actor, {}) as typeof q).orderBy("site.id").limit(limit).execute();
}

/**
 * Cases waiting for re-check in the actor's grids (by grid code, or by a site of those grids) that the case
 * read rule lets them read; whether they may re-check each one is decided by the caller (case policy).
 */
export function listRecheckCandidates(db: Tx, actor: PolicyActor, gridIds: string[], gridCodes: string[]) {
  if (gridIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("caseRecord")
    .leftJoin("site", "site.id", "caseRecord.siteId")
    .selectAll("caseRecord")
    .select("site.name as siteName")
    .where("caseRecord.stage", "=", "awaiting_recheck")
    .where((eb) => policyFilter(eb, ruleOf("case", "read"), actor, "caseRecord"))
    .where((eb) =>
      eb.or([
        eb("caseRecord.gridCode", "in", gridCodes),
        eb(
          "caseRecord.siteId",
          "in",
          eb.selectFrom("site as s").select("s.id").where("s.gridId", "in", gridIds),
        ),
      ]),
    )
    .orderBy("caseRecord.deadline")
    .orderBy("caseRecord.id")
    .limit(500)
    .execute();
}

/** The latest feedback event (note and evidence) of each case. */
export async function latestFeedback(db: Tx, caseIds: string[]) {
  const out = new Map<string, { note: string; evidenceIds: string[] }>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .selectFrom("event")
    .select(["event.subjectId", "event.data", "event.id"])
    .where("event.subjectType", "=", "case")
    .where("event.action", "=", "case.fed_back")
    .where("event.subjectId", "in", caseIds)
    .orderBy("event.id")
    .execute();
  for (const r of rows) {
    const data = JSON.parse(r.data) as { comment?: string | null; evidence?: { id: string }[] };
    out.set(r.subjectId, {
      note: data.comment ?? "",
      evidenceIds: (data.evidence ?? []).map((e) => e.id),
    });
  }
  return out;
}

/** The actor's own reports the case read rule lets them read: open ones, and those changed since `since`. */
export function listMyReports(db: Tx, actor: PolicyActor, since: string, limit = 200) {
  return db
    .selectFrom("caseRecord")
    .select([
      "caseRecord.id",
      "caseRecord.number",
      "caseRecord.stage",
      "caseRecord.createdAt",
      "caseRecord.updatedAt",
    ])
    .where("caseRecord.reporterId", "=", actor.id)
    .where((eb) => policyFilter(eb, ruleOf("case", "read"), actor, "caseRecord"))
    .where((eb) => eb.or([eb("caseRecord.open", "=", 1), eb("caseRecord.updatedAt", ">=", since)]))
    .orderBy("caseRecord.updatedAt", "desc")
    .orderBy("caseRecord.id")
    .limit(limit)
    .execute();
}
