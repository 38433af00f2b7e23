import { describe, expect, it } from "vitest";
import {
  checkUscc,
  normalizeUscc,
  organisationCodeCheckDigit,
  usccCharset,
  usccCheckCharacter,
  usccWarnings,
} from "./uscc";

/** Published codes of real organisations (business licences, GLEIF, invoices). */
const real: [string, string][] = [
  ["91350100M000100Y43", "the GB 32100 worked example, Fuzhou"],
  ["914403001922038216", "华为技术有限公司"],
  ["91440300708461136T", "深圳市腾讯计算机系统有限公司"],
  ["91330100716105852F", "阿里巴巴（中国）网络技术有限公司"],
  ["91110000710925462X", "中国石油天然气股份有限公司 (GLEIF registeredAs)"],
  ["91110108551385082Q", "小米科技有限责任公司"],
  ["91440300192317458F", "比亚迪股份有限公司"],
  ["91110000802100433B", "北京百度网讯科技有限公司"],
  ["12100000400000624D", "清华大学 (事业单位, central level)"],
];

describe("checkUscc", () => {
  it.each(real)("accepts %s (%s)", (code) => {
    const r = checkUscc(code);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.normalized).toBe(code);
  });

  it("explains what the characters mean", () => {
    expect(checkUscc("914403001922038216")).toMatchObject({
      ok: true,
      authority: { zh: "市场监管（工商）" },
      category: { zh: "企业" },
      regionCode: "440300",
    });
    expect(checkUscc("12100000400000624D")).toMatchObject({
      category: { zh: "事业单位" },
      regionCode: "100000",
    });
  });

  it("computes the check character by GB 32100 (31 - sum mod 31, 31 -> 0)", () => {
    for (const [code] of real) expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
    // a prefix whose weighted sum is divisible by 31 gets check character "0"
    expect(usccCheckCharacter("00000000000000000")).toBe("0");
  });

  it("rejects a wrong check character and says which one is expected", () => {
    const r = checkUscc("914403001922038217");
    expect(r).toMatchObject({ ok: false, problem: "check_character", position: 18 });
    if (!r.ok) expect(r.zh).toContain("应为“6”");
    // every single-character change of a real code is caught
    const code = "91350100M000100Y43";
    for (let i = 0; i < 18; i++)
      for (const c of usccCharset) {
        if (c === code[i]) continue;
        expect(checkUscc(code.slice(0, i) + c + code.slice(i + 1)).ok).toBe(false);
      }
  });

  it("reports lower case with the upper-case code as a suggestion instead of accepting it", () => {
    const r = checkUscc("91350100m000100y43");
    expect(r).toMatchObject({ ok: false, problem: "lowercase", suggestion: "91350100M000100Y43" });
    if (!r.ok) {
      expect(r.zh).toContain("大写");
      expect(r.en).toContain("upper case");
    }
  });

  it("reports spaces and full-width characters with a suggestion", () => {
    expect(checkUscc(" 914403001922038216 ")).toMatchObject({
      problem: "whitespace",
      suggestion: "914403001922038216",
    });
    expect(checkUscc("9144 0300 1922 0382 16")).toMatchObject({ problem: "whitespace" });
    expect(checkUscc("９１４４０３００１９２２０３８２１６")).toMatchObject({
      problem: "fullwidth",
      suggestion: "914403001922038216",
    });
    expect(normalizeUscc(" ９１350100m000100y43")).toBe("91350100M000100Y43");
  });

  it("reports the wrong length, empty input and disallowed characters", () => {
    expect(checkUscc("")).toMatchObject({ ok: false, problem: "empty" });
    expect(checkUscc("91350100M000100Y4")).toMatchObject({ ok: false, problem: "length" });
    expect(checkUscc("91350100M000100Y433")).toMatchObject({ ok: false, problem: "length" });
    // an old 15-digit registration number is not a USCC
    expect(checkUscc("440301103032184")).toMatchObject({ ok: false, problem: "length" });
    const r = checkUscc("91350100M0001O0Y43");
    expect(r).toMatchObject({ ok: false, problem: "charset", position: 14 });
    if (!r.ok) expect(r.zh).toContain("I、O、Z、S、V");
    expect(checkUscc("91350100M000100Y4-")).toMatchObject({ problem: "charset", position: 18 });
  });

  it("checks the authority, the category under it, and the region code", () => {
    const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);
    expect(checkUscc(withCheck("B1350100M000100Y4"))).toMatchObject({
      problem: "registration_authority",
      position: 1,
    });
    expect(checkUscc(withCheck("97350100M000100Y4"))).toMatchObject({
      problem: "organization_category",
      position: 2,
    });
    expect(checkUscc(withCheck("Y2350100M000100Y4"))).toMatchObject({ problem: "organization_category" });
    expect(checkUscc(withCheck("91A50100M000100Y4"))).toMatchObject({ problem: "region_code", position: 3 });
    expect(checkUscc(withCheck("91990100M000100Y4"))).toMatchObject({ problem: "region_code" });
    expect(checkUscc(withCheck("92620102MA7K0C1X1"))).toMatchObject({
      ok: true,
      category: { zh: "个体工商户" },
    });
    expect(checkUscc(withCheck("N2620102MA7K0C1X1"))).toMatchObject({
      ok: true,
      category: { zh: "村级集体经济组织" },
    });
  });
});

describe("USCC warnings (region part, GB 11714 check digit)", () => {
  const regions = new Set(["620123", "620100", "620000"]);
  const isRegion = (c: string) => regions.has(c);
  it("warns on a region part that is no region", () => {
    expect(checkUscc("91629999710925462Y").ok).toBe(true);
    expect(usccWarnings("91629999710925462Y", isRegion).map((w) => w.code)).toEqual(["uscc_unknown_region"]);
  });
  it("warns on a wrong organisation-code check digit", () => {
    expect(organisationCodeCheckDigit("71092546")).toBe("2");
    expect(checkUscc("916201237109254610").ok).toBe(true);
    const [w] = usccWarnings("916201237109254610", isRegion);
    expect(w).toMatchObject({ code: "uscc_organisation_code" });
    expect(w.zh).toContain("应为“2”");
  });
  it.each(real)("says nothing on the real code %s (%s)", (code) => {
    expect(usccWarnings(code, () => true)).toEqual([]);
  });
  it("says nothing on a right code", () => {
    const good = `9162012371092546${"2"}`;
    const full = good + usccCheckCharacter(good);
    expect(usccWarnings(full, isRegion)).toEqual([]);
  });
});
