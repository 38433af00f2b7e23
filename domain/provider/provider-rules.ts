import { isIsoDate } from "../calendar/shanghai-time";
import { AppError } from "../errors";
import type { RiskLevel } from "../site/site-kinds";

/**
 * Third-party service providers (R27): what decides whether an engagement is active and an expert may act.
 * Dates are Shanghai calendar days (YYYY-MM-DD), both ends included; `today` is the caller's clock's day.
 */
export interface EngagementDates {
  startsOn: string;
  endsOn: string;
  endedAt: string | null;
}

/** Active on `today`: started, not past its last day, not ended early. */
export const engagementActive = (e: EngagementDates, today: string): boolean =>
  e.endedAt === null && e.startsOn <= today && today <= e.endsOn;

export type EngagementStatus = "upcoming" | "active" | "expired" | "ended";

export function engagementStatus(e: EngagementDates, today: string): EngagementStatus {
  if (e.endedAt !== null) return "ended";
  if (today < e.startsOn) return "upcoming";
  if (today > e.endsOn) return "expired";
  return "active";
}

export const engagementStatusLabel: Record<EngagementStatus, { zh: string; en: string }> = {
  upcoming: { zh: "未开始", en: "Upcoming" },
  active: { zh: "服务中", en: "Active" },
  expired: { zh: "已到期", en: "Expired" },
  ended: { zh: "已提前终止", en: "Ended early" },
};

export interface QualificationDates {
  validFrom: string;
  validUntil: string;
}

export const qualificationValid = (q: QualificationDates, day: string): boolean =>
  q.validFrom <= day && day <= q.validUntil;

/** Refuses reversed dates (422 engagement_dates_reversed). */
export function assertDateOrder(from: string, to: string, what: "engagement" | "qualification") {
  if (!isIsoDate(from) || !isIsoDate(to))
    throw new AppError("validation_failed", { zh: "日期格式应为 YYYY-MM-DD", en: "Dates are YYYY-MM-DD" });
  if (to < from)
    throw what === "engagement"
      ? new AppError("engagement_dates_reversed")
      : new AppError("validation_failed", {
          zh: "资质有效期截止日期不能早于起始日期",
          en: "The qualification cannot expire before it starts",
        });
}

/**
 * An expert may be engaged only when their qualification is valid on every day of the engagement that is
 * still to come (from today or its start, whichever is later, to its end); 422 qualification_expired.
 */
export function assertEngageable(
  q: QualificationDates,
  e: { startsOn: string; endsOn: string },
  today: string,
) {
  const from = e.startsOn > today ? e.startsOn : today;
  if (!qualificationValid(q, from) || q.validUntil < e.endsOn)
    throw new AppError("qualification_expired", {
      zh: `该专家的资质有效期为 ${q.validFrom} 至 ${q.validUntil}，不能覆盖委托期 ${e.startsOn} 至 ${e.endsOn}，不能委托`,
      en: `The expert's qualification (${q.validFrom} to ${q.validUntil}) does not cover the engagement`,
    });
}

/** An expert acts (assesses, guides) only with a qualification valid today; 422 qualification_expired. */
export function assertMayAct(q: QualificationDates, today: string) {
  if (!qualificationValid(q, today))
    throw new AppError("qualification_expired", {
      zh: `您的资质有效期为 ${q.validFrom} 至 ${q.validUntil}，今天（${today}）不在有效期内，不能开展服务`,
      en: `Your qualification (${q.validFrom} to ${q.validUntil}) is not valid today`,
    });
}

/** Four-colour result labels (红橙黄蓝) as assessments read them. */
export const assessmentResultLabel: Record<RiskLevel, { zh: string; en: string }> = {
  red: { zh: "红色（重大风险）", en: "Red (major risk)" },
  orange: { zh: "橙色（较大风险）", en: "Orange (considerable risk)" },
  yellow: { zh: "黄色（一般风险）", en: "Yellow (general risk)" },
  blue: { zh: "蓝色（低风险）", en: "Blue (low risk)" },
};

export const assessmentStatusLabel = {
  submitted: { zh: "待审核", en: "Awaiting approval" },
  approved: { zh: "已批准", en: "Approved" },
  rejected: { zh: "已退回", en: "Rejected" },
} as const;
