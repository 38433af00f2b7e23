import { z } from "zod";
import { type ClassifiedResource, classOf, type DataClass, highestClass, isProtected } from "./data-classes";

/** `resource.field`, a field of the class table. */
export type QualifiedField = `${ClassifiedResource}.${string}`;

/** The class of a `resource.field` name. */
export function classOfField(qualified: QualifiedField): DataClass {
  const dot = qualified.indexOf(".");
  return classOf(qualified.slice(0, dot) as ClassifiedResource, qualified.slice(dot + 1));
}

/**
 * Every file export of the API and the fields it writes (`resource.field` of the class table). The class of an
 * export is the highest class of its fields; personal or sensitive exports need a stated reason.
 */
export const dataExports = {
  sites: {
    label: { zh: "监督管理对象导出", en: "Sites export" },
    fields: [
      "site.name",
      "site.kind",
      "site.uscc",
      "site.industryCode",
      "site.scale",
      "site.ownership",
      "site.riskLevel",
      "site.regionCode",
      "site.address",
      "site.lon",
      "site.lat",
      "site.contactName",
      "site.contactPhone",
      "site.status",
      "site.gridCode",
      "site.workerName",
      "site.departmentName",
      "site.overrideReason",
    ],
  },
  cases: {
    label: { zh: "案件列表导出", en: "Cases export" },
    fields: [
      "case.number",
      "case.stage",
      "case.type",
      "case.category",
      "case.source",
      "case.description",
      "case.regionCode",
      "case.gridCode",
      "case.siteName",
      "case.departmentName",
      "case.reportedAt",
      "case.deadline",
    ],
  },
  dashboard: {
    label: { zh: "统计指标明细导出", en: "Dashboard rows export" },
    fields: [
      "case.number",
      "case.type",
      "case.category",
      "case.regionCode",
      "case.reportedAt",
      "case.deadline",
      // the register figures' rows: sites not in a grid, grids without a grid worker
      "site.name",
      "site.uscc",
      "site.regionCode",
      "site.address",
      "grid.code",
      "grid.name",
    ],
  },
  coverage: {
    label: { zh: "网格化覆盖情况导出", en: "Coverage export" },
    fields: [
      "coverage.regionCode",
      "coverage.regionName",
      "coverage.figures",
      "grid.code",
      "grid.name",
      "site.name",
      "site.uscc",
      "site.regionCode",
      "site.address",
      "site.lon",
      "site.lat",
      "site.gridCode",
      "site.workerName",
      "site.departmentName",
    ],
  },
  trail: {
    label: { zh: "留痕记录导出", en: "Trail export" },
    fields: [
      "trailEvent.id",
      "trailEvent.at",
      "trailEvent.actorId",
      "trailEvent.actorRole",
      "trailEvent.action",
      "trailEvent.subjectType",
      "trailEvent.subjectId",
      "trailEvent.regionCode",
      "trailEvent.data",
    ],
  },
  deliveries: {
    label: { zh: "文件送达情况导出", en: "Delivery progress export" },
    fields: [
      "delivery.title",
      "site.name",
      "site.regionCode",
      "site.address",
      "delivery.status",
      "delivery.recorderName",
      "delivery.at",
      "delivery.lng",
      "delivery.lat",
      "delivery.distanceM",
      "delivery.reason",
      "delivery.flags",
      "delivery.files",
    ],
  },
  taskRecords: {
    label: { zh: "宣传及任务记录导出", en: "Task records export" },
    fields: [
      "taskRecord.kind",
      "taskRecord.regionCode",
      "taskRecord.siteName",
      "taskRecord.recorderName",
      "taskRecord.at",
      "taskRecord.values",
      "taskRecord.location",
      "taskRecord.flags",
      "taskRecord.photos",
    ],
  },
  trainingAttendance: {
    label: { zh: "培训签到导出", en: "Training attendance export" },
    fields: [
      "trainingAttendance.training",
      "trainingAttendance.userName",
      "trainingAttendance.role",
      "trainingAttendance.regionCode",
      "trainingAttendance.method",
      "trainingAttendance.at",
      "trainingAttendance.distanceM",
      "trainingAttendance.flags",
      "trainingAttendance.score",
      "trainingAttendance.enteredBy",
      "trainingAttendance.note",
    ],
  },
  providerWork: {
    label: { zh: "第三方服务工作导出", en: "Provider work export" },
    fields: [
      "providerWork.orgName",
      "providerWork.expertName",
      "providerWork.kind",
      "providerWork.target",
      "providerWork.regionCode",
      "providerWork.at",
      "providerWork.result",
      "providerWork.status",
      "providerWork.text",
    ],
  },
  assessmentResults: {
    label: { zh: "考核结果导出", en: "Assessment results export" },
    fields: [
      "assessmentResult.scheme",
      "assessmentResult.period",
      "assessmentResult.rank",
      "assessmentResult.subjectName",
      "assessmentResult.regionCode",
      "assessmentResult.computedScore",
      "assessmentResult.adjustment",
      "assessmentResult.finalScore",
      "assessmentResult.items",
    ],
  },
  paySheet: {
    label: { zh: "网格员报酬发放表导出", en: "Grid worker pay sheet export" },
    fields: [
      "payLine.name",
      "payLine.regionCode",
      "payLine.employment",
      "payLine.score",
      "payLine.base",
      "payLine.performance",
      "payLine.rewards",
      "payLine.deductions",
      "payLine.total",
      "payLine.bankName",
      "payLine.accountMasked",
    ],
  },
} as const satisfies Record<string, { label: { zh: string; en: string }; fields: readonly QualifiedField[] }>;

export type DataExportKind = keyof typeof dataExports;

/** The class of an export: the highest class of the fields it writes. */
export function exportClass(kind: DataExportKind): DataClass {
  return highestClass(dataExports[kind].fields.map(classOfField));
}

export function exportNeedsReason(kind: DataExportKind): boolean {
  return isProtected(exportClass(kind));
}

export const exportReasonMin = 5;
export const exportReasonMax = 200;

/** The stated reason of an export (query `reason`), trimmed; `undefined` when not given. */
export const exportReasonQuery = z
  .string()
  .max(exportReasonMax, { error: `导出事由不超过 ${exportReasonMax} 个字` })
  .optional();

/** A stated reason counts when, trimmed, it has at least `exportReasonMin` characters. */
export function validReason(reason: string | undefined): string | null {
  const r = reason?.trim() ?? "";
  return [...r].length >= exportReasonMin ? r : null;
}
