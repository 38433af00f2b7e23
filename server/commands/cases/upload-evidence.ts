import { createHash, randomUUID } from "node:crypto";
import {
  type EvidenceRow,
  type EvidenceSubject,
  evidenceSubjects,
  findEvidence,
  findEvidenceSubjectRow,
  insertEvidence,
} from "../../../db/queries/case-evidence-queries";
import { findCaseRow, rowToCase } from "../../../db/queries/case-queries";
import type { Actor } from "../../../domain/auth/actor";
import { casePolicy } from "../../../domain/case/case-policy";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import type { Deps } from "../../deps";
import { evidenceStore } from "../../storage/evidence-stores";

/** At most 10 MB per file. */
export const maxEvidenceBytes = 10 * 1024 * 1024;
export const maxEvidenceFiles = 9;

/** The file's type from its first bytes (never from its name or the client's claim); null if not allowed. */
export function sniffEvidenceType(data: Buffer): string | null {
  const ascii = (from: number, to: number) => data.subarray(from, to).toString("latin1");
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  if (
    data.length >= 8 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return "image/png";
  if (data.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  if (data.length >= 5 && ascii(0, 5) === "%PDF-") return "application/pdf";
  if (data.length >= 12 && ascii(4, 8) === "ftyp") {
    const brand = ascii(8, 12);
    if (["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"].includes(brand)) return "image/heic";
    if (["isom", "iso2", "mp41", "mp42", "avc1", "M4V ", "dash"].includes(brand)) return "video/mp4";
  }
  return null;
}

/** What the API shows of a piece of evidence (in the case and after an upload), with its download address. */
export const evidenceView = (e: EvidenceRow) => ({
  id: e.id,
  sha256: e.sha256,
  fileName: e.fileName,
  mimeType: e.mimeType,
  size: e.size,
  uploadedBy: e.uploadedBy,
  uploadedAt: e.uploadedAt,
  url: `/api/v1/evidence/${e.id}`,
});

const tooLarge = () =>
  new AppError("evidence_too_large", {
    status: 422,
    zh: "附件不能超过 10 MB",
    en: "A file may not exceed 10 MB",
  });

/**
 * Stores uploaded files content-addressed by sha256 in the configured evidence store (written once,
 * atomically; a second upload of the same bytes writes nothing) and records one evidence row per upload,
 * after its file is stored: a row never points at a file the store does not hold. Every file is checked
 * before anything is written.
 */
export async function uploadEvidence(
  deps: Deps,
  actor: Actor,
  files: { fileName: string; data: Buffer; truncated?: boolean }[],
): Promise<EvidenceRow[]> {
  if (files.length === 0)
    throw new AppError("validation_failed", { zh: "请选择要上传的文件", en: "No file uploaded" });
  if (files.length > maxEvidenceFiles)
    throw new AppError("validation_failed", {
      zh: `一次最多上传 ${maxEvidenceFiles} 个文件`,
      en: "Too many files",
    });
  const checked = files.map((f) => {
    if (f.truncated || f.data.length > maxEvidenceBytes) throw tooLarge();
    if (f.data.length === 0) throw new AppError("validation_failed", { zh: "文件为空", en: "Empty file" });
    const mimeType = sniffEvidenceType(f.data);
    if (!mimeType)
      throw new AppError("evidence_type_not_allowed", {
        status: 422,
        zh: `文件“${f.fileName}”的类型不允许：仅支持 JPEG、PNG、WebP、HEIC 照片，PDF 文件和 MP4 视频`,
        en: "Only JPEG, PNG, WebP, HEIC photos, PDF and MP4 are allowed",
      });
    return { ...f, mimeType, sha256: createHash("sha256").update(f.data).digest("hex") };
  });
  const store = evidenceStore(deps);
  const at = deps.clock.now().toISOString();
  const rows: EvidenceRow[] = [];
  for (const f of checked) {
    await store.put(f.sha256, f.data, f.mimeType);
    const row: EvidenceRow = {
      id: randomUUID(),
      sha256: f.sha256,
      fileName: f.fileName.slice(0, 200) || "file",
      mimeType: f.mimeType,
      size: f.data.length,
      uploadedBy: actor.id,
      uploadedAt: at,
      caseId: null,
      regionCode: null,
    };
    await insertEvidence(deps.db, row);
    rows.push(row);
  }
  return rows;
}

/**
 * Whether the actor may read the case or the record (task record, patrol, checklist run, assessment result) a
 * file belongs to.
 */
async function readsHolder(deps: Deps, actor: Actor, row: EvidenceRow): Promise<boolean> {
  if (row.caseId) {
    const kase = await findCaseRow(deps.db, row.caseId);
    return !!kase && casePolicy.read(actor, rowToCase(kase));
  }
  const type = row.subjectType as EvidenceSubject | null | undefined;
  if (!type || !row.subjectId || !(type in evidenceSubjects)) return false;
  const holder = await findEvidenceSubjectRow(deps.db, type, row.subjectId);
  if (!holder) return false;
  if (can(actor, evidenceSubjects[type], "read", holder)) return true;
  // an assessment result's files: also the assessed, once the result is published to them
  return (
    type === "assessment_result" &&
    holder.status === "published" &&
    can(actor, "assessmentResult", "readOwn", holder)
  );
}

/**
 * An evidence file the actor may fetch (their own upload, or attached to a case or a record they may read),
 * opened.
 */
export async function readEvidence(deps: Deps, actor: Actor, id: string) {
  const row = await findEvidence(deps.db, id);
  if (!row) throw new AppError("not_found");
  if (row.uploadedBy !== actor.id && !(await readsHolder(deps, actor, row))) throw new AppError("not_found");
  const stored = await evidenceStore(deps).open(row.sha256);
  if (!stored) throw new AppError("not_found");
  return { row, stored };
}
