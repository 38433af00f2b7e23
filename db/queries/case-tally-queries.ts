import { sql } from "kysely";
import { shanghaiDate } from "../../domain/calendar/shanghai-time";
import {
  type CaseTally,
  emptyTally,
  hourMetrics,
  type TallyMetric,
  tallyMetrics,
} from "../../domain/indicators/case-tally";
import type { OpenCaseItem } from "../../domain/indicators/dashboard-view";
import { runCompiled } from "../compiled-queries";
import { dialectOf, type Tx } from "../db";
import type { CaseTallyTable } from "../schema/tally-tables";
import { type DeferredWrites, deferred } from "../tx-deferred";
import { eventSql } from "./case-tally-rebuild-queries";

/**
 * Region prefixes a case's step is counted under: its county and township (as deep as its code). Province
 * and city figures are the sums of their counties' rows (`readTally`), not rows of their own: a row that
 * every county's cases update would be locked by each case transaction until its commit, so on PostgreSQL
 * transactions of different counties would queue on it instead of committing in parallel (issue 10).
 */
export function tallyLevels(regionCode: string): string[] {
  return storedLevels.filter((n) => regionCode.length >= n).map((n) => regionCode.slice(0, n));
}

/** The region levels (code lengths) the rollup has rows for; every case's region is at least a county. */
const storedLevels = [6, 9];
const countyLevel = 6;

/** A report's dimensions: category, type, source and industry (the site's GB/T 4754 section, "" for none). */
export type TallyDims = { category: string; type: string; source: string; industry: string } | null;

const snake = (m: string) => m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type StepRow = Partial<CaseTallyTable> & { regionCode: string };

/**
 * Adds one step's counters to the rollup in one statement: every region level × day and month × the whole
 * region (and, for a report, its category, type, source and industry). Runs inside the command's transaction; in a
 * group commit that defers its writes (db/tx-deferred.ts) the rows wait for the batch's one statement.
 */
export async function addToTally(
  tx: Tx,
  regionCode: string,
  at: string,
  delta: Partial<CaseTally>,
  dims: TallyDims,
  sign = 1,
): Promise<void> {
  const metrics = tallyMetrics.filter((m) => delta[m]);
  if (metrics.length === 0) return;
  const day = shanghaiDate(new Date(at));
  const values = Object.fromEntries(
    metrics.map((m) => [m, sign * (delta[m] as number)]),
  ) as Partial<CaseTally>;
  const dimRows: [string, string][] = [["", ""]];
  if (dims)
    dimRows.push(
      ["category", dims.category],
      ["type", dims.type],
      ["source", dims.source],
      ["industry", dims.industry],
    );
  const rows: StepRow[] = [];
  for (const code of tallyLevels(regionCode))
    for (const [grain, period] of [
      ["d", day],
      ["m", day.slice(0, 7)],
    ] as const)
      for (const [dim, dimValue] of dimRows)
        rows.push({ regionCode: code, level: code.length, grain, period, dim, dimValue, ...values });
  const later = deferred(tx, "case_tally", () => new TallyWrites());
  if (later) later.add(rows);
  else {
    await upsertTally(tx, rows, metrics);
    await forgetDayTotals(tx, [day]);
  }
}

/**
 * Forgets the provinces' and cities' kept totals of days a step was just counted on (normally none: a step
 * is counted on its command's day, which is never settled; a clock set back, a test's or an operator's,
 * would otherwise leave a kept day short). Runs in the step's transaction.
 */
export async function forgetDayTotals(tx: Tx, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  await tx
    .deleteFrom("caseDayTotal")
    .where("day", "in", [...days])
    .execute();
}

