import { createHash, randomUUID } from "node:crypto";
import { insertEvidence } from "../../../db/queries/case-evidence-queries";
import {
  advanceUpload,
  completeUpload,
  countOpenUploads,
  deleteUploadSessions,
  findOpenUpload,
  findOwnEvidenceBySha,
  findUploadSession,
  insertUploadSession,
  listExpiredUploads,
  resetUpload,
  type UploadSessionRow,
} from "../../../db/queries/upload-session-queries";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import type { UploadStartInput, UploadState } from "../../../domain/schemas/field-sync-schemas";
import type { Deps } from "../../deps";
import { evidenceStore } from "../../storage/evidence-stores";
import { maxEvidenceBytes, uploadEvidence } from "../cases/upload-evidence";
import { partLength, readPart, removePart, writePart } from "./upload-parts";

/** A session not touched for a day is stale: the job runner removes it and its partial file. */
export const uploadLifetimeMs = 86_400_000;
/** Unfinished uploads one account may hold open (a day's photos are far fewer): bounds the disk they take. */
export const maxOpenUploads = 200;

const tooLarge = () =>
  new AppError("evidence_too_large", {
    status: 422,
    zh: "附件不能超过 10 MB",
    en: "A file may not exceed 10 MB",
  });

const stateOf = (s: UploadSessionRow): UploadState => ({
  id: s.id,
  offset: s.evidenceId ? s.size : s.received,
  size: s.size,
  ...(s.evidenceId ? { evidenceId: s.evidenceId } : {}),
});

/** The session when the actor owns it (the access table's upload read rule); anyone else gets 404. */
async function ownSession(deps: Deps, actor: Actor, id: string) {
  const s = await findUploadSession(deps.db, id);
  if (!s || !can(actor, "upload", "read", s) || s.expiresAt <= deps.clock.now().toISOString())
    throw new AppError("not_found");
  return s;
}

/**
 * Starts (or resumes) a resumable upload. Bytes this user already uploaded (same SHA-256, still in the
 * evidence store) are done at once: an unattached evidence row of theirs is reused, else a new row points
 * at the stored file. An unfinished session of theirs for the same bytes is resumed at its offset.
 * Only the user's own earlier uploads count: knowing a hash never yields someone else's file.
 */
export async function startUpload(
  deps: Deps,
  actor: Actor,
  input: UploadStartInput,
): Promise<{ state: UploadState; created: boolean }> {
  if (input.size > maxEvidenceBytes) throw tooLarge();
  const now = deps.clock.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + uploadLifetimeMs).toISOString();
  const base = {
    ownerId: actor.id,
    sha256: input.sha256,
    size: input.size,
    mimeType: input.mimeType,
    fileName: input.fileName,
    createdAt: at,
    updatedAt: at,
    expiresAt,
  };
  const own = await findOwnEvidenceBySha(deps.db, actor.id, input.sha256);
  if (own.length && (await evidenceStore(deps).has(input.sha256))) {
    const reuse = own.find((e) => e.caseId === null);
    const evidenceId = reuse?.id ?? randomUUID();
    if (!reuse)
      await insertEvidence(deps.db, {
        ...own[0],
        id: evidenceId,
        fileName: input.fileName,
        uploadedAt: at,
        caseId: null,
        regionCode: null,
      });
    const row = { ...base, id: randomUUID(), size: own[0].size, received: own[0].size, evidenceId };
    await insertUploadSession(deps.db, row);
    return { state: stateOf(row), created: true };
  }
  const open = await findOpenUpload(deps.db, actor.id, input.sha256, input.size, at);
  if (open) {
    // The file holds at least what the row says unless the disk lost it: then start that session over.
    if ((await partLength(deps.config.dataDir, open.id)) < open.received) {
      await resetUpload(deps.db, open.id, at);
      open.received = 0;
    }
    return { state: stateOf(open), created: false };
  }
  if ((await countOpenUploads(deps.db, actor.id, at)) >= maxOpenUploads)
    throw new AppError("rate_limited", {
      zh: `未完成的上传已有 ${maxOpenUploads} 个，请先完成它们（未完成的上传一天后自动清除）`,
      en: `${maxOpenUploads} unfinished uploads are open; finish them first (they are cleared after a day)`,
    });
  const row = { ...base, id: randomUUID(), received: 0, evidenceId: null };
  await insertUploadSession(deps.db, row);
  return { state: stateOf(row), created: true };
}

