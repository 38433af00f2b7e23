import type { DeadlineRule } from "../../domain/case/deadline-rules";
import type { Tx } from "../db";
import type { CaseDeadlineRuleTable } from "../schema/case-tables";

const toRule = (r: CaseDeadlineRuleTable): DeadlineRule & { id: string } => ({
  id: r.id,
  regionPrefix: r.regionPrefix,
  category: r.category,
  type: r.type as DeadlineRule["type"],
  stage: r.stage as DeadlineRule["stage"],
  unit: r.unit as DeadlineRule["unit"],
  amount: r.amount,
});

/** Configured rules that can apply in a region: those whose prefix is a head of the region code. */
export async function configuredDeadlineRules(db: Tx, regionCode: string) {
  const heads = [
    "",
    ...[2, 4, 6, 9, 12].filter((n) => n <= regionCode.length).map((n) => regionCode.slice(0, n)),
  ];
  const rows = await db
    .selectFrom("caseDeadlineRule")
    .selectAll()
    .where("regionPrefix", "in", heads)
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  return rows.map(toRule);
}

export async function findDeadlineRule(db: Tx, id: string) {
  const r = await db.selectFrom("caseDeadlineRule").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? toRule(r) : undefined;
}

export function insertDeadlineRule(db: Tx, row: CaseDeadlineRuleTable) {
  return db.insertInto("caseDeadlineRule").values(row).execute();
}

export function deleteDeadlineRule(db: Tx, id: string) {
  return db.deleteFrom("caseDeadlineRule").where("id", "=", id).execute();
}
