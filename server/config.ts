import path from "node:path";
import type { PasswordPolicy } from "../domain/auth/password-policy";
import { type LogFormat, type LogSettings, logFormats } from "./logging/logger";

export interface AuthSettings {
  idleMinutes: number;
  absoluteHours: number;
  maxFailures: number;
  failureWindowMinutes: number;
  lockMinutes: number;
  password: PasswordPolicy;
  /** argon2id cost; tests lower it, production keeps OWASP's minimum or more. */
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
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
  auth: AuthSettings;
  /** Folder with extra calendar years (see docs/calendar.md). */
  calendarDir: string;
  webDist: string;
  production: boolean;
  log: LogSettings;
}

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
    auth: {
      idleMinutes: int(env.SAFEGRID_IDLE_MINUTES, 30),
      absoluteHours: int(env.SAFEGRID_SESSION_HOURS, 12),
      maxFailures: int(env.SAFEGRID_LOCK_FAILURES, 5),
      failureWindowMinutes: int(env.SAFEGRID_LOCK_WINDOW_MINUTES, 15),
      lockMinutes: int(env.SAFEGRID_LOCK_MINUTES, 30),
      password: {
        minLength: int(env.SAFEGRID_PASSWORD_MIN_LENGTH, 12),
        minClasses: int(env.SAFEGRID_PASSWORD_MIN_CLASSES, 3),
      },
      argon2: { memoryCost: int(env.SAFEGRID_ARGON2_MEMORY_KIB, 19456), timeCost: 2, parallelism: 1 },
    },
    calendarDir: path.resolve(env.SAFEGRID_CALENDAR_DIR || "config/calendar"),
    webDist: path.resolve(env.SAFEGRID_WEB_DIST || "web/dist"),
    production: env.NODE_ENV === "production",
    log: {
      level: env.LOG_LEVEL || "info",
      format: logFormat(env.SAFEGRID_LOG_FORMAT),
      file: env.SAFEGRID_LOG_FILE ? path.resolve(env.SAFEGRID_LOG_FILE) : undefined,
    },
  };
}

/** A configuration for tests: SQLite in memory unless told otherwise, cheap hashing. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({});
  return {
    ...base,
    demo: false,
    auth: { ...base.auth, argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 } },
    ...overrides,
  };
}
