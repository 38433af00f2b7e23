/**
 * Duty-card batch benchmark (R10, issue 14): a county with 250 grids spread over its townships and 500 grid
 * workers (two per grid, with phones), every card printed as one PDF (A4 sheets of four) through the real
 * HTTP app (`app.inject`, signed in as the county office). Target: 500 cards in < 30 s.
 * Figures: cards, seconds, cards_per_s, pages, pdf_mb.
 * Run: `npm run bench -- print` — prints one line of JSON.
 */
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { openDatabase } from "../db/db";
import { migrateToLatest } from "../db/migrate";
import { listRegionChildren } from "../db/queries/region-queries";
import { bulkInsert } from "../db/queries/site-queries";
import type { GridTable } from "../db/schema/grid-tables";
import { buildApp } from "../server/app";
import { gridRow } from "../server/commands/grids/save-grid";
import { loadRegions } from "../server/commands/regions/load-regions";
import { seedRoutingRules } from "../server/commands/routing/seed-routing-rules";
import { createUser } from "../server/commands/users/create-user";
import type { Deps } from "../server/deps";
import { testDeps } from "../server/test/fixtures";

const COUNTY = "620123";
const GRIDS = 250;
const WORKERS = 500;
const password = "Print-Bench-2026x";

async function seed(deps: Deps) {
  const townships = (await listRegionChildren(deps.db, COUNTY)).map((r) => r.code);
  const now = deps.clock.now().toISOString();
  const grids: GridTable[] = [];
  for (let i = 0; i < GRIDS; i++) {
    const township = townships[i % townships.length];
    const n = Math.floor(i / townships.length) + 1;
    const x = 104 + (i % 20) * 0.01;
    const y = 35.8 + Math.floor(i / 20) * 0.01;
    grids.push(
      gridRow(
        randomUUID(),
        `${township}000${String(n).padStart(3, "0")}`,
        {
          regionCode: township,
          name: `第${i + 1}网格`,
          kind: "village",
          villageCodes: [],
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [x, y],
                [x + 0.01, y],
                [x + 0.01, y + 0.01],
                [x, y + 0.01],
                [x, y],
              ],
            ],
          },
          officer: { name: "李安全", phone: "13912345678" },
          leader: { name: "王联系", phone: "13887654321" },
          source: "generated",
        },
        now,
      ),
    );
  }
  await bulkInsert(deps.db, "grid", grids, 100);
  const users = Array.from({ length: WORKERS }, (_, i) => ({ id: randomUUID(), grid: grids[i % GRIDS], i }));
  await bulkInsert(
    deps.db,
    "app_user",
    users.map((u) => ({
      id: u.id,
      username: `gw${u.i}`,
      displayName: `网格员${String(u.i).padStart(3, "0")}`,
      passwordHash: "x",
      role: "grid_worker",
      scope: JSON.stringify([u.grid.townshipCode]),
      regionCode: u.grid.townshipCode,
      departmentId: null,
      phone: `139${String(u.i).padStart(8, "0")}`,
      status: "active",
      lockedUntil: null,
      lastLoginAt: null,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    })),
    200,
  );
  await bulkInsert(
    deps.db,
    "grid_worker",
    users.map((u) => ({ gridId: u.grid.id, userId: u.id, employment: "full_time", createdAt: now })),
    300,
  );
}

export async function run(): Promise<Record<string, number>> {
  const database = openDatabase({ file: ":memory:" });
  await migrateToLatest(database);
  const deps: Deps = testDeps(database);
  await loadRegions(deps, "62");
  await seedRoutingRules(deps);
  await seed(deps);
  await createUser(deps, null, {
    username: "county-printer",
    displayName: "县安委办",
    role: "county_office",
    scope: [COUNTY],
    password,
  });
  const app = await buildApp(deps);
  try {
    const login = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "county-printer", password },
    });
    const headers = { authorization: `Bearer ${login.json().token}` };
    const t = performance.now();
    const res = await app.inject({ method: "GET", url: `/api/v1/duty-cards/pdf?region=${COUNTY}`, headers });
    const seconds = (performance.now() - t) / 1000;
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body.slice(0, 200)}`);
    const cards = Number(res.headers["x-cards"]);
    if (cards !== WORKERS) throw new Error(`printed ${cards} cards of ${WORKERS}`);
    const pages = (res.rawPayload.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
    return {
      cards,
      seconds: Math.round(seconds * 100) / 100,
      cards_per_s: Math.round(cards / seconds),
      pages,
      pdf_mb: Math.round((res.rawPayload.length / 2 ** 20) * 100) / 100,
    };
  } finally {
    await app.close();
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(JSON.stringify(await run()));
