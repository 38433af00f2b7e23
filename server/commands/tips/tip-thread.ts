import { findCaseRow, rowToCase } from "../../../db/queries/case-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { insertDeliveries } from "../../../db/queries/notification-delivery-queries";
import { findTipByCase, insertTipMessage, listTipMessages } from "../../../db/queries/tip-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import { officialReplyInput } from "../../../domain/tip/tip-schemas";
import type { Deps } from "../../deps";
import { timeOrderedId } from "../sites/time-ordered-id";
import { platformCallback } from "./platform-callback";

/** The thread of the tip a case came from, for a console reader; 404 when not readable or not a tip. */
export async function readTipThread(deps: Deps, actor: Actor, caseId: string) {
  const row = await findCaseRow(deps.db, caseId);
  if (!row || !can(actor, "tip", "read", rowToCase(row))) throw new AppError("not_found");
  const tip = await findTipByCase(deps.db, caseId);
  if (!tip) throw new AppError("not_found");
  const messages = await listTipMessages(deps.db, tip.id);
  return {
    caseId,
    kind: tip.kind,
    address: tip.address,
    happenedAt: tip.happenedAt,
    realName: tip.realName === 1,
    canReply: can(actor, "tip", "reply", rowToCase(row)),
    messages: messages.map((m) => ({ id: m.id, direction: m.direction, body: m.body, at: m.createdAt })),
  };
}

/**
 * An official reply or question to the informant (shown through the tracking code, without the author's
 * name). The trail records who replied and the reply's text (it is written for the public).
 */
export async function replyToInformant(deps: Deps, actor: Actor, caseId: string, raw: unknown) {
  const input = parseInput(officialReplyInput, raw);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await findCaseRow(tx, caseId, true);
    if (!row) throw new AppError("not_found");
    const kase = rowToCase(row);
    if (!can(actor, "tip", "read", kase)) throw new AppError("not_found");
    const tip = await findTipByCase(tx, caseId);
    if (!tip) throw new AppError("not_found");
    if (!can(actor, "tip", "reply", kase)) throw new AppError("forbidden");
    const id = timeOrderedId();
    await insertTipMessage(tx, {
      id,
      tipId: tip.id,
      direction: "official",
      body: input.body,
      authorId: actor.id,
      createdAt: now.toISOString(),
    });
    await insertEvent(
      tx,
      actor,
      {
        action: "tip.replied",
        subjectType: "case",
        subjectId: caseId,
        regionCode: kase.regionCode,
        data: { messageId: id, body: input.body },
      },
      now,
    );
    // A forwarded work order's platform hears the official reply as its status notes.
    const callback = await platformCallback(tx, kase, "tip.replied", now.toISOString(), input.body);
    if (callback) await insertDeliveries(tx, [callback]);
  });
  return readTipThread(deps, actor, caseId);
}
