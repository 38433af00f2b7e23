import type { FastifyInstance } from "fastify";
import { type MovableClock, signInForTest } from "../sign-in";
import { type FuzzRequest, seededRandom } from "./openapi-fuzz";

/** Who sends a request: a signed-in user (by username) or nobody. */
export type Principal = string | null;

export interface FuzzOutcome {
  sent: number;
  byStatus: Record<string, number>;
  /** Every answer ≥ 500, with what was sent. */
  failures: { operation: string; mutation: string; principal: Principal; status: number; body: string }[];
  /** Status codes each operation answered (for the documented-codes check). */
  answered: Map<string, Set<number>>;
}

/**
 * Sends the plan through `inject`, each request as a principal drawn by the seed. A principal whose session
 * the fuzz itself ended (sign-out, password change) signs in again.
 */
export async function runFuzz(
  app: FastifyInstance,
  plan: FuzzRequest[],
  principals: Principal[],
  signIn: (username: string) => Promise<string | null>,
  seed: number,
): Promise<FuzzOutcome> {
  const random = seededRandom(seed ^ 0x5eed);
  const tokens = new Map<string, string | null>();
  const tokenOf = async (u: string, fresh = false) => {
    if (fresh || !tokens.has(u)) tokens.set(u, await signIn(u));
    return tokens.get(u) ?? null;
  };
  const out: FuzzOutcome = { sent: 0, byStatus: {}, failures: [], answered: new Map() };
  for (const req of plan) {
    const principal = principals[Math.floor(random() * principals.length)];
    const send = async (token: string | null) =>
      app.inject({
        method: req.method as "GET",
        url: req.url,
        headers: token ? { ...req.headers, authorization: `Bearer ${token}` } : req.headers,
        payload: req.payload,
      });
    let res = await send(principal ? await tokenOf(principal) : null);
    if (principal && res.statusCode === 401) res = await send(await tokenOf(principal, true));
    out.sent++;
    out.byStatus[res.statusCode] = (out.byStatus[res.statusCode] ?? 0) + 1;
    if (!out.answered.has(req.operation)) out.answered.set(req.operation, new Set());
    out.answered.get(req.operation)!.add(res.statusCode);
    // Readiness answers 503 by design when a check does not finish in time (a loaded machine): its answer.
    const readinessAnswer = res.statusCode === 503 && req.operation === "GET /api/health/ready";
    if (res.statusCode >= 500 && !readinessAnswer)
      out.failures.push({
        operation: req.operation,
        mutation: req.mutation,
        principal,
        status: res.statusCode,
        body: res.body.slice(0, 300),
      });
  }
  return out;
}

/**
 * Signs in through the API (a fresh session each time; administrators give their TOTP code at the injected
 * clock), or null when that user can no longer sign in (the fuzz may have locked or changed the account).
 */
export function passwordSignIn(app: FastifyInstance, password: string, clock: MovableClock) {
  return (username: string): Promise<string | null> =>
    signInForTest(app, clock, username, password).catch(() => null);
}
