import { defaultCaseCategories } from "../domain/case/case-categories";
import { seededRandom } from "../domain/geo/seeded-random";
import type { BulkTable } from "./bench-kit";

/**
 * The province the dashboard bench generates (issue 13): grids over the province's villages, grid workers
 * serving them, sites in the grids, and cases with their trail events (one event per step of the loop),
 * deterministic. Rows come as arrays in the column order of the tables below, for bench-kit's `bulkInsert`.
 */
export const NOW = Date.parse("2026-11-30T02:00:00.000Z");
const H = 3_600_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const at = iso(NOW - 800 * DAY);

export interface Sizes {
  grids: number;
  workers: number;
  sites: number;
  cases: number;
}

/** Where everything is: grid g lies in village `villageOf[g]` and is served by worker `workerOf[g]` (or none). */
export interface Layout {
  sizes: Sizes;
  villages: string[];
  gridVillage: Int32Array;
  gridWorker: Int32Array;
  gridCodes: string[];
}

export function layout(villages: string[], sizes: Sizes): Layout {
  const gridVillage = new Int32Array(sizes.grids);
  const gridWorker = new Int32Array(sizes.grids);
  for (let g = 0; g < sizes.grids; g++) {
    // Consecutive grids share a village; a worker serves one or two neighbouring grids; 1 grid in 50 has none.
    gridVillage[g] = Math.floor((g * villages.length) / sizes.grids);
    gridWorker[g] = g % 50 === 49 ? -1 : Math.floor((g * sizes.workers) / sizes.grids);
  }
  // 15-digit grid codes: the village's 12 digits and the grid's number in the village.
  const gridCodes: string[] = [];
  for (let g = 0, seq = 0; g < sizes.grids; g++) {
    seq = g > 0 && gridVillage[g - 1] === gridVillage[g] ? seq + 1 : 1;
    gridCodes.push(`${villages[gridVillage[g]]}${String(seq).padStart(3, "0")}`);
  }
  return { sizes, villages, gridVillage, gridWorker, gridCodes };
}

export const gridTable: BulkTable = {
  name: "grid",
  columns: [
    "id",
    "code",
    "region_code",
    "township_code",
    "name",
    "kind",
    "status",
    "village_codes",
    "geojson",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
    "center_lon",
    "center_lat",
    "area_m2",
    "officer_name",
    "source",
    "version",
    "created_at",
    "updated_at",
  ],
};
export const userTable: BulkTable = {
  name: "app_user",
  columns: [
    "id",
    "username",
    "display_name",
    "password_hash",
    "role",
    "scope",
    "region_code",
    "status",
    "password_changed_at",
    "created_at",
    "updated_at",
  ],
};
export const gridWorkerTable: BulkTable = {
  name: "grid_worker",
  columns: ["grid_id", "user_id", "employment", "created_at"],
};
export const payProfileTable: BulkTable = {
  name: "pay_profile",
  columns: ["user_id", "region_code", "bank_name", "bank_account", "updated_by", "updated_at"],
};
export const siteTable: BulkTable = {
  name: "site",
  columns: [
    "id",
    "name",
    "kind",
    "risk_level",
    "region_code",
    "address",
    "lon",
    "lat",
    "status",
    "direct",
    "direct_rule",
    "grid_id",
    "grid_rule",
    "worker_id",
    "worker_rule",
    "department_rule",
    "created_at",
    "updated_at",
  ],
};
export const caseTable: BulkTable = {
  name: "case_record",
  columns: [
    "id",
    "number",
    "county_code",
    "stage",
    "open",
    "source",
    "type",
    "category",
    "description",
    "region_code",
    "grid_code",
    "site_id",
    "evidence_ids",
    "reporter_id",
    "reported_at",
    "lead_department_id",
    "owner_department_id",
    "stage_entered_at",
    "deadline",
    "deadline_state",
    "escalated",
    "escalation_count",
    "late_steps",
    "closed_at",
    "version",
    "created_at",
    "updated_at",
  ],
};
export const eventTable: BulkTable = {
  name: "event",
  columns: [
    "at",
    "actor_id",
    "actor_role",
    "action",
    "subject_type",
    "subject_id",
    "region_code",
    "data",
    "prev_hash",
    "hash",
    "chain",
    "seq",
  ],
};

/** Grid centres on a lattice (no two grids overlap): 0.02° squares 0.03° apart. */
const centre = (g: number) => [95 + (g % 400) * 0.03, 32 + Math.floor(g / 400) * 0.03] as const;

