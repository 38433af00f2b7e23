import type { Insertable } from "kysely";
import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import { firstCompiled } from "../compiled-queries";
import type { Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type { AppUserTable } from "../schema/core-tables";

export type UserRow = AppUserTable & { departmentName: string | null };

function selectUsers(db: Tx) {
  return db
    .selectFrom("appUser")
    .leftJoin("department", "department.id", "appUser.departmentId")
    .selectAll("appUser")
    .select("department.name as departmentName");
}

/**
 * A session and its user in one read (every signed-in request does this): the session's times, and the
 * user (with its department's name) or null when the user no longer exists.
 */
export async function findSessionUser(db: Tx, sessionId: string) {
  const row = await firstCompiled(db, "session.withUser", [sessionId], () =>
    db
      .selectFrom("session")
      .leftJoin("appUser", "appUser.id", "session.userId")
      .leftJoin("department", "department.id", "appUser.departmentId")
      .selectAll("appUser")
      .select([
        "department.name as departmentName",
        "session.lastSeenAt as sessionLastSeenAt",
        "session.expiresAt as sessionExpiresAt",
        "session.stage as sessionStage",
      ])
      .where("session.id", "=", sessionId),
  );
  if (!row) return undefined;
  const { sessionLastSeenAt, sessionExpiresAt, sessionStage, ...user } = row;
  return {
    session: { lastSeenAt: sessionLastSeenAt, expiresAt: sessionExpiresAt, stage: sessionStage ?? "full" },
    user: user.id === null ? null : (user as UserRow),
  };
}

export function findUserById(db: Tx, id: string): Promise<UserRow | undefined> {
  return firstCompiled(db, "user.byId", [id], () => selectUsers(db).where("appUser.id", "=", id));
}

export function findUserByUsername(db: Tx, username: string): Promise<UserRow | undefined> {
  return selectUsers(db).where("appUser.username", "=", username).executeTakeFirst();
}

export interface UserFilter {
  region?: string;
  role?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** Users the actor may read (the access table's user read rule), filtered and paged. */
export async function listUsers(db: Tx, actor: PolicyActor, f: UserFilter) {
  let query = selectUsers(db).where((eb) => policyFilter(eb, ruleOf("user", "read"), actor, "appUser"));
  if (f.region) query = query.where("appUser.regionCode", "like", `${f.region}%`);
  if (f.role) query = query.where("appUser.role", "=", f.role);
  if (f.q) {
    const like = `%${f.q}%`;
    query = query.where((eb) =>
      eb.or([eb("appUser.username", "like", like), eb("appUser.displayName", "like", like)]),
    );
  }
  const total = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const items = await query
    .orderBy("appUser.regionCode")
    .orderBy("appUser.username")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, total: Number(total.n) };
}

/** The active users of a department, by name (id and display name only). */
export function listDepartmentMembers(db: Tx, departmentId: string) {
  return db
    .selectFrom("appUser")
    .select(["id", "displayName"])
    .where("departmentId", "=", departmentId)
    .where("status", "=", "active")
    .orderBy("displayName")
    .orderBy("id")
    .execute();
}

export function insertUsers(db: Tx, rows: Insertable<AppUserTable>[]) {
  return db.insertInto("appUser").values(rows).execute();
}

export function insertUser(db: Tx, row: AppUserTable) {
  return db.insertInto("appUser").values(row).execute();
}

export function updateUser(db: Tx, id: string, patch: Partial<AppUserTable>) {
  return db.updateTable("appUser").set(patch).where("id", "=", id).execute();
}

export function countUsers(db: Tx) {
  return db
    .selectFrom("appUser")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** Names and roles of these users (callers batch long lists). */
export function findUserNames(db: Tx, ids: string[]) {
  return db.selectFrom("appUser").select(["id", "displayName", "role"]).where("id", "in", ids).execute();
}

/** What staffing a grid checks of these users. */
export function findUserStandings(db: Tx, ids: string[]) {
  return db
    .selectFrom("appUser")
    .select(["id", "role", "status", "regionCode"])
    .where("id", "in", ids)
    .execute();
}
