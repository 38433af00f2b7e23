import { randomUUID } from "node:crypto";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  equipmentOf,
  findEquipment,
  insertEquipment,
  returnEquipment,
} from "../../../db/queries/pay-queries";
import { findUserById } from "../../../db/queries/user-queries";
import type { EquipmentIssueTable } from "../../../db/schema/assessment-tables";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { equipmentInput, equipmentReturnInput } from "../../../domain/pay/pay-rules";
import { can } from "../../../domain/policies/access-table";
import type { Deps } from "../../deps";

/** The equipment register (R20 protective equipment): items issued to a grid worker, and their return. */
async function workerRow(deps: Deps, actor: Actor, userId: string) {
  const user = await findUserById(deps.db, userId);
  if (!user || user.role !== "grid_worker") throw new AppError("not_found");
  const row = { userId: user.id, regionCode: user.regionCode };
  if (!can(actor, "equipment", "read", row)) throw new AppError("not_found");
  return { user, row };
}

const present = (e: EquipmentIssueTable & { recordedByName?: string | null }) => ({
  id: e.id,
  userId: e.userId,
  item: e.item,
  quantity: e.quantity,
  issuedOn: e.issuedOn,
  note: e.note,
  returnedOn: e.returnedOn,
  recordedBy: e.recordedBy,
  recordedByName: e.recordedByName ?? null,
  recordedAt: e.recordedAt,
});

export async function listEquipment(deps: Deps, actor: Actor, userId: string) {
  const { row } = await workerRow(deps, actor, userId);
  const items = (await equipmentOf(deps.db, userId)).map(present);
  return { items, abilities: { manage: can(actor, "equipment", "manage", row) } };
}

export async function issueEquipment(deps: Deps, actor: Actor, raw: unknown) {
  const input = parseInput(equipmentInput, raw);
  const { user, row } = await workerRow(deps, actor, input.userId);
  if (!can(actor, "equipment", "manage", row)) throw new AppError("forbidden");
  const now = deps.clock.now();
  const e: EquipmentIssueTable = {
    id: randomUUID(),
    userId: user.id,
    regionCode: user.regionCode,
    item: input.item,
    quantity: input.quantity,
    issuedOn: input.issuedOn,
    note: input.note ?? null,
    returnedOn: null,
    recordedBy: actor.id,
    recordedAt: now.toISOString(),
  };
  await deps.db.transaction().execute(async (tx) => {
    await insertEquipment(tx, e);
    await insertEvent(
      tx,
      actor,
      {
        action: "equipment.issued",
        subjectType: "user",
        subjectId: user.id,
        regionCode: user.regionCode,
        data: { item: e.item, quantity: e.quantity, issuedOn: e.issuedOn },
      },
      now,
    );
  });
  return present({ ...e, recordedByName: actor.displayName ?? null });
}

export async function returnEquipmentItem(deps: Deps, actor: Actor, id: string, raw: unknown) {
  const input = parseInput(equipmentReturnInput, raw);
  const e = await findEquipment(deps.db, id);
  if (!e || !can(actor, "equipment", "read", e)) throw new AppError("not_found");
  if (!can(actor, "equipment", "manage", e)) throw new AppError("forbidden");
  if (input.returnedOn < e.issuedOn)
    throw new AppError("validation_failed", { zh: "归还日期不能早于发放日期", en: "Returned before issued" });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const done = await returnEquipment(tx, id, input.returnedOn);
    if (Number(done.numUpdatedRows) !== 1)
      throw new AppError("conflict", { status: 409, zh: "该装备已登记归还", en: "Already returned" });
    await insertEvent(
      tx,
      actor,
      {
        action: "equipment.returned",
        subjectType: "user",
        subjectId: e.userId,
        regionCode: e.regionCode,
        data: { item: e.item, quantity: e.quantity, returnedOn: input.returnedOn },
      },
      now,
    );
  });
  return present({ ...e, returnedOn: input.returnedOn });
}
