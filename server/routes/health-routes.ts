import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { migrationState } from "../../db/migrate";
import type { Deps } from "../deps";
import { checkReadiness } from "./readiness-check";

const readiness = z.object({
  status: z.enum(["ready", "not_ready"]),
  reasons: z.array(
    z.object({
      check: z.enum(["database", "disk", "migrations"]),
      reason: z.string(),
      detail: z.string().optional(),
    }),
  ),
  freeBytes: z.number().nullable(),
  time: z.string(),
});

export function healthRoutes(deps: Deps): FastifyPluginAsyncZod {
  // Liveness must not depend on the database: the migration state is read once (migrations only run
  // at start) and reported as null while the database cannot be asked.
  let known: { applied: number; pending: string[]; latest: string | null } | null = null;
  const migrations = async () => {
    if (known && known.pending.length === 0) return known;
    try {
      const state = await migrationState({ db: deps.db, dialect: deps.dialect, close: async () => {} });
      known = { applied: state.applied.length, pending: state.pending, latest: state.applied.at(-1) ?? null };
    } catch {
      return known;
    }
    return known;
  };
  return async (app) => {
    app.get(
      "/api/health",
      {
        config: { access: "public" },
        schema: {
          tags: ["health"],
          summary: "健康检查（存活）",
          description:
            "Liveness: the process answers (200 even while the database is down; migrations then null). " +
            "Says nothing about whether writes work: see /api/health/ready.",
          response: {
            200: z.object({
              status: z.literal("ok"),
              database: z.enum(["sqlite", "postgres"]),
              migrations: z
                .object({
                  applied: z.number(),
                  pending: z.array(z.string()),
                  latest: z.string().nullable(),
                })
                .nullable(),
              calendar: z.object({ firstYear: z.number(), lastYear: z.number() }),
              time: z.string(),
            }),
          },
        },
      },
      async () => {
        const coverage = deps.calendar.coverage();
        return {
          status: "ok" as const,
          database: deps.dialect,
          migrations: await migrations(),
          calendar: { firstYear: coverage.firstYear, lastYear: coverage.lastYear },
          time: deps.clock.now().toISOString(),
        };
      },
    );

    app.get(
      "/api/health/ready",
      {
        config: { access: "public" },
        schema: {
          tags: ["health"],
          summary: "就绪检查：此刻能否写入（数据库、磁盘、迁移）",
          description:
            "200 when a write would succeed now; 503 with the reasons (database unreachable, stalled or " +
            "locked; disk full or below SAFEGRID_MIN_FREE_MB; migrations pending). Liveness is /api/health.",
          response: { 200: readiness, 503: readiness },
        },
      },
      async (_req, reply) => {
        const r = await checkReadiness(deps);
        const body = {
          status: r.ready ? ("ready" as const) : ("not_ready" as const),
          reasons: r.reasons,
          freeBytes: r.freeBytes,
          time: deps.clock.now().toISOString(),
        };
        if (r.ready) return body;
        reply.header("retry-after", String(deps.config.resilience.retryAfterSeconds));
        return reply.status(503).send(body);
      },
    );
  };
}
