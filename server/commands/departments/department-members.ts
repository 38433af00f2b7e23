import { findDepartment } from "../../../db/queries/department-queries";
import { listDepartmentMembers } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import { forbidden, notFound } from "../../../domain/errors";
import { departmentPolicy } from "../../../domain/policies/department-policy";
import type { DepartmentMemberView } from "../../../domain/schemas/department-schemas";
import type { Deps } from "../../deps";

/**
 * The active people of a department (id and name), e.g. to name the handler when it accepts a case.
 * A department the actor cannot see answers not found; one they see but do not belong to or keep, forbidden.
 */
export async function departmentMembers(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<DepartmentMemberView[]> {
  const department = await findDepartment(deps.db, id);
  if (!department || !departmentPolicy.read(actor, department)) throw notFound();
  if (!departmentPolicy.members(actor, department)) throw forbidden();
  return listDepartmentMembers(deps.db, department.id);
}
