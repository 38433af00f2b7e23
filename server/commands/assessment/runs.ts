import { randomUUID } from "node:crypto";
import type { Tx } from "../../../db/db";
import {
  adjustmentsOfRun,
  findResult,
  findRun,
  insertAdjustment,
  insertResults,
  insertRun,
  listRuns,
  publishedResultsOf,
  resultsOfRun,
  runsOfPeriod,
  setResult,
  setRun,
} from "../../../db/queries/assessment-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import type { AssessmentRunTable } from "../../../db/schema/assessment-tables";
import {
  type Breakdown,
  finalScoreOf,
  rankScores,
  runAssessment,
  type SchemeDefinition,
  type SubjectLevel,
  totalOf,
} from "../../../domain/assessment";
import type { MyAssessmentResult } from "../../../domain/assessment/my-result";
import { adjustInput, manualScoreInput, reviewInput, runInput } from "../../../domain/assessment/run-schemas";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import type { Deps } from "../../deps";
import { attachManualEvidence, withManualFiles } from "./manual-evidence";
import { visibleScheme } from "./schemes";
import { loadSubjects, monthPeriod } from "./subject-facts";

const frozen = (status: string) =>
  new AppError("assessment_frozen", {
    status: 409,
    zh:
      status === "computed"
        ? "考核结果状态不允许此操作"
        : "考核结果已复核或已发布，不能再修改；如需更正请重新计算生成新版本",
    en: "This run is reviewed or published and cannot change; run again to make a new version",
    details: { status },
  });

export async function visibleRun(deps: Deps, actor: Actor, id: string, tx?: Tx, lock = false) {
  const row = await findRun(tx ?? deps.db, id, lock);
  if (!row || !can(actor, "assessmentRun", "read", row))
    throw new AppError("assessment_run_not_found", {
      status: 404,
      zh: "没有这次考核",
      en: "No such assessment run",
    });
  return row;
}

const abilitiesOf = (actor: Actor, r: Pick<AssessmentRunTable, "status" | "regionCode">) => ({
  adjust: r.status === "computed" && can(actor, "assessmentRun", "adjust", r),
  review: r.status === "computed" && can(actor, "assessmentRun", "review", r),
  publish: r.status === "reviewed" && can(actor, "assessmentRun", "publish", r),
  export: can(actor, "assessmentRun", "export", r),
});

/**
 * Runs a scheme for a month: a new version every time. When the period already has a published version the
 * run needs a reason (409 `assessment_period_published` otherwise) and the published one stays as it is
 * until the new version is published. Nothing is stored when the run fails (no subjects, no data).
 */
