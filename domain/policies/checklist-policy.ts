import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

type ChecklistActor = Pick<Actor, "id" | "role" | "scope" | "departmentId">;
const templates = routeGates("checklist");
const runs = routeGates("checklistRun");

/**
 * Checklists and their runs (issue 9), by the access table's `checklist` and `checklistRun` rules: a county's
 * checklists are read within or above it and kept by its safety offices; a run lies in its site's region,
 * is filled and reported by the field roles there and read by whoever reads the site.
 */
export const checklistPolicy = {
  readGate: templates.read,
  read: (actor: ChecklistActor, countyCode: string) =>
    can(actor, "checklist", "read", { regionCode: countyCode }),
  manageGate: templates.manage,
  manage: (actor: ChecklistActor, countyCode: string) =>
    can(actor, "checklist", "manage", { regionCode: countyCode }),
  runReadGate: runs.read,
  readRun: (actor: ChecklistActor, regionCode: string) => can(actor, "checklistRun", "read", { regionCode }),
  runCreateGate: runs.create,
  createRun: (actor: ChecklistActor, regionCode: string) =>
    can(actor, "checklistRun", "create", { regionCode }),
  runReportGate: runs.report,
  reportRun: (actor: ChecklistActor, regionCode: string) =>
    can(actor, "checklistRun", "report", { regionCode }),
};
