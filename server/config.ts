import path from "node:path";
import type { PasswordPolicy } from "../domain/auth/password-policy";

export interface AuthSettings {
  idleMinutes: number;
  /** Idle timeout of the three administrators (system, security, audit): shorter. */
  adminIdleMinutes: number;
  /** A password older than this must be changed at the next request (等保 定期更换); 0 turns it off. */
  passwordMaxAgeDays: number;
  absoluteHours: number;
  maxFailures: number;
  failureWindowMinutes: number;
  lockMinutes: number;
  password: PasswordPolicy;
  /** argon2id cost; tests lower it, production keeps OWASP's minimum or more. */
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
  /** A temporary password set by an administrator stops working after this many hours. */
  resetPasswordHours: number;
  /** 32-byte key (hex or base64) that encrypts TOTP secrets; unset: `<dataDir>/secret.key`, made at first use. */
  secretKey: string | undefined;
  rateLimit: RateLimitSettings;
}

/** Request budgets (in-memory, per server process); each is `max` requests per `windowSeconds`. */
export interface RateLimitSettings {
  /** Sign-in and second-factor attempts per account name. */
  signInPerAccount: number;
  /** Sign-in and second-factor attempts per source address. */
  signInPerSource: number;
  signInWindowSeconds: number;
  /** Every other API call, per session (or per source address when signed out). */
  apiPerMinute: number;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  adminUser: string | undefined;
  adminPassword: string | undefined;
  bodyLimitBytes: number;
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDRs); empty: the socket's address is the source. */
  trustedProxies: string[];
  auth: AuthSettings;
  /** Folder with extra calendar years (see docs/calendar.md). */
  calendarDir: string;
  webDist: string;
  production: boolean;
}

const int = (v: string | undefined, fallback: number) => {
  const n = v === undefined || v === "" ? Number.NaN : Number(v);
  return Number.isFinite(n) ? n : fallback;
};

/** Reads the configuration from the environment; every setting has a documented default (README). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.SAFEGRID_DATA_DIR || "data");
  return {
    port: int(env.PORT, 3000),
    host: env.HOST || "0.0.0.0",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    demo: env.SAFEGRID_DEMO !== "0",
    adminUser: env.SAFEGRID_ADMIN_USER || undefined,
    adminPassword: env.SAFEGRID_ADMIN_PASSWORD || undefined,
    bodyLimitBytes: int(env.SAFEGRID_BODY_LIMIT, 1024 * 1024),
    trustedProxies: (env.SAFEGRID_TRUSTED_PROXIES ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    auth: {
      idleMinutes: int(env.SAFEGRID_IDLE_MINUTES, 30),
      adminIdleMinutes: int(env.SAFEGRID_ADMIN_IDLE_MINUTES, 15),
      passwordMaxAgeDays: int(env.SAFEGRID_PASSWORD_MAX_AGE_DAYS, 90),
      absoluteHours: int(env.SAFEGRID_SESSION_HOURS, 12),
      maxFailures: int(env.SAFEGRID_LOCK_FAILURES, 5),
      failureWindowMinutes: int(env.SAFEGRID_LOCK_WINDOW_MINUTES, 15),
      lockMinutes: int(env.SAFEGRID_LOCK_MINUTES, 30),
      password: {
        minLength: int(env.SAFEGRID_PASSWORD_MIN_LENGTH, 12),
        minClasses: int(env.SAFEGRID_PASSWORD_MIN_CLASSES, 3),
      },
      argon2: { memoryCost: int(env.SAFEGRID_ARGON2_MEMORY_KIB, 19456), timeCost: 2, parallelism: 1 },
      resetPasswordHours: int(env.SAFEGRID_RESET_PASSWORD_HOURS, 72),
      secretKey: env.SAFEGRID_SECRET_KEY || undefined,
      rateLimit: {
        signInPerAccount: int(env.SAFEGRID_RATE_SIGNIN_ACCOUNT, 20),
        signInPerSource: int(env.SAFEGRID_RATE_SIGNIN_SOURCE, 100),
        signInWindowSeconds: int(env.SAFEGRID_RATE_SIGNIN_WINDOW_SECONDS, 600),
        apiPerMinute: int(env.SAFEGRID_RATE_API_PER_MINUTE, 1200),
      },
    },
    calendarDir: path.resolve(env.SAFEGRID_CALENDAR_DIR || "config/calendar"),
    webDist: path.resolve(env.SAFEGRID_WEB_DIST || "web/dist"),
    production: env.NODE_ENV === "production",
  };
}

/** A configuration for tests: SQLite in memory unless told otherwise, cheap hashing. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({});
  return {
    ...base,
    demo: false,
    auth: {
      ...base.auth,
      argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
      secretKey: "00".repeat(32),
      // Suites move the clock by hours and days with cached sessions; the tests of these two set them.
      adminIdleMinutes: base.auth.idleMinutes,
      passwordMaxAgeDays: 0,
      // Tests sign in hundreds of times from one address; the rate-limit tests set their own budgets.
      rateLimit: {
        signInPerAccount: 10_000,
        signInPerSource: 10_000,
        signInWindowSeconds: 600,
        apiPerMinute: 100_000,
      },
    },
    ...overrides,
  };
}
