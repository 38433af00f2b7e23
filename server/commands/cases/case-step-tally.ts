import type { Tx } from "../../../db/db";
import { addLateStep, addToTally, type TallyDims } from "../../../db/queries/case-tally-queries";
import type { Case } from "../../../domain/case/case-types";
import { isLate, tallyOfStep } from "../../../domain/indicators/case-tally";
import type { Deps } from "../../deps";

/**
 * Keeps the dashboards' rollup current in the command's own transaction (issue 13.2): what this step adds
 * (domain/indicators/case-tally) goes to the case's region at every level, for the day and the month.
 */
export async function tallyCaseStep(
  deps: Pick<Deps, "calendar">,
  tx: Tx,
  kase: Pick<Case, "id" | "regionCode" | "reportedAt" | "category" | "type" | "source" | "escalated"> & {
    /** A report's industry (its site's GB/T 4754 section, "" for none; `caseIndustryOf`). */
    industry?: string;
  },
  step: {
    action: string;
    at: string;
    due: string | null;
    passed?: boolean;
    recurring?: boolean;
    lateBefore?: boolean;
  },
): Promise<void> {
  const delta = tallyOfStep(
    {
      ...step,
      escalatedAtReport: step.action === "report" ? kase.escalated : undefined,
      reportedAt: kase.reportedAt,
    },
    (f, t) => deps.calendar.workingHoursBetween(f, t),
  );
  const dims: TallyDims =
    step.action === "report"
      ? { category: kase.category, type: kase.type, source: kase.source, industry: kase.industry ?? "" }
      : null;
  await addToTally(tx, kase.regionCode, step.at, delta, dims);
  if (isLate(step)) await addLateStep(tx, kase.id);
}
