import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SiteKind } from "../site/site-kinds";
import { defaultCountyDepartments, departmentKinds } from "./department-kinds";
import {
  defaultRoutingRules,
  type RoutingRule,
  routeSite,
  routingRuleInput,
  routingRuleName,
  ruleMatches,
} from "./routing";

const site = (industryCode: string | null, kind: SiteKind = "enterprise", regionCode = "620123100001") => ({
  regionCode,
  industryCode,
  kind,
});
const rule = (id: string, over: Partial<RoutingRule>): RoutingRule => ({
  id,
  regionPrefix: "",
  industryPrefix: null,
  siteKind: null,
  departmentKind: "emergency",
  priority: 0,
  note: "",
  ...over,
});
const route = (industryCode: string | null, kind?: SiteKind) =>
  routeSite(defaultRoutingRules, site(industryCode, kind));

describe("default routing rules", () => {
  it("are valid rules whose departments every default county has", () => {
    const countyKinds = new Set(defaultCountyDepartments("榆中县").map((d) => d.kind));
    const ids = new Set<string>();
    for (const r of defaultRoutingRules) {
      expect(departmentKinds, r.id).toContain(r.departmentKind);
      expect(countyKinds.has(r.departmentKind), r.id).toBe(true);
      expect(routingRuleInput.safeParse(r).success, r.id).toBe(true);
      expect(r.note, r.id).not.toBe("");
      ids.add(r.id);
    }
    expect(ids.size).toBe(defaultRoutingRules.length);
  });

  it("route every kind of site to one department", () => {
    const cases: [string | null, SiteKind, string, string][] = [
      ["0610", "enterprise", "emergency", "default-B"],
      ["2511", "enterprise", "emergency", "default-25"],
      ["2614", "enterprise", "emergency", "default-26"],
      ["3311", "enterprise", "emergency", "default-C"],
      ["1431", "small_workshop", "market", "default-14-workshop"],
      ["3311", "small_workshop", "emergency", "default-C"],
      [null, "small_workshop", "emergency", "default-small-workshop"],
      ["4411", "enterprise", "development_reform", "default-44"],
      ["4511", "enterprise", "housing", "default-45"],
      ["4711", "enterprise", "housing", "default-E"],
      ["4812", "enterprise", "transport", "default-4812"],
      ["5211", "enterprise", "commerce", "default-F"],
      ["5211", "small_shop", "market", "default-F-small-shop"],
      [null, "small_shop", "market", "default-small-shop"],
      ["5265", "enterprise", "emergency", "default-5265"],
      ["5265", "small_shop", "emergency", "default-5265"],
      ["5266", "enterprise", "housing", "default-5266"],
      ["5435", "enterprise", "transport", "default-G"],
      ["5942", "enterprise", "emergency", "default-59"],
      ["8111", "small_shop", "transport", "default-811"],
      ["6110", "enterprise", "culture_tourism", "default-6110"],
      ["6129", "enterprise", "public_security", "default-61"],
      ["6210", "small_shop", "market", "default-62"],
      ["9011", "small_entertainment", "culture_tourism", "default-R"],
      [null, "small_entertainment", "culture_tourism", "default-small-entertainment"],
      ["8331", "enterprise", "education", "default-P"],
      ["8411", "enterprise", "health", "default-84"],
      ["0111", "enterprise", "agriculture", "default-A"],
      ["0211", "enterprise", "forestry", "default-02"],
      [null, "household", "fire", "default-household"],
      ["6420", "enterprise", "emergency", "default-fallback"],
      [null, "other", "emergency", "default-fallback"],
      ["J", "enterprise", "emergency", "default-fallback"],
    ];
    for (const [code, kind, dept, id] of cases) {
      const r = route(code, kind);
      expect(r?.departmentKind, `${code} ${kind}`).toBe(dept);
      expect(r?.rule.id, `${code} ${kind}`).toBe(id);
    }
  });
});

