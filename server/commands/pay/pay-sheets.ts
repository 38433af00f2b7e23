import { randomUUID } from "node:crypto";
import type { Tx } from "../../../db/db";
import { gridWorkersUnder } from "../../../db/queries/assessment-fact-queries";
import { publishedWorkerRun, scoresOfRun } from "../../../db/queries/assessment-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  findPayLine,
  findPaySetting,
  findPaySheet,
  insertPayLines,
  insertPaySheet,
  linesOfSheet,
  listPaySheets,
  payProfilesUnder,
  setPayLine,
  setPaySheet,
  sheetsOfMonth,
} from "../../../db/queries/pay-queries";
import { findRegions } from "../../../db/queries/region-queries";
import type { PayLineTable, PaySheetTable } from "../../../db/schema/assessment-tables";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { type PaySettings, payExclusionInput, paySheetInput } from "../../../domain/pay/pay-rules";
import { blockingLines, payFactsOf, paySheetLine, payTotals } from "../../../domain/pay/pay-sheet";
import { can } from "../../../domain/policies/access-table";
import type { Deps } from "../../deps";
import { loadSubjects, monthPeriod } from "../assessment/subject-facts";

const statusLabel: Record<PaySheetTable["status"], { zh: string; en: string }> = {
  draft: { zh: "待审批", en: "Draft, awaiting approval" },
  approved: { zh: "已审批发布", en: "Approved and published" },
  superseded: { zh: "已被新版本取代", en: "Superseded" },
};

const unavailable = {
  zh: "本月没有已发布的网格员考核结果，绩效工资不可用，未计入合计",
  en: "No published grid-worker assessment for the month: performance pay is unavailable and not in the totals",
};

function presentLine(l: PayLineTable) {
  const detail = JSON.parse(l.detail) as { rewardItems: unknown[] };
  return {
    id: l.id,
    userId: l.userId,
    name: l.name,
    regionCode: l.regionCode,
    employment: l.employment,
    score: l.score,
    base: l.base,
    performance: l.score === null ? null : l.performance,
    rewards: l.rewards,
    rewardCount: l.rewardCount,
    rewardItems: detail.rewardItems,
    deductions: l.deductions,
    missedSites: l.missedSites,
    total: l.total,
    bankName: l.bankName,
    accountMasked: l.accountMasked,
    problem: l.problem,
    excludedReason: l.excludedReason,
  };
}

function presentSheet(
  actor: Actor,
  s: PaySheetTable & {
    createdByName?: string | null;
    approvedByName?: string | null;
    regionName?: string | null;
  },
) {
  const row = { regionCode: s.regionCode };
  return {
    id: s.id,
    regionCode: s.regionCode,
    regionName: s.regionName ?? null,
    month: s.month,
    version: s.version,
    status: s.status,
    statusLabel: statusLabel[s.status],
    assessmentRunId: s.assessmentRunId,
    performanceAvailable: s.assessmentRunId !== null,
    performanceNote: s.assessmentRunId === null ? unavailable : null,
    total: s.total,
    lineCount: s.lineCount,
    problemCount: s.problemCount,
    createdBy: s.createdBy,
    createdByName: s.createdByName ?? null,
    createdAt: s.createdAt,
    approvedBy: s.approvedBy,
    approvedByName: s.approvedByName ?? null,
    approvedAt: s.approvedAt,
    abilities: {
      approve: s.status === "draft" && s.createdBy !== actor.id && can(actor, "paySheet", "approve", row),
      exclude: s.status === "draft" && can(actor, "paySheet", "create", row),
      export: can(actor, "paySheet", "export", row),
    },
  };
}

export async function listSheetViews(deps: Deps, actor: Actor, f: { region?: string; month?: string }) {
  const rows = await listPaySheets(deps.db, actor, f);
  return { items: rows.map((r) => presentSheet(actor, r)) };
}

export async function visibleSheet(db: Tx, actor: Actor, id: string, lock = false) {
  const s = await findPaySheet(db, id, lock);
  if (!s || !can(actor, "paySheet", "read", s)) throw new AppError("not_found");
  return s;
}

