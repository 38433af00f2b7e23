/**
 * The full closed loop over HTTP (issue 4): report → triage → dispatch → accept → feed back (with
 * evidence) → re-check → close, i.e. creation and 6 actions, each a real request with validation,
 * authorization, row lock and version check, trail and notifications. 10 loops run concurrently.
 * Run: `node --import tsx bench/loop.ts` — prints one line of JSON.
 */
import { pathToFileURL } from "node:url";
import { uploadEvidence } from "../server/commands/cases/upload-evidence";
import { benchWorld, reportBody, request } from "./intake";

const WORKERS = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("bench photo")]);

export async function run() {
  const world = await benchWorld();
  const [worker, lead, market] = await Promise.all(["worker", "lead", "market"].map((u) => world.token(u)));
  const marketUser = await world.deps.db
    .selectFrom("appUser")
    .selectAll()
    .where("username", "=", "market")
    .executeTakeFirstOrThrow();
  const marketActor = {
    id: marketUser.id,
    username: "market",
    displayName: "market",
    role: "cooperating_department" as const,
    scope: ["620123"],
    departmentId: marketUser.departmentId,
  };
  const api = `${world.url}/api/v1`;
  let errors = 0;
  const must = async (res: Promise<{ status: number; body: string }>) => {
    const r = await res;
    if (r.status >= 300) {
      errors++;
      throw new Error(`${r.status} ${r.body}`);
    }
    return JSON.parse(r.body);
  };
  const loop = async (evidenceId: string) => {
    const created = await must(request(`${api}/cases`, "POST", reportBody, worker));
    const id = created.case.id;
    const act = (token: string, action: string, body: unknown) =>
      must(request(`${api}/cases/${id}/${action}`, "POST", body, token));
    await act(lead, "triage", { type: "general_hazard", category: "gas" });
    await act(lead, "dispatch", { departmentId: world.departments.market });
    await act(market, "accept", {});
    await act(market, "feedback", { result: "fixed", note: "已整改", evidenceIds: [evidenceId] });
    await new Promise((r) => setTimeout(r, 2));
    await act(worker, "recheck", { passed: true, location: { lng: 104.1146, lat: 35.8457 } });
    const closed = await act(lead, "close", {});
    if (closed.case.stage !== "closed") throw new Error("not closed");
  };
  const evidence = async () =>
    (await uploadEvidence(world.deps, marketActor, [{ fileName: "p.jpg", data: photo }]))[0].id;
  // Warm-up.
  await Promise.all(Array.from({ length: WORKERS }, async () => loop(await evidence())));
  let loops = 0;
  const started = performance.now();
  const end = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (performance.now() < end) {
        const ev = await evidence();
        await loop(ev).then(
          () => loops++,
          () => undefined,
        );
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const chain = await import("../db/queries/event-queries").then((m) => m.verifyTrail(world.deps.db));
  await world.close();
  return {
    dialect: world.database.dialect,
    concurrent_loops: WORKERS,
    loops,
    loops_per_s: Math.round((loops / elapsed) * 10) / 10,
    actions_per_s: Math.round(((loops * 7) / elapsed) * 10) / 10,
    errors,
    trail_verified: chain.ok,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then((r) => {
    console.log(JSON.stringify({ bench: "loop", ...r }));
    process.exit(0);
  });
}
