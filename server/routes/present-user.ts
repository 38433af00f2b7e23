import type { UserRow } from "../../db/queries/user-queries";
import type { Role } from "../../domain/auth/roles";
import type { UserView } from "../../domain/schemas/user-schemas";

/** The public shape of a user: never the password hash. */
export function presentUser(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    scope: JSON.parse(u.scope) as string[],
    departmentId: u.departmentId,
    departmentName: u.departmentName,
    status: u.status,
    phone: u.phone,
    lastLoginAt: u.lastLoginAt,
    hasPhoto: !!u.photoEvidenceId,
  };
}
