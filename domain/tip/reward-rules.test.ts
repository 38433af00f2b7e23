import { describe, expect, it } from "vitest";
import { computeReward, nationalRewardRules, type RewardRules } from "./reward-rules";

/** The national defaults (安监总财〔2018〕19号) at the floor, an ordinary amount and the cap (C20). */
describe("reward calculator", () => {
  it("pays 15% of the fine, at least 3,000 yuan", () => {
    expect(computeReward({ rule: "major_hazard", fineYuan: 10_000 }).amountYuan).toBe(3_000);
    expect(computeReward({ rule: "major_hazard", fineYuan: 10_000 }).basis).toContain("低于下限");
  });
  it("pays the ordinary share between the floor and the cap", () => {
    expect(computeReward({ rule: "illegal_production", fineYuan: 1_000_000 }).amountYuan).toBe(150_000);
    expect(computeReward({ rule: "major_hazard", fineYuan: 50_000 }).amountYuan).toBe(7_500);
    expect(computeReward({ rule: "major_hazard", fineYuan: 33_333 }).amountYuan).toBe(5_000);
  });
  it("caps the share at 300,000 yuan", () => {
    const r = computeReward({ rule: "major_hazard", fineYuan: 3_000_000 });
    expect(r.amountYuan).toBe(300_000);
    expect(r.basis).toContain("超过上限");
  });
  it("pays a fixed amount per concealed death by grade, capped", () => {
    const larger = computeReward({ rule: "concealed_accident", grade: "larger", concealedDeaths: 2 });
    expect(larger.amountYuan).toBe(80_000);
    expect(
      computeReward({ rule: "concealed_accident", grade: "ordinary", concealedDeaths: 1 }).amountYuan,
    ).toBe(30_000);
    const worst = computeReward({
      rule: "concealed_accident",
      grade: "especially_major",
      concealedDeaths: 6,
    });
    expect(worst.amountYuan).toBe(300_000);
    expect(worst.basis).toContain("超过上限");
  });
  it("follows a county's own rules (20% and a 500,000 cap)", () => {
    const local: RewardRules = { ...nationalRewardRules, finePercent: 20, maxYuan: 500_000 };
    expect(computeReward({ rule: "major_hazard", fineYuan: 3_000_000 }, local).amountYuan).toBe(500_000);
    expect(computeReward({ rule: "major_hazard", fineYuan: 100_000 }, local).amountYuan).toBe(20_000);
  });
});
