import type { RoutingRule } from "../../domain/department/routing";
import type { Tx } from "../db";
import type { RoutingRuleTable } from "../schema/core-tables";

const toRule = (r: RoutingRuleTable): RoutingRule => ({
  id: r.id,
  regionPrefix: r.regionPrefix,
  industryPrefix: r.industryPrefix,
  siteKind: r.siteKind as RoutingRule["siteKind"],
  departmentKind: r.departmentKind as RoutingRule["departmentKind"],
  priority: r.priority,
  note: r.note,
});

/** Rules that can apply in a region: everywhere-rules plus those whose prefix covers the region or lies in it. */
export async function listRoutingRules(db: Tx, region?: string): Promise<RoutingRule[]> {
  let q = db.selectFrom("routingRule").selectAll();
  if (region) {
    const heads = [2, 4, 6, 9, 12].filter((n) => n <= region.length).map((n) => region.slice(0, n));
    q = q.where((eb) =>
      eb.or([
        eb("regionPrefix", "=", ""),
        eb("regionPrefix", "in", heads),
        eb("regionPrefix", "like", `${region}%`),
      ]),
    );
  }
  const rows = await q.orderBy("regionPrefix").orderBy("id").execute();
  return rows.map(toRule);
}

export async function findRoutingRule(db: Tx, id: string): Promise<RoutingRule | undefined> {
  const r = await db.selectFrom("routingRule").selectAll().where("id", "=", id).executeTakeFirst();
  return r && toRule(r);
}

export function insertRoutingRule(db: Tx, rule: RoutingRule, at: string) {
  return db
    .insertInto("routingRule")
    .values({ ...rule, createdAt: at, updatedAt: at })
    .execute();
}

export function updateRoutingRuleRow(db: Tx, id: string, patch: Partial<RoutingRule>, at: string) {
  return db
    .updateTable("routingRule")
    .set({ ...patch, updatedAt: at })
    .where("id", "=", id)
    .execute();
}

export function deleteRoutingRuleRow(db: Tx, id: string) {
  return db.deleteFrom("routingRule").where("id", "=", id).execute();
}

export async function countRoutingRules(db: Tx): Promise<number> {
  const r = await db
    .selectFrom("routingRule")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
