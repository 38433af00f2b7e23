import { z } from "zod";
import { crsList } from "../geo/coordinates";
import { ownerships, riskLevels, siteKinds, siteScales, siteStatuses } from "../site/site-kinds";
import { pageQuery, regionCodeSchema } from "./common-schemas";
import { importModes } from "./grid-schemas";

export const contactPhoneSchema = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { error: "联系电话应为 11 位手机号或带区号的固定电话" });

const flag = z.boolean().nullable().optional();

/**
 * Fields of a site as a user enters them. USCC and industry code are checked by the command (with
 * `checkUscc` and `isIndustryCode`) so the answer can name the exact problem; coordinates are checked
 * after conversion to WGS84.
 */
const siteFields = {
  name: z.string().trim().min(1, { error: "请填写名称" }).max(100),
  kind: z.enum(siteKinds, { error: "对象类型无效" }),
  uscc: z.string().max(40).nullable().optional(),
  industryCode: z.string().trim().max(8).nullable().optional(),
  scale: z.enum(siteScales, { error: "规模无效" }).nullable().optional(),
  ownership: z.enum(ownerships, { error: "隶属关系无效" }).optional(),
  riskLevel: z.enum(riskLevels, { error: "风险等级无效" }).nullable().optional(),
  flags: z.strictObject({ large: flag, highGrade: flag, highRisk: flag }).optional(),
  regionCode: regionCodeSchema.optional(),
  address: z.string().trim().max(200).optional(),
  lon: z.number().nullable().optional(),
  lat: z.number().nullable().optional(),
  crs: z.enum(crsList as ["WGS84", "GCJ02", "BD09"]).default("WGS84"),
  contactName: z.string().trim().max(50).nullable().optional(),
  contactPhone: contactPhoneSchema.nullable().optional(),
  /** 法定代表人 (county ledgers keep it). */
  legalRepresentative: z.string().trim().max(50).nullable().optional(),
  status: z.enum(siteStatuses, { error: "状态无效" }).optional(),
};

export const createSiteInput = z.strictObject(siteFields);
export type CreateSiteInput = z.infer<typeof createSiteInput>;

export const updateSiteInput = createSiteInput
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdateSiteInput = z.infer<typeof updateSiteInput>;

export const assignmentParts = ["grid", "worker", "department"] as const;
export type AssignmentPart = (typeof assignmentParts)[number];

export const overrideAssignmentInput = z.strictObject({
  version: z.number().int().min(1),
  reason: z.string().trim().min(2, { error: "请填写人工调整的理由" }).max(500),
  gridId: z.string().min(1).max(64).nullable().optional(),
  workerId: z.string().min(1).max(64).nullable().optional(),
  departmentId: z.string().min(1).max(64).nullable().optional(),
  reset: z.array(z.enum(assignmentParts)).max(3).optional(),
});
export type OverrideAssignmentInput = z.infer<typeof overrideAssignmentInput>;

export const siteGaps = ["no_grid", "outside_grids", "no_location", "no_worker", "no_department"] as const;
export type SiteGap = (typeof siteGaps)[number];

const boolQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const siteFilterFields = {
  region: regionCodeSchema.optional(),
  kind: z.enum(siteKinds).optional(),
  riskLevel: z.enum(riskLevels).optional(),
  status: z.enum(siteStatuses).optional(),
  industry: z
    .string()
    .trim()
    .regex(/^[A-T0-9]{1,4}$/)
    .optional(),
  gridId: z.string().max(64).optional(),
  q: z.string().trim().max(50).optional(),
  direct: boolQuery.optional(),
  gap: z.enum(siteGaps).optional(),
};
export const siteListQuery = z.strictObject({ ...siteFilterFields, ...pageQuery });
export type SiteListQuery = z.infer<typeof siteListQuery>;
export const siteExportQuery = z.strictObject(siteFilterFields);
export type SiteFilter = z.infer<typeof siteExportQuery>;

export const checkUsccInput = z.strictObject({ uscc: z.string().max(40) });

const siteImportBase = z.strictObject({
  mode: z.enum(importModes).default("all_or_nothing"),
  crs: z.enum(crsList as ["WGS84", "GCJ02", "BD09"]).default("WGS84"),
  region: regionCodeSchema.optional(),
});
export type SiteImportOptions = z.infer<typeof siteImportOptions>;

/** A row error of an import: Excel row (header = 1), column, stable code and message. */
export interface RowError {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

/** What a site import answers. */
export interface SiteImportResult {
  mode: SiteImportOptions["mode"];
  crs: SiteImportOptions["crs"];
  rows: number;
  imported: number;
  rejected: number;
  kept: boolean;
  /** The first 10,000 row errors; `errorCount` counts them all. */
  errors: RowError[];
  errorCount: number;
  /** Not blocking (unknown columns, ignored). */
  warnings: RowError[];
}

export const reassignmentPreviewInput = z.strictObject({
  region: regionCodeSchema.refine((c) => c.length >= 6, { error: "请选择县区或以下的区域" }),
});
export const reassignmentApplyInput = z.strictObject({
  region: regionCodeSchema,
  token: z.string().min(1).max(128),
  siteIds: z.array(z.string().min(1).max(64)).max(100_000).optional(),
});

/** The fields of a site a person fills in, in the order of the form and the import template. */
export const siteInputFields = [
  "name",
  "kind",
  "uscc",
  "industryCode",
  "scale",
  "ownership",
  "riskLevel",
  "regionCode",
  "address",
  "lon",
  "lat",
  "contactName",
  "contactPhone",
  "legalRepresentative",
  "status",
] as const;

/** A multipart field holding JSON (the mapping step's answers). */
const jsonField = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .max(200_000)
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "不是有效的 JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);

const importField = z.enum(siteInputFields, { error: "未知的字段" });

/**
 * The mapping step of a site import (issue 11): which sheet, which column is which field (header text →
 * field, "" to ignore a column), constant values for fields the file lacks (类型 = 企业), and the code
 * each unmatched 行业类别 text stands for ("" to leave it empty). What is not given is taken from the
 * mapping the county used last time, then from the header synonyms.
 */
export const siteImportMapping = {
  sheet: z.string().trim().min(1).max(100).optional(),
  mapping: jsonField(z.record(z.string().max(100), z.union([importField, z.literal("")]))).optional(),
  constants: jsonField(z.partialRecord(importField, z.string().trim().max(100))).optional(),
  industries: jsonField(z.record(z.string().max(200), z.string().trim().toUpperCase().max(4))).optional(),
};
export const siteImportOptions = siteImportBase.extend(siteImportMapping);
export const siteImportPreviewOptions = z.strictObject({
  region: regionCodeSchema.optional(),
  ...siteImportMapping,
});
export type SiteImportPreviewOptions = z.infer<typeof siteImportPreviewOptions>;
