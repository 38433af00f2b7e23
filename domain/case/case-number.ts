import { invalid } from "../errors";

/**
 * Human-readable case numbers: 6-digit county code, year, and a 6-digit sequence within county and year,
 * e.g. `620123-2026-000123`. The sequence is allocated by the database; this only formats and parses.
 */
export interface CaseNumberParts {
  countyCode: string;
  year: number;
  seq: number;
}

const pattern = /^(\d{6})-(\d{4})-(\d{6})$/;

export function formatCaseNumber(countyCode: string, year: number, seq: number): string {
  if (!/^\d{6}$/.test(countyCode))
    throw invalid("案件编号的县区代码须为 6 位数字", "County code must be 6 digits", { countyCode });
  if (!Number.isInteger(year) || year < 2000 || year > 9999)
    throw invalid("案件编号的年份无效", "Invalid year", { year });
  if (!Number.isInteger(seq) || seq < 1 || seq > 999_999)
    throw invalid("案件编号的序号须在 1 到 999999 之间", "Sequence must be 1..999999", { seq });
  return `${countyCode}-${year}-${String(seq).padStart(6, "0")}`;
}

/** Parses a case number; null when it is not one. */
export function parseCaseNumber(text: string): CaseNumberParts | null {
  const m = pattern.exec(text.trim());
  if (!m) return null;
  const year = Number(m[2]);
  const seq = Number(m[3]);
  if (year < 2000 || seq < 1) return null;
  return { countyCode: m[1], year, seq };
}
