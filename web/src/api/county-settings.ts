import { api } from "./client";

/** A county's settings (`/county-settings/:code`): 同人不得闭环, on unless the county office switched it off. */
export interface CountySettings {
  regionCode: string;
  anotherPersonCloses: boolean;
  /** 举报投诉电话, printed on the handbook and the duty cards. */
  hotline: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  abilities: { manage: boolean };
}

export const fetchCountySettings = (county: string) =>
  api.get<CountySettings>(`/county-settings/${encodeURIComponent(county)}`);

export const updateCountySettings = (
  county: string,
  patch: { anotherPersonCloses?: boolean; hotline?: string | null },
) => api.patch<CountySettings>(`/county-settings/${encodeURIComponent(county)}`, patch);
