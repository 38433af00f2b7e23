import { riskLevelLabel } from "../../../../domain/site/site-kinds";

/** The glossary's risk level name (shared with the console and the server). */
export const riskLabel = (level: string | null | undefined) =>
  (level && riskLevelLabel[level as keyof typeof riskLevelLabel]?.zh) || "未评定";
