/** Checklists (issue 9). JSON as text, timestamps ISO text. */

/** One version of a county's checklist; the defaults (version 1) live in domain/checklist as data. */
export interface ChecklistTemplateTable {
  countyCode: string;
  id: string;
  version: number;
  title: string;
  /** JSON array of site kinds. */
  siteKinds: string;
  /** JSON array of GB/T 4754 code prefixes. */
  industries: string;
  /** JSON array of `{ id, text, requirePhoto }`. */
  items: string;
  status: "active" | "retired";
  createdBy: string | null;
  createdAt: string;
}

/** A checklist filled at a site on the phone, against one version; its id is the phone's outbox id. */
export interface ChecklistRunTable {
  id: string;
  siteId: string;
  regionCode: string;
  countyCode: string;
  checklistId: string;
  version: number;
  /** JSON array of `{ itemId, answer, note?, evidenceIds }`. */
  answers: string;
  failedCount: number;
  /** JSON array: the run's own photos beyond the items'. */
  evidenceIds: string;
  lng: number | null;
  lat: number | null;
  accuracy: number | null;
  distanceM: number | null;
  /** JSON array of flags (field flags and `checklist_changed`). */
  flags: string;
  /** JSON array of `{ caseId, number, itemIds, key }`: the cases reported from its failed items. */
  reports: string;
  /** What the phone sent (a replay with the same id and another body is refused). */
  requestHash: string;
  createdBy: string;
  clientAt: string;
  receivedAt: string;
}

export interface ChecklistTables {
  checklistTemplate: ChecklistTemplateTable;
  checklistRun: ChecklistRunTable;
}
