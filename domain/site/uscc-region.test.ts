import { describe, expect, it } from "vitest";
import { usccCheckCharacter } from "./uscc";
import { usccRegionFit, usccRegionWarning } from "./uscc-region";

/** A valid code registered in `region` (check character computed, so only the region part matters). */
const code = (region: string) => {
  const first17 = `91${region}MA7111111`;
  return first17 + usccCheckCharacter(first17);
};

describe("usccRegionFit: the code's registration region (chars 3–8) against the site's region", () => {
  it("accepts the site's own county, another county of its city and the city's own office", () => {
    expect(usccRegionFit(code("620123"), "620123").fit).toBe("same_city"); // 榆中县
    expect(usccRegionFit(code("620102"), "620123101").fit).toBe("same_city"); // 城关区 vs 榆中县 township
    expect(usccRegionFit(code("620100"), "620123").fit).toBe("same_city"); // 兰州市 office
  });

  it("accepts the province's office and national registrations", () => {
    expect(usccRegionFit(code("620000"), "620123").fit).toBe("above");
    expect(usccRegionFit(code("100000"), "620123").fit).toBe("above");
  });

  it("flags another city of the province and another province, naming both regions", () => {
    expect(usccRegionFit(code("620502"), "620123")).toEqual({
      fit: "other_city",
      usccRegion: "620502",
      siteCounty: "620123",
    });
    expect(usccRegionFit(code("110105"), "620123101")).toEqual({
      fit: "other_province",
      usccRegion: "110105",
      siteCounty: "620123",
    });
    // another province's own office is not "above" this site
    expect(usccRegionFit(code("610000"), "620123").fit).toBe("other_province");
  });

  it("cannot judge without a region or with a malformed code", () => {
    expect(usccRegionFit(code("620502"), undefined).fit).toBe("unknown");
    expect(usccRegionFit("91620", "620123").fit).toBe("unknown");
    expect(usccRegionFit("91AB0123MA71111111", "620123").fit).toBe("unknown");
  });
});

describe("usccRegionWarning", () => {
  const names: Record<string, string> = { "620502": "天水市秦州区", "620123": "榆中县" };
  it("says where the code was registered and where the site is, in Chinese and English", () => {
    const w = usccRegionWarning(usccRegionFit(code("620502"), "620123"), (c) => names[c]);
    expect(w?.zh).toContain("天水市秦州区（620502）");
    expect(w?.zh).toContain("榆中县（620123）");
    expect(w?.zh).toContain("外市");
    expect(w?.en).toContain("another city");
  });
  it("is silent when the code fits", () => {
    expect(usccRegionWarning(usccRegionFit(code("620123"), "620123"))).toBeNull();
    expect(usccRegionWarning(usccRegionFit(code("620000"), "620123"))).toBeNull();
  });
});
