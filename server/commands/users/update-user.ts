import { insertEvent } from "../../../db/queries/event-queries";
import { deleteUserSessions } from "../../../db/queries/session-queries";
import { findUserById, type UserRow, updateUser as updateUserRow } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import { checkPassword } from "../../../domain/auth/password-policy";
import type { Role } from "../../../domain/auth/roles";
import { AppError } from "../../../domain/errors";
import { userPolicy } from "../../../domain/policies/user-policy";
import type { UpdateUserInput } from "../../../domain/schemas/user-schemas";
import type { Deps } from "../../deps";
import { hashPassword } from "../auth/password-hash";
import { assertRegionsExist, scopeRegion } from "./user-scope";

const asPolicyUser = (u: UserRow) => ({
  role: u.role as Role,
  regionCode: u.regionCode,
  scope: JSON.parse(u.scope) as string[],
});

/** Loads a user the actor may see; out of scope reads as not found. */
export async function findVisibleUser(deps: Deps, actor: Actor, id: string): Promise<UserRow> {
  const user = await findUserById(deps.db, id);
  if (!user || !userPolicy.read(actor, asPolicyUser(user))) throw new AppError("not_found");
  return user;
}

/** Changes a user's profile, role, scope or status; disabling ends their sessions. */
export async function updateUser(deps: Deps, actor: Actor, id: string, input: UpdateUserInput) {
  const user = await findVisibleUser(deps, actor, id);
  if (!userPolicy.update(actor, asPolicyUser(user))) throw new AppError("forbidden");
  const role = input.role ?? (user.role as Role);
  const scope = input.scope ?? (JSON.parse(user.scope) as string[]);
  if (!userPolicy.create(actor, role, scope)) throw new AppError("forbidden");
  if (id === actor.id && input.status === "disabled")
    throw new AppError("validation_failed", { zh: "不能停用自己的账号", en: "You cannot disable yourself" });
  await deps.db.transaction().execute(async (tx) => {
    if (input.scope) await assertRegionsExist(tx, input.scope);
    const patch = {
      ...(input.displayName !== undefined && { displayName: input.displayName }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.scope !== undefined && {
        scope: JSON.stringify(input.scope),
        regionCode: scopeRegion(input.scope),
      }),
      ...(input.departmentId !== undefined && { departmentId: input.departmentId }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.status !== undefined && { status: input.status }),
      updatedAt: deps.clock.now().toISOString(),
    };
    await updateUserRow(tx, id, patch);
    if (input.status === "disabled" || input.role || input.scope) await deleteUserSessions(tx, id);
    const { phone: _p, ...logged } = input;
    await insertEvent(
      tx,
      actor,
      {
        action: "user.updated",
        subjectType: "user",
        subjectId: id,
        regionCode: scopeRegion(scope),
        data: { ...logged, phoneChanged: input.phone !== undefined },
      },
      deps.clock.now(),
    );
  });
  return (await findUserById(deps.db, id))!;
}

/** Sets a new password (policy-checked) and ends the user's sessions. */
export async function setPassword(deps: Deps, actor: Actor, id: string, password: string) {
  const self = id === actor.id;
  const user = self ? await findUserById(deps.db, id) : await findVisibleUser(deps, actor, id);
  if (!user) throw new AppError("not_found");
  if (!self && !userPolicy.update(actor, asPolicyUser(user))) throw new AppError("forbidden");
  const problems = checkPassword(password, [user.username, user.displayName], deps.config.auth.password);
  if (problems.length)
    throw new AppError("weak_password", {
      zh: problems.map((p) => p.zh).join("；"),
      en: problems.map((p) => p.en).join("; "),
    });
  const passwordHash = await hashPassword(password, deps.config.auth);
  await deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now().toISOString();
    await updateUserRow(tx, id, { passwordHash, passwordChangedAt: now, updatedAt: now });
    await deleteUserSessions(tx, id);
    await insertEvent(
      tx,
      actor,
      {
        action: "user.password_set",
        subjectType: "user",
        subjectId: id,
        regionCode: user.regionCode,
        data: {},
      },
      deps.clock.now(),
    );
  });
}
