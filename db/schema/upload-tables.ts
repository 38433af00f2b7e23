/** Resumable uploads of the field app (issue 9). Timestamps ISO text. */
export interface UploadSessionTable {
  id: string;
  ownerId: string;
  /** Lowercase hex SHA-256 the phone announced; checked when the last byte arrives. */
  sha256: string;
  size: number;
  /** Bytes received so far (the next PUT must start here). */
  received: number;
  mimeType: string;
  fileName: string;
  /** Set once the file is complete and stored as evidence. */
  evidenceId: string | null;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

export interface UploadTables {
  uploadSession: UploadSessionTable;
}
