import { findCaseRow } from "../../../db/queries/case-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { insertNotifications, officeUsers } from "../../../db/queries/notification-queries";
import { findTip, findTipInformant, listTipMessages, listTips } from "../../../db/queries/tip-queries";
import { findRewardOfCase } from "../../../db/queries/tip-reward-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { type CaseStage, caseStageLabel } from "../../../domain/case/case-types";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import { type TipKind, tipKinds } from "../../../domain/tip/tip-kinds";
import { identityReadInput } from "../../../domain/tip/tip-schemas";
import type { Deps } from "../../deps";
import { openIdentity } from "./tip-crypto";

/** The tip officer's queue: kind, case, stage, real name or not — never the identity itself. */
export async function tipQueue(deps: Deps, actor: Actor, page: number, pageSize: number) {
  const rows = await listTips(deps.db, actor.scope, pageSize, (page - 1) * pageSize);
  return {
    items: rows
      .filter((r) => can(actor, "tip", "queue", { regionCode: r.regionCode }))
      .map((r) => ({
        id: r.id,
        caseId: r.caseId,
        number: r.number,
        kind: r.kind,
        kindLabel: tipKinds[r.kind as TipKind]?.zh ?? r.kind,
        address: r.address,
        realName: r.realName === 1,
        stage: r.stage,
        stageLabel: caseStageLabel[r.stage as CaseStage]?.zh ?? r.stage,
        deadline: r.open === 1 ? r.deadline : null,
        createdAt: r.createdAt,
      })),
  };
}

/**
 * Reveals a real-name informant's name and phone to the tip officer, with a stated reason (R21, R28): the
 * trail records who read it, when and why (never the identity), and the county's safety office (the
 * supervisor) is told in its inbox. 404 for a tip out of scope, 409 for an anonymous tip.
 */
export async function readInformantIdentity(deps: Deps, actor: Actor, tipId: string, raw: unknown) {
  const { reason } = parseInput(identityReadInput, raw);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const tip = await findTip(tx, tipId);
    const kase = tip ? await findCaseRow(tx, tip.caseId) : undefined;
    if (!tip || !kase || !can(actor, "tip", "identity", { regionCode: kase.regionCode }))
      throw new AppError("not_found");
    const sealed = await findTipInformant(tx, tip.id);
    if (!sealed)
      throw new AppError("conflict", {
        status: 409,
        zh: "这是一条匿名举报，没有举报人身份",
        en: "An anonymous tip has no identity",
      });
    const identity = JSON.parse(openIdentity(deps.config, tip.id, sealed.sealed)) as {
      name: string;
      phone: string;
    };
    await insertEvent(
      tx,
      actor,
      {
        action: "tip.identity_read",
        subjectType: "case",
        subjectId: kase.id,
        regionCode: kase.regionCode,
        data: { tipId: tip.id, number: kase.number, reason },
      },
      now,
    );
    const supervisors = await officeUsers(tx, kase.regionCode.slice(0, 6));
    await insertNotifications(
      tx,
      supervisors.map((u) => ({
        userId: u.id,
        caseId: null,
        kind: "tip.identity_read",
        title: `举报人身份被查看：${kase.number}`,
        body: `${actor.displayName} 于 ${now.toISOString()} 查看了举报 ${kase.number} 的举报人身份，事由：${reason}`,
        regionCode: kase.regionCode,
        createdAt: now.toISOString(),
        readAt: null,
      })),
    );
    return {
      tipId: tip.id,
      number: kase.number,
      name: identity.name,
      phone: identity.phone,
      readAt: now.toISOString(),
    };
  });
}

/**
 * One tip for the tip officer (the queue's link): kind, address, stage and deadline, the protected thread,
 * and its reward if any — never the identity (that is the audited identity view). 404 out of scope.
 */
export async function readTipForOfficer(deps: Deps, actor: Actor, tipId: string) {
  const tip = await findTip(deps.db, tipId);
  const kase = tip ? await findCaseRow(deps.db, tip.caseId) : undefined;
  if (!tip || !kase || !can(actor, "tip", "queue", { regionCode: kase.regionCode }))
    throw new AppError("not_found");
  const messages = await listTipMessages(deps.db, tip.id);
  const reward = await findRewardOfCase(deps.db, kase.id);
  return {
    id: tip.id,
    caseId: kase.id,
    number: kase.number,
    kind: tip.kind,
    kindLabel: tipKinds[tip.kind as TipKind]?.zh ?? tip.kind,
    channel: tip.channel,
    address: tip.address,
    happenedAt: tip.happenedAt,
    realName: tip.realName === 1,
    description: kase.description,
    stage: kase.stage,
    stageLabel: caseStageLabel[kase.stage as CaseStage]?.zh ?? kase.stage,
    closeReason: kase.closeReason,
    deadline: kase.open === 1 ? kase.deadline : null,
    createdAt: tip.createdAt,
    canProposeReward:
      !reward &&
      tip.realName === 1 &&
      kase.stage === "closed" &&
      kase.closeReason === "resolved" &&
      can(actor, "tipReward", "propose", { regionCode: kase.regionCode }),
    rewardId: reward && can(actor, "tipReward", "read", { regionCode: kase.regionCode }) ? reward.id : null,
    messages: messages.map((m) => ({ id: m.id, direction: m.direction, body: m.body, at: m.createdAt })),
  };
}
