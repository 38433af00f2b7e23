import type { Tx } from "../db";

/**
 * The deadline job's lag: the oldest deadline that has passed on a case not yet marked overdue (the job
 * marks them each pass). Null when the job is up to date.
 */
export async function oldestUnmarkedOverdue(db: Tx, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom("caseRecord")
    .select((eb) => eb.fn.min("deadline").as("oldest"))
    .where("deadlineState", "in", ["on_time", "due_soon"])
    .where("deadline", "<", now.toISOString())
    .executeTakeFirst();
  return (row?.oldest as string | null | undefined) ?? null;
}

/** The trail's length: the highest event id (ids are never reused; cheap on a large table). */
export async function trailLength(db: Tx): Promise<number> {
  const row = await db
    .selectFrom("event")
    .select((eb) => eb.fn.max("id").as("last"))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}
