import { AppError } from "../../../domain/errors";
import type { Crs } from "../../../domain/geo/coordinates";
import { NotAZipError } from "../grids/zip-entries";
import { columnName, type ImportField, isHeaderRow, mapHeader, requiredFields } from "./site-import-columns";
import { readCsvRows, type SheetRow } from "./site-import-reader";
import { type ParsedRow, parseImportRow, type RowError } from "./site-import-row";
import { inspectXlsx, type XlsxShape } from "./xlsx-inspect";
import { type MergedRange, readXlsxRowsFast } from "./xlsx-rows";

/** More rows than this refuse the file (split it). */
export const maxImportRows = 200_000;

const fileError = (
  code: string,
  zh: string,
  en: string,
  english: boolean,
  row: number | null = null,
  column: string | null = null,
): RowError => ({
  row: row ?? 0,
  column,
  code,
  message: english ? en : zh,
});

function refuse(errors: RowError[]): never {
  throw new AppError("import_failed", {
    status: 422,
    zh: `文件无法导入：${errors.map((e) => e.message).join("；")}`,
    en: `The file cannot be imported: ${errors.map((e) => e.message).join("; ")}`,
    details: { fileErrors: errors },
  });
}

/**
 * Reads and checks every row of an import file. Refuses the whole file (422 `import_failed`) for problems no
 * row can fix: not an .xlsx, more than one sheet, merged header cells, missing required columns, a column
 * given twice, no data, too many rows. Returns the good rows and the errors of the bad ones otherwise.
 */
export async function readSiteFile(file: string, format: "xlsx" | "csv", crs: Crs, en: boolean) {
  let shape: XlsxShape = { sheets: ["csv"], sheetPath: null };
  const merges: MergedRange[] = [];
  if (format === "xlsx") {
    try {
      shape = await inspectXlsx(file);
    } catch (e) {
      if (e instanceof NotAZipError)
        refuse([fileError("not_xlsx", "文件不是有效的 .xlsx 工作簿", "Not a valid .xlsx workbook", en)]);
      throw e;
    }
    if (shape.sheets.length > 1)
      refuse([
        fileError(
          "extra_sheets",
          `工作簿含有 ${shape.sheets.length} 个工作表（${shape.sheets.join("、")}），请只保留一个数据表`,
          `The workbook has ${shape.sheets.length} sheets (${shape.sheets.join(", ")}); keep only the data sheet`,
          en,
        ),
      ]);
  }
  const rows: AsyncGenerator<SheetRow> =
    format === "xlsx" && shape.sheetPath
      ? readXlsxRowsFast(file, shape.sheetPath, merges)
      : readCsvRows(file);
  let header: SheetRow | null = null;
  let columns = new Map<ImportField, number>();
  let seenBeforeHeader = 0;
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const good: { row: number; fields: ParsedRow }[] = [];
  let count = 0;
  const headerOf = (f: ImportField | "coordinates") => {
    if (f === "coordinates") return columnName(f);
    const i = columns.get(f);
    return i !== undefined && header ? String(header.cells[i]) : columnName(f);
  };
  for await (const r of rows) {
    if (!header) {
      const cells = r.cells.map((c) => (c === null ? null : String(c)));
      if (isHeaderRow(cells)) {
        header = r;
        const mapped = mapHeader(cells);
        columns = mapped.columns;
        const missing = requiredFields.filter((f) => !columns.has(f));
        const problems: RowError[] = [];
        if (missing.length)
          problems.push(
            fileError(
              "missing_columns",
              `缺少必填列：${missing.map((f) => columnName(f)).join("、")}`,
              `Missing required columns: ${missing.join(", ")}`,
              en,
              r.row,
            ),
          );
        if (mapped.twice.length)
          problems.push(
            fileError(
              "duplicate_columns",
              `列重复：${mapped.twice.join("、")}`,
              `Columns given twice: ${mapped.twice.join(", ")}`,
              en,
              r.row,
            ),
          );
        if (problems.length) refuse(problems);
        if (mapped.unknown.length)
          warnings.push(
            fileError(
              "unknown_columns",
              `以下列未识别，已忽略：${mapped.unknown.join("、")}`,
              `Ignored unknown columns: ${mapped.unknown.join(", ")}`,
              en,
              r.row,
            ),
          );
      } else if (++seenBeforeHeader >= 5) break;
      continue;
    }
    if (r.cells.every((c) => c === null || String(c).trim() === "")) continue;
    if (++count > maxImportRows)
      refuse([
        fileError(
          "too_many_rows",
          `数据超过 ${maxImportRows} 行，请分批导入`,
          `More than ${maxImportRows} rows; split the file`,
          en,
        ),
      ]);
    const parsed = parseImportRow(r.row, r.cells, columns, headerOf, crs, en);
    if (parsed.ok) good.push({ row: r.row, fields: parsed.row });
    else errors.push(...parsed.errors);
  }
  if (!header)
    refuse([
      fileError(
        "missing_columns",
        "未找到表头：前 5 行中没有“名称”列，请使用导入模板",
        "No header row with a name column in the first 5 rows; use the template",
        en,
      ),
    ]);
  // merged ranges are listed after the rows in the sheet XML, so they are checked once the rows are read
  const headerRow = (header as SheetRow).row;
  const inHeader = merges.filter((m) => m.top <= headerRow && m.bottom >= headerRow);
  if (inHeader.length)
    refuse([
      fileError(
        "merged_header",
        `表头（第 ${headerRow} 行）有合并单元格 ${inHeader.map((m) => m.ref).join("、")}，请取消合并，每列一个表头`,
        `Header row ${headerRow} has merged cells ${inHeader.map((m) => m.ref).join(", ")}; unmerge them, one header per column`,
        en,
        headerRow,
      ),
    ]);
  if (count === 0) refuse([fileError("empty_file", "文件中没有数据行", "The file has no data rows", en)]);
  const mergedRow = new Map<number, string>();
  for (const m of merges)
    for (let row = Math.max(m.top, headerRow + 1); row <= m.bottom; row++) mergedRow.set(row, m.ref);
  const kept = mergedRow.size ? good.filter((g) => !mergedRow.has(g.row)) : good;
  for (const [row, ref] of mergedRow)
    if (good.some((g) => g.row === row) || errors.some((e) => e.row === row))
      errors.push({
        row,
        column: null,
        code: "merged_cells",
        message: en ? `Merged cells ${ref}` : `含合并单元格 ${ref}，请取消合并并逐行填写`,
      });
  return { rows: count, good: kept, errors, warnings, headerOf };
}
