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
export const countySettingsInput = z.strictObject({
  anotherPersonCloses: z.boolean({ error: "同人不得闭环须为 true 或 false" }),
});

export interface CountySettingsView {
  regionCode: string;
  /** 同人不得闭环 (another person re-checks and closes). */
  anotherPersonCloses: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
  abilities: { manage: boolean };
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
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt ?? null,
    abilities: { manage: countySettingPolicy.manage(actor, code) },
  };
}

/** Changes the county's settings (offices covering it), recorded in the trail with the old and new value. */
export async function updateCountySettings(deps: Deps, actor: Actor, code: string, raw: unknown) {
  const input = parseInput(countySettingsInput, raw);
  await visibleCounty(deps, actor, code);
  if (!countySettingPolicy.manage(actor, code)) throw new AppError("forbidden");
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const before = await anotherPersonCloses(tx, code);
    await saveCountySetting(tx, {
      regionCode: code,
      anotherPersonCloses: input.anotherPersonCloses ? 1 : 0,
      updatedBy: actor.id,
      updatedAt: now.toISOString(),
    });
    await insertEvent(
      tx,
      actor,
      {
        action: "county_setting.updated",
        subjectType: "county_setting",
        subjectId: code,
        regionCode: code,
        data: { anotherPersonCloses: { from: before, to: input.anotherPersonCloses } },
      },
      now,
    );
  });
  return readCountySettings(deps, actor, code);
}