export async function runScheme(deps: Deps, actor: Actor, schemeId: string, raw: unknown) {
  const scheme = await visibleScheme(deps, actor, schemeId);
  if (!can(actor, "assessmentRun", "run", scheme)) throw new AppError("forbidden");
  if (scheme.status !== "active")
    throw new AppError("scheme_retired", {
      status: 409,
      zh: "该考核方案已停用",
      en: "This scheme is retired",
    });
  const input = parseInput(runInput, raw);
  const def = JSON.parse(scheme.definition) as SchemeDefinition;
  const period = monthPeriod(input.period);
  const subjects = await loadSubjects(deps, scheme.level as SubjectLevel, scheme.regionCode, period);
  const results = runAssessment(def, subjects, period);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const earlier = await runsOfPeriod(tx, scheme.id, input.period);
    const published = earlier.find((r) => r.status === "published");
    if (published && !input.reason)
      throw new AppError("assessment_period_published", {
        status: 409,
        zh: `${input.period} 已发布第 ${published.version} 版考核结果；重新计算将生成新版本（原版本保留可查），请填写重新计算的原因`,
        en: `${input.period} has a published version ${published.version}; a new run makes a new version (the old one stays readable): give a reason`,
        details: { publishedRunId: published.id, version: published.version },
      });
    // an unpublished draft of the same period is replaced by the new version (kept, marked superseded)
    for (const r of earlier)
      if (r.status === "computed" || r.status === "reviewed")
        await setRun(tx, r.id, { status: "superseded" });
    const run: AssessmentRunTable = {
      id: randomUUID(),
      schemeId: scheme.id,
      schemeName: scheme.name,
      level: scheme.level,
      regionCode: scheme.regionCode,
      period: input.period,
      periodFrom: period.from,
      periodTo: period.to,
      version: (earlier[0]?.version ?? 0) + 1,
      status: "computed",
      definition: scheme.definition,
      subjectCount: results.length,
      reason: input.reason ?? null,
      runBy: actor.id,
      runAt: now.toISOString(),
      reviewedBy: null,
      reviewedAt: null,
      reviewNote: null,
      publishedBy: null,
      publishedAt: null,
    };
    await insertRun(tx, run);
    const ranked = rankScores(results.map((r) => ({ ...r, finalScore: r.computedScore })));
    await insertResults(
      tx,
      ranked.map((r) => ({
        id: randomUUID(),
        runId: run.id,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        subjectName: r.subjectName,
        regionCode: r.regionCode,
        computedScore: r.computedScore,
        adjustment: 0,
        finalScore: r.finalScore,
        rank: r.rank,
        breakdown: JSON.stringify(r.breakdown),
      })),
    );
    await insertEvent(
      tx,
      actor,
      {
        action: "assessment.run",
        subjectType: "assessment_run",
        subjectId: run.id,
        regionCode: run.regionCode,
        data: {
          schemeId: scheme.id,
          schemeName: scheme.name,
          period: run.period,
          version: run.version,
          subjects: results.length,
          reason: run.reason,
        },
      },
      now,
    );
    return { id: run.id, version: run.version, status: run.status, subjectCount: run.subjectCount };
  });
}

/** Records stripped to counts (the whole run at once); one result's records come with `readResult`. */
const slim = (b: Breakdown) => ({
  ...b,
  items: b.items.map(({ records, ...i }) => ({ ...i, recordCount: records.length })),
});

export async function readRun(deps: Deps, actor: Actor, id: string) {
  const run = await visibleRun(deps, actor, id);
  const [results, adjustments] = await Promise.all([
    resultsOfRun(deps.db, id),
    adjustmentsOfRun(deps.db, id),
  ]);
  return {
    ...run,
    definition: JSON.parse(run.definition) as SchemeDefinition,
    abilities: abilitiesOf(actor, run),
    results: results.map((r) => ({ ...r, breakdown: slim(JSON.parse(r.breakdown) as Breakdown) })),
    adjustments,
  };
}

export async function readResult(deps: Deps, actor: Actor, runId: string, resultId: string) {
  await visibleRun(deps, actor, runId);
  const r = await findResult(deps.db, runId, resultId);
  if (!r)
    throw new AppError("assessment_result_not_found", {
      status: 404,
      zh: "没有这条考核结果",
      en: "No such result",
    });
  const [withFiles] = await withManualFiles(deps.db, [
    { ...r, breakdown: JSON.parse(r.breakdown) as Breakdown },
  ]);
  return withFiles;
}

export async function listRunViews(deps: Deps, actor: Actor, f: { region?: string; period?: string }) {
  const rows = await listRuns(deps.db, actor, f);
  return { items: rows.map(({ definition: _d, ...r }) => ({ ...r, abilities: abilitiesOf(actor, r) })) };
}

/** Re-ranks a run after a change of one result (equal scores share a rank). */
async function rerank(tx: Tx, runId: string) {
  const rows = await resultsOfRun(tx, runId);
  for (const r of rankScores(rows))
    if (r.rank !== rows.find((x) => x.id === r.id)?.rank) await setResult(tx, r.id, { rank: r.rank });
}

