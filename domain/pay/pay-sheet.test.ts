import { describe, expect, it } from "vitest";
import type { CaseFact } from "../assessment";
import { maskAccount, type PaySettings, paySettingsInput } from "./pay-rules";
import { blockingLines, type PayWorker, payFactsOf, paySheetLine, payTotals } from "./pay-sheet";

/** Pay-sheet totals on a fixture worked out by hand (R20, issue 13.5). */
const settings: PaySettings = paySettingsInput.parse({
  baseFullTime: 2000,
  basePartTime: 1000,
  performanceMax: 800,
  rewards: [
    { type: "major_hazard", amount: 200 },
    { type: "general_hazard", amount: 20 },
    { type: "general_hazard", category: "fire", amount: 30 },
  ],
  missedPatrolDeduction: 10,
});
const rep = (n: number, type: string, category = "electric") => ({
  caseId: `c${n}`,
  number: `N${n}`,
  type,
  category,
});
const a: PayWorker = {
  userId: "a",
  name: "甲",
  regionCode: "620123100001",
  employment: "full_time",
  score: 87.5,
  reports: [
    rep(1, "major_hazard"),
    rep(2, "general_hazard", "fire"),
    rep(3, "general_hazard"),
    rep(4, "general_hazard"),
    rep(5, "violation"),
  ],
  missedSites: 3,
  bank: { bankName: "农业银行", bankAccount: "6228480012345678901" },
};
const b: PayWorker = {
  userId: "b",
  name: "乙",
  regionCode: "620123100001",
  employment: "part_time",
  score: 60.25,
  reports: [],
  missedSites: 0,
  bank: null,
};

describe("pay sheet", () => {
  it("adds base, performance, rewards and deductions as worked out by hand", () => {
    const la = paySheetLine(settings, a);
    // base 2000; performance 800 × 87.5 / 100 = 700; rewards 200 + 30 (fire) + 20 + 20 + 0 (no rule) = 270;
    // deductions 3 missed sites × 10 = 30; total 2000 + 700 + 270 − 30 = 2940
    expect(la).toMatchObject({ base: 2000, performance: 700, rewards: 270, deductions: 30, total: 2940 });
    expect(la.rewardItems.map((r) => r.amount)).toEqual([200, 30, 20, 20, 0]);
    expect(la.accountMasked).toBe("6228 **** **** 8901");
    expect(la.problem).toBeNull();
    const lb = paySheetLine(settings, b);
    // base 1000; performance 800 × 60.25 / 100 = 482; total 1482; no bank account: a problem
    expect(lb).toMatchObject({ base: 1000, performance: 482, rewards: 0, deductions: 0, total: 1482 });
    expect(lb.problem).toBe("no_bank_account");
    expect(payTotals([la, lb])).toEqual({
      base: 3000,
      performance: 1182,
      rewards: 270,
      deductions: 30,
      total: 4422,
    });
  });

  it("caps rewards when a cap is set", () => {
    expect(paySheetLine({ ...settings, rewardCap: 250 }, a)).toMatchObject({ rewards: 250, total: 2920 });
  });

  it("lists performance as unavailable without a published score, never as 0", () => {
    const la = paySheetLine(settings, { ...a, score: null });
    expect(la.performance).toBeNull();
    expect(la.total).toBe(2000 + 270 - 30);
    const t = payTotals([la, paySheetLine(settings, { ...b, score: null })]);
    expect(t.performance).toBeNull();
    expect(t.total).toBe(2240 + 1000);
  });

  it("never deducts more than the gross pay", () => {
    const l = paySheetLine(settings, { ...b, score: null, missedSites: 200 });
    expect(l).toMatchObject({ deductions: 1000, total: 0 });
  });

  it("blocks publication for a worker without a bank account until excluded with a reason", () => {
    const lines = [paySheetLine(settings, a), paySheetLine(settings, b)].map((l) => ({
      ...l,
      excludedReason: null,
    }));
    expect(blockingLines(lines).map((l) => l.name)).toEqual(["乙"]);
    expect(blockingLines([lines[0], { ...lines[1], excludedReason: "本月离职" }])).toEqual([]);
  });

  it("counts confirmed reports of the month, not rejected, merged, unconfirmed or other months", () => {
    const p = { from: "2026-10-31T16:00:00.000Z", to: "2026-11-30T16:00:00.000Z" };
    const c = (
      id: string,
      stage: string,
      reportedAt: string,
      mergedInto: string | null = null,
    ): CaseFact => ({
      id,
      number: id.toUpperCase(),
      regionCode: "620123100001",
      stage,
      type: "general_hazard",
      category: "fire",
      reporterId: "a",
      ownerDepartmentId: "d",
      mergedInto,
      reportedAt,
      closedAt: null,
      deadlineState: "on_time",
      reworkCount: 0,
    });
    const f = payFactsOf(
      {
        reported: [
          c("ok1", "triaged", "2026-11-03T02:00:00.000Z"),
          c("ok2", "closed", "2026-11-30T15:59:00.000Z"),
          c("rej", "rejected", "2026-11-03T02:00:00.000Z"),
          c("new", "reported", "2026-11-03T02:00:00.000Z"),
          c("mrg", "closed", "2026-11-03T02:00:00.000Z", "ok1"),
          c("oct", "closed", "2026-10-31T15:59:00.000Z"),
        ],
        patrols: [
          { id: "p1", siteId: "s1", userId: "a", receivedAt: "2026-11-05T01:00:00.000Z" },
          { id: "p2", siteId: "s2", userId: "a", receivedAt: "2026-10-05T01:00:00.000Z" },
        ],
        sites: [
          { id: "s1", name: "一" },
          { id: "s2", name: "二" },
          { id: "s3", name: "三" },
        ],
      } as never,
      p,
    );
    expect(f.reports.map((r) => r.caseId)).toEqual(["ok1", "ok2"]);
    expect(f.missedSites).toBe(2);
  });

  it("masks short and long accounts", () => {
    expect(maskAccount(null)).toBeNull();
    expect(maskAccount("6228 4800 1234 5678")).toBe("6228 **** **** 5678");
  });
});
