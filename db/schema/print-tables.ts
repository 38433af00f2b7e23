/** Printables (issue 14): the grid handbook's versions. Timestamps ISO text, JSON as text. */
export interface HandbookVersionTable {
  /** The township (9 digits) or county (6 digits) the handbook is for. */
  regionCode: string;
  version: number;
  title: string;
  /** The text as the editor wrote it (the restricted markup of domain/print/handbook-markup.ts). */
  source: string;
  /** JSON: the parsed blocks (headings, paragraphs, lists; runs of text, bold or not). */
  blocks: string;
  /** The page budget the version was checked against. */
  maxPages: number;
  /** Pages of the whole handbook PDF when the version was saved. */
  pages: number;
  createdBy: string;
  createdAt: string;
}

export interface PrintTables {
  handbookVersion: HandbookVersionTable;
}
