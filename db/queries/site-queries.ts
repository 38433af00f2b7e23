import { CompiledQuery, type SelectQueryBuilder } from "kysely";
import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import { siteSearchGrams, siteSearchText } from "../../domain/site/site-search";
import { dialectOf, type Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type { DB } from "../schema";
import type { NewSiteRow, SiteTable } from "../schema/grid-tables";
import { searchPath, textSearch } from "./site-search-queries";

export type SiteRow = SiteTable & {
  gridCode: string | null;
  gridName: string | null;
  workerName: string | null;
  departmentName: string | null;
  regionName: string | null;
};

function selectSites(db: Tx) {
  return db
    .selectFrom("site")
    .leftJoin("grid", "grid.id", "site.gridId")
    .leftJoin("appUser as worker", "worker.id", "site.workerId")
    .leftJoin("department", "department.id", "site.departmentId")
    .leftJoin("region", "region.code", "site.regionCode")
    .selectAll("site")
    .select([
      "grid.code as gridCode",
      "grid.name as gridName",
      "worker.displayName as workerName",
      "department.name as departmentName",
      "region.name as regionName",
    ]);
}

export function findSite(db: Tx, id: string): Promise<SiteRow | undefined> {
  return selectSites(db).where("site.id", "=", id).executeTakeFirst();
}

export function findSiteByUscc(db: Tx, uscc: string) {
  return db
    .selectFrom("site")
    .select(["id", "name", "regionCode"])
    .where("uscc", "=", uscc)
    .executeTakeFirst();
}

/** Which of these codes are already registered (checked in batches). */
export async function registeredUsccs(db: Tx, codes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db
      .selectFrom("site")
      .select("uscc")
      .where("uscc", "in", codes.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.uscc) found.add(r.uscc);
  }
  return found;
}

export interface SiteFilterRow {
  region?: string;
  kind?: string;
  riskLevel?: string;
  status?: string;
  industry?: string;
  gridId?: string;
  q?: string;
  direct?: boolean;
  gap?: "no_grid" | "outside_grids" | "no_location" | "no_worker" | "no_department";
}

// biome-ignore lint/suspicious/noExplicitAny: the joined select's row type
type SiteQuery = SelectQueryBuilder<DB & Record<string, any>, "site", any>;

/** Applies the list filters; every caller starts from the access table's site read rule for the actor. */
export function filterSites<Q extends SiteQuery>(q: Q, actor: PolicyActor, f: SiteFilterRow): Q {
  let out = q.where((eb) => policyFilter(eb, ruleOf("site", "read"), actor, "site")) as Q;
  if (f.region) out = out.where("site.regionCode", "like", `${f.region}%`) as Q;
  if (f.kind) out = out.where("site.kind", "=", f.kind) as Q;
  if (f.riskLevel) out = out.where("site.riskLevel", "=", f.riskLevel) as Q;
  if (f.status) out = out.where("site.status", "=", f.status) as Q;
  if (f.industry) out = out.where("site.industryCode", "like", `${f.industry}%`) as Q;
  if (f.gridId) out = out.where("site.gridId", "=", f.gridId) as Q;
  if (f.direct !== undefined) out = out.where("site.direct", "=", f.direct ? 1 : 0) as Q;
  if (f.gap) {
    out = out.where("site.direct", "=", 0).where("site.status", "!=", "closed") as Q;
    if (f.gap === "no_grid") out = out.where("site.gridId", "is", null) as Q;
    if (f.gap === "outside_grids")
      out = out.where("site.gridId", "is", null).where("site.gridRule", "=", "outside_grids") as Q;
    if (f.gap === "no_location") out = out.where("site.lon", "is", null) as Q;
    if (f.gap === "no_worker") out = out.where("site.workerId", "is", null) as Q;
    if (f.gap === "no_department") out = out.where("site.departmentId", "is", null) as Q;
  }
  return out;
}

/** The filters and the text search on `q` (the search's way chosen by a probe of the gram index). */
async function searchSites<Q extends SiteQuery>(
  db: Tx,
  q: Q,
  actor: PolicyActor,
  f: SiteFilterRow,
): Promise<Q> {
  const out = filterSites(q, actor, f);
  if (!f.q) return out;
  const text = f.q;
  const path = await searchPath(db, text);
  return out.where((eb) => textSearch(eb, text, dialectOf(db), path)) as Q;
}

/**
 * A page of the filtered sites and their number. The page is chosen on `site` alone (ids in the list's
 * order: region, name, id), then those rows are read with their joins: sorting keys, not whole rows.
 */
