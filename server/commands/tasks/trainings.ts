import { randomUUID } from "node:crypto";
import QRCode from "qrcode";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  attendedOf,
  findTraining,
  insertTraining,
  listTrainings,
  type TrainingRow,
} from "../../../db/queries/training-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import type { TrainingView } from "../../../domain/tasks/task-views";
import { trainingInput } from "../../../domain/tasks/training";
import { sessionHours } from "../../../domain/tasks/training-plan";
import type { Deps } from "../../deps";
import { attendanceToken, newTokenKey, tokenExpiresAt } from "./attendance-token";
import { planForSession } from "./training-plans";

export const presentTraining = (actor: Actor, r: TrainingRow, attended = false): TrainingView => ({
  id: r.id,
  title: r.title,
  regionCode: r.regionCode,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  place: r.place,
  location: { lng: r.lng, lat: r.lat },
  radiusM: r.radiusM,
  trainer: r.trainer,
  kind: r.kind ?? "class",
  hours: sessionHours(r.startsAt, r.endsAt, r.hours),
  materials: r.materials ?? null,
  planId: r.planId ?? null,
  attendees: r.attendees,
  attended,
  abilities: { manage: can(actor, "training", "manage", r), attend: can(actor, "training", "attend", r) },
});

/** A session the actor may read, or 404. */
export async function visibleTraining(deps: Deps, actor: Actor, id: string) {
  const row = await findTraining(deps.db, id);
  if (!row || !can(actor, "training", "read", row)) throw new AppError("training_not_found");
  return row;
}

/** Creates a training session for an audience region in the actor's scope (offices, departments, stations). */
export async function createTraining(deps: Deps, actor: Actor, raw: unknown): Promise<TrainingView> {
  const input = parseInput(trainingInput, raw);
  if (!can(actor, "training", "manage", { regionCode: input.regionCode })) throw new AppError("forbidden");
  if (input.planId) await planForSession(deps, actor, input.planId, input.regionCode);
  const now = deps.clock.now();
  const row = {
    id: randomUUID(),
    regionCode: input.regionCode,
    title: input.title,
    startsAt: new Date(input.startsAt).toISOString(),
    endsAt: new Date(input.endsAt).toISOString(),
    place: input.place,
    lng: input.location.lng,
    lat: input.location.lat,
    radiusM: input.radiusM,
    trainer: input.trainer,
    tokenKey: newTokenKey(),
    kind: input.kind,
    hours: input.hours ?? null,
    materials: input.materials ?? null,
    planId: input.planId ?? null,
    createdBy: actor.id,
    createdAt: now.toISOString(),
  };
  await deps.db.transaction().execute(async (tx) => {
    await insertTraining(tx, row);
    await insertEvent(
      tx,
      actor,
      {
        action: "training.created",
        subjectType: "training",
        subjectId: row.id,
        regionCode: row.regionCode,
        data: { title: row.title, startsAt: row.startsAt, endsAt: row.endsAt, place: row.place },
      },
      now,
    );
  });
  return presentTraining(actor, { ...row, attendees: 0 });
}

/** The console's list: every session the actor reads, newest first. */
export async function listTrainingViews(deps: Deps, actor: Actor, f: { region?: string }) {
  const rows = await listTrainings(deps.db, actor, "read", { ...f, limit: 200 });
  return { items: rows.map((r) => presentTraining(actor, r)) };
}

/** The phone's list: sessions of the worker's regions ending from a week ago on, soonest first. */
export async function myTrainings(deps: Deps, actor: Actor) {
  const since = new Date(deps.clock.now().getTime() - 7 * 86_400_000).toISOString();
  const rows = await listTrainings(deps.db, actor, "attend", { endsAfter: since, limit: 100 });
  const attended = await attendedOf(
    deps.db,
    actor.id,
    rows.map((r) => r.id),
  );
  return {
    serverTime: deps.clock.now().toISOString(),
    items: rows.map((r) => presentTraining(actor, r, attended.has(r.id))),
  };
}

/** The code the trainer's screen shows now, as text and as a QR code image, with when it turns over. */
export async function trainingQr(deps: Deps, actor: Actor, id: string) {
  const row = await visibleTraining(deps, actor, id);
  if (!can(actor, "training", "manage", row)) throw new AppError("forbidden");
  const nowMs = deps.clock.now().getTime();
  const token = attendanceToken(row.tokenKey, row.id, nowMs);
  const content = `SGTRAIN:${row.id}:${token}`;
  const qrDataUrl = await QRCode.toDataURL(content, { errorCorrectionLevel: "M", margin: 1, width: 320 });
  return { token, content, qrDataUrl, expiresAt: tokenExpiresAt(nowMs).toISOString() };
}
