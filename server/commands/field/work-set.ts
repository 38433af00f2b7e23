import { rowToCase } from "../../../db/queries/case-queries";
import {
  latestFeedback,
  listMyGrids,
  listMyReports,
  listRecheckCandidates,
  listWorkSetSites,
} from "../../../db/queries/field-work-set-queries";
import type { Actor } from "../../../domain/auth/actor";
import { caseAbilities } from "../../../domain/case/case-policy";
import { type CaseStage, caseStageLabel } from "../../../domain/case/case-types";
import type { Areal } from "../../../domain/geo/geometry";
import type { WorkSet } from "../../../domain/schemas/field-sync-schemas";
import type { Deps } from "../../deps";
import { simplifyForZoom } from "../grids/simplify";
import { anotherPersonCloses } from "../settings/county-settings";

/** Own reports closed longer ago than this are left off the phone. */
const reportDays = 30;
/** Grid outlines for the phone: about 2 m (zoom 16), 6 decimals at most. */
const outlineZoom = 16;

const point = (lng: number | null, lat: number | null) =>
  lng === null || lat === null ? null : { lng: Number(lng), lat: Number(lat) };

/**
 * The signed-in field user's work set (FIELD-CONTRACT.md `GET /field/work-set`): their grids with simplified
 * outlines, the sites of those grids the site read rule lets them read (never the county's), the cases of
 * their grids waiting for a re-check they may do (access table + independence + 同人不得闭环, the same
 * `caseAbilities` the case page uses), and their own reports. Only the fields the phone uses.
 */
export async function workSet(deps: Deps, actor: Actor, en = false): Promise<WorkSet> {
  const now = deps.clock.now();
  const grids = await listMyGrids(deps.db, actor);
  const gridIds = grids.map((g) => g.id);
  const sites = await listWorkSetSites(deps.db, actor, gridIds);
  const candidates = await listRecheckCandidates(
    deps.db,
    actor,
    gridIds,
    grids.map((g) => g.code),
  );
  const countyRule = new Map<string, boolean>();
  const rechecks = [];
  for (const row of candidates) {
    const county = row.regionCode.slice(0, 6);
    if (!countyRule.has(county)) countyRule.set(county, await anotherPersonCloses(deps.db, county));
    const kase = rowToCase(row);
    if (caseAbilities(actor, kase, countyRule.get(county)).recheck)
      rechecks.push({ kase, siteName: row.siteName });
  }
  const feedback = await latestFeedback(
    deps.db,
    rechecks.map((r) => r.kase.id),
  );
  const since = new Date(now.getTime() - reportDays * 86_400_000).toISOString();
  const reports = await listMyReports(deps.db, actor, since);
  return {
    serverTime: now.toISOString(),
    user: { id: actor.id, displayName: actor.displayName, role: actor.role, scope: actor.scope },
    grids: grids.map((g) => ({
      id: g.id,
      code: g.code,
      name: g.name,
      geometry: simplifyForZoom(
        JSON.parse(g.geojson) as Areal,
        outlineZoom,
      ) as WorkSet["grids"][number]["geometry"],
    })),
    sites: sites.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      riskLevel: s.riskLevel,
      address: s.address,
      location: point(s.lon, s.lat),
      gridId: s.gridId,
      industryCode: s.industryCode,
      version: s.version,
    })),
    rechecks: rechecks.map(({ kase, siteName }) => ({
      caseId: kase.id,
      number: kase.number,
      siteId: kase.siteId,
      siteName,
      description: kase.description,
      category: kase.category,
      location: kase.location,
      feedback: feedback.get(kase.id) ?? { note: "", evidenceIds: [] },
      dueAt: kase.deadline,
    })),
    reports: reports.map((r) => ({
      caseId: r.id,
      number: r.number,
      stage: r.stage as CaseStage,
      stageLabel: caseStageLabel[r.stage as CaseStage][en ? "en" : "zh"],
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    })),
  };
}
