import fs from "node:fs/promises";
import path from "node:path";
import { migrationState } from "../../db/migrate";
import { probeWrite, sqliteAtPageLimit } from "../../db/queries/readiness-queries";
import type { Deps } from "../deps";
import { infrastructureError } from "../http/errors";

export type ReadinessCheck = "database" | "disk" | "migrations";

export interface ReadinessReason {
  check: ReadinessCheck;
  /** `database_unavailable`, `storage_full`, `timeout`, `migrations_pending` or `error`. */
  reason: string;
  /** A driver or file-system code (57P01, 55P03, SQLITE_BUSY, ENOSPC…) or the pending migrations; never a message. */
  detail?: string;
}

export interface Readiness {
  ready: boolean;
  reasons: ReadinessReason[];
  freeBytes: number | null;
}

class Timeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function reasonFor(check: ReadinessCheck, err: unknown): ReadinessReason {
  if (err instanceof Timeout) return { check, reason: "timeout" };
  const code = (err as { code?: unknown })?.code;
  const detail = typeof code === "string" ? code : undefined;
  return { check, reason: infrastructureError(err)?.code ?? "error", detail };
}

/** Free bytes on the data directory's file system, and a small file written, synced and removed there. */
async function checkDisk(dataDir: string): Promise<number> {
  await fs.mkdir(dataDir, { recursive: true });
  const stats = await fs.statfs(dataDir);
  const probe = path.join(dataDir, `.ready-${process.pid}.tmp`);
  try {
    await fs.writeFile(probe, Buffer.alloc(4096), { flush: true });
  } finally {
    await fs.rm(probe, { force: true });
  }
  return stats.bavail * stats.bsize;
}

/**
 * Whether this process can take writes now (readiness, `/api/health/ready`): the database takes a
 * (rolled-back) write within the readiness timeout, the data directory's disk has the configured free
 * space and takes a small file, and no migration is pending. Each check has its own deadline.
 */
export async function checkReadiness(deps: Deps): Promise<Readiness> {
  const { readyTimeoutMs, minFreeBytes } = deps.config.resilience;
  const reasons: ReadinessReason[] = [];
  const database = { db: deps.db, dialect: deps.dialect, close: async () => {} };
  const [db, disk, migrations] = await Promise.allSettled([
    withTimeout(
      (async () => {
        // The database gives up (lock or busy timeout) before the overall deadline, naming the cause.
        await probeWrite(deps.db, deps.dialect, readyTimeoutMs / 2);
        return deps.dialect === "sqlite" ? sqliteAtPageLimit(deps.db) : false;
      })(),
      readyTimeoutMs,
    ),
    withTimeout(checkDisk(deps.config.dataDir), readyTimeoutMs),
    withTimeout(migrationState(database), readyTimeoutMs),
  ]);
  if (db.status === "rejected") reasons.push(reasonFor("database", db.reason));
  else if (db.value) reasons.push({ check: "database", reason: "storage_full", detail: "SQLITE_FULL" });
  let freeBytes: number | null = null;
  if (disk.status === "rejected") reasons.push(reasonFor("disk", disk.reason));
  else {
    freeBytes = disk.value;
    if (freeBytes < minFreeBytes)
      reasons.push({ check: "disk", reason: "storage_full", detail: "low_space" });
  }
  if (migrations.status === "rejected") reasons.push(reasonFor("migrations", migrations.reason));
  else if (migrations.value.pending.length)
    reasons.push({
      check: "migrations",
      reason: "migrations_pending",
      detail: migrations.value.pending.join(","),
    });
  return { ready: reasons.length === 0, reasons, freeBytes };
}
