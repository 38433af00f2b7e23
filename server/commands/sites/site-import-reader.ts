import { readFile } from "node:fs/promises";
import type { Cell } from "./site-import-row";

export interface SheetRow {
  /** 1-based row number as the user sees it in Excel (or the line of a CSV record). */
  row: number;
  cells: Cell[];
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
