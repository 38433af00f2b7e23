import { describe, expect, it } from "vitest";
import {
  defaultCountyDepartments,
  defaultLeadDepartmentKind,
  departmentKindLabel,
  departmentKindRemit,
  departmentKinds,
  isDepartmentKind,
} from "./department-kinds";

describe("department kinds", () => {
  it("names and describes every kind in Chinese and English", () => {
    expect(Object.keys(departmentKindLabel).sort()).toEqual([...departmentKinds].sort());
    expect(Object.keys(departmentKindRemit).sort()).toEqual([...departmentKinds].sort());
    for (const k of departmentKinds) {
      expect(departmentKindLabel[k].zh && departmentKindLabel[k].en, k).toBeTruthy();
      expect(departmentKindRemit[k].zh && departmentKindRemit[k].en, k).toBeTruthy();
    }
    expect(departmentKindLabel.emergency.zh).toBe("应急管理局");
    expect(departmentKindLabel.fire.zh).toBe("消防救援大队");
    expect(new Set(departmentKinds.map((k) => departmentKindLabel[k].zh)).size).toBe(departmentKinds.length);
  });

  it("guards kinds", () => {
    expect(isDepartmentKind("market")).toBe(true);
    expect(isDepartmentKind("police")).toBe(false);
    expect(isDepartmentKind(undefined)).toBe(false);
  });
});

describe("defaultCountyDepartments", () => {
  it("gives a county one department per kind, the emergency bureau leading", () => {
    const list = defaultCountyDepartments("榆中县", "Yuzhong County");
    expect(list).toHaveLength(departmentKinds.length);
    expect(defaultLeadDepartmentKind).toBe("emergency");
    expect(list.filter((d) => d.role === "lead")).toEqual([
      {
        kind: "emergency",
        name: "榆中县应急管理局",
        nameEn: "Yuzhong County Emergency Management Bureau",
        role: "lead",
      },
    ]);
    expect(list.find((d) => d.kind === "market")?.name).toBe("榆中县市场监督管理局");
    expect(list.find((d) => d.kind === "fire")?.name).toBe("榆中县消防救援大队");
    expect(new Set(list.map((d) => d.name)).size).toBe(list.length);
  });

  it("takes another lead and falls back to the Chinese name in English", () => {
    const list = defaultCountyDepartments(" 城关区 ", undefined, "housing");
    expect(list.find((d) => d.role === "lead")?.kind).toBe("housing");
    expect(list.find((d) => d.kind === "emergency")?.role).toBe("cooperating");
    expect(list[0].name).toBe("城关区应急管理局");
    expect(list[0].nameEn).toBe("城关区 Emergency Management Bureau");
  });
});