async function upsertTally(tx: Tx, rows: StepRow[], metrics: readonly TallyMetric[]) {
  const set = Object.fromEntries(
    metrics.map((m) => [m, sql`case_tally.${sql.ref(snake(m))} + excluded.${sql.ref(snake(m))}`]),
  );
  // The parameters in one canonical order (key columns, then the counters in `metrics` order): the cached
  // statement is kept only if Kysely's own parameters came out in exactly this order (db/compiled-queries).
  const params: unknown[] = [];
  for (const r of rows)
    params.push(r.regionCode, r.level, r.grain, r.period, r.dim, r.dimValue, ...metrics.map((m) => r[m]));
  // Every case step (or a group commit's end) runs this: built once per shape (counters and row count).
  await runCompiled(tx, `tally|${metrics.join(",")}|${rows.length}`, params, () =>
    tx
      .insertInto("caseTally")
      .values(rows as CaseTallyTable[])
      .onConflict((oc) =>
        oc.columns(["regionCode", "grain", "dim", "period", "dimValue"]).doUpdateSet(set as never),
      ),
  );
}

const rowKey = (r: StepRow) => `${r.regionCode}|${r.grain}|${r.dim}|${r.period}|${r.dimValue}`;
/** Counts only (no hours): adding such rows together first gives exactly what adding them one by one does. */
const countsOnly = (r: StepRow) => hourMetrics.every((m) => !r[m]);

/**
 * The rollup rows of a group commit, written at its end. One statement cannot update a row twice, so rows
 * of one key are added together when both hold counts only (integers: exact in any order); a row with
 * hours goes to a later statement, so every row still receives its additions in the commands' order.
 */
class TallyWrites implements DeferredWrites {
  private layers: Map<string, StepRow>[] = [];
  add(rows: StepRow[]) {
    for (const row of rows) {
      const key = rowKey(row);
      let placed = false;
      for (const layer of this.layers) {
        const there = layer.get(key);
        if (!there) {
          layer.set(key, { ...row });
          placed = true;
          break;
        }
        if (countsOnly(there) && countsOnly(row)) {
          for (const m of tallyMetrics) if (row[m]) there[m] = (there[m] ?? 0) + (row[m] as number);
          placed = true;
          break;
        }
      }
      if (!placed) this.layers.push(new Map([[key, { ...row }]]));
    }
  }
  async flush(tx: Tx) {
    const days = new Set<string>();
    for (const layer of this.layers) for (const r of layer.values()) if (r.grain === "d") days.add(r.period!);
    await forgetDayTotals(tx, [...days]);
    for (const layer of this.layers) {
      const rows = [...layer.values()];
      const metrics = tallyMetrics.filter((m) => rows.some((r) => r[m]));
      if (metrics.length === 0) continue;
      // Every row names the same columns (a multi-row insert takes one column list): absent counters are 0.
      for (const r of rows) for (const m of metrics) r[m] ??= 0;
      for (let i = 0; i < rows.length; i += 200) await upsertTally(tx, rows.slice(i, i + 200), metrics);
    }
  }
}

/** Bumps a case's count of late steps (same transaction as the step). */
export async function addLateStep(tx: Tx, caseId: string): Promise<void> {
  await tx
    .updateTable("caseRecord")
    .set({ lateSteps: sql`late_steps + 1` })
    .where("id", "=", caseId)
    .execute();
}

export interface TallyRow extends CaseTally {
  regionCode: string;
  period: string;
  dimValue: string;
}

const sums = (m: TallyMetric) => sql<number>`sum(${sql.ref(snake(m))})`.as(m);

function numeric(r: Record<string, unknown>): CaseTally {
  const t = emptyTally();
  for (const m of tallyMetrics) t[m] = Number(r[m] ?? 0);
  return t;
}

/** Where a period is read from: whole months and loose days. */
export interface TallySpan {
  months: string[];
  days: string[];
}

/**
 * The region's counters over a span, grouped by `group`: "total" (one row), "dim" (per value of `dim`),
 * "child" (per sub-region of `childLevel`), "day" (per day, days only).
 */
