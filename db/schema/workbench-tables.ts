/** Per-user seen markers of the workbench (issue 13.1). */
export interface CaseSeenTable {
  userId: string;
  caseId: string;
  /** When the user last opened the case (ISO UTC). */
  seenAt: string;
}

export interface WorkbenchTables {
  caseSeen: CaseSeenTable;
}
