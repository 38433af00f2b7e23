import { industryDivisions, industryLabel, isIndustryCode, namedIndustryCodes } from "./industry";
import { builtInIndustrySynonyms, type IndustrySynonym } from "./industry-synonyms";
import type { SiteKind } from "./site-kinds";

/** One way to name an industry: its official name or a synonym, with the initials of its pinyin. */
interface Entry {
  code: string;
  text: string;
  norm: string;
  initials: string;
  synonym: boolean;
  kind?: SiteKind;
}

export interface IndustryHit {
  code: string;
  /** The standard's name of the code. */
  zh: string;
  en: string;
  /** The synonym that matched ("加油站"), or null when the official name or the code did. */
  synonym: string | null;
  matchedBy: "code" | "name" | "synonym" | "pinyin";
  /** The site kind the synonym implies, when it does without doubt. */
  kind: SiteKind | null;
}

/** Lower case, no spaces or punctuation, full-width letters folded ("ＫＴＶ" → "ktv"). */
export const normIndustryText = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s、，,。.（）()\-—_/\\·:：;；"'“”]/g, "");

/**
 * The industry look-up every form and the import share (R6): GB/T 4754 codes, the official names of the
 * sections, divisions and named groups/classes, the built-in synonyms and the province's own, each also by
 * the initials of its pinyin ("jyz" → 加油站). `initials` is given by the caller (pinyin-pro on the server),
 * so the domain stays free of the dictionary.
 */
export class IndustryIndex {
  private readonly entries: Entry[] = [];

  constructor(extra: readonly IndustrySynonym[], initials: (text: string) => string) {
    const add = (code: string, text: string, synonym: boolean, kind?: SiteKind) =>
      this.entries.push({
        code,
        text,
        norm: normIndustryText(text),
        initials: initials(text).toLowerCase(),
        synonym,
        kind,
      });
    for (const d of industryDivisions) add(d.code, d.zh, false);
    for (const [code, l] of Object.entries(namedIndustryCodes)) add(code, l.zh, false);
    for (const s of [...builtInIndustrySynonyms, ...extra])
      if (/^\d{2,4}$/.test(s.code) && isIndustryCode(s.code)) add(s.code, s.term, true, s.kind);
  }

  /** The look-up of a picker: best first, one hit per code. */
  search(q: string, limit = 20): IndustryHit[] {
    const n = normIndustryText(q);
    if (!n) return [];
    const scored: { e: Entry; score: number; by: IndustryHit["matchedBy"] }[] = [];
    const upper = q.trim().toUpperCase();
    for (const e of this.entries) {
      let score = 0;
      let by: IndustryHit["matchedBy"] = e.synonym ? "synonym" : "name";
      if (/^\d{1,4}$/.test(upper) && e.code.startsWith(upper)) {
        score = e.code === upper ? 100 : 60 - e.code.length;
        by = "code";
      } else if (e.norm === n) score = 90;
      else if (e.norm.startsWith(n)) score = 70;
      else if (e.norm.includes(n)) score = 50;
      else if (/^[a-z]+$/.test(n) && e.initials.startsWith(n)) {
        score = e.initials === n ? 45 : 35;
        by = "pinyin";
      } else if (n.length >= 3 && e.synonym && n.includes(e.norm)) score = 30;
      if (score) scored.push({ e, score: score + (e.synonym ? 1 : 0), by });
    }
    scored.sort(
      (a, b) => b.score - a.score || a.e.code.length - b.e.code.length || a.e.code.localeCompare(b.e.code),
    );
    const out: IndustryHit[] = [];
    const seen = new Set<string>();
    for (const s of scored) {
      if (seen.has(s.e.code)) continue;
      seen.add(s.e.code);
      const label = industryLabel(s.e.code)!;
      out.push({
        code: s.e.code,
        zh: label.zh,
        en: label.en,
        synonym: s.e.synonym ? s.e.text : null,
        matchedBy: s.by,
        kind: s.e.kind ?? null,
      });
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * A ledger's 行业类别 cell to one code, or null when it does not say one thing: a code, an exact official
   * name or synonym, else the one code whose synonyms the text contains ("XX加油站" → 5265).
   */
  match(text: string): { code: string; kind: SiteKind | null } | null {
    const raw = text.trim();
    const lead = /^(\d{2,4})(?=\s|$|[^\d])/.exec(raw);
    if (lead && isIndustryCode(lead[1])) return { code: lead[1], kind: null };
    const n = normIndustryText(raw);
    if (!n) return null;
    const exact = this.entries.filter((e) => e.norm === n);
    const codes = new Set(exact.map((e) => e.code));
    if (codes.size === 1) return { code: exact[0].code, kind: exact.find((e) => e.kind)?.kind ?? null };
    if (codes.size > 1) return null;
    const inside = this.entries.filter((e) => e.synonym && e.norm.length >= 2 && n.includes(e.norm));
    if (!inside.length) return null;
    const longest = Math.max(...inside.map((e) => e.norm.length));
    const best = inside.filter((e) => e.norm.length === longest);
    return new Set(best.map((e) => e.code)).size === 1
      ? { code: best[0].code, kind: best.find((e) => e.kind)?.kind ?? null }
      : null;
  }

  /** The site kind a code implies when every synonym of it that names a kind names the same one. */
  kindOf(code: string): SiteKind | null {
    const kinds = new Set(this.entries.filter((e) => e.code === code && e.kind).map((e) => e.kind));
    return kinds.size === 1 ? ([...kinds][0] as SiteKind) : null;
  }
}