export async function readTally(
  db: Tx,
  q: {
    regionCode: string;
    span: TallySpan;
    group: "total" | "dim" | "child" | "day";
    dim?: string;
    childLevel?: number;
    /** The counters wanted (default all); the others answer 0. */
    metrics?: readonly TallyMetric[];
  },
): Promise<TallyRow[]> {
  const metrics = q.metrics ?? tallyMetrics;
  const parts: { grain: "d" | "m"; periods: string[] }[] = [];
  if (q.span.months.length) parts.push({ grain: "m", periods: q.span.months });
  if (q.span.days.length) parts.push({ grain: "d", periods: q.span.days });
  const out = new Map<string, TallyRow>();
  // A province or a city is read from its counties' rows (see `tallyLevels`).
  const from = (level: number) => Math.max(level, countyLevel);
  const childLevel =
    q.childLevel ?? ({ 2: 4, 4: 6, 6: 9 } as Record<number, number>)[q.regionCode.length] ?? 12;
  for (const part of parts) {
    let s = db
      .selectFrom("caseTally")
      .where("grain", "=", part.grain)
      .where("period", "in", part.periods)
      .where("dim", "=", q.group === "dim" ? (q.dim ?? "") : "");
    // Rows of the regions under the prefix at one level: their codes are all `level` digits long, so a range
    // of equal-length digit strings (same order under every collation) that the index (grain, dim, level,
    // region_code) can seek — a LIKE prefix could not (a county's townships were read by scanning every
    // township of the province).
    const under = (level: number) =>
      s
        .where("level", "=", level)
        .where("regionCode", ">=", q.regionCode.padEnd(level, "0"))
        .where("regionCode", "<=", q.regionCode.padEnd(level, "9"));
    if (q.group === "child") s = under(from(childLevel));
    else if (q.regionCode.length < countyLevel) s = under(countyLevel);
    else s = s.where("regionCode", "=", q.regionCode);
    const key =
      q.group === "child"
        ? childLevel < countyLevel
          ? sql<string>`substr(${sql.ref("regionCode")}, 1, ${sql.lit(Math.trunc(childLevel))})`
          : sql.ref("regionCode")
        : q.group === "dim"
          ? sql.ref("dimValue")
          : q.group === "day"
            ? sql.ref("period")
            : null;
    const rows = await (key
      ? s.select([key.as("k"), ...metrics.map(sums)]).groupBy(key)
      : s.select([sql<string>`''`.as("k"), ...metrics.map(sums)])
    ).execute();
    for (const r of rows as Record<string, unknown>[]) {
      const k = String(r.k ?? "");
      if (key === null && r[metrics[0]] === null) continue;
      const t = numeric(r);
      const prev = out.get(k);
      if (prev) for (const m of tallyMetrics) prev[m] += t[m];
      else
        out.set(k, {
          ...t,
          regionCode: q.group === "child" ? k : q.regionCode,
          period: q.group === "day" ? k : "",
          dimValue: q.group === "dim" ? k : "",
        });
    }
  }
  return [...out.values()];
}

/** Every row of the rollup (the property test and the bench compare it with a recount). */
export async function allTallyRows(db: Tx): Promise<CaseTallyTable[]> {
  const rows = await db.selectFrom("caseTally").selectAll().execute();
  return rows.map((r) => ({ ...r, ...numeric(r as never), level: Number(r.level) }));
}

export interface CaseStepRow {
  caseId: string;
  action: string;
  at: string;
  data: string;
  regionCode: string;
  reportedAt: string;
}

