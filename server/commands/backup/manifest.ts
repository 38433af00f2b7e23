import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { AppError } from "../../../domain/errors";

export const manifestFileName = "manifest.json";

/** A file inside a backup: the SQLite copy or one content-addressed evidence file. */
const backupPath = z.string().regex(/^(safegrid\.db|evidence\/[0-9a-f]{64})$/);

/**
 * What a backup proves about itself: the trail's head (newest row id and hash, row count) as it was in
 * the backup, row counts per table, and the sha256 of every file. `restore` and `verify --against`
 * compare a database with it.
 */
export const manifestSchema = z.object({
  format: z.literal("safegrid-backup"),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  dialect: z.enum(["sqlite", "postgres"]),
  /** True when the database itself is in the backup (SQLite); PostgreSQL is dumped with pg_dump. */
  databaseIncluded: z.boolean(),
  versions: z.object({
    safegrid: z.string(),
    node: z.string(),
    database: z.string(),
    migrations: z.array(z.string()),
  }),
  trail: z.object({
    count: z.number().int().nonnegative(),
    lastId: z.number().int().nonnegative(),
    headHash: z.string().nullable(),
    verified: z.boolean(),
  }),
  tables: z.record(z.string(), z.number().int().nonnegative()),
  files: z.array(z.object({ path: backupPath, size: z.number().int().nonnegative(), sha256: z.string() })),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

const invalidBackup = (zh: string, en: string) => new AppError("backup_invalid", { zh, en });

/** Reads a manifest (a backup directory or the manifest file itself); a clear error when it is not one. */
export async function readManifest(where: string): Promise<{ manifest: BackupManifest; dir: string }> {
  const stat = await fsp.stat(where).catch(() => null);
  if (!stat) throw invalidBackup(`找不到备份：${where}`, `No backup at ${where}`);
  const file = stat.isDirectory() ? path.join(where, manifestFileName) : where;
  const text = await fsp.readFile(file, "utf8").catch(() => null);
  if (text === null)
    throw invalidBackup(`备份缺少清单文件 ${file}（备份未完成？）`, `The backup has no manifest ${file}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidBackup(`清单文件不是有效的 JSON：${file}`, `The manifest is not valid JSON: ${file}`);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success)
    throw invalidBackup(
      `清单文件格式不正确：${file}`,
      `The manifest is not a SafeGrid backup manifest: ${file}`,
    );
  return { manifest: result.data, dir: path.dirname(file) };
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    fs.createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/** Every listed file present with its size and checksum; the names of those that are not. */
export async function checkBackupFiles(dir: string, manifest: BackupManifest): Promise<string[]> {
  const bad: string[] = [];
  for (const f of manifest.files) {
    const file = path.join(dir, f.path);
    const stat = await fsp.stat(file).catch(() => null);
    if (!stat) bad.push(`${f.path}（缺失 missing）`);
    else if (stat.size !== f.size || (await sha256File(file)) !== f.sha256)
      bad.push(`${f.path}（校验和不符 checksum mismatch）`);
  }
  return bad;
}

/** The SafeGrid version, from the package.json above this file (source tree and compiled build alike). */
export function safegridVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "safegrid" && pkg.version) return pkg.version;
    }
    dir = path.dirname(dir);
  }
  return "unknown";
}
