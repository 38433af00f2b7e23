import type { Tx } from "../../../db/db";
import { configuredDeadlineRules } from "../../../db/queries/case-deadline-queries";
import { onceInTx } from "../../../db/tx-memo";
import type { Case, CaseStage } from "../../../domain/case/case-types";
import { type DeadlineRule, deadlineFor, defaultDeadlineRules } from "../../../domain/case/deadline-rules";
import type { Deps } from "../../deps";

/** The rules in force for a region: built-in defaults, then configured rules (later ones win ties). */
export async function deadlineRulesFor(db: Tx, regionCode: string): Promise<DeadlineRule[]> {
  const configured = await onceInTx(db, `deadline-rules:${regionCode}`, () =>
    configuredDeadlineRules(db, regionCode),
  );
  return [...defaultDeadlineRules, ...configured];
}

/** The `deadlineOf` a transition needs, closed over the rules and the working calendar. */
export async function deadlineOfFor(deps: Deps, db: Tx, regionCode: string) {
  const rules = await deadlineRulesFor(db, regionCode);
  return (kase: Case, stage: CaseStage, from: Date) => deadlineFor(rules, kase, stage, from, deps.calendar);
}
