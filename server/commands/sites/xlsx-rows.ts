import { StringDecoder } from "node:string_decoder";
import { NotAZipError, readZipEntry, streamZipEntry, zipEntries } from "../grids/zip-entries";
import type { SheetRow } from "./site-import-reader";
import type { Cell } from "./site-import-row";

const entities: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
/** XML text to a string: the five named entities, numeric references, and Excel's _xHHHH_ escapes. */
export function xmlText(s: string): string {
  if (s.indexOf("&") === -1 && s.indexOf("_x") === -1) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === "#"
        ? String.fromCodePoint(e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
        : entities[e],
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** The text of every `<t>` run inside an element (shared string items and inline strings may be rich text). */
const runs = (xml: string) => {
  let out = "";
  for (const m of xml.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g)) out += m[1];
  return xmlText(out);
};

/** Column number (0-based) of a cell reference like "AB12". */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

async function sharedStrings(
  file: string,
  entries: Awaited<ReturnType<typeof zipEntries>>,
): Promise<string[]> {
  const e = entries.find((x) => x.name === "xl/sharedStrings.xml");
  if (!e) return [];
  const xml = (await readZipEntry(file, e)).toString("utf8");
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g))
    out.push(m[1] ? runs(m[1]) : "");
  return out;
}

const cellPattern = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const refPattern = /\br="([^"]*)"/;
const typePattern = /\bt="([^"]*)"/;
const valuePattern = /<(?:\w+:)?v>([^<]*)<\/(?:\w+:)?v>/;
const mergePattern = /<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+)(?::([A-Z]+\d+))?"/g;
const rowOf = (cell: string) => Number(/\d+/.exec(cell)?.[0] ?? 0);

export interface MergedRange {
  ref: string;
  top: number;
  bottom: number;
}

/**
 * Rows of the first worksheet of an .xlsx, streamed: the worksheet XML is inflated and scanned chunk by chunk,
 * one `<row>` at a time, so memory does not grow with the file. Cells: shared strings, inline strings, formula
 * results, numbers and booleans (imports have no date columns). Much cheaper than a general XML parser for the
 * one shape SpreadsheetML rows have.
 */
export async function* readXlsxRowsFast(
  file: string,
  sheetPath: string,
  merges: MergedRange[] = [],
): AsyncGenerator<SheetRow> {
  const entries = await zipEntries(file);
  const sheet = entries.find((e) => e.name === sheetPath);
  if (!sheet) throw new NotAZipError(`no ${sheetPath}`);
  const strings = await sharedStrings(file, entries);
  let carry = "";
  let next = 1;
  // a decoder keeps a multi-byte character split between two chunks whole
  const decoder = new StringDecoder("utf8");
  for await (const chunk of await streamZipEntry(file, sheet)) {
    const text = carry + decoder.write(chunk as Buffer);
    let from = 0;
    for (;;) {
      const start = text.indexOf("<row", from);
      if (start === -1) break;
      const open = text.indexOf(">", start);
      if (open === -1) break;
      let end: number;
      let body: string;
      if (text[open - 1] === "/") {
        end = open + 1;
        body = "";
      } else {
        const close = text.indexOf("</row>", open);
        if (close === -1) break;
        end = close + 6;
        body = text.slice(open + 1, close);
      }
      const r = Number(refPattern.exec(text.slice(start, open))?.[1] ?? next);
      next = r + 1;
      const cells: Cell[] = [];
      let col = 0;
      for (const m of body.matchAll(cellPattern)) {
        const attrs = m[1];
        const ref = refPattern.exec(attrs)?.[1];
        if (ref) col = columnOf(ref);
        const t = typePattern.exec(attrs)?.[1];
        const inner = m[2] ?? "";
        let value: Cell = null;
        if (t === "inlineStr") value = runs(inner);
        else {
          const v = valuePattern.exec(inner)?.[1];
          if (v !== undefined) {
            if (t === "s") value = strings[Number(v)] ?? "";
            else if (t === "str" || t === "e") value = xmlText(v);
            else if (t === "b") value = v === "1";
            else value = Number(v);
          }
        }
        while (cells.length < col) cells.push(null);
        cells[col] = value;
        col++;
      }
      from = end;
      yield { row: r, cells };
    }
    carry = text.slice(from);
    // merged ranges come after the rows; keep only an unfinished tag for the next chunk
    const sheetEnd = carry.indexOf("</sheetData>");
    if (sheetEnd !== -1 || !carry.includes("<row")) {
      const tail = sheetEnd !== -1 ? carry.slice(sheetEnd) : carry;
      const cut = tail.lastIndexOf("<");
      const whole = cut === -1 ? tail : tail.slice(0, cut);
      for (const m of whole.matchAll(mergePattern)) {
        const a = rowOf(m[1]);
        const b = rowOf(m[2] ?? m[1]);
        merges.push({ ref: m[2] ? `${m[1]}:${m[2]}` : m[1], top: Math.min(a, b), bottom: Math.max(a, b) });
      }
      carry = cut === -1 ? "" : tail.slice(cut);
    }
  }
}