export async function listSites(
  db: Tx,
  actor: PolicyActor,
  f: SiteFilterRow & { page: number; pageSize: number },
) {
  const q = await searchSites(db, db.selectFrom("site") as unknown as SiteQuery, actor, f);
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const ids = (
    (await q
      .select("site.id")
      .orderBy("site.regionCode")
      .orderBy("site.name")
      .orderBy("site.id")
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute()) as { id: string }[]
  ).map((r) => r.id);
  const rows = ids.length ? await selectSites(db).where("site.id", "in", ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r as SiteRow]));
  const items = ids.map((id) => byId.get(id)).filter((r): r is SiteRow => r !== undefined);
  return { items, total: Number((total as { n: number }).n) };
}

/** Filtered sites in batches of `batch`, for export (keyset on id, so memory stays flat). */
export async function* iterateSites(db: Tx, actor: PolicyActor, f: SiteFilterRow, batch = 2000) {
  let after = "";
  const path = f.q ? await searchPath(db, f.q) : "scan";
  for (;;) {
    let q = filterSites(selectSites(db) as unknown as SiteQuery, actor, f);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => textSearch(eb, text, dialectOf(db), path));
    }
    const rows = (await q
      .where("site.id", ">", after)
      .orderBy("site.id")
      .limit(batch)
      .execute()) as SiteRow[];
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].id;
  }
}

/** Sites in a region (all statuses but closed), assignment fields only, for reassignment. */
export function listRegionSitesForAssignment(db: Tx, prefix: string) {
  return db
    .selectFrom("site")
    .selectAll()
    .where("regionCode", "like", `${prefix}%`)
    .where("status", "!=", "closed")
    .orderBy("id")
    .execute();
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Inserts many rows of one table with precompiled multi-row statements (no query-builder tree per row: for
 * an import of 100,000 sites that tree costs more than the database does). Columns are the keys of the
 * first row, which every row must share; values are bound as parameters, never spliced.
 */
export async function bulkInsert<T extends object>(db: Tx, table: string, rows: T[], batch = 100) {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]) as (keyof T)[];
  const head = `insert into ${table} (${keys.map((k) => `"${snake(String(k))}"`).join(", ")}) values `;
  const postgres = dialectOf(db) === "postgres";
  const statements = new Map<number, string>();
  const statement = (n: number) => {
    let text = statements.get(n);
    if (!text) {
      let p = 0;
      const tuple = () => `(${keys.map(() => (postgres ? `$${++p}` : "?")).join(", ")})`;
      text = head + Array.from({ length: n }, tuple).join(", ");
      statements.set(n, text);
    }
    return text;
  };
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const params: unknown[] = [];
    for (const r of chunk) for (const k of keys) params.push(r[k] ?? null);
    await db.executeQuery(CompiledQuery.raw(statement(chunk.length), params));
  }
}

/** A site row with its search columns derived from its name and address (every write goes through here). */
export function withSearchColumns(row: NewSiteRow): SiteTable {
  return {
    ...row,
    searchText: siteSearchText(row.name, row.address),
    searchGrams: siteSearchGrams(row.name, row.address),
  };
}

export function insertSites(db: Tx, rows: NewSiteRow[], batch = 100) {
  return bulkInsert(db, "site", rows.map(withSearchColumns), batch);
}

/** Updates a site if its version is still `version`; false when it changed meanwhile. */
export async function updateSiteRow(
  db: Tx,
  id: string,
  version: number,
  patch: Partial<NewSiteRow>,
): Promise<boolean> {
  let search = {};
  if (patch.name !== undefined || patch.address !== undefined) {
    // the search columns follow name and address: a change of either carries both
    if (patch.name === undefined || patch.address === undefined)
      throw new Error("updateSiteRow: a patch changing name or address must carry both");
    const { searchText, searchGrams } = withSearchColumns({
      name: patch.name,
      address: patch.address,
    } as NewSiteRow);
    search = { searchText, searchGrams };
  }
  const r = await db
    .updateTable("site")
    .set({ ...patch, ...search, version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether any site lies in this region (the demo's "already made" check). */
/** The first `n` sites under a region by name (stable picks for demo data). */
export const firstSitesUnder = (db: Tx, prefix: string, n: number) =>
  db
    .selectFrom("site")
    .select("id")
    .where("regionCode", "like", `${prefix}%`)
    .orderBy("name")
    .orderBy("id")
    .limit(n)
    .execute();

export async function anySiteUnder(db: Tx, prefix: string): Promise<boolean> {
  return !!(await db
    .selectFrom("site")
    .select("id")
    .where("regionCode", "like", `${prefix}%`)
    .limit(1)
    .executeTakeFirst());
}
