/**
 * Province-wide grid map benchmark (R9, issue 3): 20,000 grids (a wiggly Voronoi tessellation of Gansu's
 * box, ~30 vertices each, coded by the county their centre falls in), 10,000 grid workers and 100,000 sites,
 * served through the real HTTP app (`app.inject`, a signed-in provincial user). Measures the first view
 * (the whole province at zoom 6: grid layer and site clusters) in bytes over the wire, then 200 further
 * views — random pans at zooms 8–14 over a 1280×800 screen, each the grid layer and the sites — timing every
 * request. Figures: first_view_bytes (< 1 MB wanted), p95_ms (< 200 wanted) over the further requests.
 * Run: `node --import tsx bench/map.ts` — prints one line of JSON.
 */
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { openDatabase } from "../db/db";
import { migrateToLatest } from "../db/migrate";
import { bulkInsert, insertSites } from "../db/queries/site-queries";
import { readCountyBoundaries } from "../db/regions/boundary-data";
import type { GridTable, GridWorkerTable } from "../db/schema/grid-tables";
import { gansuBbox } from "../domain/geo/coordinates";
import type { Areal, BBox } from "../domain/geo/geometry";
import { polygonsOf } from "../domain/geo/geometry";
import { createGridIndex } from "../domain/geo/grid-index";
import { interiorPoint } from "../domain/geo/point-in-polygon";
import { seededRandom } from "../domain/geo/seeded-random";
import { buildApp } from "../server/app";
import { gridLayer } from "../server/commands/grids/grid-layer";
import { gridRow } from "../server/commands/grids/save-grid";
import { loadRegions } from "../server/commands/regions/load-regions";
import { seedRoutingRules } from "../server/commands/routing/seed-routing-rules";
import { siteRow } from "../server/commands/sites/create-site";
import { assignmentContext, assignSite, preloadWorkers } from "../server/commands/sites/site-assignment";
import { createUser } from "../server/commands/users/create-user";
import type { Deps } from "../server/deps";
import { testDeps } from "../server/test/fixtures";
import { tessellate } from "./assign";

const GRIDS = 20_000;
const SITES = 100_000;
const VIEWS = 200;
const password = "Map-Viewer-2026x";

async function seed(deps: Deps, rand: () => number) {
  const counties = (await readCountyBoundaries("62")).features.map((f) => ({
    code: f.properties.code,
    geometry: f.geometry as Areal,
  }));
  const countyIndex = createGridIndex(counties);
  const seq = new Map<string, number>();
  const now = deps.clock.now().toISOString();
  const grids: GridTable[] = [];
  for (const g of tessellate(gansuBbox, GRIDS, rand)) {
    const [x, y] = interiorPoint(g.geometry);
    const county = countyIndex.locate(x, y) ?? "620000";
    const n = (seq.get(county) ?? 0) + 1;
    seq.set(county, n);
    const code = `${county}${String(Math.floor((n - 1) / 999)).padStart(3, "0")}000${String(((n - 1) % 999) + 1).padStart(3, "0")}`;
    grids.push(
      gridRow(
        randomUUID(),
        code,
        {
          regionCode: code.slice(0, 9),
          name: `网格${code}`,
          kind: "village",
          villageCodes: [],
          geometry: g.geometry,
          officer: { name: "李安全", phone: null },
          leader: { name: "王联系", phone: null },
          source: "generated",
        },
        now,
      ),
    );
  }
  await bulkInsert(deps.db, "grid", grids, 100);
  // half the grids get a worker (so the map has gaps to colour)
  const users = grids
    .filter((_, i) => i % 2 === 0)
    .map((g) => ({ id: randomUUID(), code: g.code, gridId: g.id }));
  await bulkInsert(
    deps.db,
    "app_user",
    users.map((u) => ({
      id: u.id,
      username: `gw${u.code}`,
      displayName: `网格员${u.code.slice(-4)}`,
      passwordHash: "x",
      role: "grid_worker",
      scope: JSON.stringify([u.code.slice(0, 9)]),
      regionCode: u.code.slice(0, 9),
      departmentId: null,
      phone: null,
      status: "active",
      lockedUntil: null,
      lastLoginAt: null,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    })),
    200,
  );
  const staff: GridWorkerTable[] = users.map((u) => ({
    gridId: u.gridId,
    userId: u.id,
    employment: "full_time",
    createdAt: now,
  }));
  await bulkInsert(deps.db, "grid_worker", staff, 300);
  const layer = await gridLayer(deps.db);
  const ctx = await assignmentContext(deps.db, layer);
  await preloadWorkers(
    ctx,
    layer.grids.map((g) => g.id),
  );
  const kinds = ["enterprise", "small_shop", "small_workshop", "small_entertainment", "household", "other"];
  const risks = ["red", "orange", "yellow", "blue", null];
  const sites = [];
  for (let i = 0; i < SITES; i++) {
    const lon = gansuBbox[0] + rand() * (gansuBbox[2] - gansuBbox[0]);
    const lat = gansuBbox[1] + rand() * (gansuBbox[3] - gansuBbox[1]);
    const grid = layer.locate(lon, lat);
    const s = siteRow(
      randomUUID(),
      {
        name: `对象${i}`,
        kind: kinds[i % kinds.length],
        uscc: null,
        industryCode: null,
        scale: null,
        ownership: "other",
        riskLevel: risks[i % risks.length],
        flagLarge: null,
        flagHighGrade: null,
        flagHighRisk: null,
        regionCode: grid ? grid.code.slice(0, 9) : "620102",
        address: "",
        lon,
        lat,
        contactName: null,
        contactPhone: null,
        status: "operating",
      },
      now,
    );
    sites.push(Object.assign(s, assignSite(ctx, s)));
  }
  await insertSites(deps.db, sites, 200);
  return { grids: grids.length, sites: SITES };
}

