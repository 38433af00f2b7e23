import { Button, Typography } from "antd";
import {
  type CaseAction,
  type CaseStage,
  caseActionLabel,
  caseActions,
} from "../../../../domain/case/case-types";
import type { CaseAbilities } from "../../api/cases";
import { useI18n } from "../../i18n/i18n-context";

/** The step that moves the case forward in each stage: its button is the primary one. */
const mainAction: Partial<Record<CaseStage, CaseAction[]>> = {
  reported: ["triage"],
  triaged: ["dispatch"],
  dispatched: ["accept"],
  handling: ["submit_plan", "feedback", "approve_park"],
  parked: ["resume"],
  awaiting_recheck: ["recheck"],
  rechecked: ["accept_onsite", "close"],
};
const dangerous: CaseAction[] = ["reject", "return", "deny_park"];

/** One button per action the server says the actor may take now (`abilities`), nothing else. */
export function CaseActions({
  stage,
  abilities,
  refusals = [],
  onAction,
}: {
  stage: CaseStage;
  abilities: CaseAbilities;
  /** Actions refused by the county's 同人不得闭环 rule: shown disabled, with the reason in words. */
  refusals?: { action: CaseAction; reason: string }[];
  onAction: (action: CaseAction) => void;
}) {
  const { t, pick } = useI18n();
  const mine = caseActions.filter((a) => abilities[a]);
  const refused = (
    <>
      {refusals.map((r) => (
        <Button key={r.action} disabled data-testid={`refused-${r.action}`}>
          {pick(caseActionLabel[r.action])}
        </Button>
      ))}
      {refusals.map((r) => (
        <Typography.Text
          key={`${r.action}-why`}
          type="warning"
          className="case-actions-note"
          data-testid="closure-note"
        >
          {r.reason}
        </Typography.Text>
      ))}
    </>
  );
  if (mine.length === 0)
    return refusals.length ? (
      <div className="case-actions" data-testid="case-actions">
        {refused}
      </div>
    ) : (
      <Typography.Text type="secondary" data-testid="case-no-actions">
        {t("detail.noActions")}
      </Typography.Text>
    );
  const main = mainAction[stage] ?? [];
  const ordered = [...mine.filter((a) => main.includes(a)), ...mine.filter((a) => !main.includes(a))];
  return (
    <div className="case-actions" data-testid="case-actions">
      {ordered.map((action) => (
        <Button
          key={action}
          type={main.includes(action) ? "primary" : "default"}
          danger={dangerous.includes(action)}
          onClick={() => onAction(action)}
          data-testid={`action-${action}`}
        >
          {pick(caseActionLabel[action])}
        </Button>
      ))}
      {refused}
    </div>
  );
}
