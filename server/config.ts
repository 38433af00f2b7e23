import path from "node:path";
import type { PasswordPolicy } from "../domain/auth/password-policy";
import { type BaseMapSettings, baseMapSettings, tileOrigins } from "../domain/geo/base-map-settings";
import type { AllowList } from "../domain/outbound/outbound-rules";
import { type Env, parseEnv } from "./config-schema";
import type { LogSettings } from "./logging/logger";
import { type EvidenceSettings, loadEvidenceSettings } from "./storage/evidence-settings";

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
  /** PostgreSQL: sessions answered from memory, dropped by the database's notices (`0` reads every one). */
  sessionCache: boolean;
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
  /** Where the trail's roots are witnessed outside the database (docs/trail.md). */
  trail: TrailSettings;
  /** `Secure` on the session cookie: `auto` (when the request came over HTTPS), `always` or `never`. */
  cookieSecure: "auto" | "always" | "never";
  /** Extra img-src origins of the Content-Security-Policy (the map tile hosts). */
  cspImgSrc: string[];
  /** The console's base map (天地图, an XYZ tile URL, or the offline base), sent in `/auth/me`. */
  baseMap: BaseMapSettings;
  /** Where evidence files live (server/storage/evidence-settings.ts). */
  evidence: EvidenceSettings;
  /** Public tips (R28): the informant key, per-source budgets, the proof-of-work difficulty. */
  tips: TipSettings;
}

export interface TipSettings {
  /** 32-byte key (hex or base64) sealing informants' identities; unset: `<dataDir>/tip.key`, made at first use. */
  key: string | undefined;
  /** Tips accepted per source address per hour (in memory, never stored with the tips). */
  perSourcePerHour: number;
  /** Tracking-code look-ups and messages per source address per minute. */
  trackPerSourcePerMinute: number;
  /** Leading zero bits the page's proof of work must find (0 turns it off). */
  powBits: number;
}

export interface TrailSettings {
  /** Append-only file of trail roots (one JSON line each, fsync'd); null: off (`SAFEGRID_WITNESS_FILE=off`). */
  witnessFile: string | null;
  /** An external witness: each root POSTed (HMAC-SHA256 signed with `witnessKey`) under the outbound rules. */
  witnessUrl: string | null;
  witnessKey: string | null;
}

