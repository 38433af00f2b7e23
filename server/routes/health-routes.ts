import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { migrationState } from "../../db/migrate";
import type { Deps } from "../deps";

export function healthRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/health",
      {
        config: { access: "public" },
        schema: {
          tags: ["health"],
          summary: "健康检查",
          response: {
            200: z.object({
              status: z.literal("ok"),
              database: z.enum(["sqlite", "postgres"]),
              migrations: z.object({
                applied: z.number(),
                pending: z.array(z.string()),
                latest: z.string().nullable(),
              }),
              calendar: z.object({ firstYear: z.number(), lastYear: z.number() }),
              time: z.string(),
            }),
          },
        },
      },
      async () => {
        const state = await migrationState({ db: deps.db, dialect: deps.dialect, close: async () => {} });
        const coverage = deps.calendar.coverage();
        return {
          status: "ok" as const,
          database: deps.dialect,
          migrations: {
            applied: state.applied.length,
            pending: state.pending,
            latest: state.applied.at(-1) ?? null,
          },
          calendar: { firstYear: coverage.firstYear, lastYear: coverage.lastYear },
          time: deps.clock.now().toISOString(),
        };
      },
    );
  };
}
