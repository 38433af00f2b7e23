import { verifyTrail } from "../../db/queries/event-queries";
import { AppError } from "../../domain/errors";
import { checkAgainstManifest } from "../commands/backup/check-against-manifest";
import { createBackup } from "../commands/backup/create-backup";
import { readManifest } from "../commands/backup/manifest";
import { restoreBackup } from "../commands/backup/restore-backup";
import type { Config } from "../config";
import type { Deps } from "../deps";

const need = (what: string | undefined, usage: string) => {
  if (!what) throw new AppError("bad_request", { zh: usage, en: usage });
  return what;
};

/** `safegrid backup DIR` */
export async function backupCommand(deps: Deps, dir: string | undefined): Promise<number> {
  const target = need(dir, "用法 Usage: safegrid backup <目录 DIR>");
  const m = await createBackup(deps, target);
  console.log(
    `已备份到 ${target}：留痕 ${m.trail.count} 条，头 id=${m.trail.lastId} 哈希 ${m.trail.headHash}，文件 ${m.files.length} 个 / backup written`,
  );
  if (m.dialect === "postgres")
    console.log(
      "PostgreSQL：数据库本身请用 pg_dump 备份（见 README“备份”一节），恢复后用 safegrid verify --against 核对 / dump the database with pg_dump",
    );
  if (!m.trail.verified) {
    console.log(
      "警告：备份时留痕校验未通过（safegrid verify 查看详情） / the trail did not verify at backup time",
    );
    return 1;
  }
  return 0;
}

/** `safegrid restore DIR` (runs before the database is opened: the data directory must be empty). */
export async function restoreCommand(config: Config, dir: string | undefined): Promise<number> {
  try {
    const r = await restoreBackup(config, need(dir, "用法 Usage: safegrid restore <备份目录 DIR>"));
    console.log(`已恢复 ${r.restoredFiles} 个文件到 ${config.dataDir} / restored`);
    const ok = r.trail.ok && r.against.ok;
    if (r.trail.ok) console.log(`留痕校验通过：${r.trail.checked} 条记录 / trail verified`);
    else
      console.log(
        `留痕校验失败：第一条异常记录 id=${r.trail.firstBroken!.id}（${r.trail.firstBroken!.reason}） / trail does not verify`,
      );
    for (const p of r.against.problems) console.log(`与备份清单不符：${p}`);
    if (ok)
      console.log(
        `留痕头与备份清单一致：id=${r.manifest.trail.lastId}，${r.manifest.trail.count} 条 / head matches the manifest`,
      );
    return ok ? 0 : 1;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`${err.code}: ${err.zh}`);
      return 2;
    }
    throw err;
  }
}

/** `safegrid verify --against MANIFEST`: the chain and anchors verify AND nothing after the manifest's head is missing. */
export async function verifyAgainstCommand(deps: Deps, manifestPath: string): Promise<number> {
  const { manifest } = await readManifest(manifestPath);
  const trail = await verifyTrail(deps.db);
  if (trail.ok) console.log(`留痕校验通过：${trail.checked} 条记录 / trail verified: ${trail.checked} rows`);
  else
    console.log(
      `留痕校验失败：第一条异常记录 id=${trail.firstBroken!.id}（${trail.firstBroken!.reason}），此前 ${trail.checked} 条正常`,
    );
  const against = await checkAgainstManifest(deps.db, manifest);
  for (const p of against.problems) console.log(`与备份清单不符：${p}`);
  if (against.ok)
    console.log(
      `包含备份清单的全部留痕（头 id=${manifest.trail.lastId}），其后新增 ${against.newerRows} 条 / contains the manifest's trail`,
    );
  return trail.ok && against.ok ? 0 : 1;
}
