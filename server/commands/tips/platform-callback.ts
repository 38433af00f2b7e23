import type { Tx } from "../../../db/db";
import type { NewDelivery } from "../../../db/queries/notification-delivery-queries";
import { findTipPlatformOfCase } from "../../../db/queries/tip-channel-queries";
import { type Case, caseStageLabel } from "../../../domain/case/case-types";
import { open311Time } from "../../../domain/tip/open311";
import { platformEvent } from "./tip-clients";

/**
 * The status update a forwarding platform (12345) receives for its work order: the order's and the case's
 * numbers, open/closed, the stage in words, the deadline, and the official reply when there is one — never
 * the caller, a handler's name or an internal note. Delivered through the platform's own webhook row, so the
 * delivery job signs it (X-SafeGrid-Signature), retries it with backoff and applies the outbound rules.
 */
export async function platformCallback(
  tx: Tx,
  kase: Pick<Case, "id" | "number" | "stage" | "deadline" | "source">,
  event: string,
  at: string,
  statusNotes: string | null = null,
): Promise<NewDelivery | null> {
  if (kase.source !== "hotline") return null;
  const platform = await findTipPlatformOfCase(tx, kase.id);
  if (!platform?.webhookId || !platform.externalNumber || !platform.url) return null;
  const open = kase.stage !== "closed" && kase.stage !== "rejected";
  return {
    channel: "webhook",
    kind: platformEvent,
    caseId: kase.id,
    userId: null,
    webhookId: platform.webhookId,
    target: platform.url,
    payload: JSON.stringify({
      event: platformEvent,
      cause: event,
      at: open311Time(at),
      workOrderNumber: platform.externalNumber,
      caseNumber: kase.number,
      status: open ? "open" : "closed",
      stage: kase.stage,
      stageLabel: caseStageLabel[kase.stage]?.zh ?? kase.stage,
      expectedAt: open ? open311Time(kase.deadline) : null,
      statusNotes,
    }),
    status: "pending",
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
  };
}