/** A page of case events in trail order with the case's region (the recount reads the trail). */
export async function caseStepsAfter(
  db: Tx,
  afterId: number,
  limit: number,
): Promise<(CaseStepRow & { id: number })[]> {
  const rows = await db
    .selectFrom("event as e")
    .innerJoin("caseRecord as c", "c.id", "e.subjectId")
    .where("e.subjectType", "=", "case")
    .where("e.id", ">", afterId as never)
    .select(["e.id", "e.subjectId as caseId", "e.action", "e.at", "e.data", "c.regionCode", "c.reportedAt"])
    .orderBy("e.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...(r as unknown as CaseStepRow), id: Number(r.id) }));
}

export type { OpenCaseItem };

/** Open cases of a region that are overdue or escalated, nearest deadline first (index-led, limited). */
export async function openCaseList(
  db: Tx,
  regionCode: string,
  kind: "overdue" | "escalated",
  limit: number,
): Promise<OpenCaseItem[]> {
  let q = db
    .selectFrom("caseRecord")
    .select([
      "id",
      "number",
      "stage",
      "type",
      "category",
      "regionCode",
      "deadline",
      "reportedAt",
      "escalationCount",
    ])
    // literals: the escalated list's partial index (case_county_escalated_idx) is proved by them
    .where("open", "=", sql.lit(1))
    .where("regionCode", "like", `${regionCode}%`);
  // A county or township: its county's open cases by deadline (case_county_open_idx, or for the escalated
  // list case_county_escalated_idx) — without this the planner walked every overdue case of the province in
  // deadline order to find a township's ten.
  if (regionCode.length >= 6) q = q.where("countyCode", "=", regionCode.slice(0, 6));
  q = kind === "overdue" ? q.where("deadlineState", "=", "overdue") : q.where("escalated", "=", sql.lit(1));
  return q.orderBy("deadline").limit(limit).execute() as Promise<OpenCaseItem[]>;
}

export interface StepItem {
  eventId: number;
  caseId: string;
  number: string;
  action: string;
  at: string;
  data: string;
  regionCode: string;
  category: string;
  type: string;
}

/** Which of the steps a figure counts, beyond their actions (the same rules as `tallyOfStep`). */
export type StepFilter = "late" | "recurring" | "reworked" | "escalated";

/**
 * The case steps behind a figure: events of `actions` in the region and period (Shanghai-day bounds),
 * newest first; `only` and `industry` select in SQL the ones the figure counts (late against the step's due
 * time, a recurring report, a failed re-check, an escalation or a report that escalates; a report of that
 * GB/T 4754 section, "" for none), so a limited list holds the newest of those, not of all the steps.
 */
export async function stepsOf(
  db: Tx,
  q: {
    regionCode: string;
    actions: string[];
    from: string;
    to: string;
    limit: number;
    only?: StepFilter;
    industry?: string;
  },
): Promise<StepItem[]> {
  const d = eventSql(dialectOf(db) === "postgres", { inline: true });
  let s = db
    .selectFrom("event as e")
    .innerJoin("caseRecord as c", "c.id", "e.subjectId")
    .where("e.subjectType", "=", "case")
    .where("e.action", "in", q.actions)
    .where("e.regionCode", "like", `${q.regionCode}%`)
    .where("e.at", ">=", q.from)
    .where("e.at", "<", q.to);
  // The same expressions as the rollup's recount (case-tally-rebuild-queries.ts), so the rows are what it counts.
  if (q.only === "late") s = s.where(sql<boolean>`${d.due("e")} is not null and e.at > ${d.due("e")}`);
  if (q.only === "recurring") s = s.where(sql<boolean>`${d.isTrue("recurring")} = 1`);
  if (q.only === "reworked") s = s.where(sql<boolean>`${d.isFalse("passed")} = 1`);
  if (q.only === "escalated")
    s = s.where(
      sql<boolean>`(e.action <> 'case.reported' or ${d.isTrue("recurring")} = 1 or ${d.isTrue("listedForSupervision")} = 1)`,
    );
  if (q.industry !== undefined) s = s.where(sql<boolean>`${d.textOrEmpty("industry")} = ${q.industry}`);
  const rows = await s
    .select([
      "e.id as eventId",
      "e.subjectId as caseId",
      "c.number",
      "e.action",
      "e.at",
      "e.data",
      "c.regionCode",
      "c.category",
      "c.type",
    ])
    .orderBy("e.id", "desc")
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({ ...(r as unknown as StepItem), eventId: Number(r.eventId) }));
}