/** Default witness file: beside the data directory (`data` → `data-witness.jsonl`), so not inside its backups. */
function trailSettings(env: NodeJS.ProcessEnv, dataDir: string): TrailSettings {
  const file = env.SAFEGRID_WITNESS_FILE;
  const url = env.SAFEGRID_WITNESS_URL || null;
  const key = env.SAFEGRID_WITNESS_KEY || null;
  if (url && !key)
    throw new Error("SAFEGRID_WITNESS_URL needs SAFEGRID_WITNESS_KEY (the HMAC key of the signature)");
  return {
    witnessFile:
      file === "off"
        ? null
        : path.resolve(file || path.join(path.dirname(dataDir), `${path.basename(dataDir)}-witness.jsonl`)),
    witnessUrl: url,
    witnessKey: key,
  };
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

/** Reads the configuration from the environment (validated by `envSchema`; defaults documented in README). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(env);
  const baseMap = baseMapSettings({
    tiandituKey: e.SAFEGRID_TIANDITU_KEY,
    tileUrl: e.SAFEGRID_TILE_URL,
    tileCrs: e.SAFEGRID_TILE_CRS,
    tileSubdomains: e.SAFEGRID_TILE_SUBDOMAINS,
  });
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.SAFEGRID_DATA_DIR),
    demo: e.SAFEGRID_DEMO,
    adminUser: e.SAFEGRID_ADMIN_USER,
    adminPassword: e.SAFEGRID_ADMIN_PASSWORD,
    bodyLimitBytes: e.SAFEGRID_BODY_LIMIT,
    trustedProxies: e.SAFEGRID_TRUSTED_PROXIES,
    auth: authSettings(e),
    calendarDir: path.resolve(e.SAFEGRID_CALENDAR_DIR),
    webDist: path.resolve(e.SAFEGRID_WEB_DIST),
    production: e.NODE_ENV === "production",
    log: {
      level: e.LOG_LEVEL,
      format: e.SAFEGRID_LOG_FORMAT,
      file: e.SAFEGRID_LOG_FILE ? path.resolve(e.SAFEGRID_LOG_FILE) : undefined,
    },
    outbound: {
      allow: e.SAFEGRID_OUTBOUND_ALLOW,
      connectTimeoutMs: e.SAFEGRID_OUTBOUND_CONNECT_TIMEOUT_MS,
      totalTimeoutMs: e.SAFEGRID_OUTBOUND_TIMEOUT_MS,
    },
    smsGateway: e.SAFEGRID_SMS_GATEWAY_URL
      ? {
          url: e.SAFEGRID_SMS_GATEWAY_URL,
          key: e.SAFEGRID_SMS_GATEWAY_KEY,
          keyHeader: e.SAFEGRID_SMS_GATEWAY_KEY_HEADER,
        }
      : null,
    backup: {
      dir: e.SAFEGRID_BACKUP_DIR ? path.resolve(e.SAFEGRID_BACKUP_DIR) : undefined,
      keep: e.SAFEGRID_BACKUP_KEEP,
      hour: e.SAFEGRID_BACKUP_HOUR,
    },
    resilience: resilienceSettings(e),
    cookieSecure: e.SAFEGRID_COOKIE_SECURE,
    baseMap,
    cspImgSrc: [...new Set([...e.SAFEGRID_CSP_IMG_SRC, ...tileOrigins(baseMap)])],
    evidence: loadEvidenceSettings(env),
    tips: {
      key: e.SAFEGRID_TIP_KEY,
      perSourcePerHour: e.SAFEGRID_TIP_RATE_PER_HOUR,
      trackPerSourcePerMinute: e.SAFEGRID_TIP_TRACK_PER_MINUTE,
      powBits: e.SAFEGRID_TIP_POW_BITS,
    },
    trail: trailSettings(env, path.resolve(e.SAFEGRID_DATA_DIR)),
    delivery: {
      concurrency: e.SAFEGRID_DELIVERY_CONCURRENCY,
      perEndpoint: e.SAFEGRID_DELIVERY_PER_ENDPOINT,
    },
    metrics: metricsAccess(e.SAFEGRID_METRICS),
  };
}

function authSettings(e: Env): AuthSettings {
  return {
    idleMinutes: e.SAFEGRID_IDLE_MINUTES,
    adminIdleMinutes: e.SAFEGRID_ADMIN_IDLE_MINUTES,
    passwordMaxAgeDays: e.SAFEGRID_PASSWORD_MAX_AGE_DAYS,
    absoluteHours: e.SAFEGRID_SESSION_HOURS,
    maxFailures: e.SAFEGRID_LOCK_FAILURES,
    failureWindowMinutes: e.SAFEGRID_LOCK_WINDOW_MINUTES,
    lockMinutes: e.SAFEGRID_LOCK_MINUTES,
    password: { minLength: e.SAFEGRID_PASSWORD_MIN_LENGTH, minClasses: e.SAFEGRID_PASSWORD_MIN_CLASSES },
    argon2: { memoryCost: e.SAFEGRID_ARGON2_MEMORY_KIB, timeCost: 2, parallelism: 1 },
    resetPasswordHours: e.SAFEGRID_RESET_PASSWORD_HOURS,
    secretKey: e.SAFEGRID_SECRET_KEY,
    sessionCache: e.SAFEGRID_SESSION_CACHE,
    rateLimit: {
      signInPerAccount: e.SAFEGRID_RATE_SIGNIN_ACCOUNT,
      signInPerSource: e.SAFEGRID_RATE_SIGNIN_SOURCE,
      signInWindowSeconds: e.SAFEGRID_RATE_SIGNIN_WINDOW_SECONDS,
      apiPerMinute: e.SAFEGRID_RATE_API_PER_MINUTE,
    },
  };
}

function resilienceSettings(e: Env): ResilienceSettings {
  return {
    requestDeadlineMs: e.SAFEGRID_REQUEST_TIMEOUT_MS,
    statementTimeoutMs: e.SAFEGRID_DB_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: e.SAFEGRID_DB_LOCK_TIMEOUT_MS,
    connectTimeoutMs: e.SAFEGRID_DB_CONNECT_TIMEOUT_MS,
    applicationName: e.SAFEGRID_DB_APPLICATION_NAME,
    sqliteBusyTimeoutMs: e.SAFEGRID_SQLITE_BUSY_TIMEOUT_MS,
    readyTimeoutMs: e.SAFEGRID_READY_TIMEOUT_MS,
    minFreeBytes: e.SAFEGRID_MIN_FREE_MB * 1024 * 1024,
    retryAfterSeconds: e.SAFEGRID_RETRY_AFTER_SECONDS,
    headersTimeoutMs: e.SAFEGRID_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.SAFEGRID_BODY_TIMEOUT_MS,
    keepAliveTimeoutMs: e.SAFEGRID_KEEPALIVE_TIMEOUT_MS,
    connectionTimeoutMs: e.SAFEGRID_SOCKET_IDLE_TIMEOUT_MS,
    shutdownGraceMs: e.SAFEGRID_SHUTDOWN_GRACE_MS,
    maxEventLoopDelayMs: e.SAFEGRID_MAX_EVENT_LOOP_DELAY_MS,
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
    tips: { key: "11".repeat(32), perSourcePerHour: 10_000, trackPerSourcePerMinute: 10_000, powBits: 2 },
    // Test files share a busy machine: no load shedding and a generous deadline unless a test sets them.
    resilience: { ...base.resilience, maxEventLoopDelayMs: 0, requestDeadlineMs: 60_000 },
    // No witness file in the working directory: the tests of the witness name their own.
    trail: { witnessFile: null, witnessUrl: null, witnessKey: null },
    ...overrides,
  };
}
