import { z } from "zod";
import { type CaseListFilter, type CaseQueue, caseQueues } from "../../db/queries/case-list-queries";
import { caseSources, caseStages, caseTypes } from "../../domain/case/case-types";

const isoLike = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), { error: "日期格式不正确" })
  .optional();

/** Query string of the case list and the export: a queue and filters. */
export const caseListQuery = z.strictObject({
  queue: z.enum(caseQueues, { error: "工作队列无效" }).default("all"),
  stage: z
    .string()
    .refine((v) => v.split(",").every((s) => (caseStages as readonly string[]).includes(s)), {
      error: "案件阶段无效",
    })
    .optional(),
  type: z.enum(caseTypes, { error: "案件类型无效" }).optional(),
  category: z.string().max(40).optional(),
  source: z.enum(caseSources, { error: "案件来源无效" }).optional(),
  region: z
    .string()
    .regex(/^\d{2,12}$/, { error: "行政区划代码无效" })
    .optional(),
  grid: z.string().max(20).optional(),
  siteId: z.string().max(64).optional(),
  department: z.string().max(64).optional(),
  deadlineState: z.enum(["on_time", "due_soon", "overdue"], { error: "期限状态无效" }).optional(),
  escalated: z.enum(["true", "false"]).optional(),
  q: z.string().max(100).optional(),
  reportedFrom: isoLike,
  reportedTo: isoLike,
  sort: z.enum(["deadline", "reportedAt", "-reportedAt"]).default("deadline"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export function toFilter(q: CaseListQuery): CaseListFilter {
  return {
    ...q,
    stage: q.stage ? q.stage.split(",") : undefined,
    escalated: q.escalated === undefined ? undefined : q.escalated === "true",
  };
}

export const caseQueueLabel: Record<CaseQueue, { zh: string; en: string }> = {
  all: { zh: "全部案件", en: "All cases" },
  to_triage: { zh: "待受理分类", en: "To triage" },
  to_accept: { zh: "待签收", en: "To accept" },
  to_handle: { zh: "处置中", en: "To handle" },
  to_approve: { zh: "挂账待审批", en: "Parking to approve" },
  to_recheck: { zh: "待复查", en: "To re-check" },
  to_close: { zh: "待结案", en: "To close" },
  overdue: { zh: "已超期", en: "Overdue" },
  escalated: { zh: "督办中", en: "Escalated" },
  mine: { zh: "我的案件", en: "Mine" },
};
