import helmet from "@fastify/helmet";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Config } from "../config";

/**
 * The Content-Security-Policy of the console and the API (and of `/api/docs`, whose Swagger UI loads only
 * its own scripts and styles from the server and data: images). Scripts only from this origin; styles
 * from this origin plus inline `<style>` elements, which Ant Design's CSS-in-JS inserts at run time;
 * images from this origin, data:/blob: URLs (Leaflet and antd icons) and the configured map tile hosts;
 * no plugins, no framing, forms and fetches to this origin only.
 */
export function contentSecurityPolicy(config: Pick<Config, "cspImgSrc">) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:", "blob:", ...config.cspImgSrc],
      fontSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      workerSrc: ["'self'", "blob:"],
      objectSrc: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  };
}

/** True when this request reached the server over HTTPS (directly, or through a trusted proxy). */
export const overHttps = (req: FastifyRequest) => req.protocol === "https";

/**
 * Security headers on every answer (`@fastify/helmet`): the CSP above, `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: same-origin` (same-origin requests keep their Origin header, which the CSRF check
 * reads), `X-Frame-Options: DENY`, and HSTS only on answers sent over HTTPS.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: contentSecurityPolicy(config),
    referrerPolicy: { policy: "same-origin" },
    xFrameOptions: { action: "deny" },
    strictTransportSecurity: false,
  });
  app.addHook("onSend", async (req, reply) => {
    if (overHttps(req)) reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
  });
}