/** A sheet with its lines, the totals of the paid lines, and the workers blocking publication. */
export async function readSheet(deps: Deps, actor: Actor, id: string) {
  const s = await visibleSheet(deps.db, actor, id);
  const lines = (await linesOfSheet(deps.db, id)).map(presentLine);
  const [region] = await findRegions(deps.db, [s.regionCode]);
  const paid = lines.filter((l) => l.excludedReason === null);
  return {
    ...presentSheet(actor, { ...s, regionName: region?.name ?? null }),
    settings: JSON.parse(s.settings) as PaySettings,
    totals: payTotals(paid),
    blocking: blockingLines(lines).map((l) => ({ lineId: l.id, userId: l.userId, name: l.name })),
    lines,
  };
}

/**
 * Generates a county's sheet for a month as a new draft version (R20): base pay at the county's rates,
 * performance pay from the month's published grid-worker assessment (none: unavailable, said on the
 * sheet), information rewards per valid report, deductions per unpatrolled site. Earlier drafts of the
 * month are superseded; an approved sheet stays as it is until a newer version is approved.
 */
export async function generatePaySheet(deps: Deps, actor: Actor, raw: unknown) {
  const input = parseInput(paySheetInput, raw);
  const county = input.regionCode;
  if (!can(actor, "paySheet", "create", { regionCode: county })) throw new AppError("forbidden");
  const setting = await findPaySetting(deps.db, county);
  if (!setting)
    throw new AppError("pay_settings_missing", {
      status: 422,
      zh: "本县尚未设置网格员报酬标准，请先在“报酬标准”中设置",
      en: "Set the county's pay settings first",
    });
  const settings = JSON.parse(setting.settings) as PaySettings;
  const period = monthPeriod(input.month);
  const [subjects, gridRows, profiles, run] = await Promise.all([
    loadSubjects(deps, "grid_worker", county, period),
    gridWorkersUnder(deps.db, county),
    payProfilesUnder(deps.db, county.slice(0, 6)),
    publishedWorkerRun(deps.db, county, input.month),
  ]);
  if (subjects.length === 0)
    throw new AppError("pay_no_workers", {
      status: 422,
      zh: "本县没有在岗的网格员，无法生成报酬表",
      en: "The county has no active grid workers",
    });
  const scores = new Map(
    (run ? await scoresOfRun(deps.db, run.id) : []).map((r) => [r.subjectId, r.finalScore]),
  );
  const fullTime = new Set(gridRows.filter((r) => r.employment === "full_time").map((r) => r.userId));
  const bank = new Map(profiles.map((p) => [p.userId, p]));
  const now = deps.clock.now();
  const sheetId = randomUUID();
  const lines: PayLineTable[] = subjects.map((w) => {
    const facts = payFactsOf(w.facts, period);
    const p = bank.get(w.id);
    const l = paySheetLine(settings, {
      userId: w.id,
      name: w.name,
      regionCode: w.regionCode,
      employment: fullTime.has(w.id) ? "full_time" : "part_time",
      score: run ? (scores.get(w.id) ?? null) : null,
      reports: facts.reports,
      missedSites: facts.missedSites,
      bank: p ? { bankName: p.bankName, bankAccount: p.bankAccount } : null,
    });
    return {
      id: randomUUID(),
      sheetId,
      userId: l.userId,
      name: l.name,
      regionCode: l.regionCode,
      employment: l.employment,
      score: l.score,
      base: l.base,
      performance: l.performance ?? 0,
      rewards: l.rewards,
      rewardCount: l.rewardItems.length,
      deductions: l.deductions,
      missedSites: l.missedSites,
      total: l.total,
      bankName: l.bankName,
      accountMasked: l.accountMasked,
      problem: l.problem,
      detail: JSON.stringify({ rewardItems: l.rewardItems }),
      excludedReason: null,
      excludedBy: null,
    };
  });
  const totals = payTotals(
    lines.map((l) => ({ ...l, performance: l.score === null ? null : l.performance })),
  );
  const sheet: PaySheetTable = {
    id: sheetId,
    regionCode: county,
    month: input.month,
    version: 1,
    status: "draft",
    settings: setting.settings,
    assessmentRunId: run?.id ?? null,
    total: totals.total,
    lineCount: lines.length,
    problemCount: lines.filter((l) => l.problem !== null).length,
    createdBy: actor.id,
    createdAt: now.toISOString(),
    approvedBy: null,
    approvedAt: null,
  };
  await deps.db.transaction().execute(async (tx) => {
    const versions = await sheetsOfMonth(tx, county, input.month);
    sheet.version = (versions[0]?.version ?? 0) + 1;
    for (const v of versions) if (v.status === "draft") await setPaySheet(tx, v.id, { status: "superseded" });
    await insertPaySheet(tx, sheet);
    await insertPayLines(tx, lines);
    await insertEvent(
      tx,
      actor,
      {
        action: "pay_sheet.generated",
        subjectType: "pay_sheet",
        subjectId: sheetId,
        regionCode: county,
        data: {
          month: input.month,
          version: sheet.version,
          total: sheet.total,
          lines: lines.length,
          assessmentRunId: sheet.assessmentRunId,
        },
      },
      now,
    );
  });
  return readSheet(deps, actor, sheetId);
}

