import { z } from "zod";
import { AppError } from "../errors";
import { type CaseAction, caseSources, caseTypes } from "./case-types";

/**
 * Input schemas of the case commands, shared by server routes, the console and the offline field app.
 * Every object is strict (unknown fields are refused) and every action accepts an optional
 * client-generated `idempotencyKey` (UUID) so an offline submission replayed twice is recorded once.
 */
const strict = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `包含不允许的字段：${(iss.keys as string[]).join("、")}`
        : "请求内容须为对象",
  });

const idempotencyKey = z.uuid({ error: "幂等键 idempotencyKey 须为 UUID" }).optional();
const id = (what: string) =>
  z
    .string({ error: `请选择${what}` })
    .trim()
    .min(1, { error: `请选择${what}` })
    .max(64, { error: `${what}编号过长` });
const text = (what: string, min: number, max = 2000) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(min, { error: min <= 1 ? `请填写${what}` : `${what}至少 ${min} 个字` })
    .max(max, { error: `${what}不能超过 ${max} 个字` });
const note = z.string({ error: "备注须为文字" }).trim().max(2000, { error: "备注不能超过 2000 个字" });
const evidenceIds = z.array(id("附件"), { error: "附件列表格式不正确" }).max(20, { error: "附件最多 20 个" });

export const locationInput = strict({
  lng: z
    .number({ error: "经度须为数字" })
    .min(-180, { error: "经度超出范围" })
    .max(180, { error: "经度超出范围" }),
  lat: z
    .number({ error: "纬度须为数字" })
    .min(-90, { error: "纬度超出范围" })
    .max(90, { error: "纬度超出范围" }),
});

/**
 * Where the reporter was: a point, with the device's horizontal accuracy in metres when it came from the
 * device's position (kept in the report's trail event; the case map draws it as a circle).
 */
export const reportLocationInput = locationInput.extend({
  accuracy: z
    .number({ error: "定位精度须为数字" })
    .min(0, { error: "定位精度不能为负" })
    .max(100_000, { error: "定位精度超出范围" })
    .optional(),
});

/** The fields of a report, without the "site or location" rule (a public tip may give only an address). */
const reportFields = () => ({
  source: z.enum(caseSources, { error: "案件来源无效" }),
  type: z.enum(caseTypes, { error: "案件类型无效" }),
  category: z.string({ error: "请选择行业类别" }).regex(/^[a-z][a-z0-9_]{1,39}$/, { error: "行业类别无效" }),
  description: text("问题描述", 5),
  siteId: id("场所").optional(),
  location: reportLocationInput.optional(),
  evidenceIds: evidenceIds.default([]),
  idempotencyKey,
});
export const reportCaseFields = strict(reportFields());

export const reportCaseInput = strict(reportFields()).refine(
  (v) => v.siteId !== undefined || v.location !== undefined,
  {
    error: "请选择场所或在地图上标注位置",
    path: ["location"],
  },
);

export const triageCaseInput = strict({
  type: z.enum(caseTypes, { error: "案件类型无效" }),
  category: z.string({ error: "请选择行业类别" }).regex(/^[a-z][a-z0-9_]{1,39}$/, { error: "行业类别无效" }),
  suggestedDepartmentId: id("建议承办部门").optional(),
  note: note.optional(),
  idempotencyKey,
});

export const rejectCaseInput = strict({ reason: text("不予受理原因", 5), idempotencyKey });

export const mergeCaseInput = strict({ targetCaseId: id("主案件"), note: note.optional(), idempotencyKey });

export const dispatchCaseInput = strict({
  departmentId: id("承办部门"),
  note: note.optional(),
  idempotencyKey,
});

export const acceptCaseInput = strict({
  handlerId: id("经办人").optional(),
  note: note.optional(),
  idempotencyKey,
});

export const returnCaseInput = strict({
  reason: text("退回原因", 5),
  suggestedDepartmentId: id("建议承办部门").optional(),
  idempotencyKey,
});

export const forwardCaseInput = strict({
  departmentId: id("转办部门"),
  reason: text("转办原因", 5),
  idempotencyKey,
});

