import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe } from "vitest";
import type { Database, Dialect } from "../../db/db";
import { createTestDatabase, testDialects } from "../../db/test-db";
import { buildApp } from "../app";
import type { testClock } from "../clock";
import type { Deps } from "../deps";
import { loadTestRegions, seedTestWorld, type TestUser, testDeps } from "./fixtures";
import { signInForTest } from "./sign-in";

export interface ApiContext {
  dialect: Dialect;
  database: Database;
  deps: Deps & { clock: ReturnType<typeof testClock> };
  app: FastifyInstance;
  users: Record<string, TestUser>;
  departments: Record<string, Record<string, string>>;
  /** Signs in (cached per username; administrators with their TOTP code) and returns a bearer token. */
  token(username: string): Promise<string>;
  /** `inject` as a user (or anonymously with `null`). */
  as(username: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
}

/** A describe block per dialect with a migrated database, the test world seeded and the app built. */
export function eachApi(name: string, body: (ctx: ApiContext) => void) {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      const ctx = { dialect } as ApiContext;
      const tokens = new Map<string, string>();
      beforeAll(async () => {
        ctx.database = await createTestDatabase(dialect);
        await loadTestRegions(ctx.database);
        ctx.deps = testDeps(ctx.database);
        const world = await seedTestWorld(ctx.deps);
        ctx.users = world.users;
        ctx.departments = world.departments;
        ctx.app = await buildApp(ctx.deps);
        ctx.token = async (username) => {
          const cached = tokens.get(username);
          if (cached) return cached;
          const token = await signInForTest(ctx.app, ctx.deps.clock, username);
          tokens.set(username, token);
          return token;
        };
        ctx.as = async (username, opts) => {
          const headers = { ...(opts.headers ?? {}) } as Record<string, string>;
          if (username) headers.authorization = `Bearer ${await ctx.token(username)}`;
          return ctx.app.inject({ ...opts, headers });
        };
      });
      afterAll(async () => {
        await ctx.app?.close();
        await ctx.database?.close();
      });
      body(ctx);
    });
  }
}
