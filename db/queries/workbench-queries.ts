import type { Actor } from "../../domain/auth/actor";
import type { CaseIndicator } from "../../domain/workbench/workbench-indicators";
import type { Tx } from "../db";
import { caseListBase, countCases } from "./case-list-queries";

type WbActor = Pick<Actor, "id" | "role" | "scope" | "departmentId">;

/** Each indicator's count through the case list's own filter (so it equals the list's total). */
export async function countIndicators(db: Tx, actor: WbActor, list: readonly CaseIndicator[], now: Date) {
  const out: { indicator: CaseIndicator; count: number }[] = [];
  for (const indicator of list)
    out.push({ indicator, count: await countCases(db, actor, { ...indicator.filter }, now) });
  return out;
}

/** Unread messages of the inbox (the same rows as GET /notifications?unread=true). */
export async function countUnread(db: Tx, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notification")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("userId", "=", userId)
    .where("readAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * This month's counts over the cases the actor reads: reported in the month, closed in the month, and of the
 * reported ones those open past their deadline now.
 */
export async function monthCounts(db: Tx, actor: WbActor, month: { from: string; to: string }, now: Date) {
  const all = () => caseListBase(db, actor, { queue: "all" }, now);
  const count = async (q: ReturnType<typeof all>) =>
    Number((await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const inMonth = () =>
    all().where("caseRecord.reportedAt", ">=", month.from).where("caseRecord.reportedAt", "<", month.to);
  const reported = await count(inMonth());
  const closed = await count(
    all().where("caseRecord.closedAt", ">=", month.from).where("caseRecord.closedAt", "<", month.to),
  );
  const overdue = await count(
    inMonth().where("caseRecord.open", "=", 1).where("caseRecord.deadline", "<", now.toISOString()),
  );
  return { reported, closed, overdue };
}

/**
 * The actor's latest trail events (what they did, sign-in and sign-out left out), with the case number when
 * the subject is a case.
 */
export async function recentActivity(db: Tx, actorId: string, limit = 8) {
  return db
    .selectFrom("event")
    .leftJoin("caseRecord", (j) =>
      j.onRef("caseRecord.id", "=", "event.subjectId").on("event.subjectType", "=", "case"),
    )
    .select([
      "event.id",
      "event.at",
      "event.action",
      "event.subjectType",
      "event.subjectId",
      "caseRecord.number as caseNumber",
    ])
    .where("event.actorId", "=", actorId)
    .where("event.action", "not in", ["user.signed_in", "user.signed_out"])
    .orderBy("event.id", "desc") // trail order (event_actor_idx: actor_id, id); ids follow recording time
    .limit(limit)
    .execute();
}
