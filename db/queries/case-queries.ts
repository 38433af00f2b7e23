import { sql } from "kysely";
import type { Case, CaseStage } from "../../domain/case/case-types";
import { finalStages } from "../../domain/case/case-types";
import { firstCompiled, insertRows } from "../compiled-queries";
import { dialectOf, type Tx } from "../db";
import type { CaseRecordTable } from "../schema/case-tables";
import { type DeferredWrites, deferRows, deferred, defersRows, pendingRows } from "../tx-deferred";
import { lockedChains } from "./event-queries";

export type CaseRow = CaseRecordTable;

const json = <T>(v: string | null): T | null => (v === null ? null : (JSON.parse(v) as T));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/** A stored row as the domain's `Case`. */
export function rowToCase(r: CaseRow): Case {
  return {
    id: r.id,
    number: r.number,
    stage: r.stage as CaseStage,
    source: r.source as Case["source"],
    type: r.type as Case["type"],
    category: r.category,
    description: r.description,
    regionCode: r.regionCode,
    gridCode: r.gridCode,
    siteId: r.siteId,
    location: r.lng === null || r.lat === null ? null : { lng: Number(r.lng), lat: Number(r.lat) },
    evidenceIds: JSON.parse(r.evidenceIds) as string[],
    reporterId: r.reporterId,
    reportedAt: r.reportedAt,
    leadDepartmentId: r.leadDepartmentId,
    ownerDepartmentId: r.ownerDepartmentId,
    suggestedDepartmentId: r.suggestedDepartmentId,
    handlerId: r.handlerId,
    stageEnteredAt: r.stageEnteredAt,
    deadline: r.deadline,
    reworkCount: r.reworkCount,
    returnCount: r.returnCount,
    reopenCount: r.reopenCount,
    escalated: r.escalated === 1,
    escalationCount: r.escalationCount,
    parkRequest: json(r.parkRequest),
    plan: json(r.plan),
    remediation: r.remediation as Case["remediation"],
    lastFeedbackAt: r.lastFeedbackAt,
    lastFeedbackBy: r.lastFeedbackBy,
    lastRecheck: json(r.lastRecheck),
    onsiteAcceptance: json(r.onsiteAcceptance),
    rejectReason: r.rejectReason,
    mergedInto: r.mergedInto,
    closeReason: r.closeReason as Case["closeReason"],
    resolution: r.resolution as Case["resolution"],
    closedAt: r.closedAt,
  };
}

