/**
 * Settings a county office changes for its county (one row per county; a missing row means the
 * defaults). Changes are recorded in the trail as `county_setting.updated`.
 */
export interface CountySettingTable {
  /** The county's 6-digit region code. */
  regionCode: string;
  /** 同人不得闭环: 1 (default) refuses re-check/close by the feedback signer or handler; 0 allows it. */
  anotherPersonCloses: number;
  /** The county's safety hotline (举报投诉电话) printed on handbooks and duty cards; null when not set. */
  hotline?: string | null;
  updatedBy: string | null;
  updatedAt: string;
}

/** The province office's own industry synonyms (R6); the built-in ones are domain/site/industry-synonyms.ts. */
export interface IndustrySynonymTable {
  id: string;
  term: string;
  /** GB/T 4754-2017 code (section letter or 2–4 digits). */
  code: string;
  /** The site kind the word implies, or null. */
  kind: string | null;
  /** The province (2 digits) whose office added it. */
  regionCode: string;
  createdBy: string | null;
  createdAt: string;
}

/** The column mapping a county's last site import used (JSON `{ header: field }`), offered again next time. */
export interface ImportMappingTable {
  regionCode: string;
  /** "site". */
  kind: string;
  mapping: string;
  updatedBy: string | null;
  updatedAt: string;
}

export interface SettingTables {
  countySetting: CountySettingTable;
  industrySynonym: IndustrySynonymTable;
  importMapping: ImportMappingTable;
}
