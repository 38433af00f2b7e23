import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Cell } from "./site-import-row";

export interface SheetRow {
  /** 1-based row number as the user sees it in Excel (or the line of a CSV record). */
  row: number;
  cells: Cell[];
}

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join("");
    if (o.result !== undefined) return cellValue(o.result);
    if (o.text !== undefined) return cellValue(o.text);
    if (o.error) return o.error;
  }
  return String(v);
}

/** Rows of the first sheet of an .xlsx, streamed (exceljs WorkbookReader): memory does not grow with the file. */
export async function* readXlsxRows(file: string): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    entries: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const cells: Cell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
      yield { row: row.number, cells };
    }
    return; // only the first sheet (files with more are refused before reading)
  }
}

/** UTF-8 (with or without BOM) or, as Excel in China saves CSV, GB18030/GBK. */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString("utf8");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder("gb18030").decode(buf);
  }
}

/** RFC 4180 CSV records (quoted fields, doubled quotes, newlines inside quotes), with their starting line. */
export function* parseCsv(text: string): Generator<SheetRow> {
  let cells: Cell[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  const endField = () => {
    cells.push(field === "" ? null : field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      any = true;
    } else if (c === ",") {
      endField();
      any = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endField();
      if (any || cells.some((x) => x !== null)) yield { row: start, cells };
      cells = [];
      any = false;
      line++;
      start = line;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || field !== "") {
    endField();
    yield { row: start, cells };
  }
}

export async function* readCsvRows(file: string): AsyncGenerator<SheetRow> {
  yield* parseCsv(decodeText(await readFile(file)));
}
