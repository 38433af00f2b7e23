import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoAccounts } from "../../server/demo/demo-accounts";
import { apiSignIn, type E2eServer, startServer } from "./e2e-harness";

/**
 * What a person sees in the terminal after `safegrid serve` (issue 11, item 7), with the default log
 * settings (LOG_LEVEL=info, SAFEGRID_LOG_FORMAT unset = short): the account table names each demo account's
 * area — the grid worker with the township, village and grid — and what to try first; the list is kept in
 * the data folder (on PostgreSQL too: .ci/run runs this file with E2E_DATABASE_URL); hundreds of requests
 * that succeed leave no line and no JSON, a failing one leaves one short line.
 */
let server: E2eServer;

beforeAll(async () => {
  server = await startServer({
    LOG_LEVEL: undefined,
    SAFEGRID_LOG_FORMAT: undefined,
    SAFEGRID_LOG_FILE: undefined,
  });
}, 300_000);
afterAll(async () => {
  await server?.stop();
});

it("the account table lists each demo account's area and what to try first, and is kept in the data folder", async () => {
  const log = server.log();
  fs.mkdirSync("test-results", { recursive: true });
  fs.writeFileSync("test-results/startup-output.txt", log);
  const table = log.slice(log.indexOf("演示账号"));
  for (const a of demoAccounts) {
    const line = table.split("\n").find((l) => l.trimStart().startsWith(`${a.username} `));
    expect(line, a.username).toBeDefined();
    expect(line).toContain(a.displayName);
    expect(table).toContain(`先试试：${a.tryFirst}`);
  }
  const worker = table.split("\n").find((l) => l.trimStart().startsWith("worker "))!;
  // 网格员 周明 — <township> <village> — <the grid(s) the worker serves>
  expect(worker).toMatch(/网格员 周明\s+\S+(镇|乡|街道) \S+(村|社区)[^—]* — \S+网格/);
  const county = table.split("\n").find((l) => l.trimStart().startsWith("county "))!;
  expect(county).toMatch(/榆中县\s*$/);
  const file = path.join(server.dataDir, "demo-accounts.txt");
  expect(fs.readFileSync(file, "utf8")).toContain(worker.trim());
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(log).toContain(`账号清单另存于 Account list kept in: ${file}`);
});

it("requests that succeed print nothing and no JSON reaches the terminal; a failing one prints one line", async () => {
  const token = await apiSignIn(server.url, "county");
  const before = server.log().length;
  const auth = { authorization: `Bearer ${token}` };
  for (let i = 0; i < 60; i++) {
    const res = await fetch(`${server.url}/api/v1/cases?pageSize=5&page=${i + 1}`, { headers: auth });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
  const missing = await fetch(`${server.url}/api/v1/cases/00000000-0000-4000-8000-000000000000`, {
    headers: auth,
  });
  expect(missing.status).toBe(404);
  await new Promise((r) => setTimeout(r, 500));
  const after = server.log().slice(before).split("\n").filter(Boolean);
  expect(
    server
      .log()
      .split("\n")
      .filter((l) => l.trimStart().startsWith("{")),
  ).toEqual([]);
  expect(after.filter((l) => l.includes("/api/v1/cases?"))).toEqual([]);
  expect(after.filter((l) => l.includes("/api/v1/cases/00000000"))).toEqual([
    expect.stringMatching(/WARN +GET \/api\/v1\/cases\/00000000-0000-4000-8000-000000000000 404 /),
  ]);
});
