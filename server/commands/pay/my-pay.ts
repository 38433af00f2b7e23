import { myPayLines } from "../../../db/queries/pay-queries";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import type { MyPayLine, RewardItem } from "../../../domain/pay/my-pay-line";
import type { Deps } from "../../deps";

type MyLineRow = Awaited<ReturnType<typeof myPayLines>>[number];

const unavailable = {
  zh: "该月没有已发布的网格员考核结果，绩效工资不可用，未计入合计",
  en: "No published grid-worker assessment for the month: performance pay is unavailable and not in the total",
};

/**
 * 我的报酬 (R20): a grid worker's own line of an approved sheet — month, base pay, performance pay (null when
 * unavailable, with the reason; never 0), information rewards with the reports behind them, deductions, total,
 * and whether the line was left out of the payment (with the reason). The account stays masked.
 */
function present(l: MyLineRow): MyPayLine {
  const detail = JSON.parse(l.detail) as { rewardItems: RewardItem[] };
  const performanceAvailable = l.score !== null;
  return {
    id: l.id,
    month: l.month,
    version: l.version,
    approvedAt: l.approvedAt,
    employment: l.employment,
    score: l.score,
    base: l.base,
    performance: performanceAvailable ? l.performance : null,
    performanceNote: performanceAvailable ? null : unavailable,
    rewards: l.rewards,
    rewardCount: l.rewardCount,
    rewardItems: detail.rewardItems,
    deductions: l.deductions,
    missedSites: l.missedSites,
    total: l.total,
    bankName: l.bankName,
    accountMasked: l.accountMasked,
    excludedReason: l.excludedReason,
  };
}

export async function listMyPay(deps: Deps, actor: Actor) {
  return { items: (await myPayLines(deps.db, actor)).map(present) };
}

/** One of the actor's own approved lines; anyone else's line, a draft's or a superseded one's is 404. */
export async function readMyPay(deps: Deps, actor: Actor, id: string) {
  const [row] = await myPayLines(deps.db, actor, id);
  if (!row) throw new AppError("not_found");
  return present(row);
}
