/** One scheduled backup per Shanghai calendar day (`day` = YYYY-MM-DD), claimed by inserting the row. */
export interface BackupRunTable {
  day: string;
  startedAt: string;
  finishedAt: string | null;
  /** running | done | failed */
  status: string;
  /** The backup's directory once written. */
  location: string | null;
  /** The trail head of a finished backup, or the error of a failed one. */
  detail: string | null;
}

export interface BackupTables {
  backupRun: BackupRunTable;
}
