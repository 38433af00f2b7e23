import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { type Database, openDatabase } from "../../db/db";
import { buildApp } from "../app";
import type { ApiContext } from "./api-harness";
import { testDeps } from "./fixtures";

/**
 * A second server instance on the test's PostgreSQL schema, with its own connection pool and its own write
 * batcher (as a second process has), sharing the first's data directory and clock. Register it after
 * `useTempDataDir`. On SQLite there is none (`app` stays undefined): embedded SQLite has one writer per file
 * and its in-memory test database cannot be opened twice, so tests that need it skip there.
 */
export function useSecondApp(ctx: ApiContext): { readonly app: FastifyInstance } {
  let second: Database | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    if (ctx.dialect !== "postgres") return;
    second = openDatabase({ url: process.env.TEST_DATABASE_URL, schema: ctx.database.schema, poolSize: 5 });
    const deps = testDeps(second, ctx.deps.clock);
    deps.config.dataDir = ctx.deps.config.dataDir;
    app = await buildApp(deps);
  });
  afterAll(async () => {
    await app?.close();
    await second?.close();
  });
  return {
    get app() {
      if (!app) throw new Error("no second server instance on SQLite");
      return app;
    },
  };
}
