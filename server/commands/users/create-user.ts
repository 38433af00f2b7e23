import { randomUUID } from "node:crypto";
import { findDepartment } from "../../../db/queries/department-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { findUserById, findUserByUsername, insertUser } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import { checkPassword } from "../../../domain/auth/password-policy";
import { departmentRoles } from "../../../domain/auth/roles";
import { AppError } from "../../../domain/errors";
import { userPolicy } from "../../../domain/policies/user-policy";
import type { CreateUserInput } from "../../../domain/schemas/user-schemas";
import type { Deps } from "../../deps";
import { hashPassword } from "../auth/password-hash";
import { assertRegionsExist, scopeRegion } from "./user-scope";

/** Creates an account within the actor's scope, for a role the actor may grant. */
export async function createUser(deps: Deps, actor: Actor | null, input: CreateUserInput) {
  if (actor && !userPolicy.create(actor, input.role, input.scope)) throw new AppError("forbidden");
  const username = input.username.toLowerCase();
  const problems = checkPassword(input.password, [username, input.displayName], deps.config.auth.password);
  if (problems.length)
    throw new AppError("weak_password", {
      zh: problems.map((p) => p.zh).join("；"),
      en: problems.map((p) => p.en).join("; "),
    });
  const passwordHash = await hashPassword(input.password, deps.config.auth);
  const now = deps.clock.now().toISOString();
  const id = randomUUID();
  await deps.db.transaction().execute(async (tx) => {
    if (await findUserByUsername(tx, username))
      throw new AppError("duplicate", {
        zh: `用户名 ${username} 已存在`,
        en: `Username ${username} is taken`,
      });
    await assertRegionsExist(tx, input.scope);
    const departmentId = input.departmentId ?? null;
    if (departmentRoles.includes(input.role) && !departmentId)
      throw new AppError("validation_failed", {
        zh: "部门用户须选择所属部门",
        en: "Department users need a department",
      });
    if (departmentId) {
      const dep = await findDepartment(tx, departmentId);
      if (!dep || !input.scope.some((s) => dep.regionCode.startsWith(s) || s.startsWith(dep.regionCode)))
        throw new AppError("validation_failed", {
          zh: "所选部门不在该用户的管辖区域内",
          en: "Department outside the user's scope",
        });
    }
    await insertUser(tx, {
      id,
      username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      scope: JSON.stringify(input.scope),
      regionCode: scopeRegion(input.scope),
      departmentId,
      phone: input.phone ?? null,
      status: "active",
      lockedUntil: null,
      lastLoginAt: null,
      passwordChangedAt: now,
      // Created by another person: the new user chooses their own password at the first sign-in.
      // Accounts made by the command line, the first-start prompt or the demo (no actor) are exempt.
      passwordChangeReason: actor ? "created" : null,
      createdAt: now,
      updatedAt: now,
    });
    await insertEvent(
      tx,
      actor,
      {
        action: "user.created",
        subjectType: "user",
        subjectId: id,
        regionCode: scopeRegion(input.scope),
        data: { username, role: input.role, scope: input.scope, departmentId },
      },
      deps.clock.now(),
    );
  });
  return (await findUserById(deps.db, id))!;
}
