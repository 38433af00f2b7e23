import { insertEvent } from "../../../db/queries/event-queries";
import { deleteUserSessions } from "../../../db/queries/session-queries";
import { findUserById, type UserRow, updateUser as updateUserRow } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import type { Role } from "../../../domain/auth/roles";
import { AppError } from "../../../domain/errors";
import { separationOfDutiesConflict } from "../../../domain/policies/security-policy";
import { userPolicy } from "../../../domain/policies/user-policy";
import type { UpdateUserInput } from "../../../domain/schemas/user-schemas";
import type { Deps } from "../../deps";
import { resetPassword } from "../auth/change-password";
import { sessionsChanged } from "../auth/session-cache";
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

/**
 * Changes a user's profile or status (system administrator, offices) or role and scope (security administrator,
 * offices for field roles; 三员分立 refusals answer 409); disabling or a new role/scope ends their sessions.
 */
export async function updateUser(deps: Deps, actor: Actor, id: string, input: UpdateUserInput) {
  const user = await findVisibleUser(deps, actor, id);
  const current = asPolicyUser(user);
  const role = input.role ?? current.role;
  const scope = input.scope ?? current.scope;
  const regrant = role !== current.role || JSON.stringify(scope) !== JSON.stringify(current.scope);
  const { role: _r, scope: _s, ...profile } = input;
  const profileChange = Object.values(profile).some((v) => v !== undefined);
  if (regrant) {
    if (separationOfDutiesConflict(actor, user, role)) throw new AppError("separation_of_duties");
    if (!userPolicy.changeRole(actor, current, role, scope)) throw new AppError("forbidden");
  }
  if (profileChange && !userPolicy.update(actor, current)) throw new AppError("forbidden");
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
  sessionsChanged(deps.db, id);
  return (await findUserById(deps.db, id))!;
}

/** An administrator's password reset: a temporary password, changed at the next sign-in, sessions ended. */
export async function setPassword(deps: Deps, actor: Actor, id: string, password: string) {
  const user = await findVisibleUser(deps, actor, id);
  if (!userPolicy.update(actor, asPolicyUser(user))) throw new AppError("forbidden");
  await resetPassword(deps, actor, user, password);
}
