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

export interface SettingTables {
  countySetting: CountySettingTable;
}
