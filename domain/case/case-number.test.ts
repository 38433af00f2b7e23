import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { formatCaseNumber, parseCaseNumber } from "./case-number";

describe("case numbers", () => {
  it("format county code, year and a zero-padded sequence", () => {
    expect(formatCaseNumber("620123", 2026, 123)).toBe("620123-2026-000123");
    expect(formatCaseNumber("620102", 2027, 999_999)).toBe("620102-2027-999999");
  });

  it("parse back what they format", () => {
    expect(parseCaseNumber("620123-2026-000123")).toEqual({ countyCode: "620123", year: 2026, seq: 123 });
    expect(parseCaseNumber(" 620123-2026-000123 ")).toEqual({ countyCode: "620123", year: 2026, seq: 123 });
  });

  it.each(["", "620123-2026-123", "6201-2026-000123", "620123-2026-000000", "620123/2026/000123", "abc"])(
    "reject %j",
    (text) => expect(parseCaseNumber(text)).toBeNull(),
  );

  it("refuse to format bad parts with a Chinese message", () => {
    expect(() => formatCaseNumber("6201", 2026, 1)).toThrow(AppError);
    expect(() => formatCaseNumber("620123", 2026, 0)).toThrow("序号");
    expect(() => formatCaseNumber("620123", 2026, 1_000_000)).toThrow("序号");
    expect(() => formatCaseNumber("620123", 26, 1)).toThrow("年份");
  });
});
