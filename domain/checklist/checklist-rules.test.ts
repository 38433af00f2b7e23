import { describe, expect, it } from "vitest";
import type { AppError } from "../errors";
import {
  appliesTo,
  checkAnswers,
  effectiveChecklists,
  failedItemsDescription,
  withItemIds,
} from "./checklist-rules";
import { defaultChecklists } from "./default-checklists";

const household = defaultChecklists.find((c) => c.id === "default-household")!;
const catering = defaultChecklists.find((c) => c.id === "default-catering-gas")!;
const code = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return { code: (e as AppError).code, zh: (e as AppError).zh };
  }
  return null;
};

describe("checklist rules", () => {
  it("ships separate default sets for enterprises, the small venues and households", () => {
    const kinds = defaultChecklists.flatMap((c) => c.siteKinds);
    for (const k of ["enterprise", "small_shop", "small_workshop", "small_entertainment", "household"])
      expect(kinds).toContain(k);
    for (const c of defaultChecklists) {
      expect(new Set(c.items.map((i) => i.id)).size).toBe(c.items.length);
      expect(c.version).toBe(1);
    }
  });

  it("takes a county's newest version over the default and hides retired ones unless asked", () => {
    const stored = [
      { ...household, version: 3, title: "改", status: "active" as const, createdBy: "u", createdAt: "t" },
      { ...household, id: "c-own", version: 2, status: "retired" as const, createdBy: "u", createdAt: "t" },
    ];
    const list = effectiveChecklists(stored);
    expect(list.find((c) => c.id === household.id)).toMatchObject({
      version: 3,
      title: "改",
      source: "default",
    });
    expect(list.some((c) => c.id === "c-own")).toBe(false);
    expect(effectiveChecklists(stored, { includeRetired: true }).find((c) => c.id === "c-own")?.source).toBe(
      "county",
    );
  });

  it("applies by site kind and industry prefix", () => {
    expect(appliesTo(catering, { kind: "small_shop", industryCode: "6210" })).toBe(true);
    expect(appliesTo(catering, { kind: "small_shop", industryCode: "5211" })).toBe(false);
    expect(appliesTo(catering, { kind: "small_shop", industryCode: null })).toBe(false);
    expect(appliesTo(household, { kind: "household", industryCode: null })).toBe(true);
    expect(appliesTo({ ...catering, industries: ["H"] }, { kind: "enterprise", industryCode: "6210" })).toBe(
      true,
    );
  });

  it("names the item in Chinese when an answer is missing, unknown, repeated or lacks a required photo", () => {
    const ok = household.items.map((i) => ({ itemId: i.id, answer: "yes" as const, evidenceIds: ["e"] }));
    expect(code(() => checkAnswers(household, ok))).toBeNull();
    expect(code(() => checkAnswers(household, ok.slice(1)))).toMatchObject({ code: "checklist_incomplete" });
    expect(code(() => checkAnswers(household, [...ok, ok[0]]))).toMatchObject({
      code: "checklist_item_repeated",
    });
    expect(code(() => checkAnswers(household, [...ok, { ...ok[0], itemId: "zz" }]))?.code).toBe(
      "checklist_item_unknown",
    );
    const noPhoto = ok.map((a) => (a.itemId === "ebike" ? { ...a, evidenceIds: [] } : a));
    expect(code(() => checkAnswers(household, noPhoto))).toEqual({
      code: "checklist_photo_required",
      zh: "检查项“电动自行车未在楼道、室内停放或充电”须拍照",
    });
    const na = ok.map((a) => (a.itemId === "ebike" ? { ...a, answer: "na" as const, evidenceIds: [] } : a));
    expect(code(() => checkAnswers(household, na))).toBeNull();
  });

  it("keeps item ids across versions and makes new ones that never repeat", () => {
    const items = withItemIds([
      { id: "item1", text: "甲", requirePhoto: false },
      { text: "乙", requirePhoto: true },
      { text: "丙", requirePhoto: false },
    ]);
    expect(items.map((i) => i.id)).toEqual(["item1", "item2", "item3"]);
    expect(
      code(() =>
        withItemIds([
          { id: "a", text: "甲", requirePhoto: false },
          { id: "a", text: "乙", requirePhoto: false },
        ]),
      )?.code,
    ).toBe("validation_failed");
  });

  it("lists the failed items with the worker's notes in the case description", () => {
    const text = failedItemsDescription(
      household,
      [{ itemId: "ebike", answer: "no", evidenceIds: [], note: "楼道充电" }],
      ["ebike", "wiring"],
      "请尽快处理",
    );
    expect(text.split("\n")).toEqual([
      "请尽快处理",
      "检查表“家庭户安全检查表”（第 1 版）不符合项：",
      "1. 电动自行车未在楼道、室内停放或充电（楼道充电）",
      "2. 家用电线无老化破损、无私拉乱接，不超负荷使用大功率电器",
    ]);
  });
});
