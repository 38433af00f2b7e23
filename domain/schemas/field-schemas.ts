import { z } from "zod";
import { locationInput } from "../case/case-schemas";
import type { GeoPoint } from "../case/case-types";
import { distanceM } from "../case/honest-closure";
import type { FieldFlag } from "./field-flags";

/**
 * The common part of everything the field app records offline and sends later through its outbox
 * (check-ins, checklist runs, deliveries, task records, attendance): a client-made id that makes the
 * write idempotent, the phone's time, and where it was done. Shared by the server routes and the phone.
 */
export const fieldLocation = locationInput.extend({
  /** Horizontal accuracy reported by the phone, metres. */
  accuracy: z
    .number({ error: "定位精度须为数字" })
    .min(0, { error: "定位精度不能为负" })
    .max(100_000)
    .optional(),
  /** The phone reported a mock (simulated) location. */
  mock: z.boolean({ error: "模拟定位标记须为布尔值" }).optional(),
});
export type FieldLocation = z.infer<typeof fieldLocation>;

export const fieldItemBase = {
  /** Made on the phone (the outbox item id): the same id again is the same record, never a second one. */
  id: z.uuid({ error: "记录编号 id 须为 UUID（由手机生成）" }),
  /** When it was done, by the phone's clock (kept for the record; the server's time orders it). */
  at: z.iso.datetime({ offset: true, error: "时间 at 须为 ISO 8601 时间" }),
  location: fieldLocation.optional(),
  evidenceIds: z
    .array(z.string().trim().min(1).max(64), { error: "附件列表格式不正确" })
    .max(20, { error: "附件最多 20 个" })
    .default([]),
};

export { type FieldFlag, fieldFlagLabel, fieldFlags } from "./field-flags";

export interface FieldCheckLimits {
  maxDistanceM: number;
  maxAccuracyM: number;
  maxClockSkewMs: number;
}
export const defaultFieldCheckLimits: FieldCheckLimits = {
  maxDistanceM: 300,
  maxAccuracyM: 100,
  maxClockSkewMs: 10 * 60_000,
};

export interface FieldFacts {
  /** The phone's `at`. */
  clientAt: string;
  /** When the server received it. An item sent late from the outbox is not skew: only a clock in the future
   * of the server, or a phone time far before the moment the phone says it queued it, is. */
  receivedAt: string;
  location?: FieldLocation;
  site?: GeoPoint | null;
}

/**
 * What a field record is flagged with (never refused for it): far from the site, poor or mock location,
 * no location, or a phone clock ahead of the server by more than the limit (an offline day delays the
 * send but never makes `at` later than the server's time).
 */
export function checkFieldRecord(
  facts: FieldFacts,
  limits: FieldCheckLimits = defaultFieldCheckLimits,
): { flags: FieldFlag[]; distanceM: number | null } {
  const flags: FieldFlag[] = [];
  let distance: number | null = null;
  if (!facts.location) flags.push("no_location");
  else {
    if (facts.site) {
      distance = Math.round(distanceM(facts.site, facts.location));
      if (distance > limits.maxDistanceM) flags.push("far_from_site");
    }
    if (facts.location.accuracy !== undefined && facts.location.accuracy > limits.maxAccuracyM)
      flags.push("poor_accuracy");
    if (facts.location.mock) flags.push("mock_location");
  }
  if (Date.parse(facts.clientAt) - Date.parse(facts.receivedAt) > limits.maxClockSkewMs)
    flags.push("clock_skew");
  return { flags, distanceM: distance };
}
