import path from "node:path";
import type { PasswordPolicy } from "../domain/auth/password-policy";
import { type AllowList, parseAllowList } from "../domain/outbound/outbound-rules";
import { type LogFormat, type LogSettings, logFormats } from "./logging/logger";

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

/** Timeouts and limits that keep the server answering when the database, the disk or clients misbehave. */
export interface ResilienceSettings {
  /** Overall deadline of a request's handler (after its body arrived); 503 `request_timeout` after it. */
  requestDeadlineMs: number;
  /** PostgreSQL statement_timeout and lock_timeout per connection; waiting for a pooled connection. */
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  connectTimeoutMs: number;
  /** PostgreSQL application_name of the server's sessions (to find them in pg_stat_activity). */
  applicationName: string;
  /** SQLite busy_timeout (how long a write waits for another writer). */
  sqliteBusyTimeoutMs: number;
  /** Readiness probe (`/api/health/ready`): its own deadline and the least free space on the data disk. */
  readyTimeoutMs: number;
  minFreeBytes: number;
  /** Seconds a client is told to wait (Retry-After) on 503. */
  retryAfterSeconds: number;
  /** Node HTTP server: receiving the headers, the whole request, an idle keep-alive, an idle socket. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  connectionTimeoutMs: number;
  /** How long SIGTERM waits for requests in flight and the job batch before the process exits anyway. */
  shutdownGraceMs: number;
  /** Load shedding: 503 `overloaded` while the event loop lags more than this (0 turns it off). */
  maxEventLoopDelayMs: number;
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
  log: LogSettings;
  /** Webhooks and the SMS gateway: allow list and timeouts (docs/security/outbound.md). */
  outbound: { allow: AllowList; connectTimeoutMs: number; totalTimeoutMs: number };
  /** The HTTP SMS gateway; null when none is configured (SMS rows are then "not sent"). */
  smsGateway: { url: string; key: string | undefined; keyHeader: string } | null;
  resilience: ResilienceSettings;
  /** Webhook and SMS delivery: sends in flight per process and per endpoint (README). */
  delivery: { concurrency: number; perEndpoint: number };
  /** `/metrics`: off (default), a Bearer token, or loopback only (docs/operations.md). */
  metrics: MetricsAccess;
  /** Scheduled backups (README "Backup"); off while `dir` is unset. */
  backup: BackupSettings;
  /** `Secure` on the session cookie: `auto` (when the request came over HTTPS), `always` or `never`. */
  cookieSecure: "auto" | "always" | "never";
  /** Extra img-src origins of the Content-Security-Policy (the map tile hosts). */
  cspImgSrc: string[];
}

export interface BackupSettings {
  dir: string | undefined;
  /** How many scheduled backups to keep (older ones are removed). */
  keep: number;
  /** The backup runs once a day, in the first job pass at or after this hour (Asia/Shanghai, 0–23). */
  hour: number;
}

export type MetricsAccess = { mode: "off" } | { mode: "local" } | { mode: "token"; token: string };

/** `SAFEGRID_METRICS`: `off` | `local` | `token:<secret>` (at least 16 characters); anything else stops the start. */
export function metricsAccess(value: string | undefined): MetricsAccess {
  const v = (value ?? "").trim();
  if (v === "" || v === "off") return { mode: "off" };
  if (v === "local") return { mode: "local" };
  if (v.startsWith("token:") && v.length - 6 >= 16) return { mode: "token", token: v.slice(6) };
  throw new Error(
    "SAFEGRID_METRICS：应为 off | local | token:<至少 16 个字符> / must be off, local or token:<secret of 16+ characters>",
  );
}

