import QRCode from "qrcode";
import type { Doc } from "./pdf-doc";

/**
 * Draws a QR code as vector squares (one rectangle per run of dark modules in a row: small and fast), with
 * a white quiet zone of four modules, `size` points wide including the zone.
 */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = modules.size;
  const cell = size / (n + 8);
  doc.rect(x, y, size, size).fill("#fff");
  const ox = x + 4 * cell;
  const oy = y + 4 * cell;
  for (let r = 0; r < n; r += 1) {
    let c = 0;
    while (c < n) {
      if (!modules.get(r, c)) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < n && modules.get(r, c)) c += 1;
      // A hair of overlap keeps renderers from drawing seams between neighbouring rows.
      doc.rect(ox + start * cell, oy + r * cell, (c - start) * cell, cell + 0.05);
    }
  }
  doc.fill("#000");
}
