import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { act, as, caseAt } from "./case-test-kit";

/** The department suggested on the case page while a case waits for triage or dispatch (R11, R12). */
eachApi("case department suggestion", (ctx) => {
  const detail = async (id: string) =>
    (await as(ctx, "lead", { method: "GET", url: `/api/v1/cases/${id}` })).json();
  const departments = () => ctx.departments["620123"];

  it("never suggests again the department that returned the case", async () => {
    // special equipment is the market department's remit: once it returns the case, no other kind fits
    const id = await caseAt(ctx, "dispatched", { category: "special_equipment" });
    expect((await act(ctx, "market", id, "return", { reason: "不属于本部门职责范围" })).statusCode).toBe(200);
    const d = await detail(id);
    expect(d.case.stage).toBe("triaged");
    expect(d.suggestion?.departmentId).not.toBe(departments().market);
    // never a dead end: with no department of the kind left, the lead department is suggested
    expect(d.suggestion).toMatchObject({ departmentId: departments().emergency, source: "lead" });
    expect(d.suggestion.explanation).toContain("牵头部门");
  });

  it("after a return, suggests the next department by rule with the rule's explanation", async () => {
    const id = await caseAt(ctx, "dispatched", { category: "gas" });
    await act(ctx, "market", id, "return", { reason: "燃气不属于市场监管职责" });
    const d = await detail(id);
    expect(d.suggestion).toMatchObject({ departmentId: departments().housing, source: "category" });
    expect(d.case.suggestedDepartmentId).toBe(departments().housing);
    // the timeline names the departments: where it was dispatched, which one is suggested next
    const byAction = (a: string) => d.timeline.find((t: { action: string }) => t.action === a).data;
    expect(byAction("case.dispatched").departmentName).toBe("榆中县市场监督管理局");
    expect(byAction("case.returned").suggestedDepartmentName).toBe("榆中县住房和城乡建设局");
  });

  it("shows the department the returning department named, marked as chosen", async () => {
    const id = await caseAt(ctx, "dispatched", { category: "gas" });
    await act(ctx, "market", id, "return", {
      reason: "属消防安全问题",
      suggestedDepartmentId: departments().fire,
    });
    const d = await detail(id);
    expect(d.suggestion).toMatchObject({ departmentId: departments().fire, source: "chosen" });
    expect(d.suggestion.explanation).toContain("退回");
  });

  it("shows the department named at triage", async () => {
    const id = await caseAt(ctx, "reported", { category: "gas" });
    await act(ctx, "lead", id, "triage", {
      type: "general_hazard",
      category: "gas",
      suggestedDepartmentId: departments().transport,
    });
    const d = await detail(id);
    expect(d.suggestion).toMatchObject({ departmentId: departments().transport, source: "chosen" });
  });
});
