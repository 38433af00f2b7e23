import { createHash } from "node:crypto";
import { listEvidenceContent } from "../../../db/queries/evidence-blob-queries";
import { AppError } from "../../../domain/errors";
import type { Deps } from "../../deps";
import { type EvidenceStoreKind, evidenceStoreKinds } from "../../storage/evidence-settings";
import { openEvidenceStore } from "../../storage/evidence-stores";

export interface EvidenceMigration {
  from: EvidenceStoreKind;
  to: EvidenceStoreKind;
  /** Referenced contents in all; copied now; already in the target (a re-run copies nothing twice). */
  total: number;
  copied: number;
  alreadyThere: number;
  /** Hashes the source does not hold, or holds with other bytes (never copied). */
  missing: string[];
  corrupt: string[];
}

export function storeKind(value: string | undefined, what: string): EvidenceStoreKind {
  if (value && (evidenceStoreKinds as readonly string[]).includes(value)) return value as EvidenceStoreKind;
  throw new AppError("bad_request", {
    zh: `${what} 应为 ${evidenceStoreKinds.join(" | ")}`,
    en: `${what} must be one of ${evidenceStoreKinds.join(", ")}`,
  });
}

/**
 * Copies every evidence file the database references from one store to another (`safegrid evidence
 * migrate --to database|s3 [--from local]`), checking each file's bytes against its hash. Safe while
 * the server runs and safe to repeat: content already in the target is skipped. The server keeps using
 * its configured store until SAFEGRID_EVIDENCE_STORE is changed and it is restarted; files uploaded in
 * between are copied by running the command again after the switch.
 */
export async function migrateEvidence(
  deps: Deps,
  from: EvidenceStoreKind,
  to: EvidenceStoreKind,
): Promise<EvidenceMigration> {
  if (from === to)
    throw new AppError("bad_request", {
      zh: "源存储与目标存储相同",
      en: "Source and target are the same store",
    });
  const source = openEvidenceStore(from, deps.config, deps.db);
  const target = openEvidenceStore(to, deps.config, deps.db);
  const contents = await listEvidenceContent(deps.db);
  const out: EvidenceMigration = {
    from,
    to,
    total: contents.length,
    copied: 0,
    alreadyThere: 0,
    missing: [],
    corrupt: [],
  };
  for (const { sha256, mimeType } of contents) {
    if (await target.has(sha256)) {
      out.alreadyThere++;
      continue;
    }
    const data = await source.get(sha256);
    if (!data) out.missing.push(sha256);
    else if (createHash("sha256").update(data).digest("hex") !== sha256) out.corrupt.push(sha256);
    else {
      await target.put(sha256, data, mimeType);
      out.copied++;
    }
  }
  return out;
}
