import Fastify, { type FastifyRequest } from "fastify";
import { describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { testConfig } from "../config";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";
import { registerSecurityHeaders } from "./security-headers";
import { cookieSecure } from "./session-cookie";

eachApi("security headers, session cookie and CSRF", (ctx) => {
  it("sends a strict CSP, nosniff, Referrer-Policy and no framing on API answers and the console's 404", async () => {
    for (const url of ["/api/health", "/api/v1/nowhere", "/cases/123"]) {
      const res = await ctx.app.inject({ method: "GET", url });
      const csp = String(res.headers["content-security-policy"]);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("same-origin");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["strict-transport-security"], "no HSTS over plain HTTP").toBeUndefined();
    }
  });

  const login = async (app = ctx.app) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "county", password: testPassword },
    });
    expect(res.statusCode).toBe(200);
    return res;
  };
  const cookieOf = (res: Awaited<ReturnType<typeof login>>) =>
    String(res.headers["set-cookie"]).split(";")[0];

  it("sets the session cookie HttpOnly and SameSite=Strict, Secure only as configured", async () => {
    const plain = String((await login()).headers["set-cookie"]);
    expect(plain).toMatch(/HttpOnly/);
    expect(plain).toMatch(/SameSite=Strict/);
    expect(plain, "auto over plain HTTP").not.toMatch(/Secure/);
    const always = await buildApp({ ...ctx.deps, config: { ...ctx.deps.config, cookieSecure: "always" } });
    try {
      expect(String((await login(always)).headers["set-cookie"])).toMatch(/; Secure/);
    } finally {
      await always.close();
    }
  });

  it("refuses cookie-authenticated writes from another site with 403 csrf_rejected; bearer requests pass", async () => {
    const res = await login();
    const cookie = cookieOf(res);
    const logout = (headers: Record<string, string>) =>
      ctx.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie, ...headers } });
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { referer: "https://evil.example/page" },
      {},
    ];
    for (const headers of crossSite) {
      const refused = await logout(headers);
      expect(refused.statusCode, JSON.stringify(headers)).toBe(403);
      expect(refused.json()).toMatchObject({ code: "csrf_rejected" });
      expect(refused.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const me = await ctx.app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: { cookie, origin: "https://evil.example" },
    });
    expect(me.statusCode, "reads are not state-changing").toBe(200);
    const bearer = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { authorization: `Bearer ${res.json().token}`, origin: "https://evil.example" },
    });
    expect(bearer.statusCode, "bearer tokens are not sent by browsers on their own").toBe(204);
    const again = await login();
    const fetchSameOrigin = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: cookieOf(again), "sec-fetch-site": "same-origin" },
    });
    expect(fetchSameOrigin.statusCode).toBe(204);
    const third = await login();
    const sameOrigin = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: cookieOf(third), origin: "http://localhost:80", host: "localhost:80" },
    });
    expect(sameOrigin.statusCode).toBe(204);
  });
});

describe("HTTPS-only headers", () => {
  it("sends HSTS on answers that came over HTTPS (here through a trusted proxy) and never over HTTP", async () => {
    const app = Fastify({ trustProxy: true });
    await registerSecurityHeaders(app, testConfig());
    app.get("/x", async () => "ok");
    const https = await app.inject({ method: "GET", url: "/x", headers: { "x-forwarded-proto": "https" } });
    expect(https.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    const http = await app.inject({ method: "GET", url: "/x" });
    expect(http.headers["strict-transport-security"]).toBeUndefined();
    await app.close();
  });

  it("SAFEGRID_COOKIE_SECURE: auto follows the request's protocol, always and never do not", () => {
    const over = (protocol: string) => ({ protocol }) as FastifyRequest;
    expect(cookieSecure({ cookieSecure: "auto" }, over("https"))).toBe(true);
    expect(cookieSecure({ cookieSecure: "auto" }, over("http"))).toBe(false);
    expect(cookieSecure({ cookieSecure: "always" }, over("http"))).toBe(true);
    expect(cookieSecure({ cookieSecure: "never" }, over("https"))).toBe(false);
    expect(testConfig().cookieSecure).toBe("auto");
  });
});