describe("routeSite precedence", () => {
  it("prefers the longer region prefix, only inside that region", () => {
    const local = rule("local", { regionPrefix: "620123", departmentKind: "commerce" });
    const rules = [...defaultRoutingRules, local];
    expect(routeSite(rules, site("5265"))?.rule.id).toBe("local");
    expect(routeSite(rules, site("5265", "enterprise", "620102001001"))?.rule.id).toBe("default-5265");
  });

  it("then the longer industry prefix, a section letter being the coarsest", () => {
    const rules = [
      rule("a-section", { industryPrefix: "F", departmentKind: "commerce" }),
      rule("b-division", { industryPrefix: "52", departmentKind: "market" }),
      rule("c-class", { industryPrefix: "5265", departmentKind: "emergency" }),
    ];
    expect(routeSite(rules, site("5265"))?.rule.id).toBe("c-class");
    expect(routeSite(rules, site("5211"))?.rule.id).toBe("b-division");
    expect(routeSite(rules, site("5111"))?.rule.id).toBe("a-section");
    expect(routeSite(rules, site("F"))?.rule.id).toBe("a-section");
    expect(routeSite(rules, site("6210"))).toBeNull();
    expect(routeSite(rules, site(null))).toBeNull();
  });

  it("then a rule naming the site kind, then priority, then id", () => {
    const kinded = rule("z-kind", { industryPrefix: "62", siteKind: "small_shop", departmentKind: "fire" });
    const plain = rule("a-plain", { industryPrefix: "62", departmentKind: "market", priority: 100 });
    expect(routeSite([plain, kinded], site("6210", "small_shop"))?.rule.id).toBe("z-kind");
    expect(routeSite([plain, kinded], site("6210", "enterprise"))?.rule.id).toBe("a-plain");
    const low = rule("a-low", { industryPrefix: "62", priority: 1 });
    const high = rule("b-high", { industryPrefix: "62", priority: 5 });
    expect(routeSite([low, high], site("6210"))?.rule.id).toBe("b-high");
    const twinB = rule("twin-b", { industryPrefix: "62", departmentKind: "health" });
    const twinA = rule("twin-a", { industryPrefix: "62", departmentKind: "market" });
    expect(routeSite([twinB, twinA], site("6210"))?.departmentKind).toBe("market");
    expect(routeSite([twinA, twinB], site("6210"))?.departmentKind).toBe("market");
  });

  it("gives the same answer whatever the order of the rules", () => {
    const extra = [
      rule("x1", { regionPrefix: "6201", industryPrefix: "52", departmentKind: "market" }),
      rule("x2", { regionPrefix: "6201", industryPrefix: "52", departmentKind: "commerce" }),
      rule("x3", { regionPrefix: "62", siteKind: "small_shop", departmentKind: "fire", priority: 3 }),
    ];
    const all = [...defaultRoutingRules, ...extra];
    const sites = [
      site("5211", "small_shop"),
      site("5265"),
      site(null, "household"),
      site("6110"),
      site("1431", "small_workshop"),
    ];
    const expected = sites.map((s) => routeSite(all, s)?.rule.id);
    expect(expected[0]).toBe("x1");
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: all.length }), (shuffled) => {
        expect(sites.map((s) => routeSite(shuffled, s)?.rule.id)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("answers null when no rule matches", () => {
    expect(routeSite([], site("5265"))).toBeNull();
    expect(routeSite([rule("r", { regionPrefix: "6202" })], site("5265"))).toBeNull();
  });

  it("matches digit prefixes only against digit codes", () => {
    expect(ruleMatches(rule("r", { industryPrefix: "52" }), site("F"))).toBe(false);
    expect(ruleMatches(rule("r", { industryPrefix: "F" }), site("5211"))).toBe(true);
    expect(ruleMatches(rule("r", { industryPrefix: "C" }), site("5211"))).toBe(false);
  });
});

describe("routing explanation", () => {
  it("says in Chinese which rule decided, by its name (never its id), and why", () => {
    const r = route("5265")!;
    expect(r.explanation.zh).toBe(
      "依据分工规则“加油站持危险化学品经营许可证，由应急管理部门监管”：适用全部地区，" +
        "行业“机动车燃油零售”属于“机动车燃油零售”，由应急管理局负责安全监管",
    );
    expect(r.explanation.zh).not.toContain("default-");
    expect(r.explanation.en).not.toContain("default-");
    expect(r.explanation.en).toContain("Emergency Management Bureau");
  });

  it("names a rule without a note by what it covers and who supervises", () => {
    expect(
      routingRuleName(rule("x", { industryPrefix: "5265", departmentKind: "commerce", note: "" })).zh,
    ).toBe("机动车燃油零售→商务局");
    expect(routingRuleName(rule("y", { note: "" })).zh).toMatch(/^其他对象→/);
  });

  it("names the site kind, the region and the fallback", () => {
    expect(route("5211", "small_shop")!.explanation.zh).toContain("对象类型为小商铺");
    expect(route("5211", "small_shop")!.explanation.zh).toContain("市场监督管理局");
    expect(route(null, "other")!.explanation.zh).toContain("兜底规则");
    const local = rule("local-1", { regionPrefix: "620123", departmentKind: "commerce" });
    expect(routeSite([local], site("5265"))!.explanation.zh).toContain("适用于本县（区）");
    expect(routeSite([local], site("5265"))!.explanation.zh).not.toContain("620123");
  });
});

describe("routingRuleInput", () => {
  it("accepts a rule and fills defaults", () => {
    expect(routingRuleInput.parse({ departmentKind: "market", industryPrefix: "f" })).toEqual({
      regionPrefix: "",
      industryPrefix: "F",
      siteKind: null,
      departmentKind: "market",
      priority: 0,
      note: "",
    });
    expect(
      routingRuleInput.parse({ departmentKind: "fire", regionPrefix: "620123", siteKind: "household" })
        .regionPrefix,
    ).toBe("620123");
  });

  it("rejects unknown industries, departments, kinds and bad region prefixes", () => {
    const bad = [
      { departmentKind: "market", industryPrefix: "98" },
      { departmentKind: "market", industryPrefix: "5200" },
      { departmentKind: "market", industryPrefix: "U" },
      { departmentKind: "police" },
      { departmentKind: "market", siteKind: "factory" },
      { departmentKind: "market", regionPrefix: "62012" },
      { departmentKind: "market", priority: 1.5 },
    ];
    for (const input of bad)
      expect(routingRuleInput.safeParse(input).success, JSON.stringify(input)).toBe(false);
  });
});
