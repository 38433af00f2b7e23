import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import type { Database, Dialect } from "../../../db/db";
import { insertSites } from "../../../db/queries/site-queries";
import { createTestDatabase, testDialects } from "../../../db/test-db";
import type { Actor } from "../../../domain/auth/actor";
import type { CaseAction } from "../../../domain/case/case-types";
import type { testClock } from "../../clock";
import type { Deps } from "../../deps";
import { loadTestRegions, seedTestWorld, testDeps } from "../../test/fixtures";
import { actOnCase } from "./act-on-case";
import { reportCase } from "./report-case";
import { uploadEvidence } from "./upload-evidence";

/** Command tests of the closed loop: one describe per dialect with the seeded test world. */
export interface CaseWorld {
  dialect: Dialect;
  database: Database;
  deps: Deps & { clock: ReturnType<typeof testClock> };
  actors: Record<string, Actor>;
  departments: Record<string, string>;
  /** Reports a case as `who` (default the grid worker) in the home village. */
  report(over?: Record<string, unknown>, who?: string): Promise<string>;
  act(who: string, id: string, action: CaseAction, input?: Record<string, unknown>): Promise<unknown>;
  evidence(who: string): Promise<string>;
}

export const village = "620123100001";
export const atVillage = { lng: 104.1146, lat: 35.8457 };

export function eachCaseWorld(name: string, body: (w: CaseWorld) => void) {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      const w = { dialect } as CaseWorld;
      let dir = "";
      beforeAll(async () => {
        w.database = await createTestDatabase(dialect);
        await loadTestRegions(w.database);
        w.deps = testDeps(w.database);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-case-cmd-"));
        w.deps.config.dataDir = dir;
        const world = await seedTestWorld(w.deps);
        w.departments = world.departments["620123"];
        w.actors = Object.fromEntries(
          Object.values(world.users).map((u) => [
            u.username,
            {
              id: u.id,
              username: u.username,
              displayName: u.username,
              role: u.role,
              scope: u.scope,
              departmentId: u.departmentId,
            },
          ]),
        );
        w.report = async (over = {}, who = "worker") => {
          const input = {
            source: "grid_worker",
            type: "general_hazard",
            category: "gas",
            description: "餐馆后厨液化气钢瓶放在地下室",
            location: atVillage,
            regionCode: village,
            ...over,
          };
          return (await reportCase(w.deps, w.actors[who], input)).body.case.id;
        };
        w.act = async (who, id, action, input = {}) =>
          (await actOnCase(w.deps, w.actors[who], id, action, input)).body;
        w.evidence = async (who) => {
          const data = Buffer.concat([
            Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
            Buffer.from(`photo ${Math.random()}`),
          ]);
          return (await uploadEvidence(w.deps, w.actors[who], [{ fileName: "p.jpg", data }]))[0].id;
        };
      });
      afterAll(async () => {
        await w.database?.close();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      });
      body(w);
    });
  }
}

/** Expects a promise to reject with an AppError of `code`; returns the error. */
export async function rejects(p: Promise<unknown>, code: string) {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string };
    if (e.code !== code) throw new Error(`expected ${code}, got ${e.code}: ${(err as Error).message}`);
    return err as { code: string; status: number; zh: string; details?: Record<string, unknown> };
  }
  throw new Error(`expected ${code}, but it succeeded`);
}

/** A site in the register (issue 3's table), with the regulator the routing table gave it. */
export async function insertTestSite(
  deps: Deps,
  site: {
    id: string;
    regionCode: string;
    lon: number;
    lat: number;
    departmentId: string | null;
    name?: string;
  },
) {
  const at = deps.clock.now().toISOString();
  await insertSites(deps.db, [
    {
      id: site.id,
      name: site.name ?? `测试场所 ${site.id}`,
      kind: "small_shop",
      uscc: null,
      industryCode: null,
      scale: null,
      ownership: "other",
      riskLevel: null,
      flagLarge: null,
      flagHighGrade: null,
      flagHighRisk: null,
      regionCode: site.regionCode,
      address: "",
      lon: site.lon,
      lat: site.lat,
      contactName: null,
      contactPhone: null,
      legalRepresentative: null,
      status: "operating",
      direct: 0,
      directRule: "grid",
      gridId: null,
      gridRule: "none",
      gridOverride: 0,
      workerId: null,
      workerRule: "none",
      workerOverride: 0,
      departmentId: site.departmentId,
      departmentRule: "routing",
      departmentRuleId: null,
      departmentReason: JSON.stringify({
        zh: "依据分工规则：小商铺由市场监管部门负责",
        en: "Rule: small shops",
      }),
      departmentOverride: 0,
      overrideReason: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    },
  ]);
}
