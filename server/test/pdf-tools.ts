import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Test support for the printables: poppler's pdftotext / pdftoppm / pdfinfo and zbar's zbarimg (installed
 * by .ci/run). PNGs are kept under test-results/print/ so a person can look at them.
 */
export const printOut = path.resolve("test-results/print");

function saved(pdf: Buffer, name: string): string {
  fs.mkdirSync(printOut, { recursive: true });
  const file = path.join(printOut, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return file;
}

/** The text of a PDF (layout order). */
export function pdfText(pdf: Buffer, name: string): string {
  return execFileSync("pdftotext", ["-layout", saved(pdf, name), "-"], { encoding: "utf8" });
}

/** pdfinfo's fields (Pages, Page size, Title …). */
export function pdfInfo(pdf: Buffer, name: string): Record<string, string> {
  const out = execFileSync("pdfinfo", [saved(pdf, name)], { encoding: "utf8" });
  return Object.fromEntries(
    out
      .split("\n")
      .filter((l) => l.includes(":"))
      .map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]),
  );
}

/** Renders pages to PNG (`<name>-1.png` …) and returns their paths. */
export function pdfPngs(
  pdf: Buffer,
  name: string,
  opts: { dpi?: number; first?: number; last?: number } = {},
) {
  const file = saved(pdf, name);
  const args = ["-png", "-r", String(opts.dpi ?? 100)];
  if (opts.first) args.push("-f", String(opts.first));
  if (opts.last) args.push("-l", String(opts.last));
  execFileSync("pdftoppm", [...args, file, path.join(printOut, name)]);
  return fs
    .readdirSync(printOut)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith(".png"))
    .sort()
    .map((f) => path.join(printOut, f));
}

/** The QR codes zbarimg reads in an image (their texts). */
export function qrTexts(png: string): string[] {
  const out = execFileSync("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png], {
    encoding: "utf8",
  });
  return out.split("\n").filter(Boolean);
}
