import type { ChecklistRunTable } from "../../../db/schema/checklist-tables";
import type { ChecklistTemplate, RunAnswer } from "../../../domain/checklist/checklist-types";
import { checklistAnswerLabel, checklistRunFlagLabel } from "../../../domain/checklist/checklist-types";
import { fieldFlagLabel } from "../../../domain/schemas/field-schemas";

export interface RunReport {
  caseId: string;
  number: string;
  itemIds: string[];
  key: string;
}

const flagLabel = (f: string, en: boolean) => {
  const l =
    (fieldFlagLabel as Record<string, { zh: string; en: string }>)[f] ??
    (checklistRunFlagLabel as Record<string, { zh: string; en: string }>)[f];
  return l ? (en ? l.en : l.zh) : f;
};

/** A run as the API answers it: the answers with their items' text (of the version it was filled on). */
export function presentRun(
  row: ChecklistRunTable & { createdByName?: string | null },
  template: ChecklistTemplate | undefined,
  en = false,
) {
  const answers = JSON.parse(row.answers) as RunAnswer[];
  const reports = JSON.parse(row.reports) as RunReport[];
  const flags = JSON.parse(row.flags) as string[];
  const reportOf = (itemId: string) => reports.find((r) => r.itemIds.includes(itemId));
  return {
    id: row.id,
    siteId: row.siteId,
    checklistId: row.checklistId,
    version: Number(row.version),
    title: template?.title ?? row.checklistId,
    answers: answers.map((a) => {
      const item = template?.items.find((i) => i.id === a.itemId);
      const rep = reportOf(a.itemId);
      return {
        itemId: a.itemId,
        text: item?.text ?? a.itemId,
        answer: a.answer,
        answerLabel: en ? checklistAnswerLabel[a.answer].en : checklistAnswerLabel[a.answer].zh,
        note: a.note ?? null,
        evidenceIds: a.evidenceIds,
        case: rep ? { id: rep.caseId, number: rep.number } : null,
      };
    }),
    failedCount: Number(row.failedCount),
    flags: flags.map((code) => ({ code, label: flagLabel(code, en) })),
    distanceM: row.distanceM === null ? null : Number(row.distanceM),
    location:
      row.lng === null || row.lat === null
        ? null
        : {
            lng: Number(row.lng),
            lat: Number(row.lat),
            accuracy: row.accuracy === null ? null : Number(row.accuracy),
          },
    evidenceIds: JSON.parse(row.evidenceIds) as string[],
    reports: reports.map(({ caseId, number, itemIds }) => ({ caseId, number, itemIds })),
    createdBy: { id: row.createdBy, displayName: row.createdByName ?? null },
    clientAt: row.clientAt,
    receivedAt: row.receivedAt,
  };
}
export type PresentedRun = ReturnType<typeof presentRun>;
