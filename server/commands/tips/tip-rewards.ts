import { randomUUID } from "node:crypto";
import type { Tx } from "../../../db/db";
import { findCaseRow } from "../../../db/queries/case-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { findTip } from "../../../db/queries/tip-queries";
import {
  findRewardOfCase,
  findRewardRules,
  findTipReward,
  insertTipReward,
  listTipRewards,
  realNameTipsOfMatter,
  saveRewardRules,
  updateTipReward,
} from "../../../db/queries/tip-reward-queries";
import type { TipRewardTable } from "../../../db/schema/tip-tables";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import {
  checkRewardRules,
  computeReward,
  nationalRewardRules,
  type RewardMatter,
  type RewardRules,
  rewardRuleLabel,
} from "../../../domain/tip/reward-rules";
import {
  rewardDecisionInput,
  rewardPayoutInput,
  rewardProposalInput,
  rewardRulesInput,
} from "../../../domain/tip/reward-schemas";
import type { Deps } from "../../deps";

/** A county's reward rules: its own row, else the national defaults. */
export async function rulesOf(db: Tx, county: string): Promise<{ rules: RewardRules; national: boolean }> {
  const row = await findRewardRules(db, county);
  return row
    ? { rules: JSON.parse(row.rules) as RewardRules, national: false }
    : { rules: nationalRewardRules, national: true };
}

const statusLabel: Record<TipRewardTable["status"], string> = {
  proposed: "待审批",
  approved: "已批准，待发放",
  rejected: "已驳回",
  paid: "已发放",
};

/** A reward for its readers (tip officer, finance): never the informant's identity. */
function present(actor: Actor, r: TipRewardTable & { number: string }) {
  const row = { regionCode: r.countyCode };
  return {
    id: r.id,
    tipId: r.tipId,
    caseId: r.caseId,
    caseNumber: r.number,
    rule: r.rule,
    ruleLabel: rewardRuleLabel[r.rule as RewardMatter["rule"]]?.zh ?? r.rule,
    fineYuan: r.fineYuan,
    concealedDeaths: r.concealedDeaths,
    amountYuan: r.amountYuan,
    basis: r.basis,
    status: r.status,
    statusLabel: statusLabel[r.status],
    proposedBy: r.proposedBy,
    proposedAt: r.proposedAt,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    paidAt: r.paidAt,
    payoutRef: r.payoutRef,
    abilities: {
      decide: r.status === "proposed" && r.proposedBy !== actor.id && can(actor, "tipReward", "approve", row),
      pay: r.status === "approved" && can(actor, "tipReward", "pay", row),
    },
  };
}

export async function listRewards(deps: Deps, actor: Actor, page: number, pageSize: number) {
  const rows = await listTipRewards(deps.db, actor.scope, pageSize, (page - 1) * pageSize);
  return {
    items: rows
      .filter((r) => can(actor, "tipReward", "read", { regionCode: r.countyCode }))
      .map((r) => present(actor, r)),
  };
}

async function readable(tx: Tx, actor: Actor, id: string) {
  const r = await findTipReward(tx, id);
  if (!r || !can(actor, "tipReward", "read", { regionCode: r.countyCode })) throw new AppError("not_found");
  const kase = await findCaseRow(tx, r.caseId);
  return { ...r, number: kase?.number ?? "" };
}

export async function readReward(deps: Deps, actor: Actor, id: string) {
  return present(actor, await readable(deps.db, actor, id));
}

const record = (tx: Tx, actor: Actor, action: string, r: TipRewardTable, now: Date) =>
  insertEvent(
    tx,
    actor,
    {
      action,
      subjectType: "tip_reward",
      subjectId: r.id,
      regionCode: r.countyCode,
      data: { caseId: r.caseId, amountYuan: r.amountYuan, status: r.status },
    },
    now,
  );

/**
 * The tip officer proposes a reward for a tip whose case was confirmed and closed as resolved (R20). Only
 * a real-name tip with a sealed identity, the first such tip of the matter (its case and the cases merged
 * into it), and one reward per matter: otherwise 409 `not_eligible_duplicate` / `conflict`.
 */
