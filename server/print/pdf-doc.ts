import fs from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);
const fontPackage = "@expo-google-fonts/noto-sans-sc";

/**
 * The CJK font every printable embeds: Noto Sans SC from an npm package (no system font), regular and
 * bold, resolved from node_modules. pdfkit embeds only the glyphs a document uses (a subset), so a
 * document stays small although each TTF is ~10 MB. The files are read once per process.
 */
export const fontPaths = {
  regular: () => require.resolve(`${fontPackage}/400Regular/NotoSansSC_400Regular.ttf`),
  bold: () => require.resolve(`${fontPackage}/700Bold/NotoSansSC_700Bold.ttf`),
};
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function fontData() {
  fonts ??= { regular: fs.readFileSync(fontPaths.regular()), bold: fs.readFileSync(fontPaths.bold()) };
  return fonts;
}

export type Doc = PDFKit.PDFDocument;
export const zh = "zh";
export const zhBold = "zh-bold";

/** A new document with the fonts registered ("zh", "zh-bold"), metadata set, and a page counter. */
export function newDoc(info: {
  title: string;
  author: string;
  size?: string | [number, number];
  landscape?: boolean;
  /** Keep pages open to draw on them again at the end (running headers, page numbers). */
  bufferPages?: boolean;
}) {
  const doc = new PDFDocument({
    size: info.size ?? "A4",
    layout: info.landscape ? "landscape" : "portrait",
    margin: 0,
    autoFirstPage: false,
    compress: true,
    bufferPages: info.bufferPages ?? false,
    info: { Title: info.title, Author: info.author, Creator: "SafeGrid", Producer: "SafeGrid" },
  });
  const f = fontData();
  doc.registerFont(zh, f.regular);
  doc.registerFont(zhBold, f.bold);
  let pages = 0;
  doc.on("pageAdded", () => {
    pages += 1;
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return {
    doc,
    pages: () => pages,
    /** Ends the document and gives its bytes. */
    finish: async () => {
      doc.end();
      return ended;
    },
  };
}

/** `YYYY年M月D日` of a moment in Asia/Shanghai. */
export function chinaDate(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** A name with its phone, as printed: "张三 13800000000" (or the name alone; "—" when nobody). */
export const withPhone = (name: string | null | undefined, phone: string | null | undefined) =>
  name ? (phone ? `${name} ${phone}` : name) : "—";
