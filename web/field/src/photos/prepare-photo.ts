import { t } from "../i18n/i18n";
/** A photo made ready on the phone: compressed, EXIF read then dropped (re-encoded), hashed. */
export interface PreparedPhoto {
  blob: Blob;
  name: string;
  sha256: string;
  width: number;
  height: number;
  originalBytes: number;
  exif?: { lat?: number; lng?: number; takenAt?: string };
  /** The compact copy for slow links, made at capture so that sending costs no CPU (compact-photo.ts). */
  compact?: CompactCopy;
}

export interface CompactCopy {
  blob: Blob;
  name: string;
  sha256: string;
}

export const maxLongSide = 1600;
const quality = 0.72;

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** GPS and time from the original's EXIF (exifr, loaded only when a photo is taken). */
async function readExif(file: Blob): Promise<PreparedPhoto["exif"]> {
  try {
    const exifr = (await import("exifr/dist/lite.esm.mjs")).default;
    const tags = await exifr.parse(file, { tiff: true, exif: true, gps: true, xmp: false, icc: false });
    if (!tags) return undefined;
    const takenAt = tags.DateTimeOriginal instanceof Date ? tags.DateTimeOriginal.toISOString() : undefined;
    const out = {
      lat: tags.latitude as number | undefined,
      lng: tags.longitude as number | undefined,
      takenAt,
    };
    return out.lat === undefined && !takenAt ? undefined : out;
  } catch {
    return undefined;
  }
}

async function decode(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    throw new Error(t("photo.unreadable"));
  }
}

/**
 * Long side ≤ 1600 px, JPEG re-encoded through a canvas (so the stored file carries no EXIF, no GPS),
 * SHA-256 of the result. Works for a 20 MB original: only the small result is kept.
 */
export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  const [exif, bitmap] = await Promise.all([readExif(file), decode(file)]);
  const scale = Math.min(1, maxLongSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error(t("photo.noCanvas"));
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error(t("photo.compressFailed")))),
      "image/jpeg",
      quality,
    ),
  );
  const base = file.name.replace(/\.[^.]*$/, "") || "photo";
  return {
    blob,
    name: `${base}.jpg`,
    sha256: await sha256Hex(blob),
    width,
    height,
    originalBytes: file.size,
    exif,
    compact: await compactCopy(canvas, base, blob.size),
  };
}

/** Long side ≤ 1024 px for slow links (compact-photo.ts); none when it would not be clearly smaller. */
async function compactCopy(source: HTMLCanvasElement, base: string, fullBytes: number) {
  try {
    const blob = await encodeCompact(source);
    if (!blob || blob.size > fullBytes * 0.8) return undefined;
    const ext = blob.type === "image/webp" ? "webp" : "jpg";
    return { blob, name: `${base}.${ext}`, sha256: await sha256Hex(blob) };
  } catch {
    return undefined;
  }
}

export const compactLongSide = 1024;

/** The compact encoding: 1024 px, WebP 0.5 (JPEG 0.55 where the browser cannot write WebP). */
export async function encodeCompact(source: CanvasImageSource & { width: number; height: number }) {
  const scale = Math.min(1, compactLongSide / Math.max(source.width, source.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(source.width * scale));
  canvas.height = Math.max(1, Math.round(source.height * scale));
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  const encode = (type: string, quality: number) =>
    new Promise<Blob | null>((r) => canvas.toBlob(r, type, quality));
  const webp = await encode("image/webp", 0.5);
  return webp && webp.type === "image/webp" ? webp : encode("image/jpeg", 0.55);
}
