import { z } from "zod";
import { roles } from "../auth/roles";
import { caseStages } from "../case/case-types";

/**
 * The field app's sync contract (issue 9, FIELD-CONTRACT.md): the work set the phone keeps offline and the
 * resumable upload of its files. Shared by the server's routes (validation and OpenAPI) and the phone.
 */
const point = z.object({ lng: z.number(), lat: z.number() });
const position = z.array(z.number());
/** GeoJSON Polygon or MultiPolygon (WGS-84), coordinates rounded and simplified for the phone. */
export const workSetGeometry = z.union([
  z.object({ type: z.literal("Polygon"), coordinates: z.array(z.array(position)) }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(z.array(position))) }),
]);

export const workSetGrid = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  geometry: workSetGeometry,
});

export const workSetSite = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  riskLevel: z.string().nullable(),
  address: z.string(),
  location: point.nullable(),
  gridId: z.string().nullable(),
  industryCode: z.string().nullable(),
  version: z.number().int(),
});

/**
 * A site of a neighbouring grid near the worker's own (reporting "also across the grid's border", issue 9):
 * only what the report form shows, and only sites the site read rule lets the worker read.
 */
export const workSetNearbySite = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  address: z.string(),
  location: point,
  gridId: z.string().nullable(),
});

export const workSetRecheck = z.object({
  caseId: z.string(),
  number: z.string(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  description: z.string(),
  category: z.string(),
  location: point.nullable(),
  feedback: z.object({ note: z.string(), evidenceIds: z.array(z.string()) }),
  dueAt: z.string().nullable(),
});

export const workSetReport = z.object({
  caseId: z.string(),
  number: z.string(),
  stage: z.enum(caseStages),
  stageLabel: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const workSet = z.object({
  serverTime: z.string(),
  user: z.object({
    id: z.string(),
    displayName: z.string(),
    role: z.enum(roles),
    scope: z.array(z.string()),
  }),
  grids: z.array(workSetGrid),
  sites: z.array(workSetSite),
  /** Sites of other grids within `nearbyMeters` of the worker's grids (absent from older servers). */
  nearbySites: z.array(workSetNearbySite).optional(),
  rechecks: z.array(workSetRecheck),
  reports: z.array(workSetReport),
});
export type WorkSet = z.infer<typeof workSet>;
export type WorkSetSite = z.infer<typeof workSetSite>;

/** Largest file a resumable upload takes: the evidence limit (10 MB). */
export const maxUploadBytes = 10 * 1024 * 1024;

export const uploadStartInput = z.strictObject({
  sha256: z
    .string({ error: "请提供文件的 SHA-256" })
    .regex(/^[0-9a-fA-F]{64}$/, { error: "SHA-256 须为 64 位十六进制" })
    .transform((s) => s.toLowerCase()),
  size: z
    .number({ error: "文件大小须为数字" })
    .int({ error: "文件大小须为整数" })
    .min(1, { error: "文件为空" }),
  fileName: z.string().trim().min(1, { error: "请提供文件名" }).max(200, { error: "文件名过长" }),
  mimeType: z.string().trim().min(1, { error: "请提供文件类型" }).max(100, { error: "文件类型过长" }),
});
export type UploadStartInput = z.infer<typeof uploadStartInput>;

/** An upload's state: where the next piece starts and, once complete, the evidence id. */
export const uploadState = z.object({
  id: z.string(),
  offset: z.number().int(),
  size: z.number().int(),
  evidenceId: z.string().optional(),
});
export type UploadState = z.infer<typeof uploadState>;

/** `Content-Range: bytes a-b/size` (the piece's first and last byte, inclusive). */
export function parseContentRange(
  header: string | undefined,
): { first: number; last: number; size: number } | null {
  const m = /^bytes (\d{1,12})-(\d{1,12})\/(\d{1,12})$/.exec((header ?? "").trim());
  if (!m) return null;
  const [first, last, size] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return last >= first && last < size ? { first, last, size } : null;
}
