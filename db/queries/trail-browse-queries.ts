import type { TrailFilter } from "../../domain/schemas/trail-schemas";
import type { Tx } from "../db";
import { inScope } from "../scope";

export type { TrailFilter };

export interface TrailEventRow {
  id: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  actorUsername: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  regionCode: string | null;
  data: string;
  hash: string;
}

function filtered(db: Tx, scope: readonly string[], f: TrailFilter) {
  let q = db.selectFrom("event").where((eb) => inScope(eb, "event.regionCode", scope));
  if (f.actor) {
    const who = f.actor;
    q = q.where("event.actorId", "in", (eb) =>
      eb
        .selectFrom("appUser")
        .select("appUser.id")
        .where((w) => w.or([w("appUser.username", "=", who), w("appUser.id", "=", who)])),
    );
  }
  if (f.subjectType) q = q.where("event.subjectType", "=", f.subjectType);
  if (f.subjectId) q = q.where("event.subjectId", "=", f.subjectId);
  if (f.action) q = q.where("event.action", "=", f.action);
  if (f.from) q = q.where("event.at", ">=", f.from);
  if (f.to) q = q.where("event.at", "<", f.to);
  return q;
}

/** One page of the trail rows in the scope that match the filter, newest first, and the total count. */
export async function browseTrail(
  db: Tx,
  scope: readonly string[],
  f: TrailFilter,
  page: { offset: number; limit: number },
): Promise<{ items: TrailEventRow[]; total: number }> {
  const [items, count] = await Promise.all([
    filtered(db, scope, f)
      .leftJoin("appUser", "appUser.id", "event.actorId")
      .select([
        "event.id",
        "event.at",
        "event.actorId",
        "event.actorRole",
        "appUser.username as actorUsername",
        "appUser.displayName as actorName",
        "event.action",
        "event.subjectType",
        "event.subjectId",
        "event.regionCode",
        "event.data",
        "event.hash",
      ])
      .orderBy("event.id", "desc")
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    filtered(db, scope, f)
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: items.map((r) => ({ ...r, id: Number(r.id) })), total: Number(count.n) };
}
