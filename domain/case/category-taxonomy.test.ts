import { describe, expect, it } from "vitest";
import { defaultCaseCategories, suggestDepartment } from "./case-categories";
import {
  type CategoryConfig,
  caseCategoryInput,
  categoriesByCode,
  categoryConfigProblem,
  effectiveCategories,
  isReportableCategory,
} from "./category-taxonomy";

const row = (
  over: Partial<CategoryConfig> & Pick<CategoryConfig, "regionPrefix" | "code">,
): CategoryConfig => ({
  id: `${over.regionPrefix}-${over.code}`,
  zh: null,
  en: null,
  defaultDepartmentKind: null,
  active: null,
  ...over,
});

const find = (list: ReturnType<typeof effectiveCategories>, code: string) =>
  list.find((c) => c.code === code);

describe("effective case category taxonomy", () => {
  it("is the built-in taxonomy where nothing is configured, in the built-in order", () => {
    const list = effectiveCategories([], "620123");
    expect(list.map((c) => c.code)).toEqual(Object.keys(defaultCaseCategories));
    expect(list.every((c) => c.builtIn && c.active && c.regionPrefix === null)).toBe(true);
    expect(find(list, "gas")).toMatchObject({ zh: "城镇燃气", defaultDepartmentKind: "housing" });
  });

  it("adds a county's own category after the built-ins, active unless said otherwise", () => {
    const configs = [
      row({ regionPrefix: "620123", code: "orchard", zh: "果园农机", defaultDepartmentKind: "agriculture" }),
    ];
    const list = effectiveCategories(configs, "620123100001");
    expect(list.at(-1)).toEqual({
      code: "orchard",
      zh: "果园农机",
      en: "果园农机",
      defaultDepartmentKind: "agriculture",
      deadlines: {},
      active: true,
      builtIn: false,
      regionPrefix: "620123",
    });
    // another county does not see it
    expect(find(effectiveCategories(configs, "620102"), "orchard")).toBeUndefined();
  });

  it("lets the longest prefix win field by field: province, then city, then county", () => {
    const configs = [
      // listed out of order on purpose: the merge sorts by prefix length
      row({ regionPrefix: "620123", code: "gas", active: false }),
      row({ regionPrefix: "62", code: "gas", zh: "燃气安全", en: "Gas safety" }),
      row({ regionPrefix: "6201", code: "gas", defaultDepartmentKind: "emergency" }),
      row({ regionPrefix: "6201", code: "fire", zh: "消防" }),
      row({ regionPrefix: "620123", code: "fire", zh: "消防安全（县）" }),
    ];
    const county = effectiveCategories(configs, "620123");
    expect(find(county, "gas")).toMatchObject({
      zh: "燃气安全",
      en: "Gas safety",
      defaultDepartmentKind: "emergency",
      active: false,
      builtIn: true,
      regionPrefix: "620123",
    });
    expect(find(county, "gas")?.deadlines).toEqual(defaultCaseCategories.gas.deadlines);
    expect(find(county, "fire")?.zh).toBe("消防安全（县）");
    const neighbour = effectiveCategories(configs, "620102");
    expect(find(neighbour, "gas")).toMatchObject({ active: true, regionPrefix: "6201", zh: "燃气安全" });
    expect(find(neighbour, "fire")?.zh).toBe("消防");
    const otherCity = effectiveCategories(configs, "620200");
    expect(find(otherCity, "gas")).toMatchObject({ defaultDepartmentKind: "housing", regionPrefix: "62" });
  });

  it("lets a county re-activate what its city deactivated, and rename a category its province added", () => {
    const configs = [
      row({
        regionPrefix: "62",
        code: "oil_gas",
        zh: "油气管道",
        defaultDepartmentKind: "development_reform",
      }),
      row({ regionPrefix: "6201", code: "oil_gas", active: false }),
      row({ regionPrefix: "620123", code: "oil_gas", active: true, zh: "油气输送管道" }),
    ];
    expect(find(effectiveCategories(configs, "620102"), "oil_gas")?.active).toBe(false);
    expect(find(effectiveCategories(configs, "620123"), "oil_gas")).toMatchObject({
      active: true,
      zh: "油气输送管道",
      builtIn: false,
    });
  });

  it("ignores a row that would add a category without a name or department kind", () => {
    const configs = [row({ regionPrefix: "620123", code: "orphan", active: false })];
    expect(find(effectiveCategories(configs, "620123"), "orphan")).toBeUndefined();
  });

  it("accepts for reporting only active categories, and suggests by the configured kind", () => {
    const configs = [
      row({ regionPrefix: "620123", code: "gas", active: false }),
      row({ regionPrefix: "620123", code: "special_equipment", defaultDepartmentKind: "emergency" }),
    ];
    const list = effectiveCategories(configs, "620123");
    expect(isReportableCategory(list, "gas")).toBe(false);
    expect(isReportableCategory(list, "fire")).toBe(true);
    expect(isReportableCategory(list, "nope")).toBe(false);
    const departments = [
      { id: "d-market", kind: "market" },
      { id: "d-emergency", kind: "emergency" },
    ];
    expect(suggestDepartment(categoriesByCode(list), "special_equipment", departments)).toBe("d-emergency");
  });
});

describe("category configuration checks", () => {
  const inherited = effectiveCategories([], "620123");

  it("needs a name and a department kind for a new code, not for an override", () => {
    expect(
      categoryConfigProblem(inherited, { code: "orchard", zh: null, defaultDepartmentKind: null })?.path,
    ).toBe("zh");
    expect(
      categoryConfigProblem(inherited, { code: "orchard", zh: "果园", defaultDepartmentKind: null })?.path,
    ).toBe("defaultDepartmentKind");
    expect(
      categoryConfigProblem(inherited, { code: "gas", zh: null, defaultDepartmentKind: null }),
    ).toBeNull();
  });

  it("refuses a name another category of the region already has", () => {
    const problem = categoryConfigProblem(inherited, {
      code: "orchard",
      zh: "城镇燃气",
      defaultDepartmentKind: "housing",
    });
    expect(problem?.zh).toContain("重复");
    expect(
      categoryConfigProblem(inherited, { code: "gas", zh: "城镇燃气", defaultDepartmentKind: null }),
    ).toBeNull();
  });

  it("validates codes, regions and kinds with Chinese messages", () => {
    const bad = (input: unknown) => caseCategoryInput.safeParse(input).error?.issues[0]?.message;
    expect(bad({ regionPrefix: "620123", code: "Orchard" })).toContain("小写字母");
    expect(bad({ regionPrefix: "620123100", code: "orchard" })).toContain("省、市州或县区");
    expect(bad({ regionPrefix: "620123", code: "orchard", defaultDepartmentKind: "police" })).toContain(
      "部门类型不存在",
    );
    expect(bad({ regionPrefix: "620123", code: "orchard", zh: " " })).toContain("请填写类别名称");
    expect(caseCategoryInput.safeParse({ regionPrefix: "62", code: "orchard", zh: "果园" }).success).toBe(
      true,
    );
  });
});
