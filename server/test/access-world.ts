import { rowToCase } from "../../db/queries/case-queries";
import { as, caseAt, report, upload } from "../routes/case-test-kit";
import { createFixtureGrids, fixtureGrids, realUscc, siteBody, square } from "../routes/grid-test-fixtures";
import type { ApiContext } from "./api-harness";
import { testPassword } from "./fixtures";

/** The three places every matrix cell is tried in, seen from the home county's accounts. */
export const scopes = ["own", "other_township", "other_county"] as const;
export type Scope = (typeof scopes)[number];

/** Phones that fixtures store in full; no response to a role that must see them masked may contain them. */
export const rawPhones = { staff: "13900001111", officer: "13912345678", siteContact: "13812345678" };

type Row = Record<string, unknown> & { id: string };
export interface AccessWorld {
  village: Record<Scope, string>;
  county: Record<Scope, string>;
  grid: Record<Scope, Row>;
  site: Record<Scope, Row>;
  case: Record<Scope, Row>;
  /** Cases of the home village at several stages (list/read invariants walk them). */
  stagedCases: string[];
  evidence: Record<Scope, Row>;
  user: Record<Scope, Row>;
  department: Record<Scope, Row>;
  webhook: Record<Scope, Row>;
  deadlineRule: Record<Scope, Row>;
  /** One notification of the lead department's account (its cases' reports notify it). */
  notification: Row;
  /** The grid worker serving the home grid (A). */
  staffId: string;
}

/** A boundary import of one region (a small square; the import checks geometry, not the map). */
export const boundaryBody = (code: string) => ({
  source: "访问矩阵测试",
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { code },
      geometry: { type: "Polygon", coordinates: [square(104.1, 35.84, 104.13, 35.86)] },
    },
  ],
});

async function ok(res: { statusCode: number; body: string; json(): unknown }, what: string) {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown>;
}

const byScope = async <T>(f: (s: Scope) => Promise<T>) => {
  const out = {} as Record<Scope, T>;
  for (const s of scopes) out[s] = await f(s);
  return out;
};

/**
 * Real rows in each scope: grids, sites, cases (several stages at home), evidence, users, departments,
 * webhooks and deadline rules, made through the API by the accounts that keep them.
 */
