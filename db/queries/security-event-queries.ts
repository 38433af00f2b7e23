import type { Tx } from "../db";
import type { SecurityEventTable } from "../schema/core-tables";
import { inScope } from "../scope";

export type SecurityEventInput = Omit<SecurityEventTable, "id" | "detail"> & {
  detail: Record<string, unknown>;
};

/** Appends to the security log (not the hash-chained case trail: anyone may cause these rows). */
export function insertSecurityEvent(db: Tx, e: SecurityEventInput) {
  return db
    .insertInto("securityEvent")
    .values({ ...e, detail: JSON.stringify(e.detail) })
    .execute();
}

export interface SecurityEventFilter {
  username?: string;
  kind?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Security events, newest first: rows with a region only inside `scope`, rows without one for everyone. */
export async function listSecurityEvents(db: Tx, scope: string[], f: SecurityEventFilter) {
  let query = db
    .selectFrom("securityEvent")
    .where((eb) => eb.or([eb("regionCode", "is", null), inScope(eb, "securityEvent.regionCode", scope)]));
  if (f.username) query = query.where("username", "=", f.username.trim().toLowerCase());
  if (f.kind) query = query.where("kind", "=", f.kind);
  if (f.from) query = query.where("at", ">=", f.from);
  if (f.to) query = query.where("at", "<", f.to);
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map(({ regionCode: _r, detail, ...r }) => ({
      ...r,
      id: Number(r.id),
      detail: JSON.parse(detail) as Record<string, unknown>,
    })),
  };
}
