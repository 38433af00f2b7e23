import { riskLevelLabel, siteKindLabel } from "../../../../domain/site/site-kinds";

/** The glossary's risk level name (shared with the console and the server). */
export const riskLabel = (level: string | null | undefined) =>
  (level && riskLevelLabel[level as keyof typeof riskLevelLabel]?.zh) || "未评定";

/** The site kind's name (the work set sends only the code). */
export const kindLabel = (kind: string, label?: string) =>
  label ?? siteKindLabel[kind as keyof typeof siteKindLabel]?.zh ?? kind;

export const patrolStatusLabel: Record<string, string> = {
  due: "待巡查",
  overdue: "已逾期",
  done: "本期已巡",
};
