/**
 * The larger fuzz run (issue 8): requests generated from the app's OpenAPI description — every route, every
 * body/query/path field with every mutation (wrong types, lone surrogates, NUL, 1 MB strings, deep nesting,
 * huge arrays, junk ids) and malformed multipart — cycled to BENCH_FUZZ_REQUESTS (default 20,000) with a
 * fixed seed, sent as a county office, a system administrator and anonymously. Then the trail is verified.
 * SQLite in memory by default; PostgreSQL when BENCH_DATABASE_URL is set.
 * Run: `npm run bench -- fuzz` — prints one line of JSON: requests sent, answers by status, count ≥ 500,
 * verify ok (and the first failures, if any).
 */
import { openDatabase } from "../db/db";
import { migrateToLatest } from "../db/migrate";
import { verifyTrail } from "../db/queries/event-queries";
import { buildApp } from "../server/app";
import { homeCounty, loadTestRegions, seedTestWorld, testDeps, testPassword } from "../server/test/fixtures";
import { buildFuzzWorld } from "../server/test/fuzz/fuzz-world";
import { fuzzPlan, type OpenApi } from "../server/test/fuzz/openapi-fuzz";
import { passwordSignIn, runFuzz } from "../server/test/fuzz/run-fuzz";

const REQUESTS = Number(process.env.BENCH_FUZZ_REQUESTS ?? 20_000);
const SEED = Number(process.env.BENCH_FUZZ_SEED ?? 20261204);

export async function run() {
  const url = process.env.BENCH_DATABASE_URL;
  const database = openDatabase(url ? { url } : { file: ":memory:" });
  await migrateToLatest(database);
  await loadTestRegions(database);
  const deps = testDeps(database);
  const world = await seedTestWorld(deps);
  const app = await buildApp(deps);
  const signIn = passwordSignIn(app, testPassword);
  const spec = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as OpenApi;
  const county = await signIn("county");
  if (!county) throw new Error("fuzz bench: the county office cannot sign in");
  const targets = await buildFuzzWorld(app, county, {
    userId: world.users.worker.id,
    departmentId: world.departments[homeCounty].market,
    regionCode: homeCounty,
  });
  const plan = fuzzPlan(spec, targets, SEED, { limit: REQUESTS });
  const started = performance.now();
  const out = await runFuzz(app, plan, ["county", "admin", null], signIn, SEED);
  const seconds = (performance.now() - started) / 1000;
  const check = await verifyTrail(database.db);
  await app.close();
  await database.close();
  return {
    dialect: database.dialect,
    seed: SEED,
    operations: out.answered.size,
    requests: out.sent,
    byStatus: out.byStatus,
    over500: out.failures.length,
    verifyOk: check.ok,
    trailEvents: check.checked,
    seconds: Math.round(seconds * 10) / 10,
    firstFailures: out.failures.slice(0, 5),
  };
}
