import { randomUUID } from "node:crypto";
import type { Tx } from "../../../db/db";
import {
  findDepartment,
  findDepartmentByName,
  findLeadDepartment,
  insertDepartment,
  updateDepartmentRow,
} from "../../../db/queries/department-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { findRegion } from "../../../db/queries/region-queries";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { departmentPolicy } from "../../../domain/policies/department-policy";
import type {
  CreateDepartmentInput,
  UpdateDepartmentInput,
} from "../../../domain/schemas/department-schemas";
import type { Deps } from "../../deps";

/** A locality has one lead department: naming a new one makes the previous lead a cooperating department. */
async function demoteOtherLead(tx: Tx, regionCode: string, keepId: string, now: string) {
  const lead = await findLeadDepartment(tx, regionCode);
  if (lead && lead.id !== keepId)
    await updateDepartmentRow(tx, lead.id, { gridRole: "cooperating", updatedAt: now });
  return lead && lead.id !== keepId ? lead.id : null;
}

/** A locality's department names are unique (a unique index too): 409 `duplicate` instead of a failed write. */
async function assertNameFree(tx: Tx, regionCode: string, name: string, exceptId: string | null) {
  const taken = await findDepartmentByName(tx, regionCode, name);
  if (taken && taken.id !== exceptId)
    throw new AppError("duplicate", { zh: `部门“${name}”已存在`, en: `Department ${name} exists` });
}

export async function createDepartment(deps: Deps, actor: Actor | null, input: CreateDepartmentInput) {
  if (actor && !departmentPolicy.manage(actor, input)) throw new AppError("forbidden");
  const id = randomUUID();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    if (!(await findRegion(tx, input.regionCode))) throw new AppError("invalid_region_code");
    await assertNameFree(tx, input.regionCode, input.name, null);
    const demoted = input.gridRole === "lead" ? await demoteOtherLead(tx, input.regionCode, id, now) : null;
    await insertDepartment(tx, { id, ...input, status: "active", createdAt: now, updatedAt: now });
    await insertEvent(
      tx,
      actor,
      {
        action: "department.created",
        subjectType: "department",
        subjectId: id,
        regionCode: input.regionCode,
        data: { ...input, demotedLead: demoted },
      },
      deps.clock.now(),
    );
  });
  return (await findDepartment(deps.db, id))!;
}

export async function updateDepartment(deps: Deps, actor: Actor, id: string, input: UpdateDepartmentInput) {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    const dep = await findDepartment(tx, id);
    if (!dep || !departmentPolicy.read(actor, dep)) throw new AppError("not_found");
    if (!departmentPolicy.manage(actor, dep)) throw new AppError("forbidden");
    if (input.name !== undefined) await assertNameFree(tx, dep.regionCode, input.name, id);
    const demoted = input.gridRole === "lead" ? await demoteOtherLead(tx, dep.regionCode, id, now) : null;
    await updateDepartmentRow(tx, id, { ...input, updatedAt: now });
    await insertEvent(
      tx,
      actor,
      {
        action: "department.updated",
        subjectType: "department",
        subjectId: id,
        regionCode: dep.regionCode,
        data: { ...input, demotedLead: demoted },
      },
      deps.clock.now(),
    );
  });
  return (await findDepartment(deps.db, id))!;
}
