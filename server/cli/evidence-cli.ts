import { parseArgs } from "node:util";
import { AppError } from "../../domain/errors";
import { migrateEvidence, storeKind } from "../commands/evidence/migrate-evidence";
import type { Deps } from "../deps";

const usage = "用法 Usage: safegrid evidence migrate --to database|s3 [--from local|database|s3]";

/** `safegrid evidence migrate --to database|s3 [--from local]`: exit 0 when every file is in the target. */
export async function evidenceCommand(deps: Deps, sub: string | undefined, args: string[]): Promise<number> {
  let values: { to?: string; from?: string };
  try {
    values = parseArgs({ args, options: { to: { type: "string" }, from: { type: "string" } } }).values;
  } catch {
    throw new AppError("bad_request", { zh: usage, en: usage });
  }
  if (sub !== "migrate" || !values.to) throw new AppError("bad_request", { zh: usage, en: usage });
  const r = await migrateEvidence(
    deps,
    storeKind(values.from ?? "local", "--from"),
    storeKind(values.to, "--to"),
  );
  console.log(
    `证据文件 ${r.total} 个：复制 ${r.copied} 个，目标中已有 ${r.alreadyThere} 个（${r.from} → ${r.to}） / ` +
      `${r.total} files: ${r.copied} copied, ${r.alreadyThere} already there`,
  );
  for (const sha of r.missing) console.log(`源存储中缺失 missing in ${r.from}: ${sha}`);
  for (const sha of r.corrupt)
    console.log(`内容与哈希不符，未复制 bytes do not match the hash, not copied: ${sha}`);
  if (r.missing.length + r.corrupt.length > 0) return 1;
  console.log(
    `完成。请设置 SAFEGRID_EVIDENCE_STORE=${r.to} 并重启服务，然后再运行一次本命令以复制切换期间上传的文件 / ` +
      `done: set SAFEGRID_EVIDENCE_STORE=${r.to}, restart, and run this again to copy uploads made meanwhile`,
  );
  return 0;
}