function positive(name: string, value: string | undefined, fallback: number): number {
  const n = int(value, fallback);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} 须为正整数 / must be a positive integer: ${value}`);
  return n;
}

const cookieSecureOf = (v: string | undefined): Config["cookieSecure"] =>
  v === "always" || v === "never" ? v : "auto";

const int = (v: string | undefined, fallback: number) => {
  const n = v === undefined || v === "" ? Number.NaN : Number(v);
  return Number.isFinite(n) ? n : fallback;
};

function logFormat(value: string | undefined): LogFormat {
  if (!value) return "short";
  if ((logFormats as readonly string[]).includes(value)) return value as LogFormat;
  throw new Error(
    `SAFEGRID_LOG_FORMAT=${value}：应为 ${logFormats.join(" | ")} / must be one of ${logFormats.join(", ")}`,
  );
}

/** `SAFEGRID_OUTBOUND_ALLOW`: an entry that is not an address, a CIDR range or a host name stops the start. */
function outboundAllow(text: string | undefined): AllowList {
  const { invalid, ...allow } = parseAllowList(text);
  if (invalid.length)
    throw new Error(`SAFEGRID_OUTBOUND_ALLOW: not an address, range or host: ${invalid.join(", ")}`);
  return allow;
}

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
    log: {
      level: env.LOG_LEVEL || "info",
      format: logFormat(env.SAFEGRID_LOG_FORMAT),
      file: env.SAFEGRID_LOG_FILE ? path.resolve(env.SAFEGRID_LOG_FILE) : undefined,
    },
    outbound: {
      allow: outboundAllow(env.SAFEGRID_OUTBOUND_ALLOW),
      connectTimeoutMs: int(env.SAFEGRID_OUTBOUND_CONNECT_TIMEOUT_MS, 3000),
      totalTimeoutMs: int(env.SAFEGRID_OUTBOUND_TIMEOUT_MS, 10_000),
    },
    smsGateway: env.SAFEGRID_SMS_GATEWAY_URL
      ? {
          url: env.SAFEGRID_SMS_GATEWAY_URL,
          key: env.SAFEGRID_SMS_GATEWAY_KEY || undefined,
          keyHeader: env.SAFEGRID_SMS_GATEWAY_KEY_HEADER || "X-Api-Key",
        }
      : null,
    backup: backupSettings(env),
    resilience: loadResilience(env),
    delivery: {
      concurrency: positive("SAFEGRID_DELIVERY_CONCURRENCY", env.SAFEGRID_DELIVERY_CONCURRENCY, 64),
      perEndpoint: positive("SAFEGRID_DELIVERY_PER_ENDPOINT", env.SAFEGRID_DELIVERY_PER_ENDPOINT, 8),
    },
    metrics: metricsAccess(env.SAFEGRID_METRICS),
    cookieSecure: cookieSecureOf(env.SAFEGRID_COOKIE_SECURE),
    cspImgSrc: (env.SAFEGRID_CSP_IMG_SRC ?? "").split(/\s+/).filter(Boolean),
  };
}

function loadResilience(env: NodeJS.ProcessEnv): ResilienceSettings {
  return {
    requestDeadlineMs: int(env.SAFEGRID_REQUEST_TIMEOUT_MS, 15_000),
    statementTimeoutMs: int(env.SAFEGRID_DB_STATEMENT_TIMEOUT_MS, 10_000),
    lockTimeoutMs: int(env.SAFEGRID_DB_LOCK_TIMEOUT_MS, 5_000),
    connectTimeoutMs: int(env.SAFEGRID_DB_CONNECT_TIMEOUT_MS, 5_000),
    applicationName: env.SAFEGRID_DB_APPLICATION_NAME || "safegrid",
    sqliteBusyTimeoutMs: int(env.SAFEGRID_SQLITE_BUSY_TIMEOUT_MS, 5_000),
    readyTimeoutMs: int(env.SAFEGRID_READY_TIMEOUT_MS, 2_000),
    minFreeBytes: int(env.SAFEGRID_MIN_FREE_MB, 100) * 1024 * 1024,
    retryAfterSeconds: int(env.SAFEGRID_RETRY_AFTER_SECONDS, 5),
    headersTimeoutMs: int(env.SAFEGRID_HEADERS_TIMEOUT_MS, 10_000),
    requestTimeoutMs: int(env.SAFEGRID_BODY_TIMEOUT_MS, 120_000),
    keepAliveTimeoutMs: int(env.SAFEGRID_KEEPALIVE_TIMEOUT_MS, 5_000),
    connectionTimeoutMs: int(env.SAFEGRID_SOCKET_IDLE_TIMEOUT_MS, 60_000),
    shutdownGraceMs: int(env.SAFEGRID_SHUTDOWN_GRACE_MS, 20_000),
    maxEventLoopDelayMs: int(env.SAFEGRID_MAX_EVENT_LOOP_DELAY_MS, 1_000),
  };
}

function backupSettings(env: NodeJS.ProcessEnv): BackupSettings {
  const keep = int(env.SAFEGRID_BACKUP_KEEP, 7);
  const hour = int(env.SAFEGRID_BACKUP_HOUR, 2);
  if (!Number.isInteger(keep) || keep < 1)
    throw new Error(
      `SAFEGRID_BACKUP_KEEP 须为正整数 / must be a positive integer: ${env.SAFEGRID_BACKUP_KEEP}`,
    );
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    throw new Error(`SAFEGRID_BACKUP_HOUR 须为 0–23 / must be 0–23: ${env.SAFEGRID_BACKUP_HOUR}`);
  return { dir: env.SAFEGRID_BACKUP_DIR ? path.resolve(env.SAFEGRID_BACKUP_DIR) : undefined, keep, hour };
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
    // Test files share a busy machine: no load shedding and a generous deadline unless a test sets them.
    resilience: { ...base.resilience, maxEventLoopDelayMs: 0, requestDeadlineMs: 60_000 },
    ...overrides,
  };
}
