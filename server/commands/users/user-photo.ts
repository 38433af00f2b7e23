import PDFDocument from "pdfkit";
import { findEvidence, findEvidenceByIds, markUserPhoto } from "../../../db/queries/case-evidence-queries";
import { findUserById, type UserRow, updateUser } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import type { Role } from "../../../domain/auth/roles";
import { AppError } from "../../../domain/errors";
import { userPolicy } from "../../../domain/policies/user-policy";
import type { Deps } from "../../deps";
import { readAll } from "../../storage/evidence-store";
import { evidenceStore } from "../../storage/evidence-stores";
import { uploadEvidence } from "../cases/upload-evidence";
import { stripPhotoMetadata } from "../tips/strip-metadata";

/** An ID photo is small: at most 2 MB. */
export const maxUserPhotoBytes = 2 * 1024 * 1024;

export const photoTooLarge = () =>
  new AppError("photo_too_large", {
    status: 422,
    zh: "照片不能超过 2 MB",
    en: "A photo may not exceed 2 MB",
  });

const rejected = (zh: string, en: string) => new AppError("photo_rejected", { status: 422, zh, en });

const asPolicyUser = (u: UserRow) => ({
  role: u.role as Role,
  regionCode: u.regionCode,
  scope: JSON.parse(u.scope) as string[],
});

/** A grid worker the actor may change (out of sight: 404; in sight but not theirs to change: 403). */
async function workerToChange(deps: Deps, actor: Actor, userId: string) {
  const user = await findUserById(deps.db, userId);
  if (!user || !userPolicy.read(actor, asPolicyUser(user))) throw new AppError("not_found");
  if (!userPolicy.update(actor, asPolicyUser(user))) throw new AppError("forbidden");
  if (user.role !== "grid_worker")
    throw new AppError("photo_not_grid_worker", {
      status: 422,
      zh: "只有网格员需要明白卡照片",
      en: "Only grid workers carry a duty card photo",
    });
  return user;
}

/**
 * Checks a photo (JPEG or PNG by its first bytes, at most 2 MB, an image the PDF writer can place) and strips
 * its metadata (EXIF: position, camera, time). Nothing is stored when it fails.
 */
export function checkUserPhoto(data: Buffer, truncated = false): Buffer {
  if (truncated || data.length > maxUserPhotoBytes) throw photoTooLarge();
  if (data.length === 0) throw rejected("请选择照片文件", "No photo uploaded");
  let clean: Buffer;
  try {
    clean = stripPhotoMetadata(data).data;
  } catch (err) {
    if (err instanceof AppError) throw rejected(err.zh ?? "照片只支持 JPEG 或 PNG 格式", "Not a photo");
    throw err;
  }
  try {
    const probe = new PDFDocument({ autoFirstPage: false }) as unknown as { openImage(b: Buffer): unknown };
    probe.openImage(clean);
  } catch {
    throw rejected("照片文件已损坏，无法放到明白卡上", "The photo cannot be read");
  }
  return clean;
}

/** Sets a grid worker's ID photo (stored in the evidence store, metadata stripped); replaces the previous one. */
export async function setUserPhoto(
  deps: Deps,
  actor: Actor,
  userId: string,
  file: { fileName: string; data: Buffer; truncated?: boolean } | undefined,
) {
  const user = await workerToChange(deps, actor, userId);
  if (!file) throw rejected("请选择照片文件", "No photo uploaded");
  const clean = checkUserPhoto(file.data, file.truncated);
  const [row] = await uploadEvidence(deps, actor, [{ fileName: file.fileName || "photo", data: clean }]);
  await deps.db.transaction().execute(async (tx) => {
    await markUserPhoto(tx, row.id, user.id, user.regionCode);
    await updateUser(tx, user.id, { photoEvidenceId: row.id, updatedAt: deps.clock.now().toISOString() });
  });
  return { photoEvidenceId: row.id, mimeType: row.mimeType, size: row.size };
}

/** Takes a grid worker's photo off their card (the file stays in the evidence store, like all evidence). */
export async function removeUserPhoto(deps: Deps, actor: Actor, userId: string) {
  const user = await workerToChange(deps, actor, userId);
  await updateUser(deps.db, user.id, { photoEvidenceId: null, updatedAt: deps.clock.now().toISOString() });
}

/** A user's photo for someone who may see the user. */
export async function readUserPhoto(deps: Deps, actor: Actor, userId: string) {
  const user = await findUserById(deps.db, userId);
  if (!user || !userPolicy.read(actor, asPolicyUser(user)) || !user.photoEvidenceId)
    throw new AppError("not_found");
  const row = await findEvidence(deps.db, user.photoEvidenceId);
  const stored = row && (await evidenceStore(deps).open(row.sha256));
  if (!row || !stored) throw new AppError("not_found");
  return { row, stored };
}

/** The photo bytes of the given evidence ids (by id); a photo the store no longer holds is left out. */
export async function loadPhotos(deps: Deps, ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const out = new Map<string, Buffer>();
  if (!wanted.length) return out;
  const store = evidenceStore(deps);
  for (let i = 0; i < wanted.length; i += 500) {
    for (const row of await findEvidenceByIds(deps.db, wanted.slice(i, i + 500))) {
      const stored = await store.open(row.sha256);
      if (stored) out.set(row.id, await readAll(stored.body));
    }
  }
  return out;
}
