import { AppError } from "../../../domain/errors";

const rejected = (zh: string, en: string) => new AppError("tip_photo_rejected", { zh, en });

/**
 * A JPEG without its metadata: every APPn segment but APP0 (JFIF) and APP2 (ICC colour profile) — so EXIF
 * (GPS position, camera, time), XMP and IPTC — and every comment go; the image data is copied unchanged.
 */
export function stripJpeg(data: Buffer): Buffer {
  if (data[0] !== 0xff || data[1] !== 0xd8) throw rejected("照片不是有效的 JPEG 文件", "Not a JPEG");
  const out: Buffer[] = [data.subarray(0, 2)];
  let i = 2;
  while (i < data.length) {
    if (data[i] !== 0xff) throw rejected("照片文件已损坏", "Corrupt JPEG");
    const marker = data[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd9) {
      out.push(data.subarray(i, i + 2));
      return Buffer.concat(out);
    }
    if (marker === 0xda) {
      // start of scan: the rest is image data (and the end marker)
      out.push(data.subarray(i));
      return Buffer.concat(out);
    }
    if (i + 4 > data.length) throw rejected("照片文件已损坏", "Corrupt JPEG");
    const length = data.readUInt16BE(i + 2);
    const end = i + 2 + length;
    if (length < 2 || end > data.length) throw rejected("照片文件已损坏", "Corrupt JPEG");
    const metadata = (marker >= 0xe1 && marker <= 0xef && marker !== 0xe2) || marker === 0xfe;
    if (!metadata) out.push(data.subarray(i, end));
    i = end;
  }
  throw rejected("照片文件已损坏", "Corrupt JPEG");
}

/** Chunks a PNG keeps: the image and its colour; text, time and eXIf chunks go. */
const pngKeep = new Set([
  "IHDR",
  "PLTE",
  "IDAT",
  "IEND",
  "tRNS",
  "gAMA",
  "cHRM",
  "sRGB",
  "iCCP",
  "sBIT",
  "pHYs",
]);

export function stripPng(data: Buffer): Buffer {
  const out: Buffer[] = [data.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= data.length) {
    const length = data.readUInt32BE(i);
    const type = data.subarray(i + 4, i + 8).toString("latin1");
    const end = i + 12 + length;
    if (end > data.length) throw rejected("照片文件已损坏", "Corrupt PNG");
    if (pngKeep.has(type)) out.push(data.subarray(i, end));
    i = end;
    if (type === "IEND") return Buffer.concat(out);
  }
  throw rejected("照片文件已损坏", "Corrupt PNG");
}

/** The photo without metadata, by its first bytes; only JPEG and PNG are taken from the public. */
export function stripPhotoMetadata(data: Buffer): { data: Buffer; mimeType: "image/jpeg" | "image/png" } {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff)
    return { data: stripJpeg(data), mimeType: "image/jpeg" };
  if (
    data.length >= 8 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return { data: stripPng(data), mimeType: "image/png" };
  throw rejected("照片只支持 JPEG 或 PNG 格式", "Only JPEG or PNG photos");
}
