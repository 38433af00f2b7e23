import { z } from "zod";
import { defaultMaxRecheckDistanceM } from "../domain/case/honest-closure";
import { parseAllowList } from "../domain/outbound/outbound-rules";
import { logFormats } from "./logging/logger";

/**
 * The environment variables the server reads, one zod object per area, keyed by the variable's name.
 * Every row of README's configuration table is a key here (config.test.ts checks both ways); a value that
 * does not parse stops the start with a message naming the variable, in Chinese and English.
 * To add a setting: add its key to its area (or a new area to `envAreas`) and a README row.
 */

const text = (fallback: string) => z.string().default(fallback);
const optionalText = () => z.string().optional();

/** A whole number in [min, max], written in decimal digits. */
const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^-?\d+$/, { error: "须为整数 / must be a whole number" })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `须不小于 ${min} / must be at least ${min}` })
        .max(max, { error: `须不大于 ${max} / must be at most ${max}` }),
    )
    .default(fallback);

const oneOf = <T extends string>(values: readonly [T, ...T[]], fallback: T) =>
  z
    .enum(values, { error: `须为 ${values.join(" | ")} 之一 / must be one of ${values.join(", ")}` })
    .default(fallback);

const flag = (fallback: "0" | "1") =>
  z
    .enum(["0", "1", "true", "false"], { error: "须为 0 或 1 / must be 0 or 1" })
    .default(fallback)
    .transform((v) => v === "1" || v === "true");

const list = (separator: RegExp) =>
  z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(separator)
        .map((s) => s.trim())
        .filter(Boolean),
    );

const outboundAllow = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const { invalid, ...allow } = parseAllowList(v);
    if (invalid.length)
      ctx.addIssue({
        code: "custom",
        message: `不是地址、网段或主机名 / not an address, range or host: ${invalid.join(", ")}`,
      });
    return allow;
  });

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const [firstFormat, ...otherFormats] = logFormats;

