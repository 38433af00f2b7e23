import type { CaseAction } from "../../../../domain/case/case-types";
import type { I18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/zh";

const keys: Partial<Record<CaseAction, MessageKey>> = {
  reject: "action.reasonFor.reject",
  return: "action.reasonFor.return",
  forward: "action.reasonFor.forward",
  request_park: "action.reasonFor.request_park",
  deny_park: "action.reasonFor.deny_park",
  reopen: "action.reasonFor.reopen",
  escalate: "action.reasonFor.escalate",
};

/** The label of an action's reason field: what the reason is for (退回原因, 驳回原因 …). */
export const reasonLabel = (action: CaseAction, t: I18n["t"]) => t(keys[action] ?? "action.reason");
