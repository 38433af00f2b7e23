import { randomUUID } from "node:crypto";
import { shanghaiDate } from "../../domain/calendar/shanghai-time";
import type { AccessWorld, Scope } from "./access-world";
import type { ApiContext } from "./api-harness";

type Row = Record<string, unknown> & { id: string };
type Rule = [string, string];

/**
 * Access-matrix probes of the third-party provider routes (R27), on real rows written once per database:
 * per scope an organisation of the scope's county, an expert with a valid qualification, and an active
 * engagement of the scope's site and case. The home scope's expert is the matrix's service-provider account
 * (so its own cells act for real); the other scopes' experts are other accounts (their rows read as 404).
 */
interface ProviderWorld {
  org: Record<Scope, Row>;
  expert: Record<Scope, Row>;
  engagement: Record<Scope, Row>;
  expertUser: Record<Scope, string>;
}
const worlds = new WeakMap<object, ProviderWorld>();
const scopes: Scope[] = ["own", "other_township", "other_county"];

async function insertEngagement(
  ctx: ApiContext,
  w: AccessWorld,
  pw: Omit<ProviderWorld, "engagement">,
  s: Scope,
) {
  const today = shanghaiDate(ctx.deps.clock.now());
  const row = {
    id: randomUUID(),
    orgId: pw.org[s].id,
    expertId: pw.expert[s].id,
    expertUserId: pw.expertUser[s],
    regionCode: w.county[s],
    title: "访问矩阵委托",
    startsOn: today,
    endsOn: "2099-12-31",
    endedAt: null,
    endedBy: null,
    createdBy: ctx.users.county.id,
    createdAt: ctx.deps.clock.now().toISOString(),
  };
  await ctx.deps.db.insertInto("serviceEngagement").values(row).execute();
  const site = w.site[s] as Row & { regionCode: string };
  const kase = w.case[s] as Row & { regionCode: string };
  await ctx.deps.db
    .insertInto("serviceEngagementTarget")
    .values([
      { engagementId: row.id, targetKind: "site", targetId: site.id, regionCode: site.regionCode },
      { engagementId: row.id, targetKind: "case", targetId: kase.id, regionCode: kase.regionCode },
    ])
    .execute();
  return row as Row;
}

async function providerWorld(ctx: ApiContext, w: AccessWorld): Promise<ProviderWorld> {
  const known = worlds.get(ctx);
  if (known) return known;
  const at = ctx.deps.clock.now().toISOString();
  const pw = { org: {}, expert: {}, expertUser: {} } as Omit<ProviderWorld, "engagement">;
  for (const s of scopes) {
    const org = {
      id: randomUUID(),
      regionCode: w.county[s],
      name: `矩阵服务机构${s}`,
      uscc: null,
      qualification: "安全评价机构资质",
      contactName: null,
      contactPhone: null,
      createdBy: ctx.users.county.id,
      createdAt: at,
    };
    await ctx.deps.db.insertInto("serviceOrg").values(org).execute();
    const userId = s === "own" ? ctx.users.provider.id : `matrix-expert-${s}`;
    const expert = {
      id: randomUUID(),
      orgId: org.id,
      regionCode: org.regionCode,
      name: `矩阵专家${s}`,
      userId,
      qualification: "注册安全工程师",
      certificateNo: `M-${s}`,
      validFrom: "2020-01-01",
      validUntil: "2099-12-31",
      createdAt: at,
    };
    await ctx.deps.db.insertInto("serviceExpert").values(expert).execute();
    pw.org[s] = org;
    pw.expert[s] = expert;
    pw.expertUser[s] = userId;
  }
  const engagement = {} as Record<Scope, Row>;
  for (const s of scopes) engagement[s] = await insertEngagement(ctx, w, pw, s);
  const out = { ...pw, engagement };
  worlds.set(ctx, out);
  return out;
}

/** A target of the scope's engagement as the rules read it (its region and the engagement's expert). */
const target = async (ctx: ApiContext, w: AccessWorld, s: Scope, kind: "site" | "case"): Promise<Row> => {
  const pw = await providerWorld(ctx, w);
  const t = (kind === "site" ? w.site[s] : w.case[s]) as Row & { regionCode: string };
  return { id: t.id, regionCode: t.regionCode, expertUserId: pw.expertUser[s] };
};

