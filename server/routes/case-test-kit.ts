import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll } from "vitest";
import type { ApiContext } from "../test/api-harness";
import { signInForTest } from "../test/sign-in";

/** Small builders for case API tests: multipart bodies, a report, an action, a case walked to a stage. */

const tokens = new WeakMap<object, Map<string, string>>();

/**
 * `inject` as a user, signing in again only when the session expired (case tests move the clock by hours):
 * any other 401 is returned as it is.
 */
export async function as(ctx: ApiContext, username: string | null, opts: InjectOptions) {
  if (!username) return ctx.app.inject(opts);
  const cache = tokens.get(ctx) ?? new Map<string, string>();
  tokens.set(ctx, cache);
  for (let attempt = 0; attempt < 2; attempt++) {
    let token = cache.get(username);
    if (!token) {
      token = await signInForTest(ctx.app, ctx.deps.clock, username);
      cache.set(username, token);
    }
    const res = await ctx.app.inject({
      ...opts,
      headers: { ...(opts.headers ?? {}), authorization: `Bearer ${token}` },
    });
    if (res.statusCode !== 401 || res.json().code !== "session_expired") return res;
    cache.delete(username);
    if (attempt === 1) return res;
  }
  throw new Error("unreachable");
}

/** Evidence files go to a temporary data directory, removed after the suite. Call inside `eachApi`. */
export function useTempDataDir(ctx: { deps: { config: { dataDir: string } } }) {
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-cases-"));
    ctx.deps.config.dataDir = dir;
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
}

export const homeVillage = "620123100001";
export const villagePoint = { lng: 104.1146, lat: 35.8457 };

/** The smallest bytes that pass the JPEG / PDF content checks. */
export const jpegBytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("photo")]);
export const pdfBytes = Buffer.from("%PDF-1.4\n%test\n");

export function multipart(files: { name: string; data: Buffer; type?: string }[]) {
  const boundary = `----sg${randomUUID().replace(/-/g, "")}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
      f.data,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(ctx: ApiContext, username: string, data = jpegBytes, name = "photo.jpg") {
  const body = multipart([{ name, data }]);
  const res = await as(ctx, username, { method: "POST", url: "/api/v1/evidence", ...body });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json().items[0] as { id: string; sha256: string };
}

export function reportBody(over: Record<string, unknown> = {}) {
  return {
    source: "grid_worker",
    type: "general_hazard",
    category: "gas",
    description: "餐馆后厨液化气钢瓶放在地下室",
    location: villagePoint,
    regionCode: homeVillage,
    ...over,
  };
}

export function report(
  ctx: ApiContext,
  username: string,
  over: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return as(ctx, username, { method: "POST", url: "/api/v1/cases", payload: reportBody(over), headers });
}

export function act(
  ctx: ApiContext,
  username: string | null,
  id: string,
  action: string,
  payload: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return as(ctx, username, { method: "POST", url: `/api/v1/cases/${id}/${action}`, payload, headers });
}

async function ok(res: Awaited<ReturnType<typeof act>>, what: string) {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export type Stage =
  | "reported"
  | "triaged"
  | "dispatched"
  | "handling"
  | "awaiting_recheck"
  | "rechecked"
  | "closed";

/** Reports a case as the grid worker and walks it to `stage` (dispatched to the market department). */
export async function caseAt(
  ctx: ApiContext,
  stage: Stage,
  over: Record<string, unknown> = {},
): Promise<string> {
  const created = await ok(await report(ctx, "worker", over), "report");
  const id = created.case.id as string;
  const type = (over.type as string) ?? "general_hazard";
  const order: Stage[] = [
    "reported",
    "triaged",
    "dispatched",
    "handling",
    "awaiting_recheck",
    "rechecked",
    "closed",
  ];
  const upto = order.indexOf(stage);
  const market = ctx.departments["620123"].market;
  if (upto >= 1)
    await ok(
      await act(ctx, "lead", id, "triage", { type, category: (over.category as string) ?? "gas" }),
      "triage",
    );
  if (upto >= 2) await ok(await act(ctx, "lead", id, "dispatch", { departmentId: market }), "dispatch");
  if (upto >= 3) await ok(await act(ctx, "market", id, "accept", {}), "accept");
  if (upto >= 4) {
    if (type === "major_hazard")
      await ok(await act(ctx, "market", id, "submit_plan", { plan: planFor(ctx) }), "plan");
    const ev = await upload(ctx, "market");
    ctx.deps.clock.advance({ minutes: 5 });
    await ok(
      await act(ctx, "market", id, "feedback", { result: "fixed", note: "已整改完毕", evidenceIds: [ev.id] }),
      "feedback",
    );
  }
  if (upto >= 5) {
    ctx.deps.clock.advance({ minutes: 5 });
    await ok(await act(ctx, "worker", id, "recheck", { passed: true, location: villagePoint }), "recheck");
  }
  if (upto >= 6) await ok(await act(ctx, "lead", id, "close", {}), "close");
  return id;
}

export function planFor(ctx: ApiContext) {
  const year = ctx.deps.clock.now().getUTCFullYear() + 1;
  return {
    objectives: "消除液化气钢瓶违规存放隐患",
    measures: "钢瓶移出地下室，设置独立气瓶间",
    fundsMaterials: "企业自筹 3 万元",
    responsiblePeople: "企业负责人张某",
    timeLimit: `${year}-03-31`,
    safetyMeasures: "整改期间停止使用地下室，配置灭火器",
  };
}
