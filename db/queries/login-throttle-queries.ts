import { sql } from "kysely";
import type { Tx } from "../db";

export interface FailureOutcome {
  /** Failures counted in the current window, this one included. */
  failures: number;
  /** Set when this failure completed the run and locked the name. */
  lockedUntil: string | null;
}

/**
 * Counts one failed sign-in of `username` in ONE statement (an upsert whose update is conditional), so that
 * parallel guesses are counted exactly: a new window starts when the last one began before `windowFloor` or
 * ended in a lock; the failure that reaches `maxFailures` sets `locked_until`. While the name is locked
 * nothing is counted and the answer is null (the caller answers 423).
 */
export async function countLoginFailure(
  db: Tx,
  p: { username: string; now: string; windowFloor: string; lockEnd: string; maxFailures: number },
): Promise<FailureOutcome | null> {
  const restart = sql<boolean>`(login_throttle.window_start <= ${p.windowFloor} OR login_throttle.locked_until IS NOT NULL)`;
  const next = sql<number>`CASE WHEN ${restart} THEN 1 ELSE login_throttle.failures + 1 END`;
  const row = await db
    .insertInto("loginThrottle")
    .values({
      username: p.username,
      failures: 1,
      windowStart: p.now,
      lockedUntil: p.maxFailures <= 1 ? p.lockEnd : null,
    })
    .onConflict((oc) =>
      oc
        .column("username")
        .doUpdateSet({
          failures: next,
          windowStart: sql<string>`CASE WHEN ${restart} THEN ${p.now} ELSE login_throttle.window_start END`,
          lockedUntil: sql<
            string | null
          >`CASE WHEN ${next} >= ${p.maxFailures} THEN ${p.lockEnd} ELSE NULL END`,
        })
        .where((eb) =>
          eb.or([eb("loginThrottle.lockedUntil", "is", null), eb("loginThrottle.lockedUntil", "<=", p.now)]),
        ),
    )
    .returning(["failures", "lockedUntil"])
    .executeTakeFirst();
  return row ? { failures: Number(row.failures), lockedUntil: row.lockedUntil } : null;
}

/** The end of the lock on `username`, when it is locked at `now`. */
export async function lockedUntilOf(db: Tx, username: string, now: string): Promise<string | null> {
  const row = await db
    .selectFrom("loginThrottle")
    .select("lockedUntil")
    .where("username", "=", username)
    .where("lockedUntil", ">", now)
    .executeTakeFirst();
  return row?.lockedUntil ?? null;
}

/** The failure row of a name (for the security administrator's view of an account). */
export function findLoginThrottle(db: Tx, username: string) {
  return db.selectFrom("loginThrottle").selectAll().where("username", "=", username).executeTakeFirst();
}

/** Forgets the failures of a name after a successful sign-in (not while it is locked). */
export function clearLoginFailures(db: Tx, username: string, now: string) {
  return db
    .deleteFrom("loginThrottle")
    .where("username", "=", username)
    .where((eb) => eb.or([eb("lockedUntil", "is", null), eb("lockedUntil", "<=", now)]))
    .execute();
}

/** Ends a lock (the security administrator's unlock): the row goes, locked or not. */
export async function unlockLogin(db: Tx, username: string): Promise<boolean> {
  const res = await db.deleteFrom("loginThrottle").where("username", "=", username).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
