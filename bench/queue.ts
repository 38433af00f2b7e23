import { pathToFileURL } from "node:url";
import { migrateToLatest } from "../db/migrate";
import { scanCases } from "../db/queries/case-job-queries";
import { listCases } from "../db/queries/case-list-queries";
import { readRegionRows } from "../db/regions/region-data";
import type { Actor } from "../domain/auth/actor";
import { seededRandom } from "../domain/geo/seeded-random";
import { bulkInsert, openBenchDatabase, p95, timeRuns } from "./bench-kit";

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = 300;
const kinds = [
  "emergency",
  "market",
  "housing",
  "fire",
  "transport",
  "education",
  "health",
  "agriculture",
  "water",
  "public_security",
];
const stages: [string, number][] = [
  ["closed", 0.72],
  ["rejected", 0.05],
  ["reported", 0.02],
  ["triaged", 0.02],
  ["dispatched", 0.03],
  ["handling", 0.1],
  ["parked", 0.01],
  ["awaiting_recheck", 0.04],
  ["rechecked", 0.01],
];
export const caseColumns = [
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
  "lng",
  "lat",
  "evidence_ids",
  "reporter_id",
  "reported_at",
  "lead_department_id",
  "owner_department_id",
  "stage_entered_at",
  "deadline",
  "deadline_state",
  "escalated",
  "version",
  "created_at",
  "updated_at",
];

function* mapRows(rows: Iterable<unknown[]>) {
  for (const r of rows) yield [r];
}

/** Rows of the case table, deterministic, spread over counties, stages and ±30 days of deadlines. */
export function* caseRows(counties: string[], now: number, count = CASES): Generator<unknown[]> {
  const rnd = seededRandom(4);
  const day = 86_400_000;
  for (let i = 0; i < count; i++) {
    const county = counties[i % counties.length];
    let x = rnd();
    let stage = "closed";
    for (const [s, p] of stages) {
      if (x < p) {
        stage = s;
        break;
      }
      x -= p;
    }
    const open = stage === "closed" || stage === "rejected" ? 0 : 1;
    const reported = now - rnd() * 3 * 365 * day;
    const deadline =
      open && stage !== "parked" ? new Date(now + (rnd() - 0.7) * 30 * day).toISOString() : null;
    const lead = `dep-${county}-emergency`;
    const owner =
      stage === "reported" || stage === "triaged"
        ? lead
        : `dep-${county}-${kinds[Math.floor(rnd() * kinds.length)]}`;
    const at = new Date(reported).toISOString();
    yield [
      `c${i}`,
      `${county}-2026-${String(i).padStart(7, "0")}`,
      county,
      stage,
      open,
      "grid_worker",
      "general_hazard",
      "gas",
      "液化气钢瓶存放在地下室",
      `${county}${String(100 + Math.floor(rnd() * 20)).padStart(3, "0")}${String(1 + Math.floor(rnd() * 30)).padStart(3, "0")}`,
      103 + rnd() * 3,
      35 + rnd() * 3,
      "[]",
      "u-worker",
      at,
      lead,
      owner,
      at,
      deadline,
      deadline ? "on_time" : "none",
      rnd() < 0.03 ? 1 : 0,
      1,
      at,
      at,
    ];
  }
}

export async function run() {
  const bench = await openBenchDatabase("queue");
  const { database, drop } = bench;
  await migrateToLatest(database);
  const counties = (await readRegionRows("62")).filter((r) => r.level === "county").map((r) => r.code);
  const now = Date.parse("2026-11-30T02:00:00.000Z");
  const t0 = performance.now();
  await bulkInsert(bench, [{ name: "case_record", columns: caseColumns }], mapRows(caseRows(counties, now)));
  const fillSeconds = (performance.now() - t0) / 1000;
  const actor = (county: string, kind: string): Actor => ({
    id: `u-${county}-${kind}`,
    username: "x",
    displayName: "x",
    role: "cooperating_department",
    scope: [county],
    departmentId: `dep-${county}-${kind}`,
  });
  const at = new Date(now);
  let queueRows = 0;
  const queue = await timeRuns(20, RUNS, async (i) => {
    const county = counties[i % counties.length];
    const page = await listCases(
      database.db,
      actor(county, kinds[1 + (i % (kinds.length - 1))]),
      { queue: "to_handle" },
      at,
    );
    queueRows += page.total;
  });
  const scan = await timeRuns(20, RUNS, async (i) => {
    const when = new Date(now - (i % 30) * 3_600_000);
    await database.db.transaction().execute((tx) => scanCases(tx, "overdue", when, when, 50));
  });
  const office: Actor = {
    id: "u-office",
    username: "o",
    displayName: "o",
    role: "county_office",
    scope: [counties[3]],
    departmentId: null,
  };
  const overdueQueue = await timeRuns(20, RUNS, () =>
    listCases(database.db, office, { queue: "overdue" }, at),
  );
  const count = await database.db
    .selectFrom("caseRecord")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  await database.close();
  await drop();
  return {
    dialect: database.dialect,
    cases: Number(count.n),
    fill_seconds: Math.round(fillSeconds),
    runs: RUNS,
    queue_p95_ms: p95(queue),
    queue_avg_rows: Math.round(queueRows / RUNS),
    overdue_scan_p95_ms: p95(scan),
    office_overdue_queue_p95_ms: p95(overdueQueue),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then((r) => {
    console.log(JSON.stringify({ bench: "queue", ...r }));
    process.exit(0);
  });
}
