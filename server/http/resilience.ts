import underPressure from "@fastify/under-pressure";
import type { FastifyInstance } from "fastify";
import { AppError } from "../../domain/errors";
import type { ResilienceSettings } from "../config";
import { sendError } from "./errors";

/**
 * Node HTTP server limits: the headers must arrive within `headersTimeoutMs` (a client sending them byte
 * by byte is cut off), the whole request within `requestTimeoutMs`, an idle keep-alive connection is
 * closed after `keepAliveTimeoutMs` and an idle socket after `connectionTimeoutMs`. Node checks the first
 * two on a timer (`connectionsCheckingInterval`, 30 s by default), so it runs often enough here to
 * enforce them about on time.
 */
export function serverTimeouts(r: ResilienceSettings) {
  const requestTimeout = r.requestTimeoutMs > 0 ? Math.max(r.requestTimeoutMs, r.headersTimeoutMs) : 0;
  return {
    connectionTimeout: r.connectionTimeoutMs,
    keepAliveTimeout: r.keepAliveTimeoutMs,
    requestTimeout,
    http: {
      headersTimeout: r.headersTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(r.headersTimeoutMs / 4))),
    },
  };
}

const isHealthRoute = (url: string) => url === "/api/health" || url.startsWith("/api/health/");

/**
 * The request deadline, load shedding and connections closed at shutdown:
 * - a handler that has not answered `requestDeadlineMs` after the request arrived completely (a database
 *   that stalls in a way no statement timeout catches, a pool with no free connection) is answered with
 *   503 `request_timeout` and Retry-After; what it still does afterwards is never acknowledged;
 * - while the event loop lags more than `maxEventLoopDelayMs`, new requests are refused with 503
 *   `overloaded` and Retry-After (health routes still answer, so a balancer sees the process alive and
 *   its readiness as it is).
 */
export async function registerResilience(app: FastifyInstance, r: ResilienceSettings) {
  const retryAfter = String(r.retryAfterSeconds);
  // While shutting down, answers to the requests still in flight close their connection, so a client's
  // keep-alive connection does not hold the shutdown until the keep-alive timeout.
  let closing = false;
  app.addHook("preClose", (done) => {
    closing = true;
    done();
  });
  app.addHook("onSend", (_req, reply, payload, done) => {
    if (closing) reply.header("connection", "close");
    done(null, payload);
  });
  if (r.maxEventLoopDelayMs > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: r.maxEventLoopDelayMs,
      retryAfter: r.retryAfterSeconds,
      // A rejection goes to the error handler (503 `overloaded` with Retry-After); undefined lets it pass.
      pressureHandler: (req) =>
        isHealthRoute(req.url) ? undefined : Promise.reject(new AppError("overloaded")),
    });
  }
  if (r.requestDeadlineMs > 0) {
    app.addHook("preHandler", (req, reply, done) => {
      const timer = setTimeout(() => {
        if (reply.sent) return;
        req.log.warn({ deadlineMs: r.requestDeadlineMs }, "request deadline passed");
        reply.header("retry-after", retryAfter);
        void sendError(req, reply, new AppError("request_timeout"));
      }, r.requestDeadlineMs);
      timer.unref();
      reply.raw.once("close", () => clearTimeout(timer));
      done();
    });
  }
}