async function changeResult(
  deps: Deps,
  actor: Actor,
  runId: string,
  resultId: string,
  change: (
    tx: Tx,
    run: AssessmentRunTable,
    result: NonNullable<Awaited<ReturnType<typeof findResult>>>,
  ) => Promise<Record<string, unknown>>,
  action: string,
) {
  return deps.db.transaction().execute(async (tx) => {
    const run = await visibleRun(deps, actor, runId, tx, true);
    if (!can(actor, "assessmentRun", "adjust", run)) throw new AppError("forbidden");
    if (run.status !== "computed") throw frozen(run.status);
    const result = await findResult(tx, runId, resultId);
    if (!result)
      throw new AppError("assessment_result_not_found", {
        status: 404,
        zh: "没有这条考核结果",
        en: "No such result",
      });
    const data = await change(tx, run, result);
    await rerank(tx, runId);
    const now = deps.clock.now();
    await insertEvent(
      tx,
      actor,
      {
        action,
        subjectType: "assessment_run",
        subjectId: runId,
        regionCode: run.regionCode,
        data: { resultId, subject: result.subjectName, ...data },
      },
      now,
    );
    return data;
  });
}

/** A manual adjustment of one result: a delta with its reason, kept in the run's list and the trail. */
export async function adjustResult(deps: Deps, actor: Actor, runId: string, resultId: string, raw: unknown) {
  const input = parseInput(adjustInput, raw);
  await changeResult(
    deps,
    actor,
    runId,
    resultId,
    async (tx, _run, r) => {
      const adjustment = Math.round((r.adjustment + input.delta) * 100) / 100;
      const finalScore = finalScoreOf(r.computedScore, adjustment);
      await setResult(tx, r.id, { adjustment, finalScore });
      await insertAdjustment(tx, {
        id: randomUUID(),
        runId,
        resultId,
        delta: input.delta,
        reason: input.reason,
        madeBy: actor.id,
        madeAt: deps.clock.now().toISOString(),
      });
      return { delta: input.delta, reason: input.reason, before: r.finalScore, after: finalScore };
    },
    "assessment.adjusted",
  );
  return readResult(deps, actor, runId, resultId);
}

/**
 * A manual item scored with its evidence: the written basis, and 佐证材料 files uploaded first and attached
 * to the result here (checked: the scorer's own, unused, in the store).
 */
export async function scoreManualItem(
  deps: Deps,
  actor: Actor,
  runId: string,
  resultId: string,
  itemId: string,
  raw: unknown,
) {
  const input = parseInput(manualScoreInput, raw);
  await changeResult(
    deps,
    actor,
    runId,
    resultId,
    async (tx, run, r) => {
      const b = JSON.parse(r.breakdown) as Breakdown;
      const item = b.manual.find((m) => m.id === itemId);
      if (!item)
        throw new AppError("manual_item_not_found", {
          status: 404,
          zh: "没有这个人工评分项",
          en: "No such manual item",
        });
      if (input.points > item.maxPoints)
        throw new AppError("validation_failed", {
          status: 422,
          zh: `“${item.zh}”最高 ${item.maxPoints} 分`,
          en: `${item.zh} scores at most ${item.maxPoints}`,
        });
      const files = await attachManualEvidence(
        deps,
        tx,
        actor,
        { id: r.id, regionCode: run.regionCode },
        input.evidenceIds,
      );
      Object.assign(item, {
        points: input.points,
        evidence: input.evidence,
        evidenceIds: input.evidenceIds,
        by: actor.id,
        at: deps.clock.now().toISOString(),
      });
      const computedScore = totalOf(b);
      await setResult(tx, r.id, {
        breakdown: JSON.stringify(b),
        computedScore,
        finalScore: finalScoreOf(computedScore, r.adjustment),
      });
      return {
        item: itemId,
        points: input.points,
        evidence: input.evidence,
        files: files.map((f) => ({ id: f.id, fileName: f.fileName, sha256: f.sha256 })),
      };
    },
    "assessment.manual_scored",
  );
  return readResult(deps, actor, runId, resultId);
}

/**
 * The second person's review: not the one who ran it, adjusted it or scored a manual item (409
 * `same_person_review`); every manual item scored (422 `manual_items_pending`). "return" sends it back
 * with a note (adjustments stay possible); "approve" freezes it for publication.
 */