export const envAreas = {
  server: z.object({
    PORT: int(3000, 0, 65535),
    HOST: text("0.0.0.0"),
    DATABASE_URL: optionalText(),
    SAFEGRID_DATA_DIR: text("data"),
    SAFEGRID_DEMO: flag("1"),
    SAFEGRID_PROVINCE: z
      .string()
      .regex(/^\d{2}$/, { error: "须为两位省级代码 / must be a 2-digit code" })
      .default("62"),
    SAFEGRID_ADMIN_USER: optionalText(),
    SAFEGRID_ADMIN_PASSWORD: optionalText(),
    SAFEGRID_DEMO_PASSWORD: optionalText(),
    SAFEGRID_DEMO_TOTP_SECRET: optionalText(),
    SAFEGRID_BODY_LIMIT: int(1024 * 1024, 1),
    SAFEGRID_TRUSTED_PROXIES: list(/,/),
    SAFEGRID_CALENDAR_DIR: text("config/calendar"),
    SAFEGRID_WEB_DIST: text("web/dist"),
    NODE_ENV: optionalText(),
  }),
  auth: z.object({
    SAFEGRID_IDLE_MINUTES: int(30, 1),
    SAFEGRID_ADMIN_IDLE_MINUTES: int(15, 1),
    SAFEGRID_PASSWORD_MAX_AGE_DAYS: int(90, 0),
    SAFEGRID_SESSION_HOURS: int(12, 1),
    SAFEGRID_LOCK_FAILURES: int(5, 1),
    SAFEGRID_LOCK_WINDOW_MINUTES: int(15, 1),
    SAFEGRID_LOCK_MINUTES: int(30, 1),
    SAFEGRID_PASSWORD_MIN_LENGTH: int(12, 8, 128),
    SAFEGRID_PASSWORD_MIN_CLASSES: int(3, 1, 4),
    SAFEGRID_ARGON2_MEMORY_KIB: int(19456, 1024),
    SAFEGRID_RESET_PASSWORD_HOURS: int(72, 1),
    SAFEGRID_SECRET_KEY: optionalText(),
    SAFEGRID_SESSION_CACHE: flag("1"),
  }),
  rateLimit: z.object({
    SAFEGRID_RATE_SIGNIN_ACCOUNT: int(20, 1),
    SAFEGRID_RATE_SIGNIN_SOURCE: int(100, 1),
    SAFEGRID_RATE_SIGNIN_WINDOW_SECONDS: int(600, 1),
    SAFEGRID_RATE_API_PER_MINUTE: int(1200, 1),
  }),
  tips: z.object({
    SAFEGRID_TIP_KEY: optionalText(),
    SAFEGRID_TIP_RATE_PER_HOUR: int(5, 1),
    SAFEGRID_TIP_TRACK_PER_MINUTE: int(10, 1),
    SAFEGRID_TIP_POW_BITS: int(16, 0, 24),
  }),
  map: z.object({
    SAFEGRID_TIANDITU_KEY: optionalText(),
    SAFEGRID_TILE_URL: z
      .string()
      .regex(/^https?:\/\/[^\s]+$/, { error: "须为 http(s) 瓦片网址 / must be an http(s) tile URL" })
      .optional(),
    SAFEGRID_TILE_CRS: oneOf(["wgs84", "gcj02", "bd09"], "wgs84"),
    SAFEGRID_TILE_SUBDOMAINS: text("abc"),
  }),
  edge: z.object({
    SAFEGRID_COOKIE_SECURE: oneOf(["auto", "always", "never"], "auto"),
    SAFEGRID_CSP_IMG_SRC: list(/\s+/),
  }),
  log: z.object({
    LOG_LEVEL: oneOf(logLevels, "info"),
    SAFEGRID_LOG_FORMAT: oneOf([firstFormat, ...otherFormats], "short"),
    SAFEGRID_LOG_FILE: optionalText(),
  }),
  outbound: z.object({
    SAFEGRID_OUTBOUND_ALLOW: outboundAllow,
    SAFEGRID_OUTBOUND_CONNECT_TIMEOUT_MS: int(3000, 1),
    SAFEGRID_OUTBOUND_TIMEOUT_MS: int(10_000, 1),
    SAFEGRID_SMS_GATEWAY_URL: z.url({ error: "须为网址 / must be a URL" }).optional(),
    SAFEGRID_SMS_GATEWAY_KEY: optionalText(),
    SAFEGRID_SMS_GATEWAY_KEY_HEADER: text("X-Api-Key"),
  }),
  backup: z.object({
    SAFEGRID_BACKUP_DIR: optionalText(),
    SAFEGRID_BACKUP_KEEP: int(7, 1),
    SAFEGRID_BACKUP_HOUR: int(2, 0, 23),
  }),
  /**
   * Where evidence files live; validated here, turned into settings by `server/storage/evidence-settings.ts`
   * (the default store depends on `DATABASE_URL`; `s3` needs a bucket).
   */
  evidence: z.object({
    SAFEGRID_EVIDENCE_STORE: z
      .enum(["local", "database", "s3"], {
        error: "须为 local | database | s3 之一 / must be one of local, database, s3",
      })
      .optional(),
    SAFEGRID_S3_BUCKET: optionalText(),
    SAFEGRID_S3_ENDPOINT: z.url({ error: "须为网址 / must be a URL" }).optional(),
    SAFEGRID_S3_REGION: optionalText(),
    SAFEGRID_S3_ACCESS_KEY_ID: optionalText(),
    SAFEGRID_S3_SECRET_ACCESS_KEY: optionalText(),
    SAFEGRID_S3_FORCE_PATH_STYLE: z
      .enum(["0", "1", "true", "false"], { error: "须为 0 或 1 / must be 0 or 1" })
      .optional(),
    SAFEGRID_S3_PREFIX: optionalText(),
    SAFEGRID_S3_CONNECT_TIMEOUT_MS: int(3000, 1),
    SAFEGRID_S3_TIMEOUT_MS: int(30_000, 1),
  }),
  /** Webhook and SMS delivery, and who may read `/metrics` (checked by `metricsAccess` in config.ts). */
  delivery: z.object({
    SAFEGRID_DELIVERY_CONCURRENCY: int(64, 1),
    SAFEGRID_DELIVERY_PER_ENDPOINT: int(8, 1),
    SAFEGRID_METRICS: optionalText(),
  }),
  /** Witnesses of the trail's roots outside the database (turned into settings in config.ts). */
  trail: z.object({
    SAFEGRID_WITNESS_FILE: optionalText(),
    SAFEGRID_WITNESS_URL: z.url({ error: "须为网址 / must be a URL" }).optional(),
    SAFEGRID_WITNESS_KEY: optionalText(),
  }),
  /** The closed loop's settings (read by `server/commands/cases/case-settings.ts`). */
  cases: z.object({
    SAFEGRID_RECHECK_MAX_DISTANCE_M: int(defaultMaxRecheckDistanceM, 1),
    SAFEGRID_RECURRENCE_DAYS: int(90, 1),
    SAFEGRID_RECURRENCE_COUNT: int(3, 1),
  }),
  /** Printables (read by `server/print/print-settings.ts`). */
  print: z.object({
    SAFEGRID_PUBLIC_URL: z.url({ error: "须为网址 / must be a URL" }).optional(),
    SAFEGRID_HANDBOOK_MAX_PAGES: int(60, 1, 500),
  }),
  resilience: z.object({
    SAFEGRID_REQUEST_TIMEOUT_MS: int(15_000, 1),
    SAFEGRID_DB_STATEMENT_TIMEOUT_MS: int(10_000, 0),
    SAFEGRID_DB_LOCK_TIMEOUT_MS: int(5_000, 0),
    SAFEGRID_DB_CONNECT_TIMEOUT_MS: int(5_000, 1),
    SAFEGRID_DB_APPLICATION_NAME: text("safegrid"),
    SAFEGRID_SQLITE_BUSY_TIMEOUT_MS: int(5_000, 0),
    SAFEGRID_READY_TIMEOUT_MS: int(2_000, 1),
    SAFEGRID_MIN_FREE_MB: int(100, 0),
    SAFEGRID_RETRY_AFTER_SECONDS: int(5, 1),
    SAFEGRID_HEADERS_TIMEOUT_MS: int(10_000, 1),
    SAFEGRID_BODY_TIMEOUT_MS: int(120_000, 1),
    SAFEGRID_KEEPALIVE_TIMEOUT_MS: int(5_000, 1),
    SAFEGRID_SOCKET_IDLE_TIMEOUT_MS: int(60_000, 1),
    SAFEGRID_SHUTDOWN_GRACE_MS: int(20_000, 1),
    SAFEGRID_MAX_EVENT_LOOP_DELAY_MS: int(1_000, 0),
  }),
};

export const envSchema = z.object({
  ...envAreas.server.shape,
  ...envAreas.auth.shape,
  ...envAreas.rateLimit.shape,
  ...envAreas.tips.shape,
  ...envAreas.map.shape,
  ...envAreas.edge.shape,
  ...envAreas.log.shape,
  ...envAreas.outbound.shape,
  ...envAreas.backup.shape,
  ...envAreas.evidence.shape,
  ...envAreas.trail.shape,
  ...envAreas.delivery.shape,
  ...envAreas.cases.shape,
  ...envAreas.print.shape,
  ...envAreas.resilience.shape,
});

export type Env = z.output<typeof envSchema>;

/** A setting that does not parse: the start stops with this message (no stack trace). */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment; an empty value counts as unset (as `VAR= npm start` means). */
export function parseEnv(env: NodeJS.ProcessEnv): Env {
  return parseWith(envSchema, env);
}

/** Parses the environment with one area's (or the whole) schema; a bad value throws a `ConfigError`. */
export function parseWith<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(given);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `${name}=${given[name] ?? ""}：${issue.message}`;
  });
  throw new ConfigError(`配置错误 / invalid configuration:\n  ${lines.join("\n  ")}`);
}
