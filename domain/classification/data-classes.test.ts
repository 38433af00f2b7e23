import { describe, expect, it } from "vitest";
import { navSections } from "../auth/nav";
import { caseActions, caseEventVerb } from "../case/case-types";
import { eventLabel } from "../trail/event-labels";
import { classOf, dataClasses, fieldClasses, highestClass, isProtected } from "./data-classes";
import {
  classOfField,
  dataExports,
  exportClass,
  exportNeedsReason,
  type QualifiedField,
  validReason,
} from "./data-exports";
import { personalDataSections, showsPersonalData } from "./personal-sections";

describe("data classification table", () => {
  it("classes contacts, phones and reporters as personal and hazard details as sensitive", () => {
    expect(classOf("site", "contactName")).toBe("personal");
    expect(classOf("site", "contactPhone")).toBe("personal");
    expect(classOf("site", "uscc")).toBe("internal");
    expect(classOf("site", "regionCode")).toBe("public");
    expect(classOf("user", "phone")).toBe("personal");
    expect(classOf("user", "passwordHash")).toBe("sensitive");
    expect(classOf("grid", "officerPhone")).toBe("personal");
    expect(classOf("gridWorker", "phone")).toBe("personal");
    expect(classOf("case", "reporterPhone")).toBe("personal");
    expect(classOf("case", "plan")).toBe("sensitive");
    expect(classOf("case", "onsiteAcceptance")).toBe("sensitive");
    expect(classOf("securityLog", "ip")).toBe("sensitive");
  });

  it("never makes an unlisted field public", () => {
    expect(classOf("site", "somethingNew")).toBe("internal");
  });

  it("uses only the four classes, and only personal and sensitive are protected", () => {
    for (const table of Object.values(fieldClasses))
      for (const c of Object.values(table)) expect(dataClasses).toContain(c);
    expect(dataClasses.filter(isProtected)).toEqual(["personal", "sensitive"]);
    expect(highestClass([])).toBe("public");
    expect(highestClass(["internal", "sensitive", "personal"])).toBe("sensitive");
  });
});

describe("exports by class", () => {
  it("declares every exported field in the class table (no silent default)", () => {
    for (const e of Object.values(dataExports))
      for (const f of e.fields as readonly QualifiedField[]) {
        const [resource, field] = f.split(".") as [keyof typeof fieldClasses, string];
        expect(Object.keys(fieldClasses[resource]), f).toContain(field);
        expect(classOfField(f)).toBe(classOf(resource, field));
      }
  });

  it("asks a reason for the sites, cases and trail exports but not for coverage", () => {
    expect(exportClass("sites")).toBe("personal");
    expect(exportClass("cases")).toBe("personal");
    expect(exportClass("trail")).toBe("personal");
    expect(exportClass("coverage")).toBe("internal");
    expect(exportNeedsReason("sites")).toBe(true);
    expect(exportNeedsReason("coverage")).toBe(false);
  });

  it("counts a reason of at least 5 characters after trimming", () => {
    expect(validReason(undefined)).toBeNull();
    expect(validReason("   ")).toBeNull();
    expect(validReason(" 核查用 ")).toBeNull();
    expect(validReason(" 年度安全检查 ")).toBe("年度安全检查");
  });
});

describe("event labels", () => {
  it("names every case event and the common kinds, and has no label for unknown kinds", () => {
    for (const a of caseActions) expect(eventLabel(`case.${caseEventVerb[a]}`)?.zh).toBeTruthy();
    expect(eventLabel("site.created")?.zh).toBe("登记监管对象");
    expect(eventLabel("case.dispatched")?.zh).toBe("派送交办");
    expect(eventLabel("data.exported")?.zh).toBe("导出数据");
    expect(eventLabel("made.up")).toBeNull();
  });
});

describe("console sections with personal data", () => {
  it("watermarks the pages that list people, and not the dashboard or the region tree", () => {
    for (const s of ["sites", "cases", "users", "trail", "security_log", "grids"] as const)
      expect(showsPersonalData(s), s).toBe(true);
    for (const s of ["dashboard", "regions", "routing", "case_categories", undefined] as const)
      expect(showsPersonalData(s), String(s)).toBe(false);
    for (const s of personalDataSections) expect(navSections).toContain(s);
  });
});
