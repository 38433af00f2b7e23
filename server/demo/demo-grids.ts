import { randomUUID } from "node:crypto";
import { anyGridUnder, insertGrid } from "../../db/queries/grid-queries";
import { insertGridWorkers } from "../../db/queries/grid-worker-queries";
import { listRegionChildren } from "../../db/queries/region-queries";
import { insertEvents } from "../../db/queries/site-event-queries";
import { findUserByUsername, insertUsers } from "../../db/queries/user-queries";
import type { GridTable, GridWorkerTable } from "../../db/schema/grid-tables";
import type { Areal, Position } from "../../domain/geo/geometry";
import { pointInPolygon } from "../../domain/geo/point-in-polygon";
import { randomPointIn, voronoiGrids } from "../../domain/geo/voronoi-grids";
import { hashPassword } from "../commands/auth/password-hash";
import { countyBoundary } from "../commands/grids/grid-geometry";
import { gridRow } from "../commands/grids/save-grid";
import type { Deps } from "../deps";
import type { DemoPlaces } from "./demo-accounts";
import { mobile, personName, type Rng, seeded, shortVillage } from "./demo-names";

/**
 * Approximate seats of 榆中县's townships (hand-placed from the county map, accurate to a few km): they only
 * decide roughly where each township's share of the county lies. A seat outside the boundary is replaced by
 * a random point inside it.
 */
const townshipSeats: Record<string, Position> = {
  "620123100": [104.11, 35.84],
  "620123101": [104.17, 35.93],
  "620123102": [104.34, 35.78],
  "620123103": [104.03, 35.99],
  "620123104": [103.99, 35.91],
  "620123105": [104.33, 35.88],
  "620123106": [104.27, 36.33],
  "620123107": [104.04, 35.95],
  "620123108": [104.11, 35.9],
  "620123109": [104.38, 35.69],
  "620123110": [104.26, 36.04],
  "620123202": [104.05, 35.8],
  "620123205": [104.1, 35.72],
  "620123207": [104.44, 35.84],
  "620123208": [104.22, 35.74],
  "620123209": [104.5, 35.93],
  "620123210": [104.42, 36.05],
  "620123212": [104.17, 36.13],
  "620123213": [104.32, 36.2],
  "620123214": [104.18, 35.64],
};

/** The township whose grids are "not drawn yet" in the demo, so coverage has a gap to show. */
export const ungriddedTownship = "620123214";
/** Extra grids: an industrial park and a commercial zone, each a seed in its township. */
const clusters: { township: string; kind: string; name: string; at: Position }[] = [
  { township: "620123104", kind: "industrial_park", name: "和平工业园区网格", at: [103.975, 35.925] },
  { township: "620123100", kind: "commercial_zone", name: "城关商贸区网格", at: [104.118, 35.847] },
];

