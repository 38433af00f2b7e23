import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig, testConfig } from "./config";
import { ConfigError, envSchema } from "./config-schema";

/** The variable names of README's configuration table (a row may name several). */
function readmeVariables(): string[] {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const table = readme.split("## Configuration (environment)")[1].split("\n## ")[0];
  return table
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...line.split("|")[1].matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]));
}

describe("configuration", () => {
  it("has a schema key for every README row and a README row for every schema key", () => {
    const documented = new Set(readmeVariables());
    const keys = new Set(Object.keys(envSchema.shape));
    expect(documented.size).toBeGreaterThan(50);
    expect([...documented].filter((name) => !keys.has(name))).toEqual([]);
    expect([...keys].filter((name) => !documented.has(name))).toEqual([]);
  });

  it("keeps the documented defaults", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe("0.0.0.0");
    expect(c.demo).toBe(true);
    expect(c.auth.maxFailures).toBe(5);
    expect(c.auth.password).toEqual({ minLength: 12, minClasses: 3 });
    expect(c.auth.argon2.memoryCost).toBe(19456);
    expect(c.auth.rateLimit.apiPerMinute).toBe(1200);
    expect(c.cookieSecure).toBe("auto");
    expect(c.backup).toEqual({ dir: undefined, keep: 7, hour: 2 });
    expect(c.resilience.minFreeBytes).toBe(100 * 1024 * 1024);
    expect(c.resilience.maxEventLoopDelayMs).toBe(1000);
    expect(c.smsGateway).toBeNull();
    expect(c.trustedProxies).toEqual([]);
  });

  it("reads given values; an empty value counts as unset", () => {
    const c = loadConfig({
      PORT: "8080",
      SAFEGRID_DEMO: "0",
      SAFEGRID_LOCK_FAILURES: "3",
      SAFEGRID_COOKIE_SECURE: "always",
      SAFEGRID_TRUSTED_PROXIES: "10.0.0.1, 10.1.0.0/16",
      SAFEGRID_CSP_IMG_SRC: "https://a.example  https://b.example",
      SAFEGRID_SESSION_HOURS: "",
    });
    expect(c.port).toBe(8080);
    expect(c.demo).toBe(false);
    expect(c.auth.maxFailures).toBe(3);
    expect(c.cookieSecure).toBe("always");
    expect(c.trustedProxies).toEqual(["10.0.0.1", "10.1.0.0/16"]);
    expect(c.cspImgSrc).toEqual(["https://a.example", "https://b.example"]);
    expect(c.auth.absoluteHours).toBe(12);
  });

  it.each([
    ["PORT", "abc", /PORT=abc：须为整数 \/ must be a whole number/],
    ["PORT", "70000", /PORT=70000：须不大于 65535 \/ must be at most 65535/],
    ["SAFEGRID_LOCK_FAILURES", "-1", /SAFEGRID_LOCK_FAILURES=-1：须不小于 1 \/ must be at least 1/],
    ["SAFEGRID_COOKIE_SECURE", "maybe", /SAFEGRID_COOKIE_SECURE=maybe：须为 auto \| always \| never 之一/],
    ["SAFEGRID_DEMO", "yes", /SAFEGRID_DEMO=yes：须为 0 或 1/],
    ["SAFEGRID_BACKUP_HOUR", "24", /SAFEGRID_BACKUP_HOUR=24/],
    ["SAFEGRID_REQUEST_TIMEOUT_MS", "1.5s", /SAFEGRID_REQUEST_TIMEOUT_MS=1\.5s/],
    ["LOG_LEVEL", "loud", /LOG_LEVEL=loud/],
  ])("stops at %s=%s with a message naming it", (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it("names every bad variable at once", () => {
    expect(() => loadConfig({ PORT: "x", SAFEGRID_MIN_FREE_MB: "-5" })).toThrow(
      /PORT=x[\s\S]*SAFEGRID_MIN_FREE_MB=-5/,
    );
  });

  it("accepts an SMS gateway URL with placeholders", () => {
    const url = "https://gw.example/send?to={phone}&msg={text}";
    expect(loadConfig({ SAFEGRID_SMS_GATEWAY_URL: url }).smsGateway?.url).toBe(url);
  });

  it("testConfig keeps its overrides", () => {
    expect(testConfig({ port: 0 }).port).toBe(0);
    expect(testConfig().demo).toBe(false);
  });
});
