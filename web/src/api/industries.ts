import { api } from "./client";

/** One hit of the industry look-up (`GET /industries?q=`): GB/T 4754 code, its name, the word that matched. */
export interface IndustryHit {
  code: string;
  label: string;
  synonym: string | null;
  matchedBy: "code" | "name" | "synonym" | "pinyin";
  kind: string | null;
}

/** A word the province office added for the industry look-up. */
export interface IndustrySynonym {
  id: string;
  term: string;
  code: string;
  label: string;
  kind: string | null;
  regionCode: string;
  createdAt: string;
  abilities: { remove: boolean };
}

export const fetchSynonyms = () =>
  api.get<{ items: IndustrySynonym[]; abilities: { add: boolean } }>("/industry-synonyms");
export const addSynonym = (input: { term: string; code: string }) =>
  api.post<{ id: string }>("/industry-synonyms", input);
export const removeSynonym = (id: string) => api.delete<void>(`/industry-synonyms/${encodeURIComponent(id)}`);

export const searchIndustries = (q: string, limit = 20) =>
  api.get<{ items: IndustryHit[] }>(`/industries?q=${encodeURIComponent(q)}&limit=${limit}`);