const frozen = () =>
  new AppError("pay_sheet_frozen", {
    status: 409,
    zh: "报酬表已审批发布（或已被新版本取代），不能再修改；如需更正请重新生成新版本",
    en: "The sheet is published or superseded; generate a new version to correct it",
  });

/** Leaves a worker out of the payment with a reason (a draft only): the way past a missing bank account. */
export async function excludeLine(deps: Deps, actor: Actor, sheetId: string, lineId: string, raw: unknown) {
  const input = parseInput(payExclusionInput, raw);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const s = await visibleSheet(tx, actor, sheetId, true);
    if (!can(actor, "paySheet", "create", s)) throw new AppError("forbidden");
    if (s.status !== "draft") throw frozen();
    const line = await findPayLine(tx, sheetId, lineId);
    if (!line) throw new AppError("not_found");
    await setPayLine(tx, lineId, { excludedReason: input.reason, excludedBy: actor.id });
    const lines = (await linesOfSheet(tx, sheetId)).map(presentLine);
    const paid = lines.filter((l) => l.excludedReason === null);
    await setPaySheet(tx, sheetId, {
      total: payTotals(paid).total,
      problemCount: blockingLines(lines).length,
    });
    await insertEvent(
      tx,
      actor,
      {
        action: "pay_sheet.line_excluded",
        subjectType: "pay_sheet",
        subjectId: sheetId,
        regionCode: s.regionCode,
        data: { userId: line.userId, name: line.name, reason: input.reason },
      },
      now,
    );
  });
  return readSheet(deps, actor, sheetId);
}

/**
 * A second person approves a draft, which publishes and freezes it (R20): never its maker (409
 * `same_person_approval`), and not while a worker has no bank account and is not excluded (422
 * `pay_bank_account_missing`, naming them). An earlier approved version of the month is superseded.
 */
export async function approveSheet(deps: Deps, actor: Actor, sheetId: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const s = await visibleSheet(tx, actor, sheetId, true);
    if (!can(actor, "paySheet", "approve", s)) throw new AppError("forbidden");
    if (s.status !== "draft") throw frozen();
    if (s.createdBy === actor.id)
      throw new AppError("same_person_approval", {
        status: 409,
        zh: "生成报酬表的人不能自己审批，须由另一名人员审批",
        en: "A second person must approve the sheet",
      });
    const blocked = blockingLines(await linesOfSheet(tx, sheetId));
    if (blocked.length > 0) {
      const names = blocked.map((l) => l.name);
      throw new AppError("pay_bank_account_missing", {
        status: 422,
        zh: `以下网格员没有登记银行账号，请先登记或注明原因不予发放：${names.join("、")}`,
        en: `These grid workers have no bank account on file; add one or exclude them with a reason: ${names.join(", ")}`,
        details: { workers: blocked.map((l) => ({ lineId: l.id, userId: l.userId, name: l.name })) },
      });
    }
    for (const v of await sheetsOfMonth(tx, s.regionCode, s.month))
      if (v.status === "approved") await setPaySheet(tx, v.id, { status: "superseded" });
    await setPaySheet(tx, sheetId, {
      status: "approved",
      approvedBy: actor.id,
      approvedAt: now.toISOString(),
    });
    await insertEvent(
      tx,
      actor,
      {
        action: "pay_sheet.approved",
        subjectType: "pay_sheet",
        subjectId: sheetId,
        regionCode: s.regionCode,
        data: { month: s.month, version: s.version, total: s.total },
      },
      now,
    );
  });
  return readSheet(deps, actor, sheetId);
}
