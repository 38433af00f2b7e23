import { randomUUID } from "node:crypto";
import type { Tx } from "../../../db/db";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  findTaskKindByCode,
  findTaskKindRow,
  findTaskKindVersion,
  insertTaskKind,
  insertTaskKindVersion,
  listTaskKindRows,
  type TaskKindRow,
  updateTaskKind,
} from "../../../db/queries/task-kind-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can, ruleOf } from "../../../domain/policies/access-table";
import type { TaskField } from "../../../domain/tasks/task-form";
import { builtInTaskKinds, taskKindInput, taskKindUpdate } from "../../../domain/tasks/task-kinds";
import type { TaskKindView } from "../../../domain/tasks/task-views";
import type { Deps } from "../../deps";

export function presentKind(actor: Actor, r: TaskKindRow): TaskKindView {
  return {
    id: r.id,
    code: r.code,
    zh: r.zh,
    en: r.en ?? r.zh,
    builtIn: false,
    regionCode: r.regionCode,
    version: r.version,
    minPhotos: r.minPhotos,
    fields: JSON.parse(r.fields) as TaskField[],
    status: r.status,
    updatedAt: r.updatedAt,
    abilities: { manage: can(actor, "taskKind", "manage", r) },
  };
}

/**
 * The kinds the actor may record or see: the built-in ones (宣传, 协助检查) first, then the counties' own kinds
 * the access table lets the actor read (a worker: their county's), optionally of one region.
 */
export async function listTaskKinds(
  deps: Deps,
  actor: Actor,
  f: { region?: string; includeRetired?: boolean },
): Promise<TaskKindView[]> {
  const rows = await listTaskKindRows(deps.db, actor, ruleOf("taskKind", "read"), f);
  const builtIn = builtInTaskKinds.map((k) => ({
    ...k,
    id: null,
    updatedAt: null,
    abilities: { manage: false },
  }));
  return [...builtIn, ...rows.map((r) => presentKind(actor, r))];
}

/** Defines a county's own task kind (version 1). */
export async function createTaskKind(deps: Deps, actor: Actor, raw: unknown): Promise<TaskKindView> {
  const input = parseInput(taskKindInput, raw);
  if (!can(actor, "taskKind", "manage", { regionCode: input.regionCode })) throw new AppError("forbidden");
  const now = deps.clock.now().toISOString();
  const row: TaskKindRow = {
    id: randomUUID(),
    regionCode: input.regionCode,
    code: input.code,
    zh: input.zh,
    en: input.en ?? null,
    version: 1,
    minPhotos: input.minPhotos,
    fields: JSON.stringify(input.fields),
    status: "active",
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
    retiredAt: null,
  };
  await deps.db.transaction().execute(async (tx) => {
    if (await findTaskKindByCode(tx, input.regionCode, input.code)) throw new AppError("task_kind_exists");
    await insertTaskKind(tx, row);
    await insertEvent(
      tx,
      actor,
      {
        action: "task_kind.created",
        subjectType: "task_kind",
        subjectId: row.id,
        regionCode: row.regionCode,
        data: { code: row.code, zh: row.zh, fields: input.fields.map((f) => f.key) },
      },
      new Date(now),
    );
  });
  return presentKind(actor, row);
}

/**
 * Edits a county kind: a new form is a new version (the old one is kept, so records filled on it offline
 * are still checked against it); `status: "retired"` stops new records (those done before stay accepted).
 */
export async function editTaskKind(
  deps: Deps,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<TaskKindView> {
  const before = await findTaskKindRow(deps.db, id);
  if (!before || !can(actor, "taskKind", "read", before)) throw new AppError("task_kind_not_found");
  if (!can(actor, "taskKind", "manage", before)) throw new AppError("forbidden");
  const input = parseInput(taskKindUpdate, raw);
  if (input.version !== before.version)
    throw new AppError("conflict", { details: { version: before.version } });
  const now = deps.clock.now().toISOString();
  const formChanged = input.fields !== undefined || input.zh !== undefined || input.minPhotos !== undefined;
  const next: TaskKindRow = {
    ...before,
    zh: input.zh ?? before.zh,
    en: input.en ?? before.en,
    minPhotos: input.minPhotos ?? before.minPhotos,
    fields: input.fields ? JSON.stringify(input.fields) : before.fields,
    version: formChanged ? before.version + 1 : before.version,
    status: input.status ?? before.status,
    retiredAt:
      input.status === "retired"
        ? (before.retiredAt ?? now)
        : input.status === "active"
          ? null
          : before.retiredAt,
    updatedAt: now,
  };
  await deps.db.transaction().execute(async (tx) => {
    const { id: _i, regionCode: _r, code: _c, ...set } = next;
    if (!(await updateTaskKind(tx, id, before.version, set))) throw new AppError("conflict");
    if (formChanged)
      await insertTaskKindVersion(tx, {
        kindId: id,
        version: next.version,
        zh: next.zh,
        minPhotos: next.minPhotos,
        fields: next.fields,
        createdAt: now,
      });
    await insertEvent(
      tx,
      actor,
      {
        action: "task_kind.updated",
        subjectType: "task_kind",
        subjectId: id,
        regionCode: before.regionCode,
        data: {
          code: before.code,
          version: { from: before.version, to: next.version },
          ...(input.status && input.status !== before.status
            ? { status: { from: before.status, to: input.status } }
            : {}),
        },
      },
      new Date(now),
    );
  });
  return presentKind(actor, next);
}

/** The form a record is checked against: a built-in kind, or the county kind at the version the phone filled. */
export async function kindForRecord(
  db: Tx,
  county: string,
  code: string,
  version: number | undefined,
  doneAt: string,
): Promise<{ code: string; zh: string; version: number; minPhotos: number; fields: TaskField[] }> {
  const builtIn = builtInTaskKinds.find((k) => k.code === code);
  if (builtIn) {
    if (version !== undefined && version !== builtIn.version) throw new AppError("task_kind_version_unknown");
    return builtIn;
  }
  const row = await findTaskKindByCode(db, county, code);
  if (!row) throw new AppError("task_kind_not_found");
  // retired: what was done before the retirement is still accepted; later work is refused
  if (row.status === "retired" && row.retiredAt && doneAt >= row.retiredAt)
    throw new AppError("task_kind_retired");
  const v = version ?? row.version;
  const form = v === row.version ? row : await findTaskKindVersion(db, row.id, v);
  if (!form) throw new AppError("task_kind_version_unknown");
  return { code, zh: form.zh, version: v, minPhotos: form.minPhotos, fields: JSON.parse(form.fields) };
}
