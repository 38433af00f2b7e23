import { addCalendarDays } from "../calendar/shanghai-time";

/**
 * The expert's work in their active engagements (R27, issue 13.1): what 我的委托 can be filtered by and
 * what the expert's workbench counts — one predicate for both, so a count is the total of its list.
 *
 * - `assess`: an engaged site with no risk assessment of this engagement awaiting review or approved
 *   (none yet, or the last one was rejected) — the expert still owes an assessment.
 * - `guide`: an engaged case that is still open (guidance can be given until it closes).
 * - `ending`: any engaged site or case whose engagement's last day is within `endingSoonDays` days
 *   (today included): the work must be done before then.
 */
export const engagedWorkKinds = ["assess", "guide", "ending"] as const;
export type EngagedWork = (typeof engagedWorkKinds)[number];

export const endingSoonDays = 7;

export const engagedWorkLabel: Record<EngagedWork, { zh: string; en: string }> = {
  assess: { zh: "待评估监管对象", en: "Sites to assess" },
  guide: { zh: "待指导案件", en: "Cases to guide" },
  ending: { zh: "委托即将到期", en: "Engagements ending soon" },
};

export interface EngagedItem {
  kind: "site" | "case";
  /** The engagement's last day (YYYY-MM-DD, Shanghai). */
  endsOn: string;
  /** Sites: the status of this engagement's latest assessment of the site; null when none. */
  assessmentStatus: "submitted" | "approved" | "rejected" | null;
  /** Cases: still open; null for sites. */
  caseOpen: boolean | null;
}

export function needsWork(item: EngagedItem, work: EngagedWork, today: string): boolean {
  switch (work) {
    case "assess":
      return item.kind === "site" && (item.assessmentStatus === null || item.assessmentStatus === "rejected");
    case "guide":
      return item.kind === "case" && item.caseOpen === true;
    case "ending":
      return item.endsOn <= addCalendarDays(today, endingSoonDays - 1);
  }
}
