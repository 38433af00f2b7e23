import type { ExpressionBuilder, SelectQueryBuilder } from "kysely";
import type { Actor } from "../../domain/auth/actor";
import { departmentRoles, officeRoles } from "../../domain/auth/roles";
import { ruleOf } from "../../domain/policies/access-table";
import { scopePrefixes } from "../../domain/policies/policy-term";
import type { Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type { DB } from "../schema";

export const caseQueues = [
  "all",
  "to_triage",
  "to_accept",
  "to_handle",
  "to_approve",
  "to_recheck",
  "to_close",
  "overdue",
  "escalated",
  "mine",
] as const;
export type CaseQueue = (typeof caseQueues)[number];

export interface CaseListFilter {
  queue?: CaseQueue;
  stage?: string[];
  type?: string;
  category?: string;
  source?: string;
  region?: string;
  grid?: string;
  siteId?: string;
  department?: string;
  deadlineState?: "on_time" | "due_soon" | "overdue";
  escalated?: boolean;
  q?: string;
  reportedFrom?: string;
  reportedTo?: string;
  sort?: "deadline" | "reportedAt" | "-reportedAt";
  page?: number;
  pageSize?: number;
}

type Q = SelectQueryBuilder<DB, "caseRecord", object>;
type Eb = ExpressionBuilder<DB, "caseRecord">;
type ListActor = Pick<Actor, "id" | "role" | "scope" | "departmentId">;

const fieldRoles = ["grid_worker", "committee_member", "township_station"];
const isOffice = (a: ListActor) => officeRoles.includes(a.role);
const dep = (a: ListActor) => a.departmentId ?? "\u0000none";

/**
 * The next code after every code starting with `prefix` ("620123" -> "620124"): lets a single-prefix
 * scope also be written as a range the region index can use (LIKE alone is not indexable in SQLite).
 */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * The case read rule of the access table compiled to SQL (the same rule `casePolicy.read` decides on one
 * case, so list, export and read agree), plus, on top, the same jurisdiction written as index-friendly
 * range and county conditions (every case rule starts with the region, so they narrow nothing).
 */
function readable(q: Q, actor: ListActor): Q {
  let out = q.where((eb) => policyFilter(eb, ruleOf("case", "read"), actor, "caseRecord"));
  const prefixes = scopePrefixes(actor);
  if (prefixes.length === 1) {
    out = out
      .where("caseRecord.regionCode", ">=", prefixes[0])
      .where("caseRecord.regionCode", "<", prefixEnd(prefixes[0]));
    // Within one county the county column (indexed with open and deadline) says the same, indexably.
    if (prefixes[0].length >= 6) out = out.where("caseRecord.countyCode", "=", prefixes[0].slice(0, 6));
  }
  return out;
}

function queue(q: Q, actor: ListActor, name: CaseQueue, now: string): Q {
  const isDep = departmentRoles.includes(actor.role);
  switch (name) {
    case "all":
      return q;
    case "to_triage":
      q = q.where("stage", "in", ["reported", "triaged"]);
      return isOffice(actor) ? q : q.where("leadDepartmentId", "=", dep(actor));
    case "to_accept":
      q = q.where("stage", "=", "dispatched");
      return isOffice(actor) ? q : q.where("ownerDepartmentId", "=", dep(actor));
    case "to_handle":
      q = q.where("stage", "=", "handling");
      return isOffice(actor) ? q : q.where("ownerDepartmentId", "=", dep(actor));
    case "to_approve":
      return q.where("stage", "=", "handling").where("parkPending", "=", 1);
    case "to_recheck":
      q = q.where("stage", "=", "awaiting_recheck");
      if (fieldRoles.includes(actor.role) || isOffice(actor)) return q;
      return q.where("leadDepartmentId", "=", dep(actor));
    case "to_close":
      q = q.where("stage", "=", "rechecked");
      return isOffice(actor) ? q : q.where("leadDepartmentId", "=", dep(actor));
    case "overdue":
      q = q.where("open", "=", 1).where("deadline", "<", now);
      return isDep ? q.where("ownerDepartmentId", "=", dep(actor)) : q;
    case "escalated":
      return q.where("escalated", "=", 1).where("open", "=", 1);
    case "mine":
      return q.where((eb: Eb) => eb.or([eb("reporterId", "=", actor.id), eb("handlerId", "=", actor.id)]));
  }
}

const hours4 = 4 * 3_600_000;

function filters(q: Q, f: CaseListFilter, now: Date): Q {
  if (f.stage?.length) q = q.where("stage", "in", f.stage);
  if (f.type) q = q.where("type", "=", f.type);
  if (f.category) q = q.where("category", "=", f.category);
  if (f.source) q = q.where("source", "=", f.source);
  if (f.region) q = q.where("regionCode", "like", `${f.region.replace(/\D/g, "")}%`);
  if (f.grid) q = q.where("gridCode", "=", f.grid);
  if (f.siteId) q = q.where("siteId", "=", f.siteId);
  if (f.department) q = q.where("ownerDepartmentId", "=", f.department);
  if (f.escalated !== undefined) q = q.where("escalated", "=", f.escalated ? 1 : 0);
  if (f.reportedFrom) q = q.where("reportedAt", ">=", new Date(f.reportedFrom).toISOString());
  if (f.reportedTo) q = q.where("reportedAt", "<=", new Date(f.reportedTo).toISOString());
  if (f.deadlineState) {
    const iso = now.toISOString();
    const soon = new Date(now.getTime() + hours4).toISOString();
    q = q.where("open", "=", 1).where("deadline", "is not", null);
    if (f.deadlineState === "overdue") q = q.where("deadline", "<", iso);
    else if (f.deadlineState === "due_soon") q = q.where("deadline", ">=", iso).where("deadline", "<=", soon);
    else q = q.where("deadline", ">", soon);
  }
  if (f.q) {
    const text = f.q.trim();
    if (/^\d{6}-\d{4}-\d{6}$/.test(text)) q = q.where("number", "=", text);
    else q = q.where("description", "like", `%${text.replace(/[%_]/g, "")}%`);
  }
  return q;
}

/** The case list's query (read rule, queue, filters) before selection: counts elsewhere build on it. */
export function caseListBase(db: Tx, actor: ListActor, f: CaseListFilter, now: Date): Q {
  return base(db, actor, f, now);
}

function base(db: Tx, actor: ListActor, f: CaseListFilter, now: Date): Q {
  const q = readable(db.selectFrom("caseRecord"), actor);
  return filters(queue(q, actor, f.queue ?? "all", now.toISOString()), f, now);
}

/** One page of cases the actor may read, with the total (counted up to `countCap`). */
export async function listCases(db: Tx, actor: ListActor, f: CaseListFilter, now: Date, countCap = 10_000) {
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  let q = base(db, actor, f, now).selectAll("caseRecord");
  const sort = f.sort ?? "deadline";
  if (sort === "deadline") q = q.orderBy("deadline").orderBy("reportedAt", "desc");
  else q = q.orderBy("reportedAt", sort === "-reportedAt" ? "desc" : "asc");
  const items = await q
    .orderBy("id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = await countCases(db, actor, f, now, countCap);
  return { items, total, page, pageSize };
}

/** Count of a list (capped: a queue badge does not need to count past the cap). */
export async function countCases(db: Tx, actor: ListActor, f: CaseListFilter, now: Date, cap = 10_000) {
  const inner = base(db, actor, f, now).select("caseRecord.id").limit(cap);
  const row = await db
    .selectFrom(inner.as("c"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every row of a list (for the .xlsx export), in deadline order, up to `limit`. */
/**
 * The list's cases for export in batches of `batch` (at most `limit` in all), in the list's order with the id
 * as the last key so pages neither skip nor repeat a row: memory holds one batch, not the whole list.
 */
export async function* iterateCases(
  db: Tx,
  actor: ListActor,
  f: CaseListFilter,
  now: Date,
  limit: number,
  batch = 1000,
) {
  for (let offset = 0; offset < limit; offset += batch) {
    const rows = await base(db, actor, f, now)
      .selectAll("caseRecord")
      .orderBy("deadline")
      .orderBy("reportedAt", "desc")
      .orderBy("caseRecord.id")
      .limit(Math.min(batch, limit - offset))
      .offset(offset)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < Math.min(batch, limit - offset)) return;
  }
}

/** The queues that make sense for a role (the console's badges). */
export function queuesFor(actor: Pick<Actor, "role">): CaseQueue[] {
  switch (actor.role) {
    case "lead_department":
      return [
        "to_triage",
        "to_accept",
        "to_handle",
        "to_recheck",
        "to_close",
        "overdue",
        "escalated",
        "mine",
        "all",
      ];
    case "cooperating_department":
      return ["to_accept", "to_handle", "overdue", "mine", "all"];
    case "township_station":
    case "grid_worker":
    case "committee_member":
      return ["to_recheck", "overdue", "mine", "all"];
    case "province_office":
    case "city_office":
    case "county_office":
      return ["to_approve", "overdue", "escalated", "to_triage", "mine", "all"];
    case "service_provider":
      return ["mine", "all"];
    default:
      return ["all"];
  }
}
