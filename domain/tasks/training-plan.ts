import { z } from "zod";

/**
 * Annual training plans per locality and the kinds of sessions (R19, issue 13.6): a class, an on-site
 * observation, a meeting with training, a skill contest. A session's hours count for every worker who
 * attended it; a worker's year is the sum (training hours per worker per year).
 */
export const trainingKinds = ["class", "onsite", "meeting", "contest"] as const;
export type TrainingKind = (typeof trainingKinds)[number];
export const trainingKindLabel: Record<TrainingKind, { zh: string; en: string }> = {
  class: { zh: "集中授课", en: "Class" },
  onsite: { zh: "现场观摩", en: "On-site observation" },
  meeting: { zh: "以会代训", en: "Meeting with training" },
  contest: { zh: "技能竞赛", en: "Skill contest" },
};

export const trainingPlanInput = z.strictObject({
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/, { error: "培训计划区划须为县区或乡镇代码" }),
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(1, { error: "请填写计划名称" }).max(100),
  content: z.string().trim().max(2000).default(""),
  plannedSessions: z.number().int().min(0).max(1000),
  /** Hours each worker is to attend in the year. */
  plannedHours: z.number().min(0).max(1000),
});
export type TrainingPlanInput = z.output<typeof trainingPlanInput>;

/** An annual plan as `GET /training-plans` answers it, with the sessions held under it. */
export type TrainingPlanView = {
  id: string;
  regionCode: string;
  year: number;
  title: string;
  content: string;
  plannedSessions: number;
  plannedHours: number;
  heldSessions: number;
  createdAt: string;
  abilities: { manage: boolean };
};

/** The hours a session counts: as entered, else its length rounded to the half hour. */
export function sessionHours(startsAt: string, endsAt: string, entered?: number | null): number {
  if (entered !== undefined && entered !== null) return entered;
  return Math.round(((Date.parse(endsAt) - Date.parse(startsAt)) / 3_600_000) * 2) / 2;
}

export const manualAttendanceInput = z.strictObject({
  userId: z.string().min(1, { error: "请选择参训人员" }),
});
export const trainingScoresInput = z.strictObject({
  items: z
    .array(
      z.strictObject({
        userId: z.string({ error: "请选择参训人员" }).min(1, { error: "请选择参训人员" }).max(60),
        score: z
          .number({ error: "成绩须为 0 至 100 的数" })
          .min(0, { error: "成绩不能低于 0" })
          .max(100, { error: "成绩不能高于 100" }),
      }),
    )
    .min(1, { error: "请至少录入一人的成绩" })
    .max(500, { error: "一次最多录入 500 人的成绩" })
    .refine((items) => new Set(items.map((i) => i.userId)).size === items.length, {
      error: "同一人的成绩重复录入",
    }),
});

export interface AttendedSession {
  userId: string;
  trainingId: string;
  hours: number;
  score: number | null;
}
/** Hours, sessions and average score per worker (a session counted once per worker). */
export function hoursPerWorker(rows: AttendedSession[]) {
  const out = new Map<string, { hours: number; sessions: number; scored: number; scoreSum: number }>();
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.userId}|${r.trainingId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const w = out.get(r.userId) ?? { hours: 0, sessions: 0, scored: 0, scoreSum: 0 };
    w.hours += r.hours;
    w.sessions += 1;
    if (r.score !== null) {
      w.scored += 1;
      w.scoreSum += r.score;
    }
    out.set(r.userId, w);
  }
  return out;
}
