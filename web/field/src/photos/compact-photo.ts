import type { FieldMessageKey } from "../i18n/i18n";
import { kvGet, kvSet, type StoredFile } from "../store/db";
import { encodeCompact, sha256Hex } from "./prepare-photo";

/**
 * Photos on a slow link (issue 9's budget: a day's 60 photos in under a minute at 400 kbit/s, i.e. about
 * 40 KB each). A photo is kept on the phone as taken (≤ 1600 px JPEG, about 250 KB); when it is about to be
 * sent over a slow or metered link its compact copy goes instead — long side 1024 px, WebP at quality 0.5
 * (about 30 KB; JPEG 0.55 where the browser cannot write WebP), made when the photo was taken (or now, for
 * a photo kept from an older version) — and the copy is what the server stores. The worker chooses in 我的: automatic (compact on slow links), always original, always
 * compact. A photo whose upload has started is never changed (its hash is on the server).
 */
export type PhotoMode = "auto" | "original" | "compact";
export const photoModes: { mode: PhotoMode; label: FieldMessageKey }[] = [
  { mode: "auto", label: "me.photoAuto" },
  { mode: "original", label: "me.photoOriginal" },
  { mode: "compact", label: "me.photoCompact" },
];
const key = "photoMode";

export async function photoMode(): Promise<PhotoMode> {
  return (await kvGet<PhotoMode>(key)) ?? "auto";
}
export const setPhotoMode = (mode: PhotoMode) => kvSet(key, mode);

interface NetworkInformationLike {
  effectiveType?: string;
  downlink?: number;
  saveData?: boolean;
}

/** A link too slow (or metered) for originals: data saver on, worse than 4G, or under 1 Mbit/s. */
export function slowLink(): boolean {
  const c = (navigator as Navigator & { connection?: NetworkInformationLike }).connection;
  if (!c) return false;
  if (c.saveData) return true;
  if (c.effectiveType && c.effectiveType !== "4g") return true;
  return c.downlink !== undefined && c.downlink > 0 && c.downlink < 1;
}

/** The compact copy of `file` (made at capture, or now), or `file` itself when it would not be smaller. */
export async function compactPhoto(file: StoredFile): Promise<StoredFile> {
  let copy = file.compact;
  if (!copy && /^image\/(jpeg|png|webp)$/.test(file.type)) {
    try {
      const bitmap = await createImageBitmap(file.blob);
      const blob = await encodeCompact(bitmap);
      bitmap.close();
      if (blob && blob.size <= file.size * 0.8) {
        const ext = blob.type === "image/webp" ? "webp" : "jpg";
        copy = {
          blob,
          name: file.name.replace(/\.[a-z0-9]+$/i, "") + `.${ext}`,
          sha256: await sha256Hex(blob),
        };
      }
    } catch {
      copy = undefined;
    }
  }
  if (!copy) return file;
  return {
    ...file,
    blob: copy.blob,
    size: copy.blob.size,
    type: copy.blob.type,
    name: copy.name,
    sha256: copy.sha256,
    compact: undefined,
    compacted: { fromBytes: file.size, fromSha256: file.sha256 },
  };
}

/** The file to upload now: compacted once (and saved so) when the mode and the link say so. */
export async function forUpload(
  file: StoredFile,
  save: (f: StoredFile) => Promise<void>,
): Promise<StoredFile> {
  if (file.uploadId || file.evidenceId || file.compacted) return file;
  const mode = await photoMode();
  if (mode === "original" || (mode === "auto" && !slowLink())) return file;
  const compact = await compactPhoto(file);
  if (compact !== file) await save(compact);
  return compact;
}
