import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

type PatrolActor = Pick<Actor, "id" | "role" | "scope" | "departmentId">;

/** Route gates of the patrol routes (`access-table.ts`, `patrol` and `patrolPlan`). */
export const patrolGate = routeGates("patrol");
export const patrolPlanGate = routeGates("patrolPlan");

/** Point checks on a site (its region) or a region / grid code. */
export const patrolPolicy = {
  record: (actor: PatrolActor, site: { regionCode: string }) => can(actor, "patrol", "record", site),
  read: (actor: PatrolActor, site: { regionCode: string }) => can(actor, "patrol", "read", site),
  coverage: (actor: PatrolActor, code: string) => can(actor, "patrol", "coverage", { regionCode: code }),
  readPlan: (actor: PatrolActor, county: string) => can(actor, "patrolPlan", "read", { regionCode: county }),
  managePlan: (actor: PatrolActor, county: string) =>
    can(actor, "patrolPlan", "manage", { regionCode: county }),
};
