import { describe, expect, it } from "vitest";
import {
  industryCodes,
  industryDivision,
  industryDivisions,
  industryLabel,
  industrySection,
  industrySectionLetters,
  industrySections,
  isIndustryCode,
  namedIndustryCodes,
} from "./industry";

/** Division ranges of each section as printed in GB/T 4754-2017. */
const sectionRanges: Record<string, [number, number]> = {
  A: [1, 5], B: [6, 12], C: [13, 43], D: [44, 46], E: [47, 50], F: [51, 52], G: [53, 60],
  H: [61, 62], I: [63, 65], J: [66, 69], K: [70, 70], L: [71, 72], M: [73, 75], N: [76, 79],
  O: [80, 82], P: [83, 83], Q: [84, 85], R: [86, 90], S: [91, 96], T: [97, 97],
}; // biome-ignore format: table

describe("GB/T 4754-2017 catalogue", () => {
  it("has the 20 sections A–T and the 97 divisions 01–97 in their sections", () => {
    expect(industrySectionLetters).toHaveLength(20);
    expect(Object.keys(industrySections).sort().join("")).toBe("ABCDEFGHIJKLMNOPQRST");
    expect(industryDivisions).toHaveLength(97);
    industryDivisions.forEach((d, i) => {
      expect(d.code).toBe(String(i + 1).padStart(2, "0"));
      const [from, to] = sectionRanges[d.section];
      expect(Number(d.code)).toBeGreaterThanOrEqual(from);
      expect(Number(d.code)).toBeLessThanOrEqual(to);
      expect(d.zh.length).toBeGreaterThan(0);
      expect(d.en.length).toBeGreaterThan(0);
    });
  });

  it("carries the official Chinese names", () => {
    expect(industryDivision("06")?.zh).toBe("煤炭开采和洗选业");
    expect(industryDivision("11")?.zh).toBe("开采专业及辅助性活动");
    expect(industryDivision("25")?.zh).toBe("石油、煤炭及其他燃料加工业");
    expect(industryDivision("45")?.zh).toBe("燃气生产和供应业");
    expect(industryDivision("79")?.zh).toBe("土地管理业");
    expect(industryDivision("96")?.zh).toBe("基层群众自治组织及其他组织");
    expect(industrySections.D.zh).toBe("电力、热力、燃气及水生产和供应业");
  });

  it("names the well-known classes with their 2017 codes", () => {
    expect(namedIndustryCodes["5265"].zh).toBe("机动车燃油零售");
    expect(namedIndustryCodes["5266"].zh).toBe("机动车燃气零售");
    expect(namedIndustryCodes["2511"].zh).toBe("原油加工及石油制品制造");
    expect(namedIndustryCodes["4411"].zh).toBe("火力发电");
    expect(namedIndustryCodes["4511"].zh).toBe("天然气生产和供应业");
    expect(namedIndustryCodes["6210"].zh).toBe("正餐服务");
    expect(namedIndustryCodes["5211"].zh).toBe("百货零售");
    expect(namedIndustryCodes["5292"].zh).toBe("互联网零售");
    expect(namedIndustryCodes["9011"].zh).toBe("歌舞厅娱乐活动");
    expect(namedIndustryCodes["9013"].zh).toBe("网吧活动");
    for (const code of Object.keys(namedIndustryCodes)) expect(isIndustryCode(code), code).toBe(true);
    for (const code of Object.values(industryCodes)) expect(namedIndustryCodes[code], code).toBeDefined();
  });
});

describe("isIndustryCode", () => {
  it("accepts section letters and 2/3/4-digit codes of existing divisions", () => {
    for (const code of ["A", "T", "06", "97", "526", "2614", "5265", "6210", "910", "9100", "9700"]) {
      expect(isIndustryCode(code), code).toBe(true);
    }
  });

  it("rejects unknown divisions", () => {
    for (const code of ["00", "98", "99", "9900", "981", "0012"])
      expect(isIndustryCode(code), code).toBe(false);
  });

  it("rejects malformed codes and padded division codes", () => {
    for (const code of ["", "U", "a", "f", "1", "12345", "B06", " 06", "26a4", "5200", "520", "06.1"]) {
      expect(isIndustryCode(code), JSON.stringify(code)).toBe(false);
    }
  });
});

describe("division, section and label lookups", () => {
  it("finds the division and section of any level", () => {
    expect(industryDivision("2614")).toMatchObject({
      code: "26",
      section: "C",
      zh: "化学原料和化学制品制造业",
    });
    expect(industryDivision("526")?.code).toBe("52");
    expect(industryDivision("F")).toBeNull();
    expect(industrySection("5265")).toBe("F");
    expect(industrySection("06")).toBe("B");
    expect(industrySection("H")).toBe("H");
    expect(industrySection("98")).toBeNull();
  });

  it("labels by the most specific level it knows", () => {
    expect(industryLabel("5265")).toEqual({ zh: "机动车燃油零售", en: "Motor fuel retail (gas station)" });
    expect(industryLabel("526")?.zh).toBe("汽车、摩托车、零配件和燃料及其他动力销售");
    expect(industryLabel("5298")?.zh).toBe("零售业");
    expect(industryLabel("F")?.zh).toBe("批发和零售业");
    expect(industryLabel("5200")).toBeNull();
    expect(industryLabel("98")).toBeNull();
  });
});
