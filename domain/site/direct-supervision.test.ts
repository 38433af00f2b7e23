import { describe, expect, it } from "vitest";
import { type DirectSupervisionInput, directSupervision, isGasStation } from "./direct-supervision";

const base: DirectSupervisionInput = {
  ownership: "other",
  industryCode: "3311",
  scale: "small",
  riskLevel: "yellow",
};

describe("directSupervision (R4)", () => {
  it("keeps an ordinary private site in the grid, without a reason", () => {
    expect(directSupervision(base)).toEqual({ direct: false, rule: "grid", reason: null });
  });

  it("takes central, provincial and municipal state-owned enterprises out of the grid", () => {
    for (const ownership of ["central_soe", "provincial_soe", "municipal_soe"] as const) {
      const r = directSupervision({ ...base, ownership, industryCode: "2511" });
      expect(r.direct, ownership).toBe(true);
      expect(r.rule).toBe("state_owned");
      expect(r.reason?.zh).toContain("直接监管");
      expect(r.reason?.zh).toContain("四(二)");
    }
    expect(directSupervision({ ...base, ownership: "central_soe" }).reason?.zh).toContain("中央在甘企业");
  });

  it("keeps state-owned gas stations (5265) and gas filling stations (5266) in the grid", () => {
    const station = directSupervision({ ...base, ownership: "central_soe", industryCode: "5265" });
    expect(station.direct).toBe(false);
    expect(station.rule).toBe("state_owned_gas_station");
    expect(station.reason?.zh).toContain("加油站除外");
    expect(directSupervision({ ...base, ownership: "provincial_soe", industryCode: "5266" }).direct).toBe(
      false,
    );
    // Other retail of the same group is not a gas station.
    expect(directSupervision({ ...base, ownership: "municipal_soe", industryCode: "5261" }).direct).toBe(
      true,
    );
    expect(directSupervision({ ...base, ownership: "municipal_soe", industryCode: null }).direct).toBe(true);
    expect(isGasStation("526")).toBe(false);
  });

  it("takes large, high-grade and high-risk sites out of the grid whoever owns them", () => {
    expect(directSupervision({ ...base, scale: "large" })).toMatchObject({
      direct: true,
      rule: "flag_large",
    });
    expect(directSupervision({ ...base, flags: { large: true } })).toMatchObject({
      direct: true,
      rule: "flag_large",
    });
    expect(directSupervision({ ...base, flags: { highGrade: true } })).toMatchObject({
      direct: true,
      rule: "flag_high_grade",
    });
    expect(directSupervision({ ...base, riskLevel: "red" })).toMatchObject({
      direct: true,
      rule: "flag_high_risk",
    });
    expect(directSupervision({ ...base, flags: { highRisk: true } }).reason?.zh).toContain("安全风险高");
  });

  it("lets explicit false flags keep a large or red site in the grid", () => {
    expect(directSupervision({ ...base, scale: "large", flags: { large: false } }).direct).toBe(false);
    expect(directSupervision({ ...base, riskLevel: "red", flags: { highRisk: false } }).direct).toBe(false);
    expect(directSupervision({ ...base, riskLevel: null, scale: null }).direct).toBe(false);
  });

  it("applies flags before the gas-station exception", () => {
    const flagged = directSupervision({
      ...base,
      ownership: "central_soe",
      industryCode: "5265",
      flags: { highRisk: true },
    });
    expect(flagged).toMatchObject({ direct: true, rule: "flag_high_risk" });
    const privateStation = directSupervision({ ...base, industryCode: "5265" });
    expect(privateStation).toEqual({ direct: false, rule: "grid", reason: null });
  });
});