/** Grids, their workers (accounts, grid staff, bank accounts) as steps of [grid, user, grid_worker, pay_profile]. */
export function* gridSteps(l: Layout): Generator<(unknown[] | null)[]> {
  const seen = new Set<number>();
  for (let g = 0; g < l.sizes.grids; g++) {
    const village = l.villages[l.gridVillage[g]];
    const [lon, lat] = centre(g);
    const d = 0.01;
    const ring = [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ];
    const grid = [
      `g${g}`,
      l.gridCodes[g],
      village,
      village.slice(0, 9),
      `网格${g}`,
      "village",
      "active",
      JSON.stringify([village]),
      JSON.stringify({ type: "Polygon", coordinates: [ring] }),
      lon - d,
      lat - d,
      lon + d,
      lat + d,
      lon,
      lat,
      4_000_000,
      g % 10 === 9 ? null : "张网格长",
      "bench",
      1,
      at,
      at,
    ];
    const w = l.gridWorker[g];
    let user: unknown[] | null = null;
    let profile: unknown[] | null = null;
    if (w >= 0 && !seen.has(w)) {
      seen.add(w);
      user = [
        `w${w}`,
        `bench_worker_${w}`,
        `网格员${w}`,
        "x",
        "grid_worker",
        JSON.stringify([village]),
        village,
        "active",
        at,
        at,
        at,
      ];
      // One worker in a hundred has no bank account on file (the sheet names them).
      profile =
        w % 100 === 7
          ? null
          : [`w${w}`, village, "农业银行", `62284800${String(w).padStart(11, "0")}`, "bench", at];
    }
    const staff = w >= 0 ? [`g${g}`, `w${w}`, w % 5 < 3 ? "full_time" : "part_time", at] : null;
    yield [grid, user, staff, profile];
  }
}

const kinds = ["enterprise", "small_shop", "small_workshop", "small_entertainment", "household", "other"];
const risks: [string | null, number][] = [
  ["red", 0.02],
  ["orange", 0.08],
  ["yellow", 0.3],
  ["blue", 0.4],
  [null, 0.2],
];

/**
 * Sites: site s lies in grid s mod grids. 3 % are directly supervised (no grid), 1 % have no location, 1 %
 * lie outside every grid, 2 % are closed; the rest are in their grid with its worker.
 */
export function* siteSteps(l: Layout): Generator<unknown[][]> {
  const rnd = seededRandom(7);
  for (let s = 0; s < l.sizes.sites; s++) {
    const g = s % l.sizes.grids;
    const village = l.villages[l.gridVillage[g]];
    const w = l.gridWorker[g];
    const k = s % 100;
    const direct = k < 3;
    const noLocation = k === 3;
    const inGrid = k >= 5;
    let x = rnd();
    let risk: string | null = null;
    for (const [r, p] of risks) {
      if (x < p) {
        risk = r;
        break;
      }
      x -= p;
    }
    const [lon, lat] = centre(g);
    yield [
      [
        `s${s}`,
        `场所${s}`,
        kinds[s % kinds.length],
        risk,
        village,
        "甘肃省某县某村",
        noLocation ? null : lon + (rnd() - 0.5) * 0.018,
        noLocation ? null : lat + (rnd() - 0.5) * 0.018,
        s % 50 === 17 ? "closed" : "operating",
        direct ? 1 : 0,
        direct ? "manual" : "grid",
        inGrid ? `g${g}` : null,
        direct ? "direct" : noLocation ? "no_location" : inGrid ? "point_in_polygon" : "outside_grids",
        inGrid && w >= 0 ? `w${w}` : null,
        direct ? "direct" : inGrid && w >= 0 ? "grid_staff" : "no_worker",
        "no_rule",
        at,
        at,
      ],
    ];
  }
}

const categories = Object.keys(defaultCaseCategories);
const types = ["general_hazard", "violation", "major_hazard"];
const benchIndustries = ["C", "F", "H", "E", "G", "B", "O", ""];
const sources = ["grid_worker", "patrol", "public_tip", "department"];
const stagesAt: [string, number][] = [
  ["closed", 0.72],
  ["rejected", 0.05],
  ["reported", 0.02],
  ["triaged", 0.02],
  ["dispatched", 0.03],
  ["handling", 0.1],
  ["awaiting_recheck", 0.05],
  ["rechecked", 0.01],
];
const order = ["reported", "triaged", "dispatched", "handling", "awaiting_recheck", "rechecked", "closed"];

/**
 * Cases over the two years before NOW, each with its trail: report, then triage (or rejection), dispatch,
 * accept, feedback, re-check and close as far as its stage; 3 % escalated. Events carry what the rollup
 * reads (the stage's due time, the re-check's outcome, the report's category, type, source and industry); the case
 * row its own count of late steps. Steps of [case, event]: the case row with its first event.
 */
