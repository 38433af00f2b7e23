import { ApiError, apiJson } from "../api/http";
import { t } from "../i18n/i18n";
import { forUpload } from "../photos/compact-photo";
import { fieldDb, type StoredFile } from "../store/db";

const chunkBytes = 256 * 1024;
/** Up to this size a photo is sent whole (one multipart POST /evidence) instead of resumably. */
const wholeBytes = 96 * 1024;
/** undefined until known: does the server have the resumable /uploads routes (contract) yet? */
let resumable: boolean | undefined;

async function saveFile(file: StoredFile) {
  await (await fieldDb()).put("files", file);
}

/** Multipart POST /evidence (the route that exists today); the evidence id. */
async function uploadWhole(file: StoredFile): Promise<string> {
  const form = new FormData();
  form.append("file", file.blob, file.name);
  const out = await apiJson<{ items: { id: string }[] }>("/evidence", {
    method: "POST",
    body: form,
    timeoutMs: 120_000,
  });
  return out.items[0].id;
}

/**
 * Resumable upload (contract: POST /uploads, PUT /uploads/:id with Content-Range, GET /uploads/:id): the
 * offset is saved after every chunk, so a dropped connection resumes where it stopped, also after a reload.
 */
async function uploadResumable(file: StoredFile): Promise<string> {
  if (file.uploadId) {
    try {
      const state = await apiJson<{ offset: number; evidenceId?: string }>(`/uploads/${file.uploadId}`);
      if (state.evidenceId) return state.evidenceId;
      file.offset = state.offset;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
      file.uploadId = undefined;
    }
  }
  if (!file.uploadId) {
    const start = await apiJson<{ id: string; offset: number; evidenceId?: string }>("/uploads", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        sha256: file.sha256,
        size: file.size,
        fileName: file.name,
        mimeType: file.type,
      }),
    });
    if (start.evidenceId) return start.evidenceId;
    file.uploadId = start.id;
    file.offset = start.offset;
    await saveFile(file);
  }
  let offset = file.offset ?? 0;
  for (;;) {
    const end = Math.min(offset + chunkBytes, file.size);
    const out = await apiJson<{ offset: number; evidenceId?: string }>(`/uploads/${file.uploadId}`, {
      method: "PUT",
      headers: {
        "content-type": "application/octet-stream",
        "content-range": `bytes ${offset}-${end - 1}/${file.size}`,
      },
      body: file.blob.slice(offset, end),
      timeoutMs: 120_000,
    });
    offset = out.offset;
    file.offset = offset;
    await saveFile(file);
    if (out.evidenceId) return out.evidenceId;
    if (offset >= file.size) throw new ApiError(422, "upload_incomplete", t("outbox.err.uploadIncomplete"));
  }
}

/** Uploads one stored photo (resumable when the server can, else multipart); saves and returns its evidence id. */
export async function uploadFile(stored: StoredFile): Promise<string> {
  if (stored.evidenceId) return stored.evidenceId;
  const file = await forUpload(stored, saveFile);
  let evidenceId: string;
  // A small photo (the compact copy) goes in one request: resuming would save little and cost round trips.
  if (resumable === false || (file.size <= wholeBytes && !file.uploadId))
    evidenceId = await uploadWhole(file);
  else {
    try {
      evidenceId = await uploadResumable(file);
      resumable = true;
    } catch (err) {
      // The /uploads routes are not on this server (yet): fall back to the multipart route.
      if (!(err instanceof ApiError) || err.status !== 404 || resumable) throw err;
      resumable = false;
      evidenceId = await uploadWhole(file);
    }
  }
  file.evidenceId = evidenceId;
  await saveFile(file);
  return evidenceId;
}