/** The six items of a major-hazard remediation plan, all required. */
export const planInput = strict({
  objectives: text("治理目标和任务", 2),
  measures: text("采取的方法和措施", 2),
  fundsMaterials: text("经费和物资落实", 2),
  responsiblePeople: text("负责治理的机构和人员", 2),
  timeLimit: z.iso.date({ error: "治理时限须为日期（YYYY-MM-DD）" }),
  safetyMeasures: text("安全措施和应急预案", 2),
});

export const submitPlanCaseInput = strict({ plan: planInput, idempotencyKey });

export const feedbackCaseInput = strict({
  result: z.enum(["fixed", "partial"], { error: "请选择整改结果（已整改或部分整改）" }),
  note: note.default(""),
  evidenceIds: evidenceIds.min(1, { error: "请至少上传一张整改照片或附件" }),
  location: locationInput.optional(),
  idempotencyKey,
}).refine((v) => v.result === "fixed" || v.note.length >= 5, {
  error: "部分整改须说明尚未整改的内容（至少 5 个字）",
  path: ["note"],
});

export const requestParkCaseInput = strict({
  reason: text("挂账原因", 10),
  until: z.iso.date({ error: "预计整改日期须为日期（YYYY-MM-DD）" }).optional(),
  idempotencyKey,
});
/** Alias used by the console form. */
export const parkCaseInput = requestParkCaseInput;

export const approveParkCaseInput = strict({ note: note.optional(), idempotencyKey });
export const denyParkCaseInput = strict({ reason: text("驳回原因", 5), idempotencyKey });
export const resumeCaseInput = strict({ note: note.optional(), idempotencyKey });

const checkShape = {
  passed: z.boolean({ error: "请选择是否通过" }),
  note: note.default(""),
  location: locationInput.optional(),
  evidenceIds: evidenceIds.default([]),
  idempotencyKey,
};
const failedNeedsNote = {
  error: "不通过须说明原因（至少 5 个字）",
  path: ["note"],
};

export const recheckCaseInput = strict({
  ...checkShape,
  /** When the re-check was done on site (offline capture time); defaults to the time it reaches the server. */
  recheckedAt: z.iso.datetime({ offset: true, error: "复查时间格式不正确" }).optional(),
}).refine((v) => v.passed || v.note.length >= 5, failedNeedsNote);

export const acceptOnsiteCaseInput = strict({
  ...checkShape,
  experts: z.string({ error: "专家名单须为文字" }).trim().max(500, { error: "专家名单过长" }).optional(),
}).refine((v) => v.passed || v.note.length >= 5, failedNeedsNote);

export const closeCaseInput = strict({ note: note.optional(), idempotencyKey });
export const reopenCaseInput = strict({ reason: text("重新打开原因", 5), idempotencyKey });
export const escalateCaseInput = strict({ reason: text("督办事由", 5), idempotencyKey });

export const caseActionInputs = {
  triage: triageCaseInput,
  reject: rejectCaseInput,
  merge: mergeCaseInput,
  dispatch: dispatchCaseInput,
  accept: acceptCaseInput,
  return: returnCaseInput,
  forward: forwardCaseInput,
  submit_plan: submitPlanCaseInput,
  feedback: feedbackCaseInput,
  request_park: requestParkCaseInput,
  approve_park: approveParkCaseInput,
  deny_park: denyParkCaseInput,
  resume: resumeCaseInput,
  recheck: recheckCaseInput,
  accept_onsite: acceptOnsiteCaseInput,
  close: closeCaseInput,
  reopen: reopenCaseInput,
  escalate: escalateCaseInput,
} satisfies Record<CaseAction, z.ZodType>;

export type ReportCaseInput = z.output<typeof reportCaseInput>;
/** What a caller may pass for an action (before defaults). */
export type CaseActionRawInput<A extends CaseAction> = z.input<(typeof caseActionInputs)[A]>;
/** The parsed input of an action. */
export type CaseActionInput<A extends CaseAction> = z.output<(typeof caseActionInputs)[A]>;

/** Parses with a schema; on failure throws `validation_failed` with the first Chinese message and all issues. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  throw new AppError("validation_failed", {
    zh: issues[0]?.message ?? "输入数据校验未通过",
    en: "Input validation failed",
    details: { issues },
  });
}

export function parseCaseInput<A extends CaseAction>(action: A, input: unknown): CaseActionInput<A> {
  return parseInput(caseActionInputs[action], input) as CaseActionInput<A>;
}
