import { describe, expect, it } from "vitest";
import {
  isOwnership,
  isRiskLevel,
  isSiteKind,
  isSiteScale,
  isSiteStatus,
  ownershipLabel,
  ownerships,
  riskLevelColor,
  riskLevelLabel,
  riskLevels,
  siteKindLabel,
  siteKinds,
  siteScaleLabel,
  siteScales,
  siteStatuses,
  siteStatusLabel,
  threeSmalls,
} from "./site-kinds";

describe("site vocabularies", () => {
  it("labels every value in Chinese and English", () => {
    const tables: [readonly string[], Record<string, { zh: string; en: string }>][] = [
      [siteKinds, siteKindLabel],
      [ownerships, ownershipLabel],
      [siteScales, siteScaleLabel],
      [riskLevels, riskLevelLabel],
      [siteStatuses, siteStatusLabel],
    ];
    for (const [values, labels] of tables) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const v of values) expect(labels[v].zh && labels[v].en, v).toBeTruthy();
    }
    expect(siteKindLabel.small_entertainment.zh).toBe("小娱乐场所");
    expect(riskLevelLabel.red.zh).toBe("重大风险");
    expect(riskLevelLabel.blue.zh).toBe("低风险");
  });

  it("gives each risk level a distinct colour", () => {
    const colours = riskLevels.map((r) => riskLevelColor[r]);
    for (const c of colours) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(colours).size).toBe(4);
  });

  it("lists the three smalls and guards values", () => {
    expect([...threeSmalls].sort()).toEqual(["small_entertainment", "small_shop", "small_workshop"]);
    expect(isSiteKind("household")).toBe(true);
    expect(isSiteKind("factory")).toBe(false);
    expect(isOwnership("central_soe")).toBe(true);
    expect(isOwnership(1)).toBe(false);
    expect(isSiteScale("micro")).toBe(true);
    expect(isRiskLevel("green")).toBe(false);
    expect(isSiteStatus("suspended")).toBe(true);
  });
});
