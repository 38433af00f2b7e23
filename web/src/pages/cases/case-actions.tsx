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
  onAction,
}: {
  stage: CaseStage;
  abilities: CaseAbilities;
  onAction: (action: CaseAction) => void;
}) {
  const { t, pick } = useI18n();
  const mine = caseActions.filter((a) => abilities[a]);
  if (mine.length === 0)
    return (
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
    </div>
  );
}