/** The bbox a 1280×800 screen shows around (lon, lat) at a Web-Mercator zoom. */
function viewport(lon: number, lat: number, zoom: number): BBox {
  const perPx = 360 / (256 * 2 ** zoom);
  const w = (1280 * perPx) / 2;
  const h = ((800 * perPx) / 2) * Math.cos((lat * Math.PI) / 180);
  return [lon - w, lat - h, lon + w, lat + h];
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

export async function run(): Promise<Record<string, number>> {
  const database = openDatabase({ file: ":memory:" });
  await migrateToLatest(database);
  const deps: Deps = testDeps(database);
  await loadRegions(deps, "62");
  await seedRoutingRules(deps);
  const rand = seededRandom(20261129);
  const seeded = await seed(deps, rand);
  await createUser(deps, null, {
    username: "province-viewer",
    displayName: "省安委办",
    role: "province_office",
    scope: ["62"],
    password,
  });
  const app = await buildApp(deps);
  try {
    const login = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "province-viewer", password },
    });
    const headers = { authorization: `Bearer ${login.json().token}` };
    const get = async (url: string) => {
      const t = performance.now();
      const res = await app.inject({ method: "GET", url, headers });
      const ms = performance.now() - t;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return { ms, bytes: res.rawPayload.length, body: res };
    };
    const view = (b: BBox, z: number) => `bbox=${b.map((v) => v.toFixed(5)).join(",")}&zoom=${z}`;
    const province = view(gansuBbox, 6);
    const f0 = performance.now();
    const firstGrids = await get(`/api/v1/map/grids?${province}`);
    const firstSites = await get(`/api/v1/map/sites?${province}`);
    const firstMs = performance.now() - f0;
    const times: number[] = [];
    let gridViews = 0;
    let maxBytes = 0;
    for (let i = 0; i < VIEWS; i++) {
      const z = 8 + Math.floor(rand() * 7);
      const lon = 93 + rand() * 15;
      const lat = 33 + rand() * 9;
      const q = view(viewport(lon, lat, z), z);
      const g = await get(`/api/v1/map/grids?${q}`);
      const s = await get(`/api/v1/map/sites?${q}`);
      times.push(g.ms, s.ms);
      maxBytes = Math.max(maxBytes, g.bytes + s.bytes);
      if (g.body.json().mode === "grids") gridViews++;
    }
    const layer = await gridLayer(deps.db);
    const vertices = layer.grids.reduce(
      (n, g) => n + polygonsOf(JSON.parse(g.geojson) as Areal).reduce((m, p) => m + p[0].length, 0),
      0,
    );
    return {
      grids: seeded.grids,
      vertices_per_grid: Math.round(vertices / seeded.grids),
      sites: seeded.sites,
      first_view_bytes: firstGrids.bytes + firstSites.bytes,
      first_view_ms: Math.round(firstMs),
      requests: times.length,
      views_with_grid_polygons: gridViews,
      p50_ms: Math.round(pct(times, 0.5) * 10) / 10,
      p95_ms: Math.round(pct(times, 0.95) * 10) / 10,
      max_ms: Math.round(Math.max(...times)),
      max_view_bytes: maxBytes,
    };
  } finally {
    await app.close();
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then((r) => console.log(JSON.stringify({ bench: "map", ...r })));
}
