import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { caseActionInputs } from "../../../../domain/case/case-schemas";
import type { CaseAction } from "../../../../domain/case/case-types";
import { type ActionValues, actionBody, actionFields } from "./action-body";

/** What a person fills in each action's dialog (ids are whatever the selects hold). */
const filled: Record<CaseAction, ActionValues> = {
  triage: { type: "general_hazard", category: "gas", suggestedDepartmentId: "d-housing", note: "" },
  reject: { reason: "不属于安全生产问题" },
  merge: { targetCaseId: "c-main", note: "同一场所同一问题" },
  dispatch: { departmentId: "d-market", note: "" },
  accept: { handlerId: "u-2", note: "" },
  return: { reason: "不属于本部门职责范围", suggestedDepartmentId: "d-housing" },
  forward: { departmentId: "d-housing", reason: "属住建部门监管" },
  submit_plan: {
    plan: {
      objectives: "消除燃气泄漏隐患",
      measures: "更换调压箱，加装报警器",
      fundsMaterials: "企业自筹 2 万元",
      responsiblePeople: "店主张三",
      timeLimit: dayjs().add(10, "day"),
      safetyMeasures: "整改期间停止用气",
    },
  },
  feedback: {
    result: "fixed",
    note: "已更换",
    evidence: [{ id: "e-1" } as never],
    location: { lng: 104.1, lat: 35.8 },
  },
  request_park: { reason: "需等待全镇燃气管网改造完成后整改", until: dayjs().add(30, "day") },
  approve_park: { note: "" },
  deny_park: { reason: "应当立即整改" },
  resume: { note: "" },
  recheck: { passed: "pass", note: "", location: { lng: 104.1, lat: 35.8 }, evidence: [] },
  accept_onsite: { passed: "pass", note: "现场验收合格", experts: "李工", evidence: [] },
  close: { note: "" },
  reopen: { reason: "问题仍然存在，未整改" },
  escalate: { reason: "逾期未办结，督促办理" },
};

describe("action dialogs send what the API accepts", () => {
  for (const action of Object.keys(actionFields) as CaseAction[]) {
    it(action, () => {
      const body = actionBody(action, filled[action]);
      const parsed = caseActionInputs[action].safeParse(body);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      for (const key of Object.keys(body)) expect(actionFields[action]).toContain(key);
    });
  }

  it("leaves out empty optional fields but keeps what the schema must judge", () => {
    expect(actionBody("accept", { note: "  " })).toEqual({});
    expect(actionBody("reject", {})).toEqual({ reason: "" });
    expect(caseActionInputs.reject.safeParse(actionBody("reject", {})).success).toBe(false);
    // a failed re-check must say why: the empty note is sent so the schema can ask for it
    const failed = actionBody("recheck", { passed: "fail", note: "" });
    expect(failed).toMatchObject({ passed: false, note: "" });
    expect(caseActionInputs.recheck.safeParse(failed).success).toBe(false);
  });
});