export async function seedAccessWorld(ctx: ApiContext): Promise<AccessWorld> {
  const db = ctx.deps.db;
  const otherVillage = (
    await db
      .selectFrom("region")
      .select("code")
      .where("code", "like", "620102%")
      .where("level", "=", "village")
      .orderBy("code")
      .executeTakeFirstOrThrow()
  ).code;
  const village: Record<Scope, string> = {
    own: "620123100001",
    other_township: "620123101201",
    other_county: otherVillage,
  };
  const county: Record<Scope, string> = { own: "620123", other_township: "620123", other_county: "620102" };
  const keeper: Record<Scope, string> = {
    own: "county",
    other_township: "county",
    other_county: "other_county",
  };

  // Staff with a phone, serving the home grid.
  const staff = await ok(
    await as(ctx, "admin", {
      method: "POST",
      url: "/api/v1/users",
      payload: {
        username: "gw_phone",
        displayName: "网格员甲",
        role: "grid_worker",
        scope: [village.own],
        phone: rawPhones.staff,
        password: testPassword,
      },
    }),
    "staff",
  );
  const grids = await createFixtureGrids(ctx);
  await ok(
    await as(ctx, "county", {
      method: "PUT",
      url: `/api/v1/grids/${grids.A.id}/workers`,
      payload: { workers: [{ userId: staff.id, employment: "full_time" }] },
    }),
    "staff grid",
  );
  const otherGrid = async (s: Scope, x: number) => {
    const body = {
      ...fixtureGrids.B,
      regionCode: village[s],
      villageCodes: [village[s]],
      name: `${s} 网格`,
      geometry: { type: "Polygon", coordinates: [square(x, 36, x + 0.01, 36.01)] },
    };
    const g = await ok(await as(ctx, keeper[s], { method: "POST", url: "/api/v1/grids", payload: body }), s);
    return g.id as string;
  };
  const gridIds = {
    own: grids.A.id,
    other_township: await otherGrid("other_township", 104.2),
    other_county: await otherGrid("other_county", 103.8),
  };

  let n = 0;
  const siteIds = await byScope(async (s) => {
    const res = await as(ctx, keeper[s], {
      method: "POST",
      url: "/api/v1/sites",
      payload: siteBody({ regionCode: village[s], uscc: realUscc[n++], name: `${s} 建材有限公司` }),
    });
    return (await ok(res, `site ${s}`)).id as string;
  });

  const caseIds = await byScope(async (s) => {
    if (s === "own") return caseAt(ctx, "dispatched");
    const res = await report(ctx, keeper[s], { regionCode: village[s], source: "patrol" });
    return ((await ok(res, `case ${s}`)).case as { id: string }).id;
  });
  const stagedCases = [caseIds.own];
  for (const stage of ["reported", "handling", "awaiting_recheck", "closed"] as const)
    stagedCases.push(await caseAt(ctx, stage));

  // At home: the evidence fed back on a case (read through the case); elsewhere: unattached uploads.
  const attached = await db
    .selectFrom("evidence")
    .select("id")
    .where("caseId", "in", stagedCases)
    .executeTakeFirstOrThrow();
  const evidenceIds: Record<Scope, string> = {
    own: attached.id,
    other_township: (await upload(ctx, "county")).id,
    other_county: (await upload(ctx, "other_county")).id,
  };

  const otherTownshipUser = await ok(
    await as(ctx, "admin", {
      method: "POST",
      url: "/api/v1/users",
      payload: {
        username: "gw_t101",
        displayName: "网格员乙",
        role: "grid_worker",
        scope: [village.other_township],
        password: testPassword,
      },
    }),
    "user",
  );
  const userIds: Record<Scope, string> = {
    own: ctx.users.worker.id,
    other_township: otherTownshipUser.id as string,
    other_county: ctx.users.other_county.id,
  };
  const departmentIds: Record<Scope, string> = {
    own: ctx.departments["620123"].market,
    other_township: ctx.departments["620123"].water ?? ctx.departments["620123"].market,
    other_county: ctx.departments["620102"].market,
  };
  const webhookIds = await byScope(async (s) => {
    const res = await as(ctx, keeper[s], {
      method: "POST",
      url: "/api/v1/webhooks",
      payload: { regionCode: county[s], url: `https://hooks.example.cn/${s}`, events: [] },
    });
    return (await ok(res, `webhook ${s}`)).id as string;
  });
  const ruleIds = await byScope(async (s) => {
    const res = await as(ctx, keeper[s], {
      method: "POST",
      url: "/api/v1/case-deadline-rules",
      payload: {
        regionPrefix: s === "other_township" ? "620123101" : county[s],
        stage: "triaged",
        unit: "working_hours",
        amount: 7,
      },
    });
    return (await ok(res, `deadline rule ${s}`)).id as string;
  });

  const rows = async <T extends Row>(
    table: string,
    ids: Record<Scope, string>,
    map: (r: T) => Row = (r) => r,
  ) =>
    byScope(async (s) => {
      // biome-ignore lint/suspicious/noExplicitAny: the test reads rows of several tables by id
      const r = await (db as any)
        .selectFrom(table)
        .selectAll()
        .where("id", "=", ids[s])
        .executeTakeFirstOrThrow();
      return map(r as T);
    });
  const evidence = await rows("evidence", evidenceIds);
  for (const s of scopes) {
    const caseId = evidence[s].caseId as string | null;
    if (!caseId) continue;
    // biome-ignore lint/suspicious/noExplicitAny: a case row becomes the policy's case
    const k: any = await db
      .selectFrom("caseRecord")
      .selectAll()
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    evidence[s] = { ...rowToCase(k), ...evidence[s], regionCode: k.regionCode };
  }
  for (const s of scopes)
    await ok(
      await as(ctx, "admin", {
        method: "PUT",
        url: "/api/v1/regions/boundaries",
        payload: boundaryBody(village[s]),
      }),
      `boundary ${s}`,
    );
  const notification = await db
    .selectFrom("notification")
    .selectAll()
    .where("userId", "=", ctx.users.lead.id)
    .executeTakeFirstOrThrow();
  return {
    notification: { ...notification, id: String(notification.id) },
    staffId: staff.id as string,
    village,
    county,
    grid: await rows("grid", gridIds),
    site: await rows("site", siteIds),
    // biome-ignore lint/suspicious/noExplicitAny: a case row becomes the policy's case
    case: await rows("caseRecord", caseIds, (r: any) => ({ ...r, ...rowToCase(r) })),
    stagedCases,
    evidence,
    user: await rows("appUser", userIds),
    department: await rows("department", departmentIds),
    webhook: await rows("webhook", webhookIds),
    deadlineRule: await rows("caseDeadlineRule", ruleIds),
  };
}
