import fs from "node:fs";
import path from "node:path";
import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { AppError } from "../domain/errors";
import type { Deps } from "./deps";
import { registerAuth } from "./http/auth-hook";
import { registerCanonicalInput } from "./http/canonical-input";
import { registerCsrfCheck } from "./http/csrf";
import { registerErrorHandling, sendError } from "./http/errors";
import { documentedErrorsTransform } from "./http/openapi-errors";
import { registerRateLimits } from "./http/rate-limit";
import { registerResilience, serverTimeouts } from "./http/resilience";
import { registerSecurityHeaders } from "./http/security-headers";
import { createLogger } from "./logging/logger";
import { apiRoutes } from "./routes/api-routes";
import { registerMetrics } from "./routes/metrics-routes";
import { registerOpen311 } from "./routes/open311-routes";

export interface AppOptions {
  /**
   * Request logs: the server's logger (server/logging/logger.ts), or `true` for JSON lines to `logStream`
   * (stdout by default); none when unset.
   */
  logger?: boolean | FastifyBaseLogger;
  /** Serve the built console from web/dist (off in API tests). */
  serveWeb?: boolean;
  /** Where the log goes when `logger` is `true` (tests read it). */
  logStream?: NodeJS.WritableStream;
}

/** Builds the HTTP app: error mapping, auth, OpenAPI, the versioned API and the console. */
export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance:
      opts.logger === true
        ? createLogger(
            { ...deps.config.log, format: "json", file: undefined },
            opts.logStream ?? process.stdout,
          )
        : opts.logger || undefined,
    bodyLimit: deps.config.bodyLimitBytes,
    // Off unless proxies are listed: a client-chosen X-Forwarded-For must never become the recorded source.
    trustProxy: deps.config.trustedProxies.length ? deps.config.trustedProxies : false,
    ajv: { customOptions: { removeAdditional: false } },
    ...serverTimeouts(deps.config.resilience),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app, { retryAfterSeconds: deps.config.resilience.retryAfterSeconds });
  await registerResilience(app, deps.config.resilience);
  registerCanonicalInput(app);
  await registerSecurityHeaders(app, deps.config);
  await app.register(cookie);
  await registerRateLimits(app, deps);
  registerCsrfCheck(app);
  registerAuth(app, deps);
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: { title: "SafeGrid 安全生产网格化监管平台 API", version: "1.0.0" },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          cookie: { type: "apiKey", in: "cookie", name: "sg_session" },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: documentedErrorsTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  registerMetrics(app, deps);
  await registerOpen311(app, deps);
  await app.register(apiRoutes(deps));

  const web = opts.serveWeb && fs.existsSync(path.join(deps.config.webDist, "index.html"));
  // preCompressed: the build writes .br/.gz copies of the text assets (scripts/build/web-build.mjs).
  if (web)
    await app.register(fastifyStatic, { root: deps.config.webDist, wildcard: false, preCompressed: true });
  // The public tip page (R28): its own small entry, under the same security headers (CSP) as the console.
  if (web && fs.existsSync(path.join(deps.config.webDist, "tip.html")))
    app.get("/tip", { config: { access: "public" }, schema: { hide: true } }, (_req, reply) =>
      reply.header("cache-control", "no-cache").type("text/html").sendFile("tip.html"),
    );
  app.setNotFoundHandler((req, reply) => {
    if (!web || req.url.startsWith("/api/") || req.method !== "GET")
      return sendError(req, reply, new AppError("not_found"));
    // The field app (web/field, built into web/dist/m) is a single-page app of its own under /m.
    if (/^\/m(\/|$|\?)/.test(req.url) && fs.existsSync(path.join(deps.config.webDist, "m/index.html"))) {
      if (/^\/m\/(assets\/|sw\.js|manifest|icon-)/.test(req.url))
        return sendError(req, reply, new AppError("not_found"));
      return reply.type("text/html").header("cache-control", "no-cache").sendFile("m/index.html");
    }
    // The console is a single-page app: every other GET path is one of its routes.
    return reply.type("text/html").sendFile("index.html");
  });
  return app;
}
