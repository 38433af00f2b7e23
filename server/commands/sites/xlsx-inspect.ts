import { NotAZipError, readZipEntry, zipEntries } from "../grids/zip-entries";

export interface XlsxShape {
  /** Sheet names in workbook order. */
  sheets: string[];
  /** The zip path of the first sheet's XML. */
  sheetPath: string | null;
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
  return { sheets, sheetPath: first?.name ?? null };
}
