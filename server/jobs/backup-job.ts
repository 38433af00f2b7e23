import fs from "node:fs/promises";
import path from "node:path";
import { claimBackupDay, finishBackupRun } from "../../db/queries/backup-queries";
import { DAY_MS, shanghaiDate, shanghaiWallMs } from "../../domain/calendar/shanghai-time";
import { createBackup } from "../commands/backup/create-backup";
import { manifestFileName } from "../commands/backup/manifest";
import type { Deps } from "../deps";

/** Scheduled backups are named `safegrid-YYYYMMDD-HHmmss` (Shanghai time); only these are ever pruned. */
const scheduledName = /^safegrid-\d{8}-\d{6}$/;

export interface BackupJobReport {
  day: string;
  location: string;
  removed: string[];
}

/**
 * The daily backup (SAFEGRID_BACKUP_DIR, _HOUR, _KEEP): in the first job pass at or after the configured
 * Shanghai hour, the process that claims the day in `backup_run` (a primary-key insert, so exactly one of
 * several processes) writes a backup as `safegrid backup` does and removes the oldest complete scheduled
 * backups beyond `keep`. A failed day is recorded (`status = failed`) and not retried until the next day.
 */
export async function runBackupJob(deps: Deps): Promise<BackupJobReport | null> {
  const { dir, keep, hour } = deps.config.backup;
  if (!dir) return null;
  const now = deps.clock.now();
  const wall = shanghaiWallMs(now);
  if (Math.floor((wall % DAY_MS) / 3_600_000) < hour) return null;
  const day = shanghaiDate(now);
  const at = now.toISOString();
  if (!(await claimBackupDay(deps.db, day, at))) return null;
  const stamp = new Date(wall).toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  const location = path.join(dir, `safegrid-${stamp}`);
  try {
    const manifest = await createBackup(deps, location);
    const removed = await pruneBackups(dir, keep);
    await finishBackupRun(deps.db, day, {
      status: "done",
      finishedAt: deps.clock.now().toISOString(),
      location,
      detail: `trail ${manifest.trail.count} rows, head ${manifest.trail.lastId} ${manifest.trail.headHash}`,
    });
    return { day, location, removed };
  } catch (err) {
    await finishBackupRun(deps.db, day, {
      status: "failed",
      finishedAt: deps.clock.now().toISOString(),
      location,
      detail: String((err as Error)?.message ?? err).slice(0, 500),
    });
    throw err;
  }
}

/** Keeps the newest `keep` complete scheduled backups (those with a manifest); returns the removed paths. */
async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const names = (await fs.readdir(dir))
    .filter((n) => scheduledName.test(n))
    .sort()
    .reverse();
  const complete: string[] = [];
  for (const name of names) {
    const done = await fs
      .access(path.join(dir, name, manifestFileName))
      .then(() => true)
      .catch(() => false);
    if (done) complete.push(path.join(dir, name));
  }
  const removed = complete.slice(keep);
  for (const old of removed) await fs.rm(old, { recursive: true, force: true });
  return removed;
}
