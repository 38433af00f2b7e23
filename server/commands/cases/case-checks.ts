import type { Tx } from "../../../db/db";
import { findDepartment } from "../../../db/queries/department-queries";
import { AppError } from "../../../domain/errors";

/** Today's date (YYYY-MM-DD) in China Standard Time. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function chinaYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/** A date a user sets as a limit must not be in the past. */
export function notInPast(date: string | undefined, now: Date, path: string, what: string) {
  if (date && date < chinaToday(now))
    throw new AppError("validation_failed", {
      zh: `${what}不能早于今天`,
      en: `${path} is in the past`,
      details: { issues: [{ path, message: `${what}不能早于今天` }] },
    });
}

/** A department that can hold cases of a county: active, of that county. */
export async function checkDepartment(db: Tx, id: string, countyCode: string, path: string) {
  const d = await findDepartment(db, id);
  if (d?.status !== "active" || d.regionCode !== countyCode)
    throw new AppError("validation_failed", {
      zh: "所选部门不存在、已停用或不属于本县区",
      en: "Unknown, inactive or out-of-county department",
      details: { issues: [{ path, message: "所选部门不存在、已停用或不属于本县区" }] },
    });
  return d;
}

export const noLeadDepartment = () =>
  new AppError("no_lead_department", {
    status: 422,
    zh: "该县区尚未设置牵头部门，无法受理案件",
    en: "The county has no lead department yet",
  });
