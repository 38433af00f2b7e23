import { z } from "zod";
import { distanceM } from "../case/honest-closure";
import { fieldItemBase, fieldLocation } from "../schemas/field-schemas";
import { trainingKinds } from "./training-plan";

/**
 * Training sessions (R19: 会检查、会记录、会报告) and attendance: a worker checks in by the short-lived code the
 * trainer's console shows as a QR code (or typed), or by being within the radius of the session's place
 * during its time window.
 */
const text = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过 ${max} 个字` });

export const trainingInput = z
  .strictObject({
    title: text("培训主题", 100),
    /** Audience: the workers of this region (township, county…) see the session. */
    regionCode: z.string({ error: "请选择培训对象所在区划" }).regex(/^\d{6}(\d{3})?(\d{3})?$/, {
      error: "培训对象区划须为县区、乡镇或村代码",
    }),
    startsAt: z.iso.datetime({ offset: true, error: "开始时间须为 ISO 8601 时间" }),
    endsAt: z.iso.datetime({ offset: true, error: "结束时间须为 ISO 8601 时间" }),
    place: text("培训地点", 200),
    location: fieldLocation.omit({ accuracy: true, mock: true }),
    /** Radius around the place within which a location check-in counts, metres. */
    radiusM: z
      .number()
      .int()
      .min(20, { error: "签到半径至少 20 米" })
      .max(5000, { error: "签到半径最多 5000 米" })
      .default(300),
    trainer: text("培训讲师", 60),
    /** The session's kind (R19): class, on-site observation, meeting with training, skill contest. */
    kind: z.enum(trainingKinds, { error: "培训形式须为 class、onsite、meeting 或 contest" }).default("class"),
    /** Hours it counts per attendee; absent: its length rounded to the half hour. */
    hours: z.number().min(0).max(24).optional(),
    materials: z.string().trim().max(500).optional(),
    /** The annual plan it belongs to. */
    planId: z.string().min(1).max(40).optional(),
  })
  .refine((t) => Date.parse(t.endsAt) > Date.parse(t.startsAt), {
    error: "结束时间须晚于开始时间",
    path: ["endsAt"],
  })
  .refine((t) => Date.parse(t.endsAt) - Date.parse(t.startsAt) <= 3 * 86_400_000, {
    error: "一次培训最长 3 天",
    path: ["endsAt"],
  });
export type TrainingInput = z.output<typeof trainingInput>;

export const attendanceMethods = ["qr", "location"] as const;
/** How an attendance came: the worker's own check-in by code or location, or entered by the organiser. */
export type AttendanceMethod = "qr" | "location" | "entered";
export const attendanceMethodLabel: Record<AttendanceMethod, { zh: string; en: string }> = {
  qr: { zh: "扫码签到", en: "QR / code" },
  location: { zh: "定位签到", en: "Location" },
  entered: { zh: "组织者录入", en: "Entered by organiser" },
};

/**
 * The organiser enters attendees (issue 13.6: "entered by the organiser"): people of the session's
 * locality, up to 200 at a time, with an optional note (e.g. "纸质签到表补录").
 */
export const trainingAttendeesInput = z.strictObject({
  userIds: z
    .array(z.string({ error: "请选择参训人员" }).min(1, { error: "请选择参训人员" }).max(60), {
      error: "请选择参训人员",
    })
    .min(1, { error: "请至少选择一人" })
    .max(200, { error: "一次最多录入 200 人" }),
  note: z.string().trim().max(200, { error: "备注不能超过 200 个字" }).optional(),
});
export type TrainingAttendeesInput = z.output<typeof trainingAttendeesInput>;

export const attendanceInput = z
  .strictObject({
    id: fieldItemBase.id,
    at: fieldItemBase.at,
    location: fieldItemBase.location,
    method: z.enum(attendanceMethods, { error: "签到方式须为 qr（扫码/签到码）或 location（定位）" }),
    /** The code from the trainer's QR (or typed): 8 letters/digits. */
    token: z
      .string()
      .trim()
      .transform((t) => t.toUpperCase().replace(/[\s-]/g, ""))
      .pipe(z.string().regex(/^[A-Z2-9]{8}$/, { error: "签到码为 8 位字母数字" }))
      .optional(),
  })
  .refine((a) => a.method !== "qr" || a.token, { error: "扫码签到须提供签到码", path: ["token"] })
  .refine((a) => a.method !== "location" || a.location, { error: "定位签到须提供位置", path: ["location"] });
export type AttendanceInput = z.output<typeof attendanceInput>;

/** Minutes before the start and after the end a check-in still counts. */
export const attendanceGraceMs = 30 * 60_000;

export interface TrainingWindow {
  startsAt: string;
  endsAt: string;
}
/** Is this moment inside the session's check-in window (start − 30 min … end + 30 min)? */
export const inAttendanceWindow = (t: TrainingWindow, at: string) =>
  Date.parse(at) >= Date.parse(t.startsAt) - attendanceGraceMs &&
  Date.parse(at) <= Date.parse(t.endsAt) + attendanceGraceMs;

/** The distance of a check-in from the session's place and whether it is within the radius (accuracy helps). */
export function locationCheck(
  place: { lng: number; lat: number },
  radiusM: number,
  loc: { lng: number; lat: number; accuracy?: number },
) {
  const d = Math.round(distanceM(place, loc));
  return { distanceM: d, within: d <= radiusM + Math.min(loc.accuracy ?? 0, 100) };
}
