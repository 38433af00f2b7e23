import { z } from "zod";
import type { Tx } from "../../../db/db";
import { findCountySetting, saveCountySetting } from "../../../db/queries/county-setting-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { findRegion } from "../../../db/queries/region-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { defaultAnotherPersonCloses } from "../../../domain/case/honest-closure";
import { AppError } from "../../../domain/errors";
import { countySettingPolicy } from "../../../domain/policies/county-setting-policy";
import type { Deps } from "../../deps";

export const countyCodeParams = z.strictObject({
  regionCode: z.string().regex(/^\d{6}$/, { error: "须为 6 位县区代码" }),
});
export const countySettingsInput = z
  .strictObject({
    anotherPersonCloses: z.boolean({ error: "同人不得闭环须为 true 或 false" }).optional(),
    /** The safety hotline printed on handbooks and duty cards; null or "" clears it. */
    hotline: z
      .string()
      .trim()
      .regex(/^$|^[0-9][0-9-]{2,19}$/, { error: "举报电话须为 3–20 位数字（可含 -）" })
      .nullable()
      .optional(),
  })
  .refine((v) => v.anotherPersonCloses !== undefined || v.hotline !== undefined, {
    error: "请至少修改一项设置",
  });

export interface CountySettingsView {
  regionCode: string;
  /** 同人不得闭环 (another person re-checks and closes). */
  anotherPersonCloses: boolean;
  /** 举报投诉电话, printed on handbooks and duty cards. */
  hotline: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  abilities: { manage: boolean };
}

/** The county's safety hotline (null when the county office has not set one). */
export async function countyHotline(db: Tx, countyCode: string): Promise<string | null> {
  return (await findCountySetting(db, countyCode))?.hotline ?? null;
}

/** The county's 同人不得闭环 setting (on when the county never changed it). */
export async function anotherPersonCloses(db: Tx, countyCode: string): Promise<boolean> {
  const row = await findCountySetting(db, countyCode);
  return row ? row.anotherPersonCloses === 1 : defaultAnotherPersonCloses;
}

async function visibleCounty(deps: Deps, actor: Actor, code: string) {
  const region = await findRegion(deps.db, code);
  if (region?.level !== "county" || !countySettingPolicy.read(actor, code)) throw new AppError("not_found");
}

export async function readCountySettings(
  deps: Deps,
  actor: Actor,
  code: string,
): Promise<CountySettingsView> {
  await visibleCounty(deps, actor, code);
  const row = await findCountySetting(deps.db, code);
  return {
    regionCode: code,
    anotherPersonCloses: row ? row.anotherPersonCloses === 1 : defaultAnotherPersonCloses,
    hotline: row?.hotline ?? null,
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt ?? null,
    abilities: { manage: countySettingPolicy.manage(actor, code) },
  };
}

/** Changes the county's settings (offices covering it; fields left out keep their value), recorded in the trail with the old and new value. */
export async function updateCountySettings(deps: Deps, actor: Actor, code: string, raw: unknown) {
  const input = parseInput(countySettingsInput, raw);
  await visibleCounty(deps, actor, code);
  if (!countySettingPolicy.manage(actor, code)) throw new AppError("forbidden");
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await findCountySetting(tx, code);
    const before = row ? row.anotherPersonCloses === 1 : defaultAnotherPersonCloses;
    const after = input.anotherPersonCloses ?? before;
    const hotlineBefore = row?.hotline ?? null;
    const hotlineAfter = input.hotline === undefined ? hotlineBefore : input.hotline || null;
    await saveCountySetting(tx, {
      regionCode: code,
      anotherPersonCloses: after ? 1 : 0,
      hotline: hotlineAfter,
      updatedBy: actor.id,
      updatedAt: now.toISOString(),
    });
    const data: Record<string, unknown> = {};
    if (input.anotherPersonCloses !== undefined) data.anotherPersonCloses = { from: before, to: after };
    if (input.hotline !== undefined) data.hotline = { from: hotlineBefore, to: hotlineAfter };
    await insertEvent(
      tx,
      actor,
      {
        action: "county_setting.updated",
        subjectType: "county_setting",
        subjectId: code,
        regionCode: code,
        data,
      },
      now,
    );
  });
  return readCountySettings(deps, actor, code);
}
