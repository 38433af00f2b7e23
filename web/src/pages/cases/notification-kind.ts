import { type CaseAction, caseActionLabel, caseEventVerb } from "../../../../domain/case/case-types";
import type { I18n } from "../../i18n/i18n-context";

const byVerb = new Map(
  (Object.entries(caseEventVerb) as [CaseAction | "report", string][]).map(([action, verb]) => [
    verb,
    action,
  ]),
);

/** "case.dispatched" → 派送交办; reminders (due soon, overdue, re-check due) have their own words. */
export function notificationKindLabel(kind: string, { t, pick }: Pick<I18n, "t" | "pick">): string {
  const verb = kind.replace(/^case\./, "");
  if (verb === "due_soon") return t("kind.due_soon");
  if (verb === "overdue") return t("kind.overdue");
  if (verb === "recheck_due") return t("kind.recheck_due");
  const action = byVerb.get(verb);
  if (action === "report") return t("kind.reported");
  return action ? pick(caseActionLabel[action], kind) : kind;
}