/** The columns a (partial) domain case change writes. */
export function caseToColumns(c: Partial<Case>): Partial<CaseRow> {
  const out: Partial<CaseRow> = {};
  const set = <K extends keyof CaseRow>(k: K, v: CaseRow[K]) => {
    out[k] = v;
  };
  for (const [key, value] of Object.entries(c) as [keyof Case, unknown][]) {
    switch (key) {
      case "location": {
        const p = value as Case["location"];
        set("lng", p?.lng ?? null);
        set("lat", p?.lat ?? null);
        break;
      }
      case "evidenceIds":
        set("evidenceIds", JSON.stringify(value));
        break;
      case "escalated":
        set("escalated", value ? 1 : 0);
        break;
      case "parkRequest":
        set("parkRequest", str(value));
        set("parkPending", value ? 1 : 0);
        break;
      case "plan":
      case "lastRecheck":
      case "onsiteAcceptance":
        set(key, str(value));
        break;
      case "stage":
        set("stage", value as string);
        set("open", finalStages.includes(value as CaseStage) ? 0 : 1);
        break;
      case "deadline":
        set("deadline", value as string | null);
        set("deadlineState", value ? "on_time" : "none");
        set("recheckRemindedAt", null);
        break;
      default:
        (out as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

export interface CaseExtras {
  countyCode: string;
  recurring: boolean;
  escalationLevel: number | null;
  at: string;
}

/** Inserts a new case and returns the stored row. */
export async function insertCase(db: Tx, kase: Case, extras: CaseExtras): Promise<CaseRow> {
  // Object.assign, not a spread: V8 builds this ~45-field row from a spread several times slower.
  const row = Object.assign(caseToColumns(kase), {
    countyCode: extras.countyCode,
    recurring: extras.recurring ? 1 : 0,
    escalationLevel: extras.escalationLevel,
    version: 1,
    createdAt: extras.at,
    updatedAt: extras.at,
  }) as CaseRow;
  // In a PostgreSQL group commit the batch's new cases go in one statement before its commit.
  if (!deferRows(db, "caseRecord", [row], (tx, rows) => insertRows(tx, "caseRecord", rows)))
    await insertRows(db, "caseRecord", [row]);
  return row;
}

function isPostgres(db: Tx): boolean {
  return dialectOf(db) === "postgres";
}

/** One case by id; `lock` takes the row lock on PostgreSQL (SQLite transactions are serialised already). */
export function findCaseRow(db: Tx, id: string, lock = false): Promise<CaseRow | undefined> {
  let q = db.selectFrom("caseRecord").selectAll().where("id", "=", id);
  if (lock && isPostgres(db)) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** A case's region (fixed for its life), read outside the transaction to name its trail chain. */
export async function findCaseRegion(db: Tx, id: string): Promise<string | undefined> {
  const row = await db.selectFrom("caseRecord").select("regionCode").where("id", "=", id).executeTakeFirst();
  return row?.regionCode;
}

export function findCaseByNumber(db: Tx, number: string): Promise<CaseRow | undefined> {
  return db.selectFrom("caseRecord").selectAll().where("number", "=", number).executeTakeFirst();
}

/**
 * Writes a change only if the row still has `version` (optimistic check under the lock); returns false
 * when another writer got there first.
 */
export async function updateCaseVersioned(
  db: Tx,
  id: string,
  version: number,
  patch: Partial<CaseRow>,
  at: string,
): Promise<boolean> {
  const res = await db
    .updateTable("caseRecord")
    .set({ ...patch, version: version + 1, updatedAt: at })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Allocates the next sequence number of a county and year (the row is locked until commit). */
export async function nextCaseSeq(db: Tx, countyCode: string, year: number): Promise<number> {
  if (defersRows(db)) return numbersOf(db).next(db, countyCode, year);
  const row = await firstCompiled(db, "caseNumberSeq.next", [countyCode, year, 1], () =>
    db
      .insertInto("caseNumberSeq")
      .values({ countyCode, year, lastSeq: 1 })
      .onConflict((oc) =>
        oc.columns(["countyCode", "year"]).doUpdateSet({ lastSeq: sql`case_number_seq.last_seq + 1` }),
      )
      .returning("lastSeq"),
  );
  return Number(row!.lastSeq);
}

/** Reported-at times of cases about the same site and category since `since` (recurrence). */
export async function siteCategoryTimes(db: Tx, siteId: string, category: string, since: string) {
  const rows = await db
    .selectFrom("caseRecord")
    .select("reportedAt")
    .where("siteId", "=", siteId)
    .where("category", "=", category)
    .where("reportedAt", ">", since)
    .execute();
  // Cases reported earlier in the same group commit, not written yet (see `insertCase`).
  const waiting = pendingRows<CaseRow>(db, "caseRecord").filter(
    (r) => r.siteId === siteId && r.category === category && r.reportedAt > since,
  );
  return [...rows, ...waiting].map((r) => r.reportedAt);
}

/** Whether this county has any case (the demo's "already made" check). */
export async function anyCaseInCounty(db: Tx, countyCode: string): Promise<boolean> {
  const rows = await db
    .selectFrom("caseRecord")
    .select("id")
    .where("countyCode", "=", countyCode)
    .limit(1)
    .execute();
  return rows.length > 0;
}

/** The lowest-numbered case under a region in a stage (a stable pick for demo data). */
export const firstCaseInStage = (db: Tx, prefix: string, stage: CaseStage) =>
  db
    .selectFrom("caseRecord")
    .select("id")
    .where("regionCode", "like", `${prefix}%`)
    .where("stage", "=", stage)
    .orderBy("number")
    .limit(1)
    .executeTakeFirst();

/**
 * Case numbers in a PostgreSQL group commit: the counter rows of the batch's counties (its locked county
 * chains) are locked and read in one statement at the first number (`… do update set last_seq = last_seq`:
 * the row locks are held to the commit, so no other process numbers in those counties meanwhile), numbers
 * are counted on in memory, and the new last numbers are written in one statement before the commit: two
 * round trips per batch instead of one per case. The numbers are those one increment per case would give.
 */
class CaseNumbers implements DeferredWrites {
  private last = new Map<string, { seq: number; read: number }>();
  async next(tx: Tx, countyCode: string, year: number): Promise<number> {
    const key = `${countyCode}|${year}`;
    if (!this.last.has(key)) {
      const counties = [
        ...new Set([countyCode, ...lockedChains(tx).filter((c) => /^\d{6}$/.test(c))]),
      ].sort();
      const { rows } = await sql<{ countyCode: string; lastSeq: number | string }>`
        insert into case_number_seq (county_code, year, last_seq)
        select c, ${year}, 0 from unnest(${counties}::text[]) as c
        on conflict (county_code, year) do update set last_seq = case_number_seq.last_seq
        returning county_code as "countyCode", last_seq as "lastSeq"`.execute(tx);
      for (const r of rows) {
        const seq = Number(r.lastSeq);
        this.last.set(`${r.countyCode}|${year}`, { seq, read: seq });
      }
    }
    const c = this.last.get(key)!;
    c.seq += 1;
    return c.seq;
  }
  async flush(tx: Tx) {
    const changed = [...this.last].filter(([, c]) => c.seq !== c.read);
    if (changed.length === 0) return;
    const keys = changed.map(([k]) => k.split("|"));
    await sql`
      update case_number_seq as s set last_seq = v.seq
      from unnest(${keys.map((k) => k[0])}::text[], ${keys.map((k) => Number(k[1]))}::int[],
                  ${changed.map(([, c]) => c.seq)}::int[]) as v(county_code, year, seq)
      where s.county_code = v.county_code and s.year = v.year`.execute(tx);
  }
}

const numbersOf = (tx: Tx) => deferred(tx, "case_number_seq", () => new CaseNumbers()) as CaseNumbers;
