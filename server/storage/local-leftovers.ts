import fs from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config";
import { sha256Key } from "./evidence-store";

/**
 * A warning for the start when the configured store is not the local directory but `<data>/evidence/`
 * still holds files (an install upgraded to the database default on PostgreSQL): those files are not
 * served until `safegrid evidence migrate` copies them. Null when there is nothing to say.
 */
export async function localEvidenceLeftBehind(config: Config): Promise<string | null> {
  if (config.evidence.store === "local") return null;
  const names = await fs.readdir(path.join(config.dataDir, "evidence")).catch(() => [] as string[]);
  const count = names.filter((n) => sha256Key.test(n)).length;
  if (count === 0) return null;
  const to = config.evidence.store;
  return (
    `警告：证据存储为 ${to}，但 ${path.join(config.dataDir, "evidence")} 中还有 ${count} 个证据文件未迁移，` +
    `这些附件将无法下载或引用；请运行 safegrid evidence migrate --to ${to}（见 docs/operations.md“Evidence storage”），` +
    `或设置 SAFEGRID_EVIDENCE_STORE=local / ${count} evidence files are still in the local directory: run ` +
    `safegrid evidence migrate --to ${to}`
  );
}
