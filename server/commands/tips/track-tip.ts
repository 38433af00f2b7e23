import { caseToColumns, findCaseRow, rowToCase, updateCaseVersioned } from "../../../db/queries/case-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  findTipByHash,
  findTipCase,
  insertTipMessage,
  listTipMessages,
} from "../../../db/queries/tip-queries";
import { findRewardOfTip } from "../../../db/queries/tip-reward-queries";
import { transition } from "../../../domain/case/case-machine";
import { parseInput } from "../../../domain/case/case-schemas";
import { type CaseStage, caseStageLabel } from "../../../domain/case/case-types";
import { deadlineStatus } from "../../../domain/case/deadline-rules";
import { AppError } from "../../../domain/errors";
import { informantMessageInput, notFixedInput, trackInput } from "../../../domain/tip/tip-schemas";
import type { Deps } from "../../deps";
import { deadlineOfFor } from "../cases/case-deadlines";
import { tallyCaseStep } from "../cases/case-step-tally";
import { notifyCase } from "../notifications/notify-case";
import { timeOrderedId } from "../sites/time-ordered-id";
import { trackingHash } from "./tip-crypto";

/** A wrong code answers exactly like a missing one. */
const noSuchTip = () =>
  new AppError("not_found", { zh: "查询码不正确或举报不存在", en: "No tip with this tracking code" });

/** What the informant sees with the tracking code: stage, deadline, overdue, official replies. */
export interface TipStatus {
  number: string;
  stage: string;
  stageLabel: string;
  open: boolean;
  reportedAt: string;
  deadline: string | null;
  overdue: boolean;
  closedAt: string | null;
  canSayNotFixed: boolean;
  /** `available`: a reward was approved (claim it at the office, with the code and ID); `paid`: paid out. */
  reward: "available" | "paid" | null;
  /**
   * The approved amount, shown only on a real-name tip (the only kind a reward can be proposed for): the
   * holder of the code is the informant who gave their name and phone and will claim it with ID. An
   * anonymous tip's status never carries an amount, even if a row were ever stored for it.
   */
  rewardAmountYuan: number | null;
  messages: { direction: "official" | "informant"; body: string; at: string }[];
}

async function tipOf(deps: Deps, code: string) {
  const tip = await findTipByHash(deps.db, trackingHash(code));
  if (!tip) throw noSuchTip();
  return tip;
}

/** The tip's status for its informant: never a handler's name, a department's note or the trail. */
export async function trackTip(deps: Deps, raw: unknown): Promise<TipStatus> {
  const parsed = trackInput.safeParse(raw);
  if (!parsed.success) throw noSuchTip();
  const { code } = parsed.data;
  const tip = await tipOf(deps, code);
  const kase = await findTipCase(deps.db, tip.caseId);
  if (!kase) throw noSuchTip();
  const now = deps.clock.now();
  const messages = await listTipMessages(deps.db, tip.id);
  const found = await findRewardOfTip(deps.db, tip.id);
  const reward = found?.status === "paid" ? "paid" : found?.status === "approved" ? "available" : null;
  return {
    number: kase.number,
    stage: kase.stage,
    stageLabel: caseStageLabel[kase.stage as CaseStage]?.zh ?? kase.stage,
    open: kase.open === 1,
    reportedAt: kase.reportedAt,
    deadline: kase.open === 1 ? kase.deadline : null,
    overdue: kase.open === 1 && !!kase.deadline && deadlineStatus(kase.deadline, now) === "overdue",
    closedAt: kase.closedAt,
    canSayNotFixed: kase.stage === "closed" && kase.closeReason !== "duplicate",
    reward,
    rewardAmountYuan: reward && tip.realName === 1 ? (found?.amountYuan ?? null) : null,
    messages: messages.map((m) => ({ direction: m.direction, body: m.body, at: m.createdAt })),
  };
}

/**
 * The informant answers in the protected thread. The trail records that an answer came (and its length),
 * never its text: the informant may name themselves in it.
 */
export async function informantMessage(deps: Deps, raw: unknown): Promise<TipStatus> {
  if (!trackInput.safeParse({ code: (raw as { code?: unknown })?.code }).success) throw noSuchTip();
  const input = parseInput(informantMessageInput, raw);
  const tip = await tipOf(deps, input.code);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const kase = await findCaseRow(tx, tip.caseId);
    if (!kase) throw noSuchTip();
    await insertTipMessage(tx, {
      id: timeOrderedId(),
      tipId: tip.id,
      direction: "informant",
      body: input.body,
      authorId: null,
      createdAt: now.toISOString(),
    });
    await insertEvent(
      tx,
      null,
      {
        action: "tip.informant_answered",
        subjectType: "case",
        subjectId: tip.caseId,
        regionCode: kase.regionCode,
        data: { length: input.body.length },
      },
      now,
    );
  });
  return trackTip(deps, { code: input.code });
}

/** "Not fixed": reopens the closed case (back to handling, with a new deadline) and notifies its holders. */
export async function sayNotFixed(deps: Deps, raw: unknown): Promise<TipStatus> {
  if (!trackInput.safeParse({ code: (raw as { code?: unknown })?.code }).success) throw noSuchTip();
  const input = parseInput(notFixedInput, raw);
  const tip = await tipOf(deps, input.code);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await findCaseRow(tx, tip.caseId, true);
    if (!row) throw noSuchTip();
    const kase = rowToCase(row);
    if (kase.stage !== "closed" || kase.closeReason === "duplicate")
      throw new AppError("invalid_transition", {
        zh: "只有已结案的举报才能反馈“未整改”",
        en: "Only a closed tip can be reported as not fixed",
        details: { stage: kase.stage, action: "reopen", allowed: [] },
      });
    const reason = "举报人反馈：问题未整改";
    const result = transition(kase, "reopen", {
      actor: { id: "public_tip" },
      now,
      input: { reason },
      deadlineOf: await deadlineOfFor(deps, tx, kase.regionCode),
      maxRecheckDistanceM: 0,
    } as never);
    const columns = caseToColumns(result.next);
    if (!(await updateCaseVersioned(tx, row.id, row.version, columns, now.toISOString())))
      throw new AppError("conflict", { details: { version: row.version } });
    await tallyCaseStep(deps, tx, kase, { action: "reopen", at: now.toISOString(), due: null });
    if (input.body)
      await insertTipMessage(tx, {
        id: timeOrderedId(),
        tipId: tip.id,
        direction: "informant",
        body: `【未整改】${input.body}`,
        authorId: null,
        createdAt: now.toISOString(),
      });
    await notifyCase(tx, {
      kase: { ...kase, ...result.next },
      kind: "case.reopened",
      at: now,
      actorId: null,
      data: { from: "closed", to: result.event.to, comment: reason },
    });
    await insertEvent(
      tx,
      null,
      {
        action: "case.reopened",
        subjectType: "case",
        subjectId: row.id,
        regionCode: kase.regionCode,
        data: {
          ...result.event.data,
          from: "closed",
          to: result.event.to,
          comment: reason,
          byInformant: true,
        },
      },
      now,
    );
  });
  return trackTip(deps, { code: input.code });
}
