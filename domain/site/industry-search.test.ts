import { pinyin } from "pinyin-pro";
import { describe, expect, it } from "vitest";
import { isIndustryCode } from "./industry";
import { IndustryIndex } from "./industry-search";
import { builtInIndustrySynonyms } from "./industry-synonyms";

const initials = (t: string) => pinyin(t, { pattern: "first", toneType: "none", type: "array" }).join("");
const index = new IndustryIndex([{ term: "油气回收站", code: "5265" }], initials);

describe("industry look-up", () => {
  it("has 60+ built-in synonyms, every one a valid GB/T 4754 code", () => {
    expect(builtInIndustrySynonyms.length).toBeGreaterThanOrEqual(60);
    for (const s of builtInIndustrySynonyms) expect(isIndustryCode(s.code), s.term).toBe(true);
  });

  it("finds 5265 机动车燃油零售 for everyday words", () => {
    for (const q of ["加油站", "加油", "油站"]) {
      const [first] = index.search(q);
      expect(first, q).toMatchObject({ code: "5265", zh: "机动车燃油零售", matchedBy: "synonym" });
    }
    expect(index.search("燃油")[0]).toMatchObject({ code: "5265", matchedBy: "name" });
  });

  it("knows 液化气站, KTV, 网吧, 农家乐 and pinyin initials", () => {
    expect(index.search("液化气站")[0].code).toBe("4512");
    expect(index.search("ktv")[0]).toMatchObject({ code: "9011", kind: "small_entertainment" });
    expect(index.search("网吧")[0].code).toBe("9013");
    expect(index.search("农家乐")[0].code).toBe("6210");
    expect(index.search("jyz")[0]).toMatchObject({ code: "5265", matchedBy: "pinyin" });
    expect(index.search("5265")[0]).toMatchObject({ code: "5265", matchedBy: "code" });
    expect(index.search("油气回收站")[0].code).toBe("5265");
    expect(index.search("")).toEqual([]);
  });

  it("matches a ledger's 行业类别 text to one code, or to none", () => {
    expect(index.match("加油站")).toEqual({ code: "5265", kind: "enterprise" });
    expect(index.match("中石化加油站")).toMatchObject({ code: "5265" });
    expect(index.match("5212 超级市场零售")).toMatchObject({ code: "5212" });
    expect(index.match("机动车燃油零售")).toMatchObject({ code: "5265" });
    expect(index.match("宇宙飞船修理")).toBeNull();
    expect(index.kindOf("9013")).toBe("small_entertainment");
  });
});