export async function proposeReward(deps: Deps, actor: Actor, tipId: string, raw: unknown) {
  const matter = parseInput(rewardProposalInput, raw) as RewardMatter;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const tip = await findTip(tx, tipId);
    const kase = tip ? await findCaseRow(tx, tip.caseId, true) : undefined;
    if (!tip || !kase || !can(actor, "tipReward", "propose", { regionCode: kase.regionCode }))
      throw new AppError("not_found");
    if (kase.stage !== "closed" || kase.closeReason !== "resolved")
      throw new AppError("conflict", {
        status: 409,
        zh: "举报查证属实并结案后才能提出奖励",
        en: "A reward needs a confirmed, closed case",
      });
    if (tip.realName !== 1)
      throw new AppError("conflict", {
        status: 409,
        zh: "匿名举报不能领取奖励（须实名并留有联系电话）",
        en: "Anonymous tips get no reward",
      });
    const first = (await realNameTipsOfMatter(tx, kase.id))[0];
    if (!first || first.id !== tip.id || (await findRewardOfCase(tx, kase.id)))
      throw new AppError("not_eligible_duplicate");
    const { rules } = await rulesOf(tx, kase.regionCode.slice(0, 6));
    const amount = computeReward(matter, rules);
    const row: TipRewardTable = {
      id: randomUUID(),
      tipId: tip.id,
      caseId: kase.id,
      countyCode: kase.regionCode.slice(0, 6),
      rule: matter.rule,
      fineYuan: matter.rule === "concealed_accident" ? null : matter.fineYuan,
      concealedDeaths: matter.rule === "concealed_accident" ? matter.concealedDeaths : null,
      amountYuan: amount.amountYuan,
      basis: amount.basis,
      status: "proposed",
      proposedBy: actor.id,
      proposedAt: now.toISOString(),
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      paidBy: null,
      paidAt: null,
      payoutRef: null,
    };
    await insertTipReward(tx, row);
    await record(tx, actor, "tip_reward.proposed", row, now);
    return present(actor, { ...row, number: kase.number });
  });
}

/** A second person (another tip officer, or finance) approves or rejects; never the proposer (403). */
export async function decideReward(deps: Deps, actor: Actor, id: string, raw: unknown) {
  const input = parseInput(rewardDecisionInput, raw);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const r = await readable(tx, actor, id);
    if (!can(actor, "tipReward", "approve", { regionCode: r.countyCode })) throw new AppError("forbidden");
    if (r.proposedBy === actor.id)
      throw new AppError("forbidden", {
        zh: "提出奖励的人不能自己审批，须由另一名受理专员或财务人员审批",
        en: "A second person must approve",
      });
    if (r.status !== "proposed")
      throw new AppError("conflict", { status: 409, zh: "该奖励已审批", en: "Already decided" });
    const patch = {
      status: (input.approve ? "approved" : "rejected") as TipRewardTable["status"],
      decidedBy: actor.id,
      decidedAt: now.toISOString(),
      decisionNote: input.note ?? null,
    };
    const done = await updateTipReward(tx, id, "proposed", patch);
    if (Number(done.numUpdatedRows) !== 1)
      throw new AppError("conflict", { status: 409, zh: "该奖励已审批", en: "Already decided" });
    const next = { ...r, ...patch };
    await record(tx, actor, input.approve ? "tip_reward.approved" : "tip_reward.rejected", next, now);
    return present(actor, next);
  });
}

/** Finance records the payout of an approved reward (once). */
export async function payReward(deps: Deps, actor: Actor, id: string, raw: unknown) {
  const input = parseInput(rewardPayoutInput, raw);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const r = await readable(tx, actor, id);
    if (!can(actor, "tipReward", "pay", { regionCode: r.countyCode })) throw new AppError("forbidden");
    if (r.status !== "approved")
      throw new AppError("conflict", {
        status: 409,
        zh: "只有已批准且未发放的奖励才能登记发放",
        en: "Only an approved, unpaid reward can be paid",
      });
    const patch = {
      status: "paid" as const,
      paidBy: actor.id,
      paidAt: now.toISOString(),
      payoutRef: input.payoutRef,
    };
    const done = await updateTipReward(tx, id, "approved", patch);
    if (Number(done.numUpdatedRows) !== 1)
      throw new AppError("conflict", { status: 409, zh: "该奖励已发放", en: "Already paid" });
    const next = { ...r, ...patch };
    await record(tx, actor, "tip_reward.paid", next, now);
    return present(actor, next);
  });
}

const countyRule = (actor: Actor, county: string, action: "rules" | "manageRules") => {
  if (!/^\d{6}$/.test(county) || !can(actor, "tipReward", action, { regionCode: county }))
    throw new AppError(action === "rules" ? "not_found" : "forbidden");
};

export async function readRewardRules(deps: Deps, actor: Actor, county: string) {
  countyRule(actor, county, "rules");
  const { rules, national } = await rulesOf(deps.db, county);
  return { countyCode: county, national, rules };
}

/** The offices set their county's reward rules (local 办法 differ from the national defaults). */
export async function updateRewardRules(deps: Deps, actor: Actor, county: string, raw: unknown) {
  countyRule(actor, county, "rules");
  countyRule(actor, county, "manageRules");
  const rules = checkRewardRules(parseInput(rewardRulesInput, raw));
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await saveRewardRules(tx, {
      countyCode: county,
      rules: JSON.stringify(rules),
      updatedBy: actor.id,
      updatedAt: now.toISOString(),
    });
    await insertEvent(
      tx,
      actor,
      {
        action: "tip_reward_rules.saved",
        subjectType: "region",
        subjectId: county,
        regionCode: county,
        data: { rules },
      },
      now,
    );
  });
  return readRewardRules(deps, actor, county);
}
