import { createHash, randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { rowToCase } from "../../db/queries/case-queries";
import type { Actor } from "../../domain/auth/actor";
import type { Role } from "../../domain/auth/roles";
import { roles } from "../../domain/auth/roles";
import type { CaseAction } from "../../domain/case/case-types";
import { defaultChecklists } from "../../domain/checklist/default-checklists";
import { accessTable, type Resource } from "../../domain/policies/access-table";
import { evaluate, gateOf, type Term } from "../../domain/policies/policy-term";
import { contactRoles } from "../../domain/policies/site-policy";
import { userPolicy } from "../../domain/policies/user-policy";
import { nationalRewardRules } from "../../domain/tip/reward-rules";
import {
  type AccessWorld,
  boundaryBody,
  rawPhones,
  type Scope,
  scopes,
  seedAccessWorld,
} from "../test/access-world";
import type { ApiContext } from "../test/api-harness";
import { eachApi } from "../test/api-harness";
import { type CaseCell, expectedCaseStatus, stageCaseCells } from "../test/case-action-cells";
import { deliveryProbes } from "../test/delivery-probes";
import { type TestUser, testPassword } from "../test/fixtures";
import { payProbes } from "../test/pay-probes";
import { providerProbes } from "../test/provider-probes";
import { as, jpegBytes, multipart, reportBody, useTempDataDir } from "./case-test-kit";
import { fixtureGrids, multipart as layerUpload, realUscc, siteBody, square } from "./grid-test-fixtures";
import { fileTip, solvedChallenge, tipFields as tipBody, tipMultipart } from "./tip-test-kit";

/**
 * The generated access matrix: every API route × every role × {own scope, another township of the same
 * county, another county}, against real rows, with the expected status computed from the declarative
 * access table (`domain/policies/access-table.ts`), never listed by hand.
 *
 * A probe says which rule of the table a route runs and, for routes on one row, which row of the scope
 * it is tried on. Expected: 403 when the rule's gate refuses the role; 404 when the actor may not read the
 * row; 403 when they may read it but not act on it; otherwise the probe's success status. State changes
 * run on a fresh row per cell (`fresh`) or on the row as it is now, with a body the route's own zod schema
 * parses; the 18 case actions and bulk dispatch on a fresh case staged per cell (server/test/case-action-cells.ts,
 * exact status including 409 `same_person_closure`). DELETE routes of reference rows on a fresh row.
 * The few probes still marked `gateOnly` (sent `{}`, only the gate decided) say why where they are listed.
 */
type Rule = [Resource, string];
interface Probe {
  act: Rule;
  /** Rule that decides 404 (may the actor see the row at all). */
  read?: Rule;
  row?: (w: AccessWorld, s: Scope) => Record<string, unknown> & { id: string };
  url?: (w: AccessWorld, s: Scope) => string;
  body?: (w: AccessWorld, s: Scope, row?: Row) => unknown;
  ok?: number;
  /** A state change tried with an empty body: only the gate is decided. */
  gateOnly?: boolean;
  /** A fresh row per cell (made by the system administrator), so a change never poisons a later cell. */
  fresh?: (ctx: ApiContext, w: AccessWorld, s: Scope, n: number) => Promise<Row>;
  /** Row-level rule beyond the table's (who may grant which role is user-policy.ts's). */
  actCheck?: (actor: Actor, row: Row) => boolean;
  /** A case action: its cells are staged by `stageCaseCells` and expected by `expectedCaseStatus`. */
  caseAction?: CaseAction;
  /** The status a refusal of a new row outside the rule takes when it is not 403. */
  refusedAs?: number;
  /** Bulk dispatch of the cell's fresh triaged case. */
  bulk?: boolean;
  /** A multipart body (file uploads), instead of JSON. */
  multipart?: (w: AccessWorld, s: Scope) => { payload: Buffer; headers: Record<string, string> };
  /** Undo what an allowed cell made (the row it created), so later cells start from the same world. */
  cleanup?: string;
  /** A query string added to the route's URL. */
  query?: string;
}
type Row = Record<string, unknown> & { id: string };

let counter = 0;
const gridBody = (
  w: AccessWorld,
  s: Scope,
  n: number,
  x = 105 + (n % 100) * 0.03,
  y = 37 + Math.floor(n / 100) * 0.03,
) => ({
  regionCode: w.village[s],
  name: `矩阵网格${n}`,
  kind: "village",
  villageCodes: [w.village[s]],
  geometry: { type: "Polygon", coordinates: [square(x, y, x + 0.01, y + 0.01)] },
});
/** Fresh grids side by side in the scope's village (made by the system administrator), for split and merge. */
async function freshGrids(ctx: ApiContext, w: AccessWorld, s: Scope, n: number, count = 1): Promise<Row> {
  const x = 105 + (n % 100) * 0.03;
  const y = 37 + Math.floor(n / 100) * 0.03;
  const first = await made(ctx, "/api/v1/grids", gridBody(w, s, n, x, y));
  const next = count > 1 ? await made(ctx, "/api/v1/grids", gridBody(w, s, n, x + 0.01, y)) : undefined;
  return { ...first, next: next?.id, corner: [x, y] };
}
/** A one-feature GeoJSON grid layer. */
const gridLayer = (w: AccessWorld, s: Scope) => ({
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { MC: "矩阵导入网格", BM: `${w.village[s]}901` },
      geometry: gridBody(w, s, 0).geometry,
    },
  ],
});
/** A row as it is stored now. */
async function current(ctx: ApiContext, table: "site" | "grid", id: string): Promise<Row> {
  return (await ctx.deps.db
    .selectFrom(table)
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow()) as Row;
}
async function made(ctx: ApiContext, url: string, payload: Record<string, unknown>): Promise<Row> {
  const res = await as(ctx, "admin", { method: "POST", url, payload });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Row;
}
/** The township of the scope's grid (printables are made per township or county). */
const townshipOf = (w: AccessWorld, s: Scope) => String(w.grid[s].code).slice(0, 9);
/** Version 1 of the township's handbook, stored once (tests may set rows up directly). */
async function freshHandbook(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<Row> {
  const regionCode = townshipOf(w, s);
  await ctx.deps.db
    .insertInto("handbookVersion")
    .values({
      regionCode,
      version: 1,
      title: "矩阵网格手册",
      source: "正文",
      blocks: JSON.stringify([{ type: "paragraph", runs: [{ text: "正文" }] }]),
      maxPages: 60,
      pages: 7,
      createdBy: w.staffId,
      createdAt: new Date().toISOString(),
    })
    .onConflict((oc) => oc.columns(["regionCode", "version"]).doNothing())
    .execute();
  return { id: `handbook-${regionCode}`, regionCode };
}
/** Per scope, a grid worker serving the scope's grid: the home grid's staff, elsewhere one made once. */
/** Keyed by database and scope: each dialect has its own world (the ids of one are not in the other). */
const cardWorkers = new Map<string, string>();
async function freshCardWorker(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<Row> {
  const key = `${ctx.dialect}:${s}`;
  if (!cardWorkers.has(key)) {
    if (s === "own") cardWorkers.set(key, w.staffId);
    else {
      const user = await made(ctx, "/api/v1/users", {
        username: `card_${s}`,
        displayName: `明白卡网格员${s}`,
        role: "grid_worker",
        scope: [w.village[s]],
        password: testPassword,
      });
      await ctx.deps.db
        .insertInto("gridWorker")
        .values({
          gridId: w.grid[s].id,
          userId: user.id,
          employment: "part_time",
          createdAt: new Date().toISOString(),
        })
        .execute();
      cardWorkers.set(key, user.id);
    }
  }
  const user = await ctx.deps.db
    .selectFrom("appUser")
    .select(["id", "regionCode"])
    .where("id", "=", cardWorkers.get(key) as string)
    .executeTakeFirstOrThrow();
  return { id: user.id, regionCode: user.regionCode };
}
/** A grid worker made for one cell, so unlocking, resetting 2FA or ending sessions touches no matrix account. */
const freshAccount = async (ctx: ApiContext, w: AccessWorld, s: Scope, n: number): Promise<Row> => ({
  ...(await made(ctx, "/api/v1/users", {
    username: `matrix_${n}`,
    displayName: `矩阵账号${n}`,
    role: "grid_worker",
    scope: [w.village[s]],
    password: testPassword,
  })),
  // the account's region (the user view shows its scope): what the access table's rules read
  regionCode: w.village[s],
});
const freshWebhook = (ctx: ApiContext, w: AccessWorld, s: Scope, n: number) =>
  made(ctx, "/api/v1/webhooks", {
    regionCode: w.county[s],
    url: `https://hooks.example.cn/m${n}`,
    events: [],
  });
const ruleRegion = (w: AccessWorld, s: Scope) => (s === "other_township" ? "620123101" : w.county[s]);
const deadlineBody = (w: AccessWorld, s: Scope) => ({
  regionPrefix: ruleRegion(w, s),
  stage: "handling",
  unit: "working_days",
  amount: 9,
});
const freshDeadlineRule = (ctx: ApiContext, w: AccessWorld, s: Scope) =>
  made(ctx, "/api/v1/case-deadline-rules", deadlineBody(w, s));
const categoryBody = (w: AccessWorld, s: Scope, n: number) => ({
  regionPrefix: w.county[s],
  code: `matrix_${n}`,
  zh: `矩阵测试类别${n}`,
  defaultDepartmentKind: "emergency",
});
const freshCategory = (ctx: ApiContext, w: AccessWorld, s: Scope, n: number) =>
  made(ctx, "/api/v1/case-categories", categoryBody(w, s, n));
const routingBody = (w: AccessWorld, s: Scope, n: number) => ({
  regionPrefix: ruleRegion(w, s),
  siteKind: "enterprise",
  departmentKind: "market",
  note: `matrix ${n}`,
});
const freshRoutingRule = (ctx: ApiContext, w: AccessWorld, s: Scope, n: number) =>
  made(ctx, "/api/v1/routing-rules", routingBody(w, s, n));

/** A resumable upload's announcement of `bytes`. */
const uploadBody = (bytes: Buffer) => ({
  sha256: createHash("sha256").update(bytes).digest("hex"),
  size: bytes.length,
  fileName: "matrix.jpg",
  mimeType: "image/jpeg",
});
/** The bytes of the latest fresh upload session (its PUT cell sends them). */
let uploadBytes = jpegBytes;
async function freshUpload(ctx: ApiContext, _w: AccessWorld, s: Scope, n: number): Promise<Row> {
  const owner = s === "own" ? "worker" : s === "other_township" ? "county" : "other_county";
  uploadBytes = Buffer.concat([jpegBytes, Buffer.from(`matrix upload ${n}`)]);
  const res = await as(ctx, owner, {
    method: "POST",
    url: "/api/v1/uploads",
    payload: uploadBody(uploadBytes),
  });
  if (res.statusCode >= 300) throw new Error(`upload session: ${res.statusCode} ${res.body}`);
  return { id: res.json().id as string, ownerId: ctx.users[owner].id };
}
/** A county task kind made by the county's own office (system administrators keep no task kinds). */
const kindKeeper = (s: Scope) => (s === "other_county" ? "other_county" : "county");
const taskKindBody = (w: AccessWorld, s: Scope, n: number) => ({
  regionCode: w.county[s],
  code: `matrix_${n}`,
  zh: `矩阵任务${n}`,
  fields: [{ key: "note", label: { zh: "情况" }, type: "text", required: true }],
});
async function freshTaskKind(ctx: ApiContext, w: AccessWorld, s: Scope, n: number): Promise<Row> {
  const res = await as(ctx, kindKeeper(s), {
    method: "POST",
    url: "/api/v1/task-kinds",
    payload: taskKindBody(w, s, n),
  });
  if (res.statusCode !== 201) throw new Error(`task kind: ${res.statusCode} ${res.body}`);
  return res.json() as Row;
}
const trainingBody = (regionCode: string, startsAt: string) => ({
  title: "矩阵培训",
  regionCode,
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 2 * 3_600_000).toISOString(),
  place: "城关镇会议室",
  location: { lng: 104.1146, lat: 35.8457 },
  trainer: "矩阵讲师",
});
/** One training session per scope (for the scope's village), made once per database by the county's office. */
let trainingRows: Partial<Record<Scope, Row>> = {};
let trainingsOf: ApiContext | undefined;
async function trainingOf(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<Row> {
  if (trainingsOf !== ctx) {
    trainingsOf = ctx;
    trainingRows = {};
  }
  const known = trainingRows[s];
  if (known) return known;
  const res = await as(ctx, kindKeeper(s), {
    method: "POST",
    url: "/api/v1/trainings",
    payload: trainingBody(w.village[s], ctx.deps.clock.now().toISOString()),
  });
  if (res.statusCode !== 201) throw new Error(`training: ${res.statusCode} ${res.body}`);
  const row = res.json() as Row;
  trainingRows[s] = row;
  return row;
}

/** The scope's session with the home grid's worker on its attendance (entered straight into the table). */
async function attendedTrainingOf(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<Row> {
  const row = await trainingOf(ctx, w, s);
  const known = await ctx.deps.db
    .selectFrom("trainingAttendance")
    .select("id")
    .where("trainingId", "=", row.id)
    .where("userId", "=", w.staffId)
    .executeTakeFirst();
  const now = ctx.deps.clock.now().toISOString();
  if (!known)
    await ctx.deps.db
      .insertInto("trainingAttendance")
      .values({
        id: randomUUID(),
        trainingId: row.id,
        userId: w.staffId,
        method: "entered",
        clientAt: now,
        receivedAt: now,
        lng: null,
        lat: null,
        accuracy: null,
        distanceM: null,
        flags: "[]",
      })
      .execute();
  return row;
}

/** A grid worker of the scope's village (someone its sessions' organiser may enter), made once per database. */
let localsOf: ApiContext | undefined;
let locals: Partial<Record<Scope, string>> = {};
async function localOf(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<string> {
  if (localsOf !== ctx) {
    localsOf = ctx;
    locals = {};
  }
  const known = locals[s];
  if (known) return known;
  const res = await as(ctx, "admin", {
    method: "POST",
    url: "/api/v1/users",
    payload: {
      username: `gw_entered_${s}`,
      displayName: `录入网格员${scopes.indexOf(s) + 1}`,
      role: "grid_worker",
      scope: [w.village[s]],
      password: testPassword,
    },
  });
  if (res.statusCode !== 201) throw new Error(`local: ${res.statusCode} ${res.body}`);
  locals[s] = res.json().id as string;
  return locals[s] as string;
}
/** A fresh session of the scope's village (no attendance yet), with the village's grid worker as `personId`. */
async function freshTrainingOf(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<Row> {
  const res = await as(ctx, kindKeeper(s), {
    method: "POST",
    url: "/api/v1/trainings",
    payload: trainingBody(w.village[s], ctx.deps.clock.now().toISOString()),
  });
  if (res.statusCode !== 201) throw new Error(`training: ${res.statusCode} ${res.body}`);
  return { ...(res.json() as Row), personId: await localOf(ctx, w, s) };
}
/** The last session made by `enteredTrainingOf` (its DELETE cell's URL names the entered person). */
let enteredRow: Row | undefined;
/** A fresh session with the village's grid worker entered by the organiser (straight into the table). */
async function enteredTrainingOf(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<Row> {
  const row = await freshTrainingOf(ctx, w, s);
  const now = ctx.deps.clock.now().toISOString();
  await ctx.deps.db
    .insertInto("trainingAttendance")
    .values({
      id: randomUUID(),
      trainingId: row.id,
      userId: String(row.personId),
      method: "entered",
      clientAt: now,
      receivedAt: now,
      lng: null,
      lat: null,
      accuracy: null,
      distanceM: null,
      flags: "[]",
      enteredBy: ctx.users.county.id,
      note: null,
    })
    .execute();
  enteredRow = row;
  return row;
}

/** Exports of personal data need a stated reason (data classification); every export cell states one. */
const reason = "reason=%E8%AE%BF%E9%97%AE%E7%9F%A9%E9%98%B5%E6%B5%8B%E8%AF%95";

const enterprise = defaultChecklists.find((c) => c.id === "default-enterprise")!;
const checklistBody = (w: AccessWorld, s: Scope) => ({
  regionCode: w.county[s],
  title: "矩阵测试检查表",
  siteKinds: ["household"],
  items: [{ text: "矩阵测试检查项", requirePhoto: false }],
});
/** A run stored as the phone would have sent it (licence failed), on the scope's site. */
async function freshRun(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<Row> {
  const site = w.site[s] as Row & { regionCode: string };
  const id = randomUUID();
  const at = new Date().toISOString();
  const answers = enterprise.items.map((i) => ({
    itemId: i.id,
    answer: i.id === "licence" ? "no" : "yes",
    evidenceIds: [],
  }));
  await ctx.deps.db
    .insertInto("checklistRun")
    .values({
      id,
      siteId: site.id,
      regionCode: site.regionCode,
      countyCode: site.regionCode.slice(0, 6),
      checklistId: enterprise.id,
      version: 1,
      answers: JSON.stringify(answers),
      failedCount: 1,
      evidenceIds: "[]",
      lng: null,
      lat: null,
      accuracy: null,
      distanceM: null,
      flags: "[]",
      reports: "[]",
      requestHash: "matrix",
      createdBy: w.staffId,
      clientAt: at,
      receivedAt: at,
    })
    .execute();
  return { id, regionCode: site.regionCode };
}

const term = ([r, a]: Rule): Term => (accessTable[r] as Record<string, Term>)[a];
const none = "00000000-0000-4000-8000-000000000000";

const probes: Record<string, Probe> = {
  "GET /api/v1/auth/me": { act: ["user", "self"], row: () => ({ id: "me" }) },
  "GET /api/v1/regions/roots": { act: ["region", "read"] },
  "GET /api/v1/regions": { act: ["region", "read"], url: () => "/api/v1/regions?q=%E6%A6%86%E4%B8%AD" },
  "GET /api/v1/regions/:code": { act: ["region", "read"], url: (w, s) => `/api/v1/regions/${w.village[s]}` },
  /** The world imports each scope's village boundary (access-world.ts). */
  "GET /api/v1/regions/:code/boundary": { act: ["region", "read"] },
  /** The village's imported boundary: every signed-in user may see where a region lies. */
  "GET /api/v1/regions/:code/extent": { act: ["region", "read"] },
  /**
   * The same boundary again. A region outside the scope is one of the import's all-or-nothing problems
   * (422 `validation_failed` naming the feature), not a 403: `refusedAs`.
   */
  "PUT /api/v1/regions/boundaries": {
    act: ["region", "manage"],
    row: (w, s) => ({ id: "new", regionCode: w.village[s] }),
    body: (w, s) => boundaryBody(w.village[s]),
    refusedAs: 422,
  },
  "GET /api/v1/department-kinds": { act: ["region", "read"] },
  "GET /api/v1/departments": {
    act: ["department", "read"],
    url: (w, s) => `/api/v1/departments?region=${w.county[s]}`,
  },
  "GET /api/v1/departments/:id/members": {
    act: ["department", "members"],
    read: ["department", "read"],
    row: (w, s) => w.department[s],
  },
  "POST /api/v1/departments": {
    act: ["department", "manage"],
    row: (w, s) => ({ id: "new", regionCode: w.county[s] }),
    body: (w, s) => ({
      regionCode: w.county[s],
      name: `矩阵测试部门${counter++}`,
      kind: "housing",
      gridRole: "cooperating",
    }),
    ok: 201,
  },
  "PATCH /api/v1/departments/:id": {
    act: ["department", "manage"],
    read: ["department", "read"],
    row: (w, s) => w.department[s],
    body: () => ({ status: "active" }),
  },
  "GET /api/v1/routing-rules": { act: ["routingRule", "read"] },
  "POST /api/v1/routing-rules/resolve": {
    act: ["routingRule", "read"],
    body: (w, s) => ({ regionCode: w.village[s], industryCode: "3011", kind: "enterprise" }),
  },
  "POST /api/v1/routing-rules": {
    act: ["routingRule", "manage"],
    row: (w, s) => ({ id: "new", regionPrefix: ruleRegion(w, s) }),
    body: (w, s) => routingBody(w, s, counter++),
    ok: 201,
    cleanup: "/api/v1/routing-rules",
  },
  "PATCH /api/v1/routing-rules/:id": {
    act: ["routingRule", "manage"],
    read: ["routingRule", "read"],
    fresh: freshRoutingRule,
    body: () => ({ priority: 3 }),
    cleanup: "/api/v1/routing-rules",
  },
  "DELETE /api/v1/routing-rules/:id": {
    act: ["routingRule", "manage"],
    read: ["routingRule", "read"],
    fresh: freshRoutingRule,
    ok: 204,
    cleanup: "/api/v1/routing-rules",
  },
  "GET /api/v1/users": { act: ["user", "read"] },
  "GET /api/v1/users/:id": { act: ["user", "read"], row: (w, s) => w.user[s] },
  "POST /api/v1/users": {
    act: ["user", "manage"],
    row: (w, s) => ({ id: "new", regionCode: w.village[s] }),
    actCheck: (actor, row) => userPolicy.create(actor, "grid_worker", [row.regionCode as string]),
    body: (w, s) => ({
      username: `matrix_new_${counter++}`,
      displayName: "矩阵新账号",
      role: "grid_worker",
      scope: [w.village[s]],
      password: testPassword,
    }),
    ok: 201,
  },
  "PATCH /api/v1/users/:id": {
    act: ["user", "update"],
    read: ["user", "read"],
    row: (w, s) => w.user[s],
    actCheck: (actor, row) =>
      userPolicy.update(actor, {
        ...(row as unknown as { role: Role; regionCode: string }),
        scope: JSON.parse(row.scope as string),
      }),
    body: (w, s) => ({ displayName: w.user[s].displayName }),
  },
  "POST /api/v1/users/:id/password": {
    act: ["user", "manage"],
    read: ["user", "read"],
    fresh: freshAccount,
    actCheck: (actor, row) =>
      userPolicy.update(actor, {
        role: "grid_worker",
        regionCode: row.regionCode as string,
        scope: [row.regionCode as string],
      }),
    body: () => ({ password: "Matrix-Reset-2026y" }),
    ok: 204,
  },
  /** Gate only for PUT and GET: a real ID photo (a decodable PNG) per cell; user-photo.test.ts proves both. */
  "PUT /api/v1/users/:id/photo": { act: ["user", "update"], gateOnly: true },
  "GET /api/v1/users/:id/photo": { act: ["user", "read"], gateOnly: true },
  "DELETE /api/v1/users/:id/photo": {
    act: ["user", "update"],
    read: ["user", "read"],
    fresh: freshAccount,
    actCheck: (actor, row) =>
      userPolicy.update(actor, {
        role: "grid_worker",
        regionCode: row.regionCode as string,
        scope: [row.regionCode as string],
      }),
    ok: 204,
  },
  /**
   * Gate only: the caller's own second factor and password. A real body changes the matrix account every
   * later cell signs in with (a new secret or password); two-factor.test.ts and auth-routes.test.ts prove them.
   */
  "POST /api/v1/auth/totp/verify": { act: ["user", "self"], gateOnly: true },
  "POST /api/v1/auth/totp/enrol": { act: ["user", "self"], gateOnly: true },
  "POST /api/v1/auth/totp/confirm": { act: ["user", "self"], gateOnly: true },
  "POST /api/v1/auth/password": { act: ["user", "self"], gateOnly: true },
  "GET /api/v1/auth/sessions": { act: ["user", "self"], row: () => ({ id: "me" }) },
  /** Gate only: ending one's own session would end the one the later cells use (auth-routes.test.ts). */
  "DELETE /api/v1/auth/sessions/:sessionId": { act: ["user", "self"], gateOnly: true },
  "GET /api/v1/security-log": { act: ["securityLog", "read"] },
  "GET /api/v1/users/:id/security": {
    act: ["accountSecurity", "manage"],
    read: ["user", "read"],
    row: (w, s) => w.user[s],
  },
  "POST /api/v1/users/:id/unlock": {
    act: ["accountSecurity", "manage"],
    read: ["user", "read"],
    fresh: freshAccount,
    ok: 204,
  },
  "POST /api/v1/users/:id/totp/reset": {
    act: ["accountSecurity", "manage"],
    read: ["user", "read"],
    fresh: freshAccount,
    ok: 204,
  },
  "DELETE /api/v1/users/:id/sessions": {
    act: ["accountSecurity", "manage"],
    read: ["user", "read"],
    fresh: freshAccount,
    ok: 204,
  },
  /** Gate only: needs a live session of another account per cell (account-security.test.ts ends one). */
  "DELETE /api/v1/users/:id/sessions/:sessionId": { act: ["accountSecurity", "manage"], gateOnly: true },
  "GET /api/v1/trail/verify": { act: ["trail", "read"] },
  "GET /api/v1/trail/events": { act: ["trail", "read"] },
  "GET /api/v1/trail/export": { act: ["trail", "export"], url: () => `/api/v1/trail/export?${reason}` },
  "GET /api/v1/county-settings/:regionCode": {
    act: ["countySetting", "read"],
    url: (w, s) => `/api/v1/county-settings/${w.county[s]}`,
    row: (w, s) => ({ id: "c", regionCode: w.county[s] }),
  },
  "PATCH /api/v1/county-settings/:regionCode": {
    act: ["countySetting", "manage"],
    read: ["countySetting", "read"],
    url: (w, s) => `/api/v1/county-settings/${w.county[s]}`,
    row: (w, s) => ({ id: "county-setting", regionCode: w.county[s] }),
    body: () => ({ anotherPersonCloses: true }),
  },
  // Printables (issue 14): a handbook of the scope's grid's township, its PDF, a version saved beforehand.
  "GET /api/v1/handbooks/:regionCode": {
    act: ["handbook", "read"],
    url: (w, s) => `/api/v1/handbooks/${townshipOf(w, s)}`,
    row: (w, s) => ({ id: "c", regionCode: townshipOf(w, s) }),
  },
  "GET /api/v1/handbooks/:regionCode/versions/:version": {
    act: ["handbook", "read"],
    url: (w, s) => `/api/v1/handbooks/${townshipOf(w, s)}/versions/1`,
    fresh: freshHandbook,
  },
  "GET /api/v1/handbooks/:regionCode/pdf": {
    act: ["handbook", "read"],
    url: (w, s) => `/api/v1/handbooks/${townshipOf(w, s)}/pdf`,
    row: (w, s) => ({ id: "c", regionCode: townshipOf(w, s) }),
  },
  /** Each allowed cell saves the next version of the township's handbook. */
  "PUT /api/v1/handbooks/:regionCode": {
    act: ["handbook", "manage"],
    read: ["handbook", "read"],
    url: (w, s) => `/api/v1/handbooks/${townshipOf(w, s)}`,
    row: (w, s) => ({ id: "handbook", regionCode: townshipOf(w, s) }),
    body: () => ({ title: "矩阵网格手册", source: "# 巡查\n每月一次。" }),
    ok: 201,
  },
  /** A grid worker serving the scope's grid (the home grid's staff; elsewhere one added once per scope). */
  "GET /api/v1/duty-cards/:userId/pdf": {
    act: ["printable", "print"],
    read: ["gridWorker", "read"],
    fresh: freshCardWorker,
  },
  "GET /api/v1/duty-cards/pdf": {
    act: ["printable", "print"],
    url: (w, s) => `/api/v1/duty-cards/pdf?region=${townshipOf(w, s)}`,
    row: (w, s) => ({ id: "c", regionCode: townshipOf(w, s) }),
  },
  "GET /api/v1/grid-maps/:regionCode/pdf": {
    act: ["printable", "print"],
    url: (w, s) => `/api/v1/grid-maps/${townshipOf(w, s)}/pdf`,
    row: (w, s) => ({ id: "c", regionCode: townshipOf(w, s) }),
  },
  "GET /api/v1/grids": { act: ["grid", "read"] },
  "GET /api/v1/grids/problems": {
    act: ["grid", "problems"],
    url: (w, s) => `/api/v1/grids/problems?region=${w.county[s]}`,
    row: (w, s) => ({ id: "c", code: w.county[s] }),
  },
  "GET /api/v1/grids/:id": { act: ["grid", "read"], row: (w, s) => w.grid[s] },
  "POST /api/v1/grids": {
    act: ["grid", "manage"],
    row: (w, s) => ({ id: "new", code: w.village[s] }),
    body: (w, s) => gridBody(w, s, counter++),
    ok: 201,
  },
  "PATCH /api/v1/grids/:id": {
    act: ["grid", "manage"],
    read: ["grid", "read"],
    // the scope's standing grid as it is now (an allowed cell moves its version on)
    fresh: (ctx, w, s) => current(ctx, "grid", w.grid[s].id),
    body: (_w, _s, row) => ({ name: row?.name, version: row?.version }),
  },
  "POST /api/v1/grids/validate": {
    act: ["grid", "manage"],
    url: () => "/api/v1/grids/validate",
    body: (w, s) => ({ geometry: fixtureGrids.B.geometry, regionCode: w.village[s] }),
    row: (w, s) => ({ id: "new", code: w.village[s] }),
    ok: 200,
  },
  "POST /api/v1/grids/:id/split-preview": {
    act: ["grid", "manage"],
    read: ["grid", "read"],
    row: (w, s) => w.grid[s],
    body: () => ({ parts: 2 }),
  },
  "POST /api/v1/grids/:id/split": {
    act: ["grid", "manage"],
    read: ["grid", "read"],
    fresh: (ctx, w, s, n) => freshGrids(ctx, w, s, n),
    body: (_w, _s, row) => {
      const [x, y] = (row as Row).corner as [number, number];
      return {
        version: row?.version,
        pieces: [
          {
            name: "矩阵西片",
            geometry: { type: "Polygon", coordinates: [square(x, y, x + 0.005, y + 0.01)] },
          },
          {
            name: "矩阵东片",
            geometry: { type: "Polygon", coordinates: [square(x + 0.005, y, x + 0.01, y + 0.01)] },
          },
        ],
      };
    },
    ok: 201,
  },
  "POST /api/v1/grids/merge": {
    act: ["grid", "manage"],
    read: ["grid", "read"],
    url: () => "/api/v1/grids/merge",
    fresh: (ctx, w, s, n) => freshGrids(ctx, w, s, n, 2),
    body: (_w, _s, row) => ({ ids: [row?.id, row?.next], name: "矩阵合并网格" }),
    ok: 201,
  },
  /** The standing staff: grid A keeps its worker, the other scopes' grids keep none. */
  "PUT /api/v1/grids/:id/workers": {
    act: ["grid", "manage"],
    read: ["grid", "read"],
    row: (w, s) => w.grid[s],
    body: (w, s) => ({ workers: s === "own" ? [{ userId: w.staffId, employment: "full_time" }] : [] }),
  },
  "GET /api/v1/grid-workers": { act: ["gridWorker", "read"] },
  "GET /api/v1/sites": { act: ["site", "read"] },
  "GET /api/v1/sites/:id": { act: ["site", "read"], row: (w, s) => w.site[s] },
  "POST /api/v1/sites": {
    act: ["site", "create"],
    row: (w, s) => ({ id: "new", regionCode: w.village[s] }),
    body: (w, s) =>
      siteBody({
        regionCode: w.village[s],
        kind: "small_shop",
        uscc: null,
        name: `矩阵${counter++}号小商店`,
      }),
    ok: 201,
  },
  "PATCH /api/v1/sites/:id": {
    act: ["site", "create"],
    read: ["site", "read"],
    // the scope's standing site as it is now (an allowed cell moves its version on)
    fresh: (ctx, w, s) => current(ctx, "site", w.site[s].id),
    body: (_w, _s, row) => ({ name: row?.name, version: row?.version }),
  },
  "POST /api/v1/sites/:id/assignment": {
    act: ["site", "override"],
    read: ["site", "read"],
    fresh: (ctx, w, s) => current(ctx, "site", w.site[s].id),
    body: (_w, _s, row) => ({
      version: row?.version,
      reason: "矩阵测试：重新自动分配监管部门",
      reset: ["department"],
    }),
  },
  "POST /api/v1/sites/check-uscc": { act: ["site", "read"], body: () => ({ uscc: realUscc[4] }) },
  "GET /api/v1/sites/:id/file": { act: ["site", "read"], row: (w, s) => w.site[s] },
  "GET /api/v1/sites/import/template": { act: ["site", "read"] },
  /** Gate only: not yet a real probe (a workbook per cell); the import is proven in site-import-routes.test.ts. */
  "POST /api/v1/sites/import": { act: ["site", "override"], gateOnly: true },
  /** Multipart like the import: only the gate here; site-ledger-import.test.ts proves it on real files. */
  "POST /api/v1/sites/import/preview": { act: ["site", "override"], gateOnly: true },
  "GET /api/v1/industries": {
    act: ["industry", "read"],
    url: () => "/api/v1/industries?q=jyz",
    row: () => ({ id: "i" }),
  },
  "GET /api/v1/industry-synonyms": { act: ["industry", "read"], row: () => ({ id: "i" }) },
  /**
   * Gate only: the province's synonyms are one table for the whole province (every matrix cell is in 62),
   * so an allowed cell would make every later one a duplicate; industry-routes.test.ts proves the rows.
   */
  "POST /api/v1/industry-synonyms": { act: ["industry", "manage"], gateOnly: true },
  "DELETE /api/v1/industry-synonyms/:id": { act: ["industry", "manage"], gateOnly: true },
  "GET /api/v1/sites/export": { act: ["site", "export"], url: () => `/api/v1/sites/export?${reason}` },
  "GET /api/v1/coverage": {
    act: ["grid", "coverage"],
    url: (w, s) => `/api/v1/coverage?region=${w.county[s]}`,
    row: (w, s) => ({ id: "c", regionCode: w.county[s] }),
  },
  "GET /api/v1/coverage/rows": {
    act: ["grid", "coverage"],
    url: (w, s) => `/api/v1/coverage/rows?region=${w.county[s]}&metric=grids_without_worker`,
    row: (w, s) => ({ id: "c", regionCode: w.county[s] }),
  },
  "GET /api/v1/coverage/export": {
    act: ["grid", "coverage"],
    url: (w, s) => `/api/v1/coverage/export?region=${w.county[s]}&${reason}`,
    row: (w, s) => ({ id: "c", regionCode: w.county[s] }),
  },
  "GET /api/v1/staffing": {
    act: ["grid", "coverage"],
    url: (w, s) => `/api/v1/staffing?region=${w.county[s]}`,
    row: (w, s) => ({ id: "c", regionCode: w.county[s] }),
  },
  "POST /api/v1/reassignment/preview": {
    act: ["site", "override"],
    row: (w, s) => ({ id: "c", regionCode: w.village[s] }),
    body: (w, s) => ({ region: w.village[s] }),
  },
  /** Gate only: the apply takes the token of a preview by the same actor (proven in coverage-routes.test.ts). */
  "POST /api/v1/reassignment/apply": { act: ["site", "override"], gateOnly: true },
  "GET /api/v1/map/grids": {
    act: ["grid", "read"],
    url: () => "/api/v1/map/grids?bbox=103,35,105,37&zoom=12",
  },
  "GET /api/v1/map/sites": {
    act: ["site", "read"],
    url: () => "/api/v1/map/sites?bbox=103,35,105,37&zoom=12",
  },
  /** Reading a layer's fields touches no row: 200 past the gate (and a scope the actor keeps grids in). */
  "POST /api/v1/grids/import/inspect": {
    act: ["grid", "manage"],
    multipart: (w, s) =>
      layerUpload({}, { filename: "网格.geojson", content: Buffer.from(JSON.stringify(gridLayer(w, s))) }),
  },
  /** Gate only: not yet a real probe (a layer and mapping per cell); proven in grid-import-routes.test.ts. */
  "POST /api/v1/grids/import": { act: ["grid", "manage"], gateOnly: true },
  "GET /api/v1/cases": { act: ["case", "read"] },
  "GET /api/v1/cases/queues": { act: ["case", "read"] },
  "GET /api/v1/cases/:id": { act: ["case", "read"], row: (w, s) => w.case[s] },
  "POST /api/v1/cases": {
    act: ["case", "report"],
    row: (w, s) => ({ id: "new", regionCode: w.village[s] }),
    body: (w, s) => reportBody({ regionCode: w.village[s], source: "patrol" }),
    ok: 201,
  },
  /** One fresh triaged case per cell; each case's own result is the dispatch cell's exact status. */
  "POST /api/v1/cases/bulk/dispatch": { act: ["case", "dispatch"], bulk: true },
  "GET /api/v1/cases/export.xlsx": {
    act: ["case", "export"],
    url: () => `/api/v1/cases/export.xlsx?${reason}`,
  },
  "POST /api/v1/evidence": {
    act: ["evidence", "create"],
    multipart: () => multipart([{ name: "photo.jpg", data: jpegBytes, type: "image/jpeg" }]),
    ok: 201,
  },
  "GET /api/v1/evidence/:id": { act: ["evidence", "read"], row: (w, s) => w.evidence[s] },
  "GET /api/v1/case-deadline-rules": {
    act: ["deadlineRule", "read"],
    url: (w, s) => `/api/v1/case-deadline-rules?region=${w.county[s]}`,
    row: (w, s) => ({ id: "r", regionPrefix: w.county[s] }),
  },
  "POST /api/v1/case-deadline-rules": {
    act: ["deadlineRule", "manage"],
    row: (w, s) => ({ id: "new", regionPrefix: ruleRegion(w, s) }),
    body: deadlineBody,
    ok: 201,
    cleanup: "/api/v1/case-deadline-rules",
  },
  "DELETE /api/v1/case-deadline-rules/:id": {
    act: ["deadlineRule", "manage"],
    read: ["deadlineRule", "read"],
    fresh: freshDeadlineRule,
    ok: 204,
    cleanup: "/api/v1/case-deadline-rules",
  },
  "GET /api/v1/case-categories": {
    act: ["category", "read"],
    url: (w, s) => `/api/v1/case-categories?region=${w.county[s]}`,
    row: (w, s) => ({ id: "r", regionPrefix: w.county[s] }),
  },
  "POST /api/v1/case-categories": {
    act: ["category", "manage"],
    row: (w, s) => ({ id: "new", regionPrefix: w.county[s] }),
    body: (w, s) => categoryBody(w, s, counter++),
    ok: 201,
  },
  "PATCH /api/v1/case-categories/:id": {
    act: ["category", "manage"],
    read: ["category", "read"],
    fresh: freshCategory,
    body: () => ({ zh: `矩阵测试类别（改）${counter++}` }),
  },
  "DELETE /api/v1/case-categories/:id": {
    act: ["category", "manage"],
    read: ["category", "read"],
    fresh: freshCategory,
    ok: 204,
  },
  "GET /api/v1/notifications": { act: ["notification", "read"], row: () => ({ id: "n" }) },
  "POST /api/v1/notifications/read-all": { act: ["notification", "read"], ok: 204 },
  /** The lead department's notification: 204 for its addressee, 404 for everyone else. */
  "POST /api/v1/notifications/:id/read": {
    act: ["notification", "read"],
    row: (w) => w.notification,
    url: (w) => `/api/v1/notifications/${w.notification.id}/read`,
    ok: 204,
  },
  "GET /api/v1/webhooks": { act: ["webhook", "manage"] },
  "POST /api/v1/webhooks": {
    act: ["webhook", "manage"],
    row: (w, s) => ({ id: "new", regionCode: w.county[s] }),
    body: (w, s) => ({ regionCode: w.county[s], url: `https://hooks.example.cn/p${counter++}`, events: [] }),
    ok: 201,
  },
  "PATCH /api/v1/webhooks/:id": {
    act: ["webhook", "manage"],
    row: (w, s) => w.webhook[s],
    body: () => ({ active: true }),
  },
  "DELETE /api/v1/webhooks/:id": { act: ["webhook", "manage"], fresh: freshWebhook, ok: 204 },
  "GET /api/v1/webhooks/:id/deliveries": { act: ["webhook", "manage"], row: (w, s) => w.webhook[s] },
  /** The field work set: what is in it per role is field-work-set.test.ts (each item read back by id). */
  "GET /api/v1/field/work-set": { act: ["fieldWorkSet", "read"] },
  "POST /api/v1/uploads": {
    act: ["upload", "create"],
    body: () => uploadBody(jpegBytes),
    ok: 201,
  },
  /** A fresh session per cell, owned by an account of the scope: only its owner reads or writes it (404). */
  "GET /api/v1/uploads/:id": { act: ["upload", "read"], fresh: freshUpload },
  "PUT /api/v1/uploads/:id": {
    act: ["upload", "read"],
    fresh: freshUpload,
    multipart: () => ({
      payload: uploadBytes,
      headers: {
        "content-type": "application/octet-stream",
        "content-range": `bytes 0-${uploadBytes.length - 1}/${uploadBytes.length}`,
      },
    }),
  },
  /** Patrols (issue 9): a check-in with a fresh phone id per cell on the scope's site. */
  "POST /api/v1/patrols": {
    act: ["patrol", "record"],
    read: ["patrol", "read"],
    row: (w, s) => w.site[s],
    body: (w, s) => ({ id: randomUUID(), siteId: w.site[s].id, at: "2026-11-30T02:00:00.000Z" }),
    ok: 201,
  },
  "GET /api/v1/patrols/mine": { act: ["patrol", "record"], row: () => ({ id: "me" }) },
  "GET /api/v1/sites/:id/patrols": { act: ["patrol", "read"], row: (w, s) => w.site[s] },
  "GET /api/v1/patrol-coverage": {
    act: ["patrol", "coverage"],
    url: (w, s) => `/api/v1/patrol-coverage?region=${w.county[s]}`,
    row: (w, s) => ({ id: "c", regionCode: w.county[s] }),
  },
  "GET /api/v1/patrol-plans/:regionCode": {
    act: ["patrolPlan", "read"],
    url: (w, s) => `/api/v1/patrol-plans/${w.county[s]}`,
    row: (w, s) => ({ id: "c", regionCode: w.county[s] }),
  },
  "PATCH /api/v1/patrol-plans/:regionCode": {
    act: ["patrolPlan", "manage"],
    read: ["patrolPlan", "read"],
    url: (w, s) => `/api/v1/patrol-plans/${w.county[s]}`,
    row: (w, s) => ({ id: "patrol-plan", regionCode: w.county[s] }),
    body: () => ({
      byRisk: { red: "weekly", orange: "fortnightly", yellow: "monthly", blue: "quarterly" },
      unrated: "monthly",
      byKind: { household: "yearly" },
    }),
  },
  "GET /api/v1/checklists": {
    act: ["checklist", "read"],
    url: (w, s) => `/api/v1/checklists?region=${w.county[s]}`,
    row: (w, s) => ({ id: "c", regionCode: w.county[s] }),
  },
  "GET /api/v1/checklists/:id/versions": {
    act: ["checklist", "read"],
    url: (w, s) => `/api/v1/checklists/default-household/versions?region=${w.county[s]}`,
    row: (w, s) => ({ id: "c", regionCode: w.county[s] }),
  },
  "POST /api/v1/checklists": {
    act: ["checklist", "manage"],
    row: (w, s) => ({ id: "new", regionCode: w.county[s] }),
    body: (w, s) => checklistBody(w, s),
    ok: 201,
  },
  /** Each allowed cell saves the next version of the county's household checklist. */
  "PUT /api/v1/checklists/:id": {
    act: ["checklist", "manage"],
    read: ["checklist", "read"],
    row: (w, s) => ({ id: "default-household", regionCode: w.county[s] }),
    body: (w, s) => checklistBody(w, s),
  },
  "POST /api/v1/checklists/:id/retire": {
    act: ["checklist", "manage"],
    read: ["checklist", "read"],
    row: (w, s) => ({ id: "default-catering-gas", regionCode: w.county[s] }),
    body: (w, s) => ({ regionCode: w.county[s], retired: true }),
  },
  /** A run of the scope's site against the enterprise checklist's version 1 (photo items not applicable). */
  "POST /api/v1/checklist-runs": {
    act: ["checklistRun", "create"],
    read: ["checklistRun", "read"],
    row: (w, s) => w.site[s],
    body: (w, s) => ({
      id: randomUUID(),
      siteId: w.site[s].id,
      checklistId: enterprise.id,
      version: 1,
      at: new Date().toISOString(),
      answers: enterprise.items.map((i) => ({ itemId: i.id, answer: i.requirePhoto ? "na" : "yes" })),
    }),
    ok: 201,
  },
  /** A fresh run of the scope's site with one failed item per cell: ONE case through the intake. */
  "POST /api/v1/checklist-runs/:id/report": {
    act: ["checklistRun", "report"],
    read: ["checklistRun", "read"],
    fresh: (ctx, w, s) => freshRun(ctx, w, s),
    body: () => ({ itemIds: ["licence"], category: "gas", idempotencyKey: randomUUID() }),
    ok: 201,
  },
  "GET /api/v1/sites/:id/checklist-runs": {
    act: ["checklistRun", "read"],
    read: ["site", "read"],
    row: (w, s) => w.site[s],
  },
  ...(deliveryProbes as Record<string, Probe>),
  ...(providerProbes as Record<string, Probe>),
  ...(payProbes as unknown as Record<string, Probe>),
  "GET /api/v1/task-kinds": { act: ["taskKind", "read"] },
  "POST /api/v1/task-kinds": {
    act: ["taskKind", "manage"],
    row: (w, s) => ({ id: "new", regionCode: w.county[s] }),
    body: (w, s) => taskKindBody(w, s, counter++),
    ok: 201,
  },
  "PATCH /api/v1/task-kinds/:id": {
    act: ["taskKind", "manage"],
    read: ["taskKind", "read"],
    fresh: freshTaskKind,
    body: (_w, _s, row) => ({ version: row?.version, zh: `矩阵任务（改）${counter++}` }),
  },
  /** On the scope's site: a site the worker no longer reads is 404 `site_not_found`, one outside the rule 403. */
  "POST /api/v1/task-records": {
    act: ["taskRecord", "create"],
    read: ["site", "read"],
    row: (w, s) => w.site[s],
    body: (_w, _s, row) => ({
      id: randomUUID(),
      kindCode: "assistance",
      siteId: row?.id,
      at: new Date().toISOString(),
      values: { department: "县应急管理局", site: "矩阵场所", done: "协助检查消防通道" },
      evidenceIds: [],
    }),
    ok: 201,
  },
  "GET /api/v1/task-records": { act: ["taskRecord", "read"] },
  "GET /api/v1/task-records/export.xlsx": {
    act: ["taskRecord", "export"],
    url: () => `/api/v1/task-records/export.xlsx?${reason}`,
  },
  "GET /api/v1/trainings": { act: ["training", "read"] },
  "POST /api/v1/trainings": {
    act: ["training", "manage"],
    row: (w, s) => ({ id: "new", regionCode: w.village[s] }),
    body: (w, s) => trainingBody(w.village[s], new Date().toISOString()),
    ok: 201,
  },
  "GET /api/v1/trainings/mine": { act: ["training", "attend"] },
  "GET /api/v1/training-plans": {
    act: ["trainingPlan", "read"],
    url: () => "/api/v1/training-plans?year=2026",
  },
  "POST /api/v1/training-plans": {
    act: ["trainingPlan", "manage"],
    row: (w, s) => ({ id: "new", regionCode: w.county[s] }),
    body: (w, s) => ({
      regionCode: w.county[s],
      year: 2026,
      title: `矩阵年度培训计划${counter++}`,
      content: "隐患排查、上报流程",
      plannedSessions: 4,
      plannedHours: 16,
    }),
    ok: 201,
  },
  /** A region's hours per grid worker: a region outside the rule is 404. */
  "GET /api/v1/training-hours": {
    act: ["trainingPlan", "hours"],
    url: (w, s) => `/api/v1/training-hours?region=${w.county[s]}&year=2026`,
    row: (w, s) => ({ id: "r", regionCode: w.county[s] }),
  },
  "GET /api/v1/training-hours/mine": { act: ["training", "attend"] },
  "GET /api/v1/trainings/:id": { act: ["training", "read"], fresh: trainingOf },
  /** The home grid's worker is on the scope's session's attendance: their score. */
  "PUT /api/v1/trainings/:id/scores": {
    act: ["training", "manage"],
    read: ["training", "read"],
    fresh: attendedTrainingOf,
    body: (w) => ({ items: [{ userId: w.staffId, score: 88 }] }),
  },
  "GET /api/v1/trainings/:id/candidates": {
    act: ["training", "manage"],
    read: ["training", "read"],
    fresh: trainingOf,
  },
  /** The organiser enters the village's grid worker on a fresh session (each allowed cell answers 200). */
  "POST /api/v1/trainings/:id/attendees": {
    act: ["training", "manage"],
    read: ["training", "read"],
    fresh: freshTrainingOf,
    body: (_w, _s, row) => ({ userIds: [String(row?.personId)], note: "访问矩阵测试" }),
  },
  /** The organiser removes the grid worker they entered on a fresh session. */
  "DELETE /api/v1/trainings/:id/attendees/:userId": {
    act: ["training", "manage"],
    read: ["training", "read"],
    fresh: enteredTrainingOf,
    url: () => `/api/v1/trainings/${enteredRow?.id}/attendees/${enteredRow?.personId}`,
  },
  "GET /api/v1/trainings/:id/qr": {
    act: ["training", "manage"],
    read: ["training", "read"],
    fresh: trainingOf,
  },
  /** A check-in by location at the session's place and start; a second one of the same worker answers 200. */
  "POST /api/v1/trainings/:id/attendance": {
    act: ["training", "attend"],
    read: ["training", "read"],
    fresh: trainingOf,
    body: (_w, _s, row) => ({
      id: randomUUID(),
      at: row?.startsAt,
      method: "location",
      location: { lng: 104.1146, lat: 35.8457, accuracy: 10 },
    }),
    ok: 201,
  },
  "GET /api/v1/trainings/:id/attendance": {
    act: ["training", "manage"],
    read: ["training", "read"],
    fresh: trainingOf,
  },
  "GET /api/v1/trainings/:id/attendance/export.xlsx": {
    act: ["training", "manage"],
    read: ["training", "read"],
    fresh: trainingOf,
    url: (_w, s) => `/api/v1/trainings/${trainingRows[s]?.id}/attendance/export.xlsx?${reason}`,
  },
  /** The case a public tip became, one per scope (filed without a session, address only). */
  "GET /api/v1/cases/:id/tip-thread": { act: ["tip", "read"], fresh: (ctx, w, s) => tipCase(ctx, w, s) },
  "POST /api/v1/cases/:id/tip-thread/replies": {
    act: ["tip", "reply"],
    read: ["tip", "read"],
    fresh: (ctx, w, s) => tipCase(ctx, w, s),
    body: () => ({ body: "访问矩阵测试：请补充具体位置" }),
  },
  "GET /api/v1/tips": { act: ["tip", "queue"] },
  /** A real-name tip per scope: its row is the tip's id on its case's region. */
  "POST /api/v1/tips/:id/identity": {
    act: ["tip", "identity"],
    fresh: async (ctx, w, s) => {
      const kase = await tipCase(ctx, w, s, true);
      const tip = await ctx.deps.db
        .selectFrom("tip")
        .select("id")
        .where("caseId", "=", kase.id)
        .executeTakeFirstOrThrow();
      return { id: tip.id, regionCode: kase.regionCode };
    },
    body: () => ({ reason: "访问矩阵测试：核实举报内容" }),
  },
  /** Open311 client and forwarding-platform keys: issued and revoked by the offices for their counties. */
  "GET /api/v1/tip-clients/open311": { act: ["tipClient", "manage"] },
  "POST /api/v1/tip-clients/open311": {
    act: ["tipClient", "manage"],
    row: (w, s) => ({ id: "new", regionCode: w.county[s] }),
    body: (w, s) => ({ countyCode: w.county[s], name: "矩阵 Open311 客户端" }),
    ok: 201,
  },
  "POST /api/v1/tip-clients/open311/:id/revoke": {
    act: ["tipClient", "manage"],
    fresh: (ctx, w, s) => tipClientRow(ctx, w, s, "open311"),
  },
  "GET /api/v1/tip-clients/platforms": { act: ["tipClient", "manage"] },
  "POST /api/v1/tip-clients/platforms": {
    act: ["tipClient", "manage"],
    row: (w, s) => ({ id: "new", regionCode: w.county[s] }),
    body: (w, s) => ({
      countyCode: w.county[s],
      name: "矩阵 12345 平台",
      callbackUrl: "https://hotline.example.gov.cn/callback",
    }),
    ok: 201,
  },
  "POST /api/v1/tip-clients/platforms/:id/revoke": {
    act: ["tipClient", "manage"],
    fresh: (ctx, w, s) => tipClientRow(ctx, w, s, "hotline"),
  },
  "GET /api/v1/tip-category-maps/:countyCode": {
    act: ["tipClient", "categories"],
    url: (w, s) => `/api/v1/tip-category-maps/${w.county[s]}`,
    row: (w, s) => ({ id: "c", regionCode: w.county[s] }),
  },
  "PUT /api/v1/tip-category-maps/:countyCode": {
    act: ["tipClient", "categories"],
    url: (w, s) => `/api/v1/tip-category-maps/${w.county[s]}`,
    row: (w, s) => ({ id: "c", regionCode: w.county[s] }),
    body: () => ({ rows: [{ categoryText: "矩阵-燃气", kind: "gas" }] }),
  },
  /** One tip for the tip officer (the queue's link), on the tip's case region. */
  "GET /api/v1/tips/:id": { act: ["tip", "queue"], fresh: (ctx, w, s) => tipRow(ctx, w, s) },
  /** Rewards: readable by the tip officer and finance only; a fresh confirmed tip or reward per cell. */
  "GET /api/v1/tip-rewards": { act: ["tipReward", "read"] },
  "GET /api/v1/tip-rewards/:id": {
    act: ["tipReward", "read"],
    fresh: (ctx, w, s) => rewardRow(ctx, w, s, "proposed"),
  },
  "POST /api/v1/tips/:id/rewards": {
    act: ["tipReward", "propose"],
    fresh: (ctx, w, s) => tipRow(ctx, w, s, true),
    body: () => ({ rule: "major_hazard", fineYuan: 100_000 }),
    ok: 201,
  },
  "POST /api/v1/tip-rewards/:id/decision": {
    act: ["tipReward", "approve"],
    read: ["tipReward", "read"],
    fresh: (ctx, w, s) => rewardRow(ctx, w, s, "proposed"),
    body: () => ({ approve: true }),
  },
  "POST /api/v1/tip-rewards/:id/payout": {
    act: ["tipReward", "pay"],
    read: ["tipReward", "read"],
    fresh: (ctx, w, s) => rewardRow(ctx, w, s, "approved"),
    body: () => ({ payoutRef: "FK-矩阵-001" }),
  },
  "GET /api/v1/tip-reward-rules/:countyCode": {
    act: ["tipReward", "rules"],
    url: (w, s) => `/api/v1/tip-reward-rules/${w.county[s]}`,
    row: (w, s) => ({ id: "c", regionCode: w.county[s] }),
  },
  "PUT /api/v1/tip-reward-rules/:countyCode": {
    act: ["tipReward", "manageRules"],
    read: ["tipReward", "rules"],
    url: (w, s) => `/api/v1/tip-reward-rules/${w.county[s]}`,
    row: (w, s) => ({ id: "county-rules", regionCode: w.county[s] }),
    body: () => nationalRewardRules,
  },
  /** Assessment (issue 13.4): lists and the scheme catalogue on the rule's gate and region filter. */
  "GET /api/v1/assessment-indicators": { act: ["assessmentScheme", "read"] },
  "GET /api/v1/assessment-schemes": { act: ["assessmentScheme", "read"] },
  "POST /api/v1/assessment-schemes": {
    act: ["assessmentScheme", "manage"],
    row: (w, s) => ({ id: "new", regionCode: w.county[s] }),
    body: (w, s) => ({
      name: `矩阵考核方案${counter++}`,
      regionCode: w.county[s],
      level: "township",
      indicators: [
        { indicatorId: "valid_reports", weight: 100, rule: { kind: "linear", floor: 0, target: 10 } },
      ],
    }),
    ok: 201,
  },
  "GET /api/v1/assessment-runs": { act: ["assessmentRun", "read"] },
  "GET /api/v1/assessment-results/mine": { act: ["assessmentResult", "mine"] },
  /**
   * Runs and their changes on one row: only the gate is decided here (no run rows are staged in the matrix
   * world yet); scope and second-person rules are proven in assessment-routes.test.ts.
   */
  "GET /api/v1/assessment-schemes/:id": { act: ["assessmentScheme", "read"], gateOnly: true },
  "POST /api/v1/assessment-schemes/:id/runs": { act: ["assessmentRun", "run"], gateOnly: true },
  "GET /api/v1/assessment-runs/:id": { act: ["assessmentRun", "read"], gateOnly: true },
  "GET /api/v1/assessment-runs/:id/results/:resultId": { act: ["assessmentRun", "read"], gateOnly: true },
  "POST /api/v1/assessment-runs/:id/results/:resultId/adjustments": {
    act: ["assessmentRun", "adjust"],
    gateOnly: true,
  },
  "PUT /api/v1/assessment-runs/:id/results/:resultId/manual/:itemId": {
    act: ["assessmentRun", "adjust"],
    gateOnly: true,
  },
  "POST /api/v1/assessment-runs/:id/review": { act: ["assessmentRun", "review"], gateOnly: true },
  "POST /api/v1/assessment-runs/:id/publish": { act: ["assessmentRun", "publish"], gateOnly: true },
  "GET /api/v1/assessment-runs/:id/export.xlsx": { act: ["assessmentRun", "export"], gateOnly: true },
  /** The workbench (issue 13.1): the user's own counts; its rule is the role (workbench-routes.test.ts: counts == lists). */
  "GET /api/v1/workbench": { act: ["workbench", "read"] },
  /** Region dashboards (issue 13.2): a county's figures, the rows behind one, and their export. */
  "GET /api/v1/dashboard": {
    act: ["dashboard", "read"],
    url: (w, s) => `/api/v1/dashboard?region=${w.county[s]}&period=year`,
    row: (w, s) => ({ id: "d", regionCode: w.county[s] }),
  },
  "GET /api/v1/dashboard/rows": {
    act: ["dashboard", "read"],
    url: (w, s) => `/api/v1/dashboard/rows?region=${w.county[s]}&period=year&metric=reported`,
    row: (w, s) => ({ id: "d", regionCode: w.county[s] }),
  },
  "GET /api/v1/dashboard/rows/export": {
    act: ["dashboard", "export"],
    url: (w, s) =>
      `/api/v1/dashboard/rows/export?region=${w.county[s]}&period=year&metric=reported&${reason}`,
    row: (w, s) => ({ id: "d", regionCode: w.county[s] }),
  },
};
const tipCases = new Map<string, Row>();
/** A case from a public tip in the scope's village (filed once per scope and database). */
async function tipCase(ctx: ApiContext, w: AccessWorld, s: Scope, realName = false): Promise<Row> {
  const key = `${ctx.dialect}:${s}:${realName}`;
  const known = tipCases.get(key);
  if (known) return known;
  const who = realName ? { anonymous: false, name: "矩阵举报人", phone: "13700000000" } : {};
  const res = await fileTip(ctx.app, {
    regionCode: w.village[s],
    location: undefined,
    address: "矩阵测试地址",
    ...who,
  });
  if (res.statusCode !== 201) throw new Error(`tip: ${res.statusCode} ${res.body}`);
  const row = await ctx.deps.db
    .selectFrom("caseRecord")
    .selectAll()
    .where("number", "=", res.json().number)
    .executeTakeFirstOrThrow();
  const kase = { ...row, ...rowToCase(row) } as unknown as Row;
  tipCases.set(key, kase);
  return kase;
}
/** An Open311 client or platform of the scope's county, made directly (a fresh one per cell: revoking ends it). */
async function tipClientRow(ctx: ApiContext, w: AccessWorld, s: Scope, kind: "open311" | "hotline") {
  const id = randomUUID();
  await ctx.deps.db
    .insertInto("tipApiClient")
    .values({
      id,
      kind,
      countyCode: w.county[s],
      name: "矩阵客户端",
      keyHash: randomUUID(),
      keyHint: "abcd",
      webhookId: null,
      createdBy: null,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    })
    .execute();
  return { id, regionCode: w.county[s] };
}
/**
 * A tip of the scope's village; `confirmed`: a fresh real-name tip whose case is set to closed as resolved
 * (the state a reward is proposed in; the full walk is in tip-channels.test.ts).
 */
async function tipRow(ctx: ApiContext, w: AccessWorld, s: Scope, confirmed = false): Promise<Row> {
  let caseId: string;
  if (confirmed) {
    const res = await fileTip(ctx.app, {
      regionCode: w.village[s],
      location: undefined,
      address: "矩阵奖励地址",
      anonymous: false,
      name: "矩阵举报人",
      phone: "13700000001",
    });
    if (res.statusCode !== 201) throw new Error(`tip: ${res.statusCode} ${res.body}`);
    const kase = await ctx.deps.db
      .selectFrom("caseRecord")
      .select("id")
      .where("number", "=", res.json().number)
      .executeTakeFirstOrThrow();
    caseId = kase.id;
    await ctx.deps.db
      .updateTable("caseRecord")
      .set({ stage: "closed", open: 0, closeReason: "resolved", deadline: null })
      .where("id", "=", caseId)
      .execute();
  } else caseId = (await tipCase(ctx, w, s, true)).id;
  const tip = await ctx.deps.db
    .selectFrom("tip")
    .select("id")
    .where("caseId", "=", caseId)
    .executeTakeFirstOrThrow();
  return { id: tip.id, regionCode: w.village[s] };
}
/** A reward in the given state on a fresh confirmed tip, proposed by someone else than any matrix account. */
async function rewardRow(ctx: ApiContext, w: AccessWorld, s: Scope, status: "proposed" | "approved") {
  const tip = await tipRow(ctx, w, s, true);
  const { caseId } = await ctx.deps.db
    .selectFrom("tip")
    .select("caseId")
    .where("id", "=", tip.id)
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  await ctx.deps.db
    .insertInto("tipReward")
    .values({
      id,
      tipId: tip.id,
      caseId,
      countyCode: w.county[s],
      rule: "major_hazard",
      fineYuan: 100_000,
      concealedDeaths: null,
      amountYuan: 15_000,
      basis: "罚款 100,000 元 × 15%",
      status,
      proposedBy: "matrix-proposer",
      proposedAt: new Date().toISOString(),
      decidedBy: status === "approved" ? "matrix-approver" : null,
      decidedAt: null,
      decisionNote: null,
      paidBy: null,
      paidAt: null,
      payoutRef: null,
    })
    .execute();
  return { id, regionCode: w.county[s] };
}
/** Case actions: on a fresh staged case per cell (server/test/case-action-cells.ts), exact status. */
const caseActionProbe = (action: string): Probe => ({
  act: ["case", action],
  caseAction: action as CaseAction,
});
/** Signing out ends the session every later cell of that account uses; it is proven in auth-routes.test.ts. */
const skipped = new Set(["POST /api/v1/auth/logout"]);

function probeOf(key: string): Probe | undefined {
  const action = /^POST \/api\/v1\/cases\/:id\/([a-z_]+)$/.exec(key)?.[1];
  if (action) return caseActionProbe(action);
  return probes[key];
}

/** Stand-in rows: `me`/`n` the account's own record or inbox; `c`/`r`/`new` a region named by the request. */
const regionRows = new Set(["c", "r", "new"]);
const pseudo = new Set(["me", "n", ...regionRows]);

function expected(p: Probe, actor: Actor, row: Row | undefined): number | "gate-passed" {
  const act = term(p.act);
  if (!gateOf(act)(actor)) return 403;
  if (p.gateOnly) return "gate-passed";
  if (row && !pseudo.has(row.id)) {
    if (!evaluate(term(p.read ?? p.act), actor, row)) return 404;
    if (!evaluate(act, actor, row) || (p.actCheck && !p.actCheck(actor, row))) return 403;
  }
  // A region named by the request (a new row's, or a list's filter): outside the rule is 403 for a new
  // row (the actor may not create there) and 404 for a region's data.
  if (row && regionRows.has(row.id) && !evaluate(act, actor, row))
    return row.id === "new" ? (p.refusedAs ?? 403) : 404;
  if (row?.id === "new" && p.actCheck && !p.actCheck(actor, row)) return 403;
  return p.ok ?? 200;
}

function fillUrl(url: string, p: Probe, w: AccessWorld, s: Scope, row: Row | undefined) {
  if (p.url) return p.url(w, s);
  const filled = url
    .replace(/:id/g, row?.id && row.id.length > 8 ? row.id : none)
    .replace(/:code/g, w.village[s])
    .replace(/:siteId/g, String(row?.siteId || none))
    .replace(/:userId/g, String(row?.id || none))
    .replace(/:evidenceId/g, String(row?.evidenceId || none));
  return p.query ? `${filled}?${p.query}` : filled;
}

/** A body built by the probe and parsed by the route's own schema, so a probe cannot drift from the API. */
function bodyOf(p: Probe, w: AccessWorld, s: Scope, schema: unknown, row?: Row): Record<string, unknown> {
  const body = p.body?.(w, s, row) as Record<string, unknown> | undefined;
  if (body === undefined) return {};
  const parse = (schema as { parse?: (v: unknown) => unknown } | undefined)?.parse;
  if (parse) parse.call(schema, body);
  return body;
}

/**
 * The trail shows each event as it was recorded (GB/T 22239-2019 8.1.4.3 audit records are not rewritten);
 * its readers are the audit administrator and the offices, and the classification of trail payloads is
 * the data-classification work of this issue, not this matrix.
 */
const trailAsRecorded = new Set(["GET /api/v1/trail/events"]);

/** Masked fields: which fixture phones a role must never see in full, in any answer. */
function mustBeMasked(actor: Actor): string[] {
  const out: string[] = [];
  if (actor.role === "service_provider" || actor.role === "auditor")
    out.push(rawPhones.staff, rawPhones.officer);
  if (!contactRoles.includes(actor.role)) out.push(rawPhones.siteContact);
  return out;
}

eachApi("access matrix: route × role × scope", (ctx) => {
  useTempDataDir(ctx);
  let world: AccessWorld;
  let caseCell: (action: CaseAction, user: TestUser, s: Scope) => CaseCell;
  let bulkCell: (action: CaseAction, user: TestUser, s: Scope) => CaseCell;
  const accounts = () =>
    roles.map(
      (r) => Object.values(ctx.users).find((u) => u.role === r && u.scope.some((c) => c.startsWith("62")))!,
    );
  beforeAll(async () => {
    world = await seedAccessWorld(ctx);
    const actions = ctx.app.routeTable.flatMap(
      (r) => /^\/api\/v1\/cases\/:id\/([a-z_]+)$/.exec(r.url)?.[1] ?? [],
    ) as CaseAction[];
    caseCell = await stageCaseCells(ctx, world, accounts(), actions);
    bulkCell = await stageCaseCells(ctx, world, accounts(), ["dispatch"]);
  }, 180_000);

  it("answers every cell as the access table says", async () => {
    const wrong: string[] = [];
    let cells = 0;
    let gateOnlyCells = 0;
    const unprobed: string[] = [];
    for (const r of ctx.app.routeTable.filter((x) => x.access === "signed_in")) {
      const key = `${r.method} ${r.url}`;
      if (skipped.has(key)) continue;
      const p = probeOf(key);
      if (!p) {
        unprobed.push(key);
        continue;
      }
      for (const user of accounts()) {
        const actor = { ...user, displayName: "", username: user.username } as Actor;
        for (const s of scopes) {
          cells++;
          if (p.gateOnly) gateOnlyCells++;
          const cell = p.caseAction
            ? caseCell(p.caseAction, user, s)
            : p.bulk
              ? bulkCell("dispatch", user, s)
              : undefined;
          const row = cell?.row ?? (p.fresh ? await p.fresh(ctx, world, s, counter++) : p.row?.(world, s));
          // a bulk dispatch answers 200 once past the gate; each case's result carries its own status
          const want = p.caseAction
            ? expectedCaseStatus(actor, p.caseAction, row!)
            : p.bulk
              ? expected(p, actor, undefined)
              : expected(p, actor, row);
          const body = p.bulk ? { caseIds: [row!.id], departmentId: cell!.body.departmentId } : cell?.body;
          const res = await as(ctx, user.username, {
            method: r.method as "GET",
            url: p.bulk ? r.url : fillUrl(r.url, p, world, s, row),
            ...(p.multipart
              ? p.multipart(world, s)
              : {
                  payload:
                    r.method === "GET" || r.method === "DELETE"
                      ? undefined
                      : (body ?? bodyOf(p, world, s, r.body, row)),
                }),
          });
          if (p.bulk && res.statusCode === 200) {
            const one = res.json().results[0].status;
            const wantOne = expectedCaseStatus(actor, "dispatch", row!);
            if (one !== wantOne)
              wrong.push(`${user.role} ${s} ${key}: case result want ${wantOne}, got ${one}`);
          }
          const got = res.statusCode;
          if (p.cleanup) {
            const id = p.fresh ? row?.id : got < 300 ? (res.json() as Row).id : undefined;
            if (id) await as(ctx, "admin", { method: "DELETE", url: `${p.cleanup}/${id}` });
          }
          const bad =
            want === "gate-passed"
              ? got === 401 || got === 403 || got >= 500
              : want >= 200 && want < 300
                ? got < 200 || got >= 300
                : got !== want;
          if (bad) wrong.push(`${user.role} ${s} ${key}: want ${want}, got ${got} ${res.body.slice(0, 120)}`);
          for (const phone of mustBeMasked(actor))
            if (got < 300 && !trailAsRecorded.has(key) && res.body.includes(phone))
              wrong.push(`${user.role} ${s} ${key}: answer holds the unmasked phone ${phone}`);
        }
      }
    }
    expect(unprobed, "routes without a probe").toEqual([]);
    if (wrong.length)
      console.log(
        `access matrix [${ctx.dialect}]: ${wrong.length} of ${cells} cells wrong\n${wrong.join("\n")}`,
      );
    expect(wrong, wrong.join("\n")).toEqual([]);
    console.log(
      `access matrix [${ctx.dialect}]: ${cells} cells (routes × roles × scopes), all as expected ` +
        `(${cells - gateOnlyCells} on real rows with valid bodies, ${gateOnlyCells} gate-only with an empty body)`,
    );
  }, 900_000);

  /**
   * Public routes (access "public", R28 tips): no gate and no session read, so every role and no session at
   * all get the same answer; each has a probe with a real body (a solved check, a real tracking code).
   */
  it("answers the public routes alike to everyone, signed in or not", async () => {
    const filed = await fileTip(ctx.app, { address: "公开路由矩阵" });
    const code = filed.json().code as string;
    const platformKey = (
      await as(ctx, "county", {
        method: "POST",
        url: "/api/v1/tip-clients/platforms",
        payload: { countyCode: "620123", name: "矩阵平台", callbackUrl: "https://hotline.example.gov.cn/cb" },
      })
    ).json().key as string;
    const publicProbes: Record<
      string,
      {
        payload?: () => Promise<Record<string, unknown>>;
        headers?: Record<string, string>;
        multipart?: () => Promise<ReturnType<typeof tipMultipart>>;
        ok: number;
      }
    > = {
      "GET /api/v1/public/tips/form": { ok: 200 },
      "GET /api/v1/public/tips/challenge": { ok: 200 },
      "POST /api/v1/public/tips": {
        multipart: async () => tipMultipart({ ...tipBody(), ...(await solvedChallenge(ctx.app)) }),
        ok: 201,
      },
      "POST /api/v1/public/tips/track": { payload: async () => ({ code }), ok: 200 },
      "POST /api/v1/public/tips/messages": {
        payload: async () => ({ code, body: "公开路由矩阵的回复" }),
        ok: 200,
      },
      /** The tip's case is open: "not fixed" is refused alike (409), whoever asks. */
      "POST /api/v1/public/tips/not-fixed": { payload: async () => ({ code }), ok: 409 },
      /** A 12345 work order under a platform's key: the session plays no part (a new order number each). */
      "POST /api/v1/intake/work-orders": {
        headers: { "x-api-key": platformKey },
        payload: async () => ({
          number: `GD-MATRIX-${counter++}`,
          category: "燃气",
          description: "访问矩阵转办工单：燃气罐露天堆放",
          address: "矩阵测试地址",
        }),
        ok: 201,
      },
    };
    const wrong: string[] = [];
    const unprobed: string[] = [];
    for (const r of ctx.app.routeTable.filter(
      (x) => x.access === "public" && /^\/api\/v1\/(public|intake)\//.test(x.url),
    )) {
      const key = `${r.method} ${r.url}`;
      const p = publicProbes[key];
      if (!p) {
        unprobed.push(key);
        continue;
      }
      for (const who of [null, ...accounts().map((u) => u.username)]) {
        const body = p.multipart ? await p.multipart() : p.payload ? { payload: await p.payload() } : {};
        const res = await as(ctx, who, {
          method: r.method as "GET",
          url: r.url,
          ...body,
          ...(p.headers ? { headers: p.headers } : {}),
        });
        if (res.statusCode !== p.ok)
          wrong.push(
            `${who ?? "no session"} ${key}: want ${p.ok}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
      }
    }
    expect(unprobed, "public routes without a probe").toEqual([]);
    expect(wrong, wrong.join("\n")).toEqual([]);
  }, 600_000);

  /** Every page of the case list (the case-action cells add some 150 cases to the world). */
  async function listedCases(username: string) {
    const ids = new Set<string>();
    for (let page = 1; ; page++) {
      const res = await as(ctx, username, { method: "GET", url: `/api/v1/cases?pageSize=200&page=${page}` });
      if (res.statusCode !== 200) return { status: res.statusCode, ids };
      const items = res.json().items as { id: string }[];
      for (const c of items) ids.add(c.id);
      if (items.length < 200) return { status: 200, ids };
    }
  }

  it("lists only what the same actor may read by id; out of scope reads as 404", async () => {
    const lists: { list: string; byId: (id: string) => string }[] = [
      { list: "/api/v1/cases?pageSize=100", byId: (id) => `/api/v1/cases/${id}` },
      { list: "/api/v1/sites?pageSize=100", byId: (id) => `/api/v1/sites/${id}` },
      { list: "/api/v1/grids?pageSize=100", byId: (id) => `/api/v1/grids/${id}` },
      { list: "/api/v1/users?pageSize=200", byId: (id) => `/api/v1/users/${id}` },
      { list: "/api/v1/deliveries?pageSize=20", byId: (id) => `/api/v1/deliveries/${id}` },
      // Coverage drill-downs of the county, also for accounts whose scope lies below it.
      {
        list: "/api/v1/coverage/rows?region=620123&metric=sites_without_worker&pageSize=100",
        byId: (id) => `/api/v1/sites/${id}`,
      },
      {
        list: "/api/v1/coverage/rows?region=620123&metric=grids_without_worker&pageSize=100",
        byId: (id) => `/api/v1/grids/${id}`,
      },
    ];
    const wrong: string[] = [];
    for (const user of accounts()) {
      for (const l of lists) {
        const res = await as(ctx, user.username, { method: "GET", url: l.list });
        if (res.statusCode !== 200) continue;
        for (const item of res.json().items as { id: string }[]) {
          const one = await as(ctx, user.username, { method: "GET", url: l.byId(item.id) });
          if (one.statusCode !== 200)
            wrong.push(`${user.role} lists ${item.id} from ${l.list} but reads ${one.statusCode}`);
        }
      }
      const exp = await as(ctx, user.username, { method: "GET", url: `/api/v1/cases/export.xlsx?${reason}` });
      const list = await listedCases(user.username);
      if (exp.statusCode !== list.status)
        wrong.push(`${user.role}: export ${exp.statusCode}, list ${list.status}`);
      for (const id of world.stagedCases) {
        const one = await as(ctx, user.username, { method: "GET", url: `/api/v1/cases/${id}` });
        const listed = list.ids.has(id);
        if ((one.statusCode === 200) !== listed)
          wrong.push(`${user.role}: case ${id} read ${one.statusCode}, listed ${listed}`);
      }
    }
    if (wrong.length) console.log(`list invariants [${ctx.dialect}]:\n${wrong.join("\n")}`);
    expect(wrong, wrong.join("\n")).toEqual([]);
  }, 600_000);
});
