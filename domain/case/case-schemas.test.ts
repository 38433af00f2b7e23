import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { plan } from "./case-fixtures";
import {
  caseActionInputs,
  feedbackCaseInput,
  parseCaseInput,
  parseInput,
  planInput,
  recheckCaseInput,
  reportCaseInput,
  returnCaseInput,
} from "./case-schemas";
import { caseActions } from "./case-types";

const issues = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? [] : (r.error?.issues.map((i) => i.message) ?? []);

describe("case input schemas", () => {
  it("exist for every action, refuse unknown fields and accept a UUID idempotency key", () => {
    expect(Object.keys(caseActionInputs).sort()).toEqual([...caseActions].sort());
    for (const schema of Object.values(caseActionInputs)) {
      const r = schema.safeParse({ unexpected: 1 });
      expect(r.success).toBe(false);
      expect(issues(r).join()).toContain("不允许的字段：unexpected");
      expect(issues(schema.safeParse({ idempotencyKey: "not-a-uuid" })).join()).toContain("UUID");
    }
    expect(parseCaseInput("close", { idempotencyKey: "7f0c2a4e-1b7d-4c1a-9e3f-2d5b8a6c4e10" })).toEqual({
      idempotencyKey: "7f0c2a4e-1b7d-4c1a-9e3f-2d5b8a6c4e10",
    });
  });

  it("report: needs a site or a location, a known type and source, a real description", () => {
    const ok = {
      source: "grid_worker",
      type: "general_hazard",
      category: "gas",
      description: "钢瓶存放在地下室",
      siteId: "s-1",
    };
    expect(reportCaseInput.parse(ok)).toMatchObject({ ...ok, evidenceIds: [] });
    expect(issues(reportCaseInput.safeParse({ ...ok, siteId: undefined }))).toEqual([
      "请选择场所或在地图上标注位置",
    ]);
    expect(issues(reportCaseInput.safeParse({ ...ok, type: "minor" }))).toEqual(["案件类型无效"]);
    expect(issues(reportCaseInput.safeParse({ ...ok, description: "坏了" }))).toEqual([
      "问题描述至少 5 个字",
    ]);
    expect(issues(reportCaseInput.safeParse({ ...ok, location: { lng: 200, lat: 36 } }))).toEqual([
      "经度超出范围",
    ]);
    expect(issues(reportCaseInput.safeParse({ ...ok, category: "Gas!" }))).toEqual(["行业类别无效"]);
    // the reporter's position may carry the device's accuracy (drawn as a circle on the case map)
    const at = { lng: 104.1, lat: 35.85, accuracy: 12 };
    expect(reportCaseInput.parse({ ...ok, location: at }).location).toEqual(at);
    expect(issues(reportCaseInput.safeParse({ ...ok, location: { ...at, accuracy: -1 } }))).toEqual([
      "定位精度不能为负",
    ]);
  });

  it("return: a reason of at least 5 characters, trimmed", () => {
    expect(issues(returnCaseInput.safeParse({}))).toEqual(["请填写退回原因"]);
    expect(issues(returnCaseInput.safeParse({ reason: "   不是我们   " }))).toEqual(["退回原因至少 5 个字"]);
    expect(returnCaseInput.parse({ reason: "  不属于本部门职责  " })).toEqual({ reason: "不属于本部门职责" });
  });

  it("feedback: needs evidence, and a note when only partly fixed", () => {
    expect(issues(feedbackCaseInput.safeParse({ result: "fixed", evidenceIds: [] }))).toEqual([
      "请至少上传一张整改照片或附件",
    ]);
    expect(issues(feedbackCaseInput.safeParse({ result: "done", evidenceIds: ["f"] }))).toEqual([
      "请选择整改结果（已整改或部分整改）",
    ]);
    expect(issues(feedbackCaseInput.safeParse({ result: "partial", evidenceIds: ["f"] }))).toEqual([
      "部分整改须说明尚未整改的内容（至少 5 个字）",
    ]);
    expect(feedbackCaseInput.parse({ result: "fixed", evidenceIds: ["f"] })).toEqual({
      result: "fixed",
      note: "",
      evidenceIds: ["f"],
    });
  });

  it("re-check: pass or fail, a reason when failed, an offset timestamp when given", () => {
    expect(issues(recheckCaseInput.safeParse({}))).toEqual(["请选择是否通过"]);
    expect(issues(recheckCaseInput.safeParse({ passed: false }))).toEqual([
      "不通过须说明原因（至少 5 个字）",
    ]);
    expect(issues(recheckCaseInput.safeParse({ passed: true, recheckedAt: "yesterday" }))).toEqual([
      "复查时间格式不正确",
    ]);
    expect(recheckCaseInput.parse({ passed: true, recheckedAt: "2026-11-03T10:00:00+08:00" }).passed).toBe(
      true,
    );
  });

  it("plan: all six items required, the time limit a date", () => {
    expect(planInput.parse(plan)).toEqual(plan);
    const missing = issues(planInput.safeParse({ objectives: "消除隐患", timeLimit: "明年" }));
    expect(missing).toEqual([
      "请填写采取的方法和措施",
      "请填写经费和物资落实",
      "请填写负责治理的机构和人员",
      "治理时限须为日期（YYYY-MM-DD）",
      "请填写安全措施和应急预案",
    ]);
  });

  it("parseInput throws validation_failed with the first Chinese message and every issue", () => {
    try {
      parseInput(planInput, {});
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.code).toBe("validation_failed");
      expect(err.status).toBe(422);
      expect(err.zh).toBe("请填写治理目标和任务");
      expect((err.details as { issues: unknown[] }).issues).toHaveLength(6);
    }
  });
});
