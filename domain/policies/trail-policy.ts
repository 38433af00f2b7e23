import { type Actor, hasRole } from "../auth/actor";
import type { Role } from "../auth/roles";

/** Roles that read the trail of their jurisdiction; the audit administrator reviews it (三员分立). */
const trailReaders: Role[] = ["auditor", "system_admin", "province_office", "city_office", "county_office"];

/**
 * Who may check the integrity of the trail and read trail rows. Rows are scoped by their region code
 * (`inScope` over the actor's scope in SQL, `covers` for one row): a county's auditor sees that county's rows.
 */
export const trailPolicy = {
  verify: (actor: Actor) => hasRole(actor, ...trailReaders),
  /** The trail browser (filters, paging; rows of the actor's jurisdiction). */
  read: (actor: Actor) => hasRole(actor, ...trailReaders),
  /** The export of the filtered rows (with a stated reason, see domain/classification). */
  export: (actor: Actor) => hasRole(actor, ...trailReaders),
};
