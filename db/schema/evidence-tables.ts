/** The bytes of one content-addressed evidence file when the evidence store is the database. */
export interface EvidenceBlobTable {
  sha256: string;
  data: Buffer;
  size: number;
  mimeType: string;
}

export interface EvidenceTables {
  evidenceBlob: EvidenceBlobTable;
}
