import type { CaseAction } from "../../../domain/case/case-types";
import { atVillage, type CaseWorld } from "./case-command-kit";

/** The usual way through the loop (property tests pick from it most of the time, so sequences reach the end). */
export const mainPath: CaseAction[] = [
  "triage",
  "dispatch",
  "accept",
  "submit_plan",
  "feedback",
  "recheck",
  "accept_onsite",
  "close",
  "resume",
];

/**
 * A valid input for `action` by `actor` in a case world, varied by `pick` (type, department; three in four
 * feedbacks "fixed", four in five re-checks passing, so sequences reach the end). `mergeTarget`: the case a merge goes into (without one, a merge gets no target and is refused).
 */
export async function randomActionInput(
  w: CaseWorld,
  action: CaseAction,
  actor: string,
  pick: number,
  mergeTarget?: string,
): Promise<Record<string, unknown>> {
  switch (action) {
    case "triage":
      return {
        type: ["general_hazard", "violation", "major_hazard"][pick % 3],
        category: ["gas", "fire"][pick % 2],
      };
    case "dispatch":
      return {
        departmentId: [w.departments.market, w.departments.emergency, w.departments.housing][pick % 3],
      };
    case "forward":
      return {
        departmentId: [w.departments.housing, w.departments.market][pick % 2],
        reason: "属于其他部门职责",
      };
    case "merge":
      return mergeTarget ? { targetCaseId: mergeTarget } : {};
    case "feedback":
      return {
        result: pick % 4 === 3 ? "partial" : "fixed",
        note: "已完成部分整改工作",
        evidenceIds: [await w.evidence(actor)],
      };
    case "submit_plan":
      return {
        plan: {
          objectives: "消除隐患",
          measures: "移出钢瓶",
          fundsMaterials: "3 万元",
          responsiblePeople: "张某",
          timeLimit: "2027-06-30",
          safetyMeasures: "停用地下室",
        },
      };
    case "request_park":
      return { reason: "需等待专项资金下达后整改" };
    case "recheck":
    case "accept_onsite":
      return { passed: pick % 5 !== 0, note: "现场核实情况记录", location: atVillage };
    case "reject":
    case "return":
    case "deny_park":
    case "reopen":
    case "escalate":
      return { reason: "依据现场情况作出处理" };
    default:
      return {};
  }
}
