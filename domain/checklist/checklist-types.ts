import type { SiteKind } from "../site/site-kinds";

/** One line of a checklist: the question as the worker reads it, and whether an answer needs a photo. */
export interface ChecklistItem {
  /** Stable within the checklist across versions (a run's answers name it). */
  id: string;
  text: string;
  requirePhoto: boolean;
}

/** One version of a checklist (a default, or a county's own or edited one). */
export interface ChecklistTemplate {
  id: string;
  version: number;
  title: string;
  siteKinds: SiteKind[];
  /** GB/T 4754 code prefixes (division "62", class "6210"); empty for every industry. */
  industries: string[];
  items: ChecklistItem[];
}

export type ChecklistStatus = "active" | "retired";

/** A template as a county sees it: where it came from and whether it is still in use. */
export interface EffectiveChecklist extends ChecklistTemplate {
  source: "default" | "county";
  status: ChecklistStatus;
  updatedBy: string | null;
  /** The display name of `updatedBy` (filled by the server). */
  updatedByName?: string | null;
  updatedAt: string | null;
}

export const checklistAnswers = ["yes", "no", "na"] as const;
export type ChecklistAnswer = (typeof checklistAnswers)[number];
export const checklistAnswerLabel: Record<ChecklistAnswer, { zh: string; en: string }> = {
  yes: { zh: "符合", en: "Yes" },
  no: { zh: "不符合", en: "No" },
  na: { zh: "不适用", en: "N/A" },
};

export interface RunAnswer {
  itemId: string;
  answer: ChecklistAnswer;
  note?: string;
  evidenceIds: string[];
}

/** A run's flags: the field record's own (location, clock) and a checklist changed while offline. */
export const checklistRunFlagLabel = {
  checklist_changed: { zh: "填写时检查表已更新（按原版本记录）", en: "Checklist changed while offline" },
} as const;
