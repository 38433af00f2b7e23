import { describe, expect, it } from "vitest";
import { departmentKinds } from "../department/department-kinds";
import { categoryLabel, defaultCaseCategories, suggestDepartment } from "./case-categories";
import { timedStages } from "./deadline-rules";

describe("default case categories", () => {
  const entries = Object.entries(defaultCaseCategories);

  it("cover the categories of the notice and stay short", () => {
    for (const code of [
      "fire",
      "gas",
      "hazardous_chemicals",
      "construction",
      "special_equipment",
      "electricity",
      "road_transport",
      "mining",
      "three_smalls",
      "other",
    ])
      expect(defaultCaseCategories).toHaveProperty(code);
    expect(entries.length).toBeLessThanOrEqual(22);
  });

  it("name a known department kind, a Chinese and English label, and positive limits on timed stages", () => {
    for (const [code, c] of entries) {
      expect(code).toMatch(/^[a-z][a-z0-9_]+$/);
      expect(departmentKinds).toContain(c.defaultDepartmentKind);
      expect(c.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.en.length).toBeGreaterThan(1);
      for (const [stage, spec] of Object.entries(c.deadlines)) {
        expect(timedStages).toContain(stage);
        expect(spec.amount).toBeGreaterThan(0);
      }
    }
  });

  it("label unknown codes with the code itself", () => {
    expect(categoryLabel(defaultCaseCategories, "gas")).toEqual({ zh: "城镇燃气", en: "Gas" });
    expect(categoryLabel(defaultCaseCategories, "local_x")).toEqual({ zh: "local_x", en: "local_x" });
  });
});

describe("suggestDepartment", () => {
  const departments = [
    { id: "d-emergency", kind: "emergency" },
    { id: "d-housing", kind: "housing" },
    { id: "d-housing-2", kind: "housing" },
    { id: "d-market", kind: "market" },
  ];

  it("suggests the category's department kind, skipping departments that returned the case", () => {
    expect(suggestDepartment(defaultCaseCategories, "gas", departments)).toBe("d-housing");
    expect(suggestDepartment(defaultCaseCategories, "gas", departments, ["d-housing"])).toBe("d-housing-2");
    expect(
      suggestDepartment(defaultCaseCategories, "gas", departments, ["d-housing", "d-housing-2"]),
    ).toBeNull();
    expect(suggestDepartment(defaultCaseCategories, "special_equipment", departments)).toBe("d-market");
    expect(suggestDepartment(defaultCaseCategories, "nope", departments)).toBeNull();
  });
});