export function* caseSteps(l: Layout, first = 0): Generator<(unknown[] | null)[]> {
  const rnd = seededRandom(13);
  const seq = new Map<string, number>();
  for (let i = first; i < first + l.sizes.cases; i++) {
    const g = Math.floor(rnd() * l.sizes.grids);
    const region = l.villages[l.gridVillage[g]];
    const county = region.slice(0, 6);
    const w = l.gridWorker[g];
    let x = rnd();
    let stage = "closed";
    for (const [s, p] of stagesAt) {
      if (x < p) {
        stage = s;
        break;
      }
      x -= p;
    }
    const day0 = Math.floor((NOW - 3 * DAY - rnd() * 727 * DAY) / DAY) * DAY + 2 * H;
    const category = categories[Math.floor(rnd() * categories.length)];
    const type = types[Math.floor(rnd() * types.length)];
    const source = sources[Math.floor(rnd() * sources.length)];
    const reportedAt = iso(day0);
    const id = `c${i}`;
    const events: unknown[][] = [];
    const event = (action: string, atMs: number, data: Record<string, unknown>) => {
      const n = (seq.get(county) ?? 0) + 1;
      seq.set(county, n);
      events.push([
        iso(atMs),
        null,
        null,
        action,
        "case",
        id,
        region,
        JSON.stringify(data),
        "",
        "",
        `bench-${county}`,
        n,
      ]);
    };
    // the site's industry section (the hazards by industry panel); every eighth case has none (no site code)
    const industry = benchIndustries[i % benchIndustries.length];
    event("case.reported", day0, { category, type, source, industry, to: "reported" });
    let late = 0;
    const step = (
      action: string,
      offsetH: number,
      dueH: number | null,
      extra: Record<string, unknown> = {},
    ) => {
      const due = dueH === null ? null : iso(day0 + dueH * H);
      if (dueH !== null && offsetH > dueH) late++;
      event(`case.${action}`, day0 + offsetH * H, { ...extra, ...(due ? { due } : {}) });
    };
    const reach = stage === "rejected" ? 1 : order.indexOf(stage);
    if (stage === "rejected") step("rejected", 3, rnd() < 0.1 ? 2 : 8);
    if (reach >= 1 && stage !== "rejected") step("triaged", 3, rnd() < 0.1 ? 2 : 8);
    if (reach >= 2) step("dispatched", 5, null);
    if (reach >= 3) step("accepted", 7, 30);
    const escalated = rnd() < 0.03;
    if (escalated) step("escalated", 24, null);
    if (reach >= 4) step("fed_back", 48, rnd() < 0.15 ? 40 : 96);
    if (reach >= 5) step("rechecked", 60, 120, { passed: true });
    if (reach >= 6) step("closed", 72, null);
    const open = stage === "closed" || stage === "rejected" ? 0 : 1;
    const deadline = open ? iso(NOW + (rnd() - 0.7) * 30 * DAY) : null;
    const row = [
      id,
      `${county}-${new Date(day0).getUTCFullYear()}-${String(i).padStart(8, "0")}`,
      county,
      stage,
      open,
      source,
      type,
      category,
      "液化气钢瓶存放在地下室",
      region,
      l.gridCodes[g],
      `s${g + l.sizes.grids * (i % Math.max(1, Math.floor(l.sizes.sites / l.sizes.grids)))}`,
      "[]",
      source === "grid_worker" && w >= 0 ? `w${w}` : null,
      reportedAt,
      "dep",
      "dep",
      reportedAt,
      deadline,
      deadline && Date.parse(deadline) < NOW ? "overdue" : deadline ? "on_time" : "none",
      escalated ? 1 : 0,
      escalated ? 1 : 0,
      late,
      stage === "closed" ? iso(day0 + 72 * H) : null,
      1,
      reportedAt,
      reportedAt,
    ];
    yield [row, events[0]];
    for (const e of events.slice(1)) yield [null, e];
  }
}

export const patrolTable: BulkTable = {
  name: "patrol",
  columns: ["id", "site_id", "region_code", "grid_id", "user_id", "client_at", "received_at", "mock"],
};
const everyDays: Record<string, number> = { red: 7, orange: 14, yellow: 30, blue: 91 };

/**
 * Patrol check-ins of one county's sites from `from` to NOW (the assessment and the pay sheet read them):
 * each site in a staffed grid is visited by its grid's worker about once per period of the default plan's
 * frequency for its risk level (households yearly), 85 % of the periods.
 */
export function* patrolSteps(l: Layout, county: string, from: number): Generator<unknown[][]> {
  const rnd = seededRandom(29);
  let n = 0;
  for (const [site] of siteSteps(l)) {
    const region = String(site[4]);
    if (!region.startsWith(county) || site[11] === null || site[13] === null) continue;
    const every = (site[2] === "household" ? 365 : everyDays[String(site[3])] || 30) * DAY;
    for (let t = from; t < NOW; t += every) {
      if (rnd() > 0.85) continue;
      const when = iso(Math.min(NOW - H, t + rnd() * every));
      yield [[`p${n++}`, site[0], region, site[11], site[13], when, when, 0]];
    }
  }
}