/** Up to `n` well-spread points inside `area` (best of 8 random candidates each, Mitchell's algorithm). */
export function spreadPoints(area: Areal, n: number, r: Rng, fixed: Position[] = []): Position[] {
  const out: Position[] = [];
  const all = [...fixed];
  for (let i = 0; i < n; i++) {
    let best: Position = randomPointIn(area, r.next);
    let bestD = -1;
    for (let k = 0; k < 8; k++) {
      const p = k === 0 ? best : randomPointIn(area, r.next);
      const d = all.reduce(
        (m, q) => Math.min(m, (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2),
        Number.POSITIVE_INFINITY,
      );
      if (d > bestD) [best, bestD] = [p, d];
    }
    out.push(best);
    all.push(best);
  }
  return out;
}

export interface DemoTownship {
  code: string;
  name: string;
  area: Areal;
  grids: GridTable[];
}

/**
 * The demo county's grids (R1, issue 3 demo): township areas are Voronoi cells of the township seats clipped
 * to the real county boundary; inside each, one grid per village (Voronoi around well-spread seeds, clipped to
 * the township), plus an industrial-park and a commercial-zone grid. One township is left without grids, some
 * grids without a worker or a supervision officer: the gaps the coverage page shows. Each staffed grid gets a
 * grid worker account (one password hash shared by all, so the step stays fast).
 */
export async function demoGrids(deps: Deps, places: DemoPlaces): Promise<void> {
  const county = places.county;
  if (await anyGridUnder(deps.db, county)) return;
  const boundary = await countyBoundary(deps.db, county);
  if (!boundary) {
    console.warn(`演示网格：县 ${county} 没有边界数据，跳过`);
    return;
  }
  const r = seeded(3000);
  const townships = await listRegionChildren(deps.db, county);
  const seeds = townships.map((t) => {
    const seat = townshipSeats[t.code];
    const at = seat && pointInPolygon(seat[0], seat[1], boundary) ? seat : randomPointIn(boundary, r.next);
    return { code: t.code, lon: at[0], lat: at[1] };
  });
  const areas = voronoiGrids(boundary, seeds);
  const now = deps.clock.now().toISOString();
  const grids: GridTable[] = [];
  const out: DemoTownship[] = [];
  for (const [i, t] of townships.entries()) {
    const area = areas[i].geometry;
    const villages = await listRegionChildren(deps.db, t.code);
    const extra = clusters.filter((c) => c.township === t.code && pointInPolygon(c.at[0], c.at[1], area));
    const points = spreadPoints(
      area,
      villages.length,
      r,
      extra.map((c) => c.at),
    );
    const cellSeeds = [
      ...villages.map((v, k) => ({ code: `${v.code}001`, lon: points[k][0], lat: points[k][1] })),
      ...extra.map((c, k) => ({
        code: `${t.code}000${String(k + 1).padStart(3, "0")}`,
        lon: c.at[0],
        lat: c.at[1],
      })),
    ];
    const mine: GridTable[] = [];
    if (t.code !== ungriddedTownship && cellSeeds.length)
      for (const cell of voronoiGrids(area, cellSeeds)) {
        const v = villages.find((x) => `${x.code}001` === cell.code);
        const c = v ? null : extra[Number(cell.code.slice(-3)) - 1];
        const officer = r.next() < 0.9 ? { name: personName(r), phone: mobile(r) } : null;
        const leader = { name: personName(r), phone: mobile(r) };
        mine.push(
          gridRow(
            randomUUID(),
            cell.code,
            {
              regionCode: v ? v.code : t.code,
              name: v ? `${shortVillage(v.name)}网格` : c!.name,
              kind: v ? "village" : c!.kind,
              villageCodes: v ? [v.code] : [],
              geometry: cell.geometry,
              officer,
              leader,
              source: "generated",
            },
            now,
          ),
        );
      }
    grids.push(...mine);
    out.push({ code: t.code, name: t.name, area, grids: mine });
  }
  await saveDemoGrids(deps, places, grids, r);
  demoTownshipCache.set(deps.db, out);
}

/** Township areas computed by `demoGrids`, reused by the sites step of the same run. */
export const demoTownshipCache = new WeakMap<object, DemoTownship[]>();

async function saveDemoGrids(deps: Deps, places: DemoPlaces, grids: GridTable[], r: Rng) {
  const now = deps.clock.now();
  const at = now.toISOString();
  const hash = await hashPassword(process.env.SAFEGRID_DEMO_PASSWORD || randomUUID(), deps.config.auth);
  const workers: GridWorkerTable[] = [];
  const users: { id: string; username: string; displayName: string; regionCode: string }[] = [];
  const demoWorker = await findUserByUsername(deps.db, "worker");
  for (const [i, g] of grids.entries()) {
    if (r.next() < 0.06) continue; // a grid without a worker: a coverage gap
    if (demoWorker && g.regionCode === places.village) {
      workers.push({ gridId: g.id, userId: demoWorker.id, employment: "full_time", createdAt: at });
      continue;
    }
    // about one in seven workers is part-time and also serves the next grid
    const shared = i > 0 && r.next() < 0.15 && users.length && workers.at(-1)?.gridId === grids[i - 1].id;
    if (shared) {
      workers.push({ gridId: g.id, userId: workers.at(-1)!.userId, employment: "part_time", createdAt: at });
      continue;
    }
    const u = {
      id: randomUUID(),
      username: `gw${g.code.slice(0, 12)}`,
      displayName: personName(r),
      regionCode: g.regionCode,
    };
    users.push(u);
    workers.push({
      gridId: g.id,
      userId: u.id,
      employment: r.next() < 0.8 ? "full_time" : "part_time",
      createdAt: at,
    });
  }
  await deps.db.transaction().execute(async (tx) => {
    for (let i = 0; i < users.length; i += 200)
      await insertUsers(
        tx,
        users.slice(i, i + 200).map((u) => ({
          ...u,
          passwordHash: hash,
          role: "grid_worker",
          scope: JSON.stringify([u.regionCode]),
          departmentId: null,
          phone: mobile(r),
          status: "active" as const,
          lockedUntil: null,
          lastLoginAt: null,
          passwordChangedAt: at,
          createdAt: at,
          updatedAt: at,
        })),
      );
    for (const g of grids) await insertGrid(tx, g);
    for (let i = 0; i < workers.length; i += 300) await insertGridWorkers(tx, workers.slice(i, i + 300));
    await insertEvents(
      tx,
      null,
      [
        ...users.map((u) => ({
          action: "user.created",
          subjectType: "user",
          subjectId: u.id,
          regionCode: u.regionCode,
          data: { username: u.username, role: "grid_worker", scope: [u.regionCode], demo: true },
        })),
        ...grids.map((g) => ({
          action: "grid.created",
          subjectType: "grid",
          subjectId: g.id,
          regionCode: g.code,
          data: { code: g.code, name: g.name, kind: g.kind, source: "generated" },
        })),
        ...grids.map((g) => ({
          action: "grid.staffed",
          subjectType: "grid",
          subjectId: g.id,
          regionCode: g.code,
          data: {
            after: workers
              .filter((w) => w.gridId === g.id)
              .map((w) => ({ userId: w.userId, employment: w.employment })),
          },
        })),
      ],
      now,
    );
  });
}
