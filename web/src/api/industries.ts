import { api } from "./client";

/** One hit of the industry look-up (`GET /industries?q=`): GB/T 4754 code, its name, the word that matched. */
export interface IndustryHit {
  code: string;
  label: string;
  synonym: string | null;
  matchedBy: "code" | "name" | "synonym" | "pinyin";
  kind: string | null;
}

export const searchIndustries = (q: string, limit = 20) =>
  api.get<{ items: IndustryHit[] }>(`/industries?q=${encodeURIComponent(q)}&limit=${limit}`);
