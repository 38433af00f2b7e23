import type { Writable } from "node:stream";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  findAttendance,
  findAttendanceOf,
  insertAttendance,
  listAttendance,
} from "../../../db/queries/training-queries";
import type { Actor } from "../../../domain/auth/actor";
import { type Role, roleLabel } from "../../../domain/auth/roles";
import { shanghaiDateTime } from "../../../domain/calendar/shanghai-time";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import { checkFieldRecord, type FieldFlag, fieldFlagLabel } from "../../../domain/schemas/field-schemas";
import {
  type AttendanceMethod,
  attendanceInput,
  attendanceMethodLabel,
  inAttendanceWindow,
  locationCheck,
} from "../../../domain/tasks/training";
import type { Deps } from "../../deps";
import { type Outcome, requestHash, runIdempotent } from "../cases/idempotent";
import { type SheetColumn, streamedSheet } from "../exports/streamed-sheet";
import { validAttendanceToken } from "./attendance-token";
import { visibleTraining } from "./trainings";

export interface AttendanceAnswer {
  id: string;
  trainingId: string;
  method: AttendanceMethod;
  receivedAt: string;
  distanceM: number | null;
  flags: FieldFlag[];
  /** True when the worker had already checked in (with another id): the earlier check-in is answered. */
  already: boolean;
}

const answerOf = (
  r: {
    id: string;
    trainingId: string;
    method: AttendanceMethod;
    receivedAt: string;
    distanceM: number | null;
    flags: string;
  },
  already: boolean,
): AttendanceAnswer => ({
  id: r.id,
  trainingId: r.trainingId,
  method: r.method,
  receivedAt: r.receivedAt,
  distanceM: r.distanceM,
  flags: JSON.parse(r.flags),
  already,
});

/**
 * Checks a worker in to a session (POST /trainings/:id/attendance), idempotent on the phone's id; a second
 * check-in of the same worker answers the first (200, `already`). By `qr`: the code from the trainer's
 * screen, valid for the time the phone says it checked in (a 2-minute step and the one before); by
 * `location`: within the session's radius. Either way the phone's time must lie in the session's window
 * (30 min before start to 30 min after end), and location, mock and clock are flagged as for every field
 * record.
 */
export async function attendTraining(
  deps: Deps,
  actor: Actor,
  trainingId: string,
  raw: unknown,
): Promise<Outcome<AttendanceAnswer>> {
  const training = await visibleTraining(deps, actor, trainingId);
  if (!can(actor, "training", "attend", training)) throw new AppError("forbidden");
  const input = parseInput(attendanceInput, raw);
  const out = await runIdempotent<AttendanceAnswer>(
    deps,
    actor,
    { key: input.id, hash: requestHash(`attendance:${trainingId}`, raw) },
    async (tx) => {
      const earlier = await findAttendanceOf(tx, trainingId, actor.id);
      if (earlier) return { status: 200, body: answerOf(earlier, true) };
      if (await findAttendance(tx, input.id))
        throw new AppError("idempotency_key_reused", {
          status: 409,
          zh: "该签到编号已被使用",
          en: "This check-in id was already used",
        });
      const clientAt = new Date(input.at).toISOString();
      if (!inAttendanceWindow(training, clientAt))
        throw new AppError("attendance_closed", {
          details: { startsAt: training.startsAt, endsAt: training.endsAt },
        });
      let distance: number | null = null;
      if (input.method === "qr") {
        if (
          !input.token ||
          !validAttendanceToken(training.tokenKey, training.id, input.token, Date.parse(clientAt))
        )
          throw new AppError("attendance_token_invalid");
      }
      if (input.location) {
        const near = locationCheck(training, training.radiusM, input.location);
        distance = near.distanceM;
        if (input.method === "location" && !near.within)
          throw new AppError("attendance_too_far", {
            details: { distanceM: near.distanceM, radiusM: training.radiusM },
          });
      }
      const now = deps.clock.now();
      const receivedAt = now.toISOString();
      const { flags } = checkFieldRecord({ clientAt, receivedAt, location: input.location });
      const row = {
        id: input.id,
        trainingId,
        userId: actor.id,
        method: input.method,
        clientAt,
        receivedAt,
        lng: input.location?.lng ?? null,
        lat: input.location?.lat ?? null,
        accuracy: input.location?.accuracy ?? null,
        distanceM: distance,
        flags: JSON.stringify(flags),
      };
      await insertAttendance(tx, row);
      await insertEvent(
        tx,
        actor,
        {
          action: "training.attended",
          subjectType: "training",
          subjectId: trainingId,
          regionCode: training.regionCode,
          data: { attendanceId: input.id, method: input.method, flags, clientAt },
        },
        now,
      );
      return { status: 201, body: answerOf(row, false) };
    },
  );
  // the same id again answers the stored record as 200 (field contract), never a second 201
  return out.replay ? { ...out, status: 200 } : out;
}

/** The session's attendance for its trainer and the offices (training.manage). */
export async function trainingAttendance(deps: Deps, actor: Actor, trainingId: string) {
  const training = await visibleTraining(deps, actor, trainingId);
  if (!can(actor, "training", "manage", training)) throw new AppError("forbidden");
  const rows = await listAttendance(deps.db, trainingId);
  return {
    training: {
      id: training.id,
      title: training.title,
      startsAt: training.startsAt,
      endsAt: training.endsAt,
    },
    items: rows.map((r) => ({
      id: r.id,
      userId: r.userId,
      userName: r.userName,
      role: r.role,
      userRegion: r.userRegion,
      method: r.method,
      clientAt: r.clientAt,
      receivedAt: r.receivedAt,
      distanceM: r.distanceM,
      flags: JSON.parse(r.flags) as FieldFlag[],
      score: r.score ?? null,
      enteredBy: r.enteredBy ? { id: r.enteredBy, name: r.enteredByName ?? null } : null,
      note: r.note ?? null,
    })),
  };
}

/** The attendance as a watermarked workbook. */
export async function exportAttendanceXlsx(
  deps: Deps,
  actor: Actor,
  trainingId: string,
  en: boolean,
  watermark: string,
  out: Writable,
): Promise<number> {
  const { training, items } = await trainingAttendance(deps, actor, trainingId);
  const columns: SheetColumn[] = [
    ["培训", "Training", 28],
    ["姓名", "Name", 12],
    ["角色", "Role", 14],
    ["所在区划", "Region", 14],
    ["签到方式", "Method", 12],
    ["签到时间", "Checked in at", 17],
    ["距培训地点（米）", "Distance (m)", 14],
    ["提示", "Flags", 24],
    ["成绩", "Score", 8],
    ["录入人", "Entered by", 12],
    ["备注", "Note", 24],
  ];
  const { ws, finish } = streamedSheet(out, { sheet: ["签到", "Attendance"], columns, en, watermark });
  for (const r of items)
    ws.addRow([
      training.title,
      r.userName ?? "",
      r.role ? (en ? roleLabel[r.role as Role].en : roleLabel[r.role as Role].zh) : "",
      r.userRegion ?? "",
      en ? attendanceMethodLabel[r.method].en : attendanceMethodLabel[r.method].zh,
      shanghaiDateTime(new Date(r.clientAt)),
      r.distanceM ?? "",
      r.flags.map((x) => (en ? fieldFlagLabel[x].en : fieldFlagLabel[x].zh)).join("、"),
      r.score ?? "",
      r.enteredBy?.name ?? "",
      r.note ?? "",
    ]).commit();
  await finish();
  return items.length;
}
