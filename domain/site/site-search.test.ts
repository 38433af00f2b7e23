import { describe, expect, it } from "vitest";
import { queryGrams, searchQuery, siteSearchGrams, siteSearchText } from "./site-search";

describe("site search text and grams", () => {
  it("normalises width and case, and keeps name and address on lines of their own", () => {
    expect(siteSearchText("兰州ＫＴＶ", "文成路\n2 号")).toBe("兰州ktv\n文成路 2 号");
    expect(searchQuery("ＫＴＶ\n娱乐")).toBe("ktv 娱乐");
  });

  it("makes the two-character grams of letters and digits, none across name and address", () => {
    expect(siteSearchGrams("中石化加油站", "兴隆路8号").split(" ").sort()).toEqual(
      ["中石", "石化", "化加", "加油", "油站", "兴隆", "隆路", "路8", "8号"].sort(),
    );
    expect(siteSearchGrams("加油站", "站台").split(" ")).not.toContain("站站");
    // punctuation and spaces make no gram
    expect(siteSearchGrams("王记（城关店）", "")).toBe("王记 城关 关店");
  });

  it("gives a query the grams every matching site has; none for one character", () => {
    expect(queryGrams("加油")).toEqual(["加油"]);
    expect(queryGrams("加油站")).toEqual(["加油", "油站"]);
    expect(queryGrams("站")).toEqual([]);
    expect(queryGrams("兴隆路 8")).toEqual(["兴隆", "隆路"]);
    const site = new Set(siteSearchGrams("中石化加油站", "榆中县城关镇兴隆路 8 号").split(" "));
    for (const q of ["加油", "石化加油", "兴隆路 8", "城关镇"])
      for (const g of queryGrams(q)) expect(site).toContain(g);
  });
});
