import { findChecklistRun, updateChecklistRunReports } from "../../../db/queries/checklist-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { failedItemsDescription } from "../../../domain/checklist/checklist-rules";
import { checklistReportInput } from "../../../domain/checklist/checklist-schemas";
import type { RunAnswer } from "../../../domain/checklist/checklist-types";
import { AppError } from "../../../domain/errors";
import { checklistPolicy } from "../../../domain/policies/checklist-policy";
import type { Deps } from "../../deps";
import type { ActionResult } from "../cases/act-on-case";
import type { Outcome } from "../cases/idempotent";
import { reportCase } from "../cases/report-case";
import { checklistVersion } from "./checklist-templates";
import type { RunReport } from "./present-run";

const runNotFound = () =>
  new AppError("checklist_run_not_found", {
    status: 404,
    zh: "检查记录不存在",
    en: "Checklist run not found",
  });

/**
 * ONE case from several failed items of a run, through the case intake command (`reportCase`): the run's
 * site, the chosen category, the items' photos as evidence, the run's location, and a description listing
 * the items with the worker's notes. Idempotent on `idempotencyKey` (the phone's outbox id): the same key
 * answers the same case; an item already reported under another key answers 409 `checklist_item_reported`.
 */
export async function reportChecklistRun(
  deps: Deps,
  actor: Actor,
  runId: string,
  raw: unknown,
  en = false,
): Promise<Outcome<ActionResult>> {
  const input = parseInput(checklistReportInput, raw);
  const run = await findChecklistRun(deps.db, runId);
  if (!run || !checklistPolicy.readRun(actor, run.regionCode)) throw runNotFound();
  if (!checklistPolicy.reportRun(actor, run.regionCode)) throw new AppError("forbidden");
  const answers = JSON.parse(run.answers) as RunAnswer[];
  const itemIds = [...new Set(input.itemIds)];
  for (const id of itemIds)
    if (answers.find((a) => a.itemId === id)?.answer !== "no")
      throw new AppError("checklist_item_not_failed", {
        status: 422,
        zh: `检查项 ${id} 未被判定为“不符合”，不能上报`,
        en: `Item ${id} did not fail`,
        details: { itemId: id },
      });
  const reports = JSON.parse(run.reports) as RunReport[];
  const earlier = reports.find((r) => r.itemIds.some((i) => itemIds.includes(i)));
  if (earlier && earlier.key !== input.idempotencyKey)
    throw new AppError("checklist_item_reported", {
      status: 409,
      zh: `所选检查项已上报为案件 ${earlier.number}`,
      en: `Already reported as case ${earlier.number}`,
      details: { caseId: earlier.caseId, number: earlier.number },
    });
  const template = await checklistVersion(deps.db, run.countyCode, run.checklistId, Number(run.version));
  if (!template) throw runNotFound();
  const evidenceIds = [
    ...new Set(answers.filter((a) => itemIds.includes(a.itemId)).flatMap((a) => a.evidenceIds)),
  ];
  const location =
    run.lng !== null && run.lat !== null ? { lng: Number(run.lng), lat: Number(run.lat) } : undefined;
  const type = input.type ?? (input.severity === "major" ? "major_hazard" : "general_hazard");
  const outcome = await reportCase(
    deps,
    actor,
    {
      source: actor.role === "committee_member" ? "committee_member" : "patrol",
      type,
      category: input.category,
      description: failedItemsDescription(template, answers, itemIds, input.description),
      siteId: run.siteId,
      ...(location ? { location } : {}),
      evidenceIds,
      idempotencyKey: input.idempotencyKey,
    },
    { en },
  );
  if (!earlier) {
    const kase = outcome.body.case as { id: string; number: string };
    const now = deps.clock.now();
    await deps.db.transaction().execute(async (tx) => {
      const fresh = await findChecklistRun(tx, runId);
      const list = JSON.parse(fresh?.reports ?? "[]") as RunReport[];
      if (list.some((r) => r.key === input.idempotencyKey)) return;
      list.push({ caseId: kase.id, number: kase.number, itemIds, key: input.idempotencyKey });
      await updateChecklistRunReports(tx, runId, JSON.stringify(list));
      await insertEvent(
        tx,
        actor,
        {
          action: "site.checklist_reported",
          subjectType: "site",
          subjectId: run.siteId,
          regionCode: run.regionCode,
          data: { runId, caseId: kase.id, number: kase.number, itemIds },
        },
        now,
      );
    });
  }
  return outcome;
}
