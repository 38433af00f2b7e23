import { riskLevelLabel, siteKindLabel } from "../../../../domain/site/site-kinds";
import { currentLang, type FieldMessageKey, pick, t } from "../i18n/i18n";

/** The glossary's risk level name (shared with the console and the server). */
export const riskLabel = (level: string | null | undefined) =>
  (level && pick(riskLevelLabel[level as keyof typeof riskLevelLabel])) || t("labels.unrated");

/** The site kind's name (the work set sends only the code). */
export const kindLabel = (kind: string, label?: string) =>
  pick(siteKindLabel[kind as keyof typeof siteKindLabel]) || label || kind;

const patrolStatusKey: Record<string, FieldMessageKey> = {
  due: "patrol.due",
  overdue: "patrol.overdue",
  done: "patrol.done",
};
export const patrolStatusLabel = (status: string) =>
  patrolStatusKey[status] ? t(patrolStatusKey[status]) : status;

/** A case category's name in the current language (the copy on the phone may have been fetched in the other). */
export const categoryLabel = (c: { label: string; zh?: string; en?: string | null }) =>
  (currentLang() === "en" ? c.en : c.zh) || c.label;
