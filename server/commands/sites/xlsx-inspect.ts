import { NotAZipError, readZipEntry, streamZipEntry, zipEntries } from "../grids/zip-entries";

export interface XlsxShape {
  /** Sheet names in workbook order. */
  sheets: string[];
  /** Merged ranges of the first sheet, e.g. "A1:B1". */
  merges: { ref: string; top: number; bottom: number }[];
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
const rowOf = (cell: string) => Number(/\d+/.exec(cell)?.[0] ?? 0);

/**
 * What the streaming row reader cannot tell: how many sheets the workbook has and which cells of the first
 * sheet are merged. Reads workbook.xml and scans the first worksheet's XML as a stream (merges come after
 * the rows), so memory stays flat for any size. Throws NotAZipError for a file that is not an .xlsx.
 */
export async function inspectXlsx(file: string): Promise<XlsxShape> {
  const entries = await zipEntries(file);
  const workbook = entries.find((e) => e.name === "xl/workbook.xml");
  if (!workbook) throw new NotAZipError("no xl/workbook.xml");
  const xml = (await readZipEntry(file, workbook)).toString("utf8");
  const sheets = [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => decode(m[1]));
  const rels = entries.find((e) => e.name === "xl/_rels/workbook.xml.rels");
  let first = entries.find((e) => /^xl\/worksheets\/sheet1\.xml$/.test(e.name));
  if (rels) {
    const relXml = (await readZipEntry(file, rels)).toString("utf8");
    const rid = /<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/.exec(xml)?.[1];
    const target = rid
      ? new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(relXml)
      : null;
    const path = target ? (target[1] ?? target[2]).replace(/^\/?(xl\/)?/, "xl/") : null;
    first = entries.find((e) => e.name === path) ?? first;
  }
  const merges: XlsxShape["merges"] = [];
  if (first) {
    const stream = await streamZipEntry(file, first);
    let carry = "";
    for await (const chunk of stream) {
      const text = carry + (chunk as Buffer).toString("utf8");
      const cut = text.lastIndexOf("<");
      const body = cut > 0 ? text.slice(0, cut) : text;
      carry = cut > 0 ? text.slice(cut) : "";
      for (const m of body.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+)(?::([A-Z]+\d+))?"/g)) {
        const a = rowOf(m[1]);
        const b = rowOf(m[2] ?? m[1]);
        merges.push({ ref: m[2] ? `${m[1]}:${m[2]}` : m[1], top: Math.min(a, b), bottom: Math.max(a, b) });
      }
    }
  }
  return { sheets, merges };
}
