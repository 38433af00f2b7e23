import { rowToCase } from "../../../db/queries/case-queries";
import {
  latestFeedback,
  listMyGrids,
  listMyReports,
  listNearbySites,
  listRecheckCandidates,
  listWorkSetSites,
} from "../../../db/queries/field-work-set-queries";
import type { Actor } from "../../../domain/auth/actor";
import { caseAbilities } from "../../../domain/case/case-policy";
import { type CaseStage, caseStageLabel } from "../../../domain/case/case-types";
import { type Areal, bbox } from "../../../domain/geo/geometry";
import type { WorkSet } from "../../../domain/schemas/field-sync-schemas";
import type { Deps } from "../../deps";
import { simplifyForZoom } from "../grids/simplify";
import { anotherPersonCloses } from "../settings/county-settings";

/** Own reports closed longer ago than this are left off the phone. */
const reportDays = 30;
/** How far beyond the worker's grids the report form offers sites (metres), and at most how many. */
export const nearbyMeters = 1000;
const nearbyLimit = 300;
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
  const nearby = await nearbySitesOf(deps, actor, grids, new Set(sites.map((s) => s.id)));
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
    nearbySites: nearby,
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

/** The box around all the worker's grids, widened by `nearbyMeters` on every side. */
function widenedBox(geometries: Areal[]): [number, number, number, number] | null {
  if (geometries.length === 0) return null;
  const boxes = geometries.map((g) => bbox(g));
  const box: [number, number, number, number] = [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
  const dLat = nearbyMeters / 111_320;
  const dLon = dLat / Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180);
  return [box[0] - dLon, box[1] - dLat, box[2] + dLon, box[3] + dLat];
}

/**
 * Sites of neighbouring grids within `nearbyMeters` of the worker's grids that they may read (the report
 * form names them; reporting is allowed anywhere in scope and routes by location), without their own.
 */
async function nearbySitesOf(
  deps: Deps,
  actor: Actor,
  grids: { id: string; geojson: string }[],
  own: Set<string>,
): Promise<WorkSet["nearbySites"]> {
  const box = widenedBox(grids.map((g) => JSON.parse(g.geojson) as Areal));
  if (!box) return [];
  const rows = await listNearbySites(
    deps.db,
    actor,
    grids.map((g) => g.id),
    box,
    nearbyLimit,
  );
  return rows
    .filter((r) => !own.has(r.id) && r.lon !== null && r.lat !== null)
    .map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      address: r.address,
      location: { lng: Number(r.lon), lat: Number(r.lat) },
      gridId: r.gridId,
    }));
}
