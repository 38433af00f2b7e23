import { insertEvent } from "../../../db/queries/event-queries";
import {
  findPayProfile,
  findPaySetting,
  savePayProfile,
  savePaySetting,
} from "../../../db/queries/pay-queries";
import { findUserById } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import {
  maskAccount,
  type PaySettings,
  payProfileInput,
  paySettingsInput,
} from "../../../domain/pay/pay-rules";
import { can } from "../../../domain/policies/access-table";
import type { Deps } from "../../deps";

/** A county's pay settings (R20): base pay, performance pay, information rewards, deductions. */
export async function readPaySettings(deps: Deps, actor: Actor, county: string) {
  if (!/^\d{6}$/.test(county) || !can(actor, "paySetting", "read", { regionCode: county }))
    throw new AppError("not_found");
  const row = await findPaySetting(deps.db, county);
  return {
    countyCode: county,
    configured: row !== undefined,
    settings: row ? (JSON.parse(row.settings) as PaySettings) : null,
    updatedAt: row?.updatedAt ?? null,
    abilities: { manage: can(actor, "paySetting", "manage", { regionCode: county }) },
  };
}

export async function updatePaySettings(deps: Deps, actor: Actor, county: string, raw: unknown) {
  if (!/^\d{6}$/.test(county) || !can(actor, "paySetting", "read", { regionCode: county }))
    throw new AppError("not_found");
  if (!can(actor, "paySetting", "manage", { regionCode: county })) throw new AppError("forbidden");
  const settings = parseInput(paySettingsInput, raw);
  const types = settings.rewards.map((r) => `${r.type}/${r.category ?? ""}`);
  if (new Set(types).size !== types.length)
    throw new AppError("validation_failed", {
      zh: "同一案件类型（及类别）的奖励金额只能设置一条",
      en: "One reward rule per case type and category",
    });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await savePaySetting(tx, {
      regionCode: county,
      settings: JSON.stringify(settings),
      updatedBy: actor.id,
      updatedAt: now.toISOString(),
    });
    await insertEvent(
      tx,
      actor,
      {
        action: "pay_settings.saved",
        subjectType: "region",
        subjectId: county,
        regionCode: county,
        data: { settings },
      },
      now,
    );
  });
  return readPaySettings(deps, actor, county);
}

/** Who reads a bank account in full: finance and the county office; everyone else sees it masked. */
const readsFullAccount = (actor: Actor) => actor.role === "finance" || actor.role === "county_office";

async function workerOf(deps: Deps, actor: Actor, userId: string) {
  const user = await findUserById(deps.db, userId);
  if (!user || user.role !== "grid_worker") throw new AppError("not_found");
  const row = { userId: user.id, regionCode: user.regionCode };
  if (!can(actor, "payProfile", "read", row)) throw new AppError("not_found");
  return { user, row };
}

/** A grid worker's bank account for pay (sensitive: in full only for finance and the county office). */
export async function readPayProfile(deps: Deps, actor: Actor, userId: string) {
  const { user, row } = await workerOf(deps, actor, userId);
  const p = await findPayProfile(deps.db, userId);
  return {
    userId,
    name: user.displayName,
    bankName: p?.bankName ?? null,
    bankAccount: p ? (readsFullAccount(actor) ? p.bankAccount : maskAccount(p.bankAccount)) : null,
    masked: p ? !readsFullAccount(actor) : false,
    updatedAt: p?.updatedAt ?? null,
    abilities: { manage: can(actor, "payProfile", "manage", row) },
  };
}

export async function updatePayProfile(deps: Deps, actor: Actor, userId: string, raw: unknown) {
  const { user, row } = await workerOf(deps, actor, userId);
  if (!can(actor, "payProfile", "manage", row)) throw new AppError("forbidden");
  const input = parseInput(payProfileInput, raw);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await savePayProfile(tx, {
      userId,
      regionCode: user.regionCode,
      bankName: input.bankName,
      bankAccount: input.bankAccount,
      updatedBy: actor.id,
      updatedAt: now.toISOString(),
    });
    await insertEvent(
      tx,
      actor,
      {
        action: "pay_profile.saved",
        subjectType: "user",
        subjectId: userId,
        regionCode: user.regionCode,
        // never the account itself in the trail
        data: { bankName: input.bankName, account: maskAccount(input.bankAccount) },
      },
      now,
    );
  });
  return readPayProfile(deps, actor, userId);
}
