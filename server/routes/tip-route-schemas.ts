import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";

/** Schemas the tips' console and public routes share (tip-routes.ts, tip-channel-routes.ts). */
export const tipIdParams = z.object({ id: z.string().max(64) });
export const tipCountyParams = z.object({ countyCode: z.string().max(12) });

/** One message of the protected thread, as the console sees it (never who wrote an official reply). */
export const tipThreadMessage = z.object({
  id: z.string(),
  direction: z.enum(["official", "informant"]),
  body: z.string(),
  at: z.string(),
});

/** A tip as the tip officer's queue lists it; the detail view adds to it. Never the informant's identity. */
export const tipSummaryFields = {
  id: z.string(),
  caseId: z.string(),
  number: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  address: z.string().nullable(),
  realName: z.boolean(),
  stage: z.string(),
  stageLabel: z.string(),
  deadline: z.string().nullable(),
  createdAt: z.string(),
};

type Checker = (
  req: FastifyRequest,
) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

/**
 * A budget per source address (in memory, keyed `<name>:<req.ip>`, never written next to a tip) for the
 * public tip routes and Open311. Answers how long to wait when the source is over it, else null.
 */
export function sourceBudget(app: FastifyInstance, name: string, max: number, windowMs: number) {
  const check = app.createRateLimit({
    max,
    timeWindow: windowMs,
    keyGenerator: (req) => `${name}:${req.ip}`,
  }) as Checker;
  return async (req: FastifyRequest): Promise<number | null> => {
    const r = await check(req);
    return !r.isAllowed && r.isExceeded ? Math.max(1, r.ttlInSeconds ?? 1) : null;
  };
}