/** A submitted assessment of the scope's site, written as the expert would have sent it. */
async function freshAssessment(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<Row> {
  const pw = await providerWorld(ctx, w);
  const site = w.site[s] as Row & { regionCode: string };
  const row = {
    id: randomUUID(),
    engagementId: pw.engagement[s].id,
    orgId: pw.org[s].id,
    expertId: pw.expert[s].id,
    expertUserId: pw.expertUser[s],
    siteId: site.id,
    regionCode: site.regionCode,
    result: "blue",
    findings: "访问矩阵评估",
    status: "submitted" as const,
    previousRiskLevel: null,
    submittedAt: ctx.deps.clock.now().toISOString(),
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
  };
  await ctx.deps.db.insertInto("serviceAssessment").values(row).execute();
  return row;
}

const reason = `reason=${encodeURIComponent("访问矩阵导出测试")}`;

export const providerProbes: Record<
  string,
  {
    act: Rule;
    read?: Rule;
    ok?: number;
    url?: (w: AccessWorld, s: Scope) => string;
    body?: (w: AccessWorld, s: Scope, row?: Row) => unknown;
    fresh?: (ctx: ApiContext, w: AccessWorld, s: Scope, n: number) => Promise<Row>;
    row?: (w: AccessWorld, s: Scope) => Row;
  }
> = {
  "GET /api/v1/service-orgs": { act: ["serviceOrg", "read"] },
  "POST /api/v1/service-orgs": {
    act: ["serviceOrg", "manage"],
    row: (w, s) => ({ id: "new", regionCode: w.county[s] }),
    body: (w, s) => ({ regionCode: w.county[s], name: "矩阵新机构", qualification: "安全评价机构资质" }),
    ok: 201,
  },
  "POST /api/v1/service-orgs/:id/experts": {
    act: ["serviceOrg", "manage"],
    read: ["serviceOrg", "read"],
    fresh: async (ctx, w, s) => (await providerWorld(ctx, w)).org[s],
    body: () => ({
      name: "矩阵新专家",
      qualification: "注册安全工程师",
      certificateNo: "M-NEW",
      validFrom: "2024-01-01",
      validUntil: "2099-12-31",
    }),
    ok: 201,
  },
  "GET /api/v1/engagements": { act: ["engagement", "read"] },
  /** A new engagement of the scope's expert for the scope's county (row "new": only the gate and region decide). */
  "POST /api/v1/engagements": {
    act: ["engagement", "manage"],
    fresh: async (ctx, w, s) => ({
      id: "new",
      regionCode: w.county[s],
      expertId: (await providerWorld(ctx, w)).expert[s].id,
      startsOn: shanghaiDate(ctx.deps.clock.now()),
    }),
    body: (w, s, row) => ({
      expertId: row?.expertId,
      regionCode: w.county[s],
      title: "矩阵新委托",
      startsOn: row?.startsOn,
      endsOn: "2099-12-31",
      siteIds: [w.site[s].id],
      caseIds: [],
    }),
    ok: 201,
  },
  "GET /api/v1/engagements/:id": {
    act: ["engagement", "read"],
    fresh: async (ctx, w, s) => (await providerWorld(ctx, w)).engagement[s],
  },
  "POST /api/v1/engagements/:id/end": {
    act: ["engagement", "manage"],
    read: ["engagement", "read"],
    fresh: async (ctx, w, s) => {
      const pw = await providerWorld(ctx, w);
      return insertEngagement(ctx, w, pw, s);
    },
    body: () => ({}),
  },
  "GET /api/v1/provider/targets": { act: ["engagedTarget", "read"] },
  "GET /api/v1/provider/sites/:id": {
    act: ["engagedTarget", "read"],
    fresh: (ctx, w, s) => target(ctx, w, s, "site"),
  },
  "POST /api/v1/provider/sites/:id/assessments": {
    act: ["engagedTarget", "act"],
    read: ["engagedTarget", "read"],
    fresh: (ctx, w, s) => target(ctx, w, s, "site"),
    body: () => ({ result: "blue", findings: "访问矩阵：现场风险可控" }),
    ok: 201,
  },
  "GET /api/v1/provider/cases/:id": {
    act: ["engagedTarget", "read"],
    fresh: (ctx, w, s) => target(ctx, w, s, "case"),
  },
  "POST /api/v1/provider/cases/:id/guidance": {
    act: ["engagedTarget", "act"],
    read: ["engagedTarget", "read"],
    fresh: (ctx, w, s) => target(ctx, w, s, "case"),
    body: () => ({ comment: "访问矩阵：建议完善应急预案", evidenceIds: [] }),
    ok: 201,
  },
  "GET /api/v1/assessments": { act: ["assessment", "read"] },
  "POST /api/v1/assessments/:id/decision": {
    act: ["assessment", "decide"],
    read: ["assessment", "read"],
    fresh: freshAssessment,
    body: () => ({ approve: false, note: "访问矩阵退回" }),
  },
  "GET /api/v1/provider-work": { act: ["providerWork", "read"] },
  "GET /api/v1/provider-work/export.xlsx": {
    act: ["providerWork", "read"],
    url: () => `/api/v1/provider-work/export.xlsx?${reason}`,
  },
};
