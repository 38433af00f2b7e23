import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

type IndustryActor = Pick<Actor, "id" | "role" | "scope" | "departmentId">;
const gates = routeGates("industry");

/** The industry look-up and the province's own synonyms (`access-table.ts`, `industry`). */
export const industryPolicy = {
  readGate: gates.read,
  manageGate: gates.manage,
  /** May the actor keep the synonyms of this province (2 digits)? */
  manage: (actor: IndustryActor, province: string) =>
    can(actor, "industry", "manage", { regionCode: province }),
};