export async function reviewRun(deps: Deps, actor: Actor, runId: string, raw: unknown) {
  const input = parseInput(reviewInput, raw);
  return deps.db.transaction().execute(async (tx) => {
    const run = await visibleRun(deps, actor, runId, tx, true);
    if (!can(actor, "assessmentRun", "review", run)) throw new AppError("forbidden");
    if (run.status !== "computed") throw frozen(run.status);
    const results = await resultsOfRun(tx, runId);
    const adjusters = new Set((await adjustmentsOfRun(tx, runId)).map((a) => a.madeBy));
    for (const r of results)
      for (const m of (JSON.parse(r.breakdown) as Breakdown).manual) if (m.by) adjusters.add(m.by);
    if (actor.id === run.runBy || adjusters.has(actor.id))
      throw new AppError("same_person_review", {
        status: 409,
        zh: "复核须由另一人进行：计算、调整或人工评分的人不能复核自己的结果",
        en: "The review needs a second person: whoever ran, adjusted or scored this run cannot review it",
      });
    const now = deps.clock.now();
    if (input.decision === "approve") {
      const pending = results.flatMap((r) =>
        (JSON.parse(r.breakdown) as Breakdown).manual
          .filter((m) => m.points === null)
          .map((m) => `${r.subjectName}：${m.zh}`),
      );
      if (pending.length)
        throw new AppError("manual_items_pending", {
          status: 422,
          zh: `还有 ${pending.length} 个人工评分项未评分（如 ${pending[0]}），不能复核通过`,
          en: `${pending.length} manual items are not scored yet`,
          details: { pending: pending.slice(0, 20) },
        });
      await setRun(tx, runId, {
        status: "reviewed",
        reviewedBy: actor.id,
        reviewedAt: now.toISOString(),
        reviewNote: input.note ?? null,
      });
    } else {
      await setRun(tx, runId, { reviewNote: input.note ?? null });
    }
    await insertEvent(
      tx,
      actor,
      {
        action: `assessment.review_${input.decision}`,
        subjectType: "assessment_run",
        subjectId: runId,
        regionCode: run.regionCode,
        data: { note: input.note ?? null, version: run.version },
      },
      now,
    );
    return { id: runId, status: input.decision === "approve" ? "reviewed" : run.status };
  });
}

/** Publishes a reviewed run to the assessed; an earlier published version of the period is superseded (kept). */
export async function publishRun(deps: Deps, actor: Actor, runId: string) {
  return deps.db.transaction().execute(async (tx) => {
    const run = await visibleRun(deps, actor, runId, tx, true);
    if (!can(actor, "assessmentRun", "publish", run)) throw new AppError("forbidden");
    if (run.status !== "reviewed")
      throw new AppError("assessment_not_reviewed", {
        status: 409,
        zh:
          run.status === "computed" ? "考核结果须经另一人复核通过后才能发布" : "该版本已发布或已被新版本取代",
        en:
          run.status === "computed"
            ? "A second person must review the run before it is published"
            : "This version is published or superseded",
        details: { status: run.status },
      });
    for (const r of await runsOfPeriod(tx, run.schemeId, run.period))
      if (r.status === "published") await setRun(tx, r.id, { status: "superseded" });
    const now = deps.clock.now();
    await setRun(tx, runId, { status: "published", publishedBy: actor.id, publishedAt: now.toISOString() });
    await insertEvent(
      tx,
      actor,
      {
        action: "assessment.published",
        subjectType: "assessment_run",
        subjectId: runId,
        regionCode: run.regionCode,
        data: { period: run.period, version: run.version, scheme: run.schemeName },
      },
      now,
    );
    return { id: runId, status: "published" as const };
  });
}

/** The assessed reading their own published results (a worker, a township station, a department). */
export async function myResults(deps: Deps, actor: Actor) {
  const ids = [
    actor.id,
    ...(actor.role === "township_station" ? actor.scope.filter((s) => s.length === 9) : []),
    ...(actor.departmentId ? [actor.departmentId] : []),
  ];
  const rows = await publishedResultsOf(deps.db, ids);
  const items: MyAssessmentResult[] = await withManualFiles(
    deps.db,
    rows.map((r) => ({ ...r, breakdown: slim(JSON.parse(r.breakdown) as Breakdown) })),
  );
  return { items };
}
