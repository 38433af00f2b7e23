import { NotAZipError, readZipEntry, zipEntries } from "../grids/zip-entries";

export interface XlsxShape {
  /** Sheet names in workbook order. */
  sheets: string[];
  /** The zip path of the first sheet's XML. */
  sheetPath: string | null;
  /** The zip path of every sheet's XML, in workbook order (null when it cannot be found). */
  sheetPaths?: (string | null)[];
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/**
 * The sheets of a workbook and where the first one is, from workbook.xml and its relationships (a few KB,
 * whatever the size of the file). Throws NotAZipError for a file that is not an .xlsx.
 */
export async function inspectXlsx(file: string): Promise<XlsxShape> {
  const entries = await zipEntries(file);
  const workbook = entries.find((e) => e.name === "xl/workbook.xml");
  if (!workbook) throw new NotAZipError("no xl/workbook.xml");
  const xml = (await readZipEntry(file, workbook)).toString("utf8");
  const sheets = [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => decode(m[1]));
  const rels = entries.find((e) => e.name === "xl/_rels/workbook.xml.rels");
  const relXml = rels ? (await readZipEntry(file, rels)).toString("utf8") : "";
  const rids = [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/g)].map((m) => m[1]);
  const pathOf = (rid: string | undefined) => {
    if (!rid || !relXml) return null;
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(
      relXml,
    );
    const path = target ? (target[1] ?? target[2]).replace(/^\/?(xl\/)?/, "xl/") : null;
    return entries.find((e) => e.name === path)?.name ?? null;
  };
  const sheetPaths = sheets.map((_, i) => pathOf(rids[i]));
  const fallback = entries.find((e) => /^xl\/worksheets\/sheet1\.xml$/.test(e.name))?.name ?? null;
  if (!sheetPaths[0]) sheetPaths[0] = fallback;
  return { sheets, sheetPath: sheetPaths[0] ?? null, sheetPaths };
}