export async function uploadStatus(deps: Deps, actor: Actor, id: string): Promise<UploadState> {
  return stateOf(await ownSession(deps, actor, id));
}

/** Pieces of one session are written one after the other within a process. */
const inFlight = new Map<string, Promise<unknown>>();
function serialised<T>(id: string, work: () => Promise<T>): Promise<T> {
  const before = inFlight.get(id) ?? Promise.resolve();
  const next = before.catch(() => undefined).then(work);
  inFlight.set(id, next);
  return next.finally(() => {
    if (inFlight.get(id) === next) inFlight.delete(id);
  });
}

const mismatch = (offset: number) => new AppError("upload_offset_mismatch", { details: { offset } });

/**
 * One piece (`Content-Range: bytes first-last/size`): it must start at the session's offset (else 409
 * with the current offset). The piece is written at its position, then the offset moved on by a compare
 * and set, so two requests sending the same piece at once store it once. When the last byte arrives the
 * file's SHA-256 and size are checked (422 `upload_hash_mismatch`: the session starts over) and the file
 * is stored through the evidence upload (same type checks and limit, content-addressed, bytes untouched).
 */
export function putUploadPiece(
  deps: Deps,
  actor: Actor,
  id: string,
  range: { first: number; last: number; size: number },
  data: Buffer,
): Promise<UploadState> {
  return serialised(id, async () => {
    const s = await ownSession(deps, actor, id);
    if (s.evidenceId) return stateOf(s);
    if (range.size !== s.size)
      throw new AppError("validation_failed", {
        zh: `Content-Range 的文件大小 ${range.size} 与上传会话的 ${s.size} 不一致`,
        en: "Content-Range's total size differs from the upload's size",
        details: { size: s.size },
      });
    if (range.first !== s.received) throw mismatch(s.received);
    if (data.length !== range.last - range.first + 1)
      throw new AppError("validation_failed", {
        zh: "上传内容的长度与 Content-Range 不一致",
        en: "The body's length differs from Content-Range",
      });
    const now = deps.clock.now();
    const at = now.toISOString();
    // The bytes so far are not on this server's disk (lost, or another host's data directory): start over.
    if (range.first > 0 && (await partLength(deps.config.dataDir, id)) < range.first) {
      await resetUpload(deps.db, id, at);
      throw mismatch(0);
    }
    await writePart(deps.config.dataDir, id, range.first, data);
    const expiresAt = new Date(now.getTime() + uploadLifetimeMs).toISOString();
    if (!(await advanceUpload(deps.db, id, s.received, range.last + 1, at, expiresAt))) {
      const fresh = await ownSession(deps, actor, id);
      if (fresh.evidenceId) return stateOf(fresh);
      throw mismatch(fresh.received);
    }
    if (range.last + 1 < s.size) return { id, offset: range.last + 1, size: s.size };
    return finish(deps, actor, { ...s, received: s.size });
  });
}

async function finish(deps: Deps, actor: Actor, s: UploadSessionRow): Promise<UploadState> {
  const at = deps.clock.now().toISOString();
  const data = await readPart(deps.config.dataDir, s.id, s.size);
  const startOver = async () => {
    await removePart(deps.config.dataDir, s.id);
    await resetUpload(deps.db, s.id, at);
  };
  if (!data || createHash("sha256").update(data).digest("hex") !== s.sha256) {
    await startOver();
    throw new AppError("upload_hash_mismatch", { details: { offset: 0 } });
  }
  let rows: Awaited<ReturnType<typeof uploadEvidence>>;
  try {
    rows = await uploadEvidence(deps, actor, [{ fileName: s.fileName, data }]);
  } catch (err) {
    // A type the evidence upload refuses cannot become right by sending it again.
    if (err instanceof AppError) await startOver();
    throw err;
  }
  await completeUpload(deps.db, s.id, rows[0].id, at);
  await removePart(deps.config.dataDir, s.id);
  return { id: s.id, offset: s.size, size: s.size, evidenceId: rows[0].id };
}

/** Removes sessions not touched for a day and their partial files (the job runner's pass). */
export async function purgeStaleUploads(deps: Deps): Promise<number> {
  const now = deps.clock.now().toISOString();
  let purged = 0;
  for (;;) {
    const stale = await listExpiredUploads(deps.db, now);
    if (stale.length === 0) return purged;
    for (const s of stale) await removePart(deps.config.dataDir, s.id);
    await deleteUploadSessions(
      deps.db,
      stale.map((s) => s.id),
    );
    purged += stale.length;
    if (stale.length < 500) return purged;
  }
}
