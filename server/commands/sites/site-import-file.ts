import { AppError } from "../../../domain/errors";
import type { Crs } from "../../../domain/geo/coordinates";
import type { IndustryIndex } from "../../../domain/site/industry-search";
import { normIndustryText } from "../../../domain/site/industry-search";
import { usccWarnings } from "../../../domain/site/uscc";
import { NotAZipError } from "../grids/zip-entries";
import { industryProblem } from "./site-fields";
import {
  type ColumnMapping,
  columnName,
  fieldOfHeader,
  headerScore,
  type ImportField,
  isHeaderRow,
  mapHeader,
} from "./site-import-columns";
import { readCsvRows, type SheetRow } from "./site-import-reader";
import { type ParsedRow, parseImportRow, type RowError } from "./site-import-row";
import { inspectXlsx } from "./xlsx-inspect";
import { type MergedRange, readXlsxRowsFast } from "./xlsx-rows";

/** More rows than this refuse the file (split it). */
export const maxImportRows = 200_000;
/** The header is looked for in this many rows from the top (title rows above it). */
export const headerSearchRows = 20;
/** At most this many warnings are listed. */
const maxWarnings = 10_000;

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

function refuse(errors: RowError[], extra: Record<string, unknown> = {}): never {
  throw new AppError("import_failed", {
    status: 422,
    zh: `文件无法导入：${errors.map((e) => e.message).join("；")}`,
    en: `The file cannot be imported: ${errors.map((e) => e.message).join("; ")}`,
    details: { fileErrors: errors, ...extra },
  });
}

/** What the mapping step gave (or the county's remembered mapping). */
export interface MappingAnswers {
  sheet?: string;
  mapping?: ColumnMapping;
  constants?: Partial<Record<ImportField, string>>;
  /** 行业类别 text → code ("" leaves the industry empty). */
  industries?: Record<string, string>;
}

export interface ReadContext {
  index: IndustryIndex;
  /** Current 6-digit region codes (a USCC's characters 3–8). */
  regions: Set<string>;
  /** Preview: report unmatched industries and missing fields instead of refusing. */
  preview?: boolean;
}

export interface SheetInfo {
  name: string;
  hasData: boolean;
}

/** True when a sheet has any non-empty cell (streams; stops at the first one). */
async function sheetHasData(file: string, path: string): Promise<boolean> {
  for await (const r of readXlsxRowsFast(file, path))
    if (r.cells.some((c) => c !== null && String(c).trim() !== "")) return true;
  return false;
}

/**
 * The sheet to read: the one named, else the only one with data (empty default sheets such as Sheet2 and
 * Sheet3 are ignored). Several sheets with data and none named: 422 `choose_sheet` listing them (the
 * preview answers `needsSheet` instead).
 */
async function chooseSheet(file: string, wanted: string | undefined, en: boolean, preview: boolean) {
  let shape: Awaited<ReturnType<typeof inspectXlsx>>;
  try {
    shape = await inspectXlsx(file);
  } catch (e) {
    if (e instanceof NotAZipError)
      refuse([fileError("not_xlsx", "文件不是有效的 .xlsx 工作簿", "Not a valid .xlsx workbook", en)]);
    throw e;
  }
  const paths = shape.sheetPaths ?? [shape.sheetPath];
  if (wanted !== undefined) {
    const i = shape.sheets.indexOf(wanted);
    if (i === -1 || !paths[i])
      refuse([
        fileError(
          "unknown_sheet",
          `工作簿中没有名为“${wanted}”的工作表（有：${shape.sheets.join("、")}）`,
          `No sheet named "${wanted}" (sheets: ${shape.sheets.join(", ")})`,
          en,
        ),
      ]);
    return { sheets: shape.sheets.map((name) => ({ name, hasData: true })), name: wanted, path: paths[i]! };
  }
  const sheets: SheetInfo[] = [];
  for (let i = 0; i < shape.sheets.length; i++)
    sheets.push({ name: shape.sheets[i], hasData: paths[i] ? await sheetHasData(file, paths[i]!) : false });
  const withData = sheets.filter((s) => s.hasData);
  if (withData.length > 1) {
    if (preview) return { sheets, name: null, path: null };
    refuse(
      [
        fileError(
          "choose_sheet",
          `工作簿中有 ${withData.length} 个工作表含有数据（${withData.map((s) => s.name).join("、")}），请选择要导入的工作表`,
          `${withData.length} sheets hold data (${withData.map((s) => s.name).join(", ")}); choose the one to import`,
          en,
        ),
      ],
      { sheets },
    );
  }
  if (withData.length === 0)
    refuse([
      fileError(
        "empty_file",
        "工作簿中没有数据（各工作表均为空）",
        "Every sheet of the workbook is empty",
        en,
      ),
    ]);
  const i = sheets.indexOf(withData[0]);
  return { sheets, name: withData[0].name, path: paths[i]! };
}

export interface HeaderColumn {
  index: number;
  header: string;
  field: ImportField | null;
  /** Where the field comes from: the user's (or the county's remembered) mapping, or the synonym table. */
  source: "mapping" | "synonym" | null;
}

/**
 * Reads and checks every row of an import file, after the mapping step: the sheet (empty sheets ignored),
 * the header row found below any title rows, columns matched by the user's mapping then by the header
 * synonyms, constants for absent fields, 行业类别 text matched through the industry synonyms. Refuses the
 * whole file (422 `import_failed`) for what no row can fix: not an .xlsx, several sheets with data and none
 * chosen, no header, two header rows, a field mapped twice, merged header cells, industry texts nobody could
 * match (listed, to be answered once), no data, too many rows. Returns the good rows, the row errors and the
 * warnings (unknown columns, USCC region part or organisation code).
 */
export async function readSiteFile(
  file: string,
  format: "xlsx" | "csv",
  crs: Crs,
  en: boolean,
  answers: MappingAnswers = {},
  ctx?: ReadContext,
) {
  const preview = ctx?.preview ?? false;
  const merges: MergedRange[] = [];
  let sheets: SheetInfo[] = [{ name: "csv", hasData: true }];
  let sheetName: string | null = null;
  let rows: AsyncGenerator<SheetRow>;
  if (format === "xlsx") {
    const chosen = await chooseSheet(file, answers.sheet, en, preview);
    sheets = chosen.sheets;
    sheetName = chosen.name;
    if (!chosen.path)
      return { needsSheet: true as const, sheets, sheet: null, rows: 0, good: [], errors: [], warnings: [] };
    rows = readXlsxRowsFast(file, chosen.path, merges);
  } else rows = readCsvRows(file);
  const mapping = answers.mapping ?? {};
  const industryAnswers = new Map(
    Object.entries(answers.industries ?? {}).map(([k, v]) => [normIndustryText(k), v]),
  );
  let header: SheetRow | null = null;
  let columns = new Map<ImportField, number>();
  let headerColumns: HeaderColumn[] = [];
  let seenBeforeHeader = 0;
  let checkedSecondHeader = false;
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  let warningCount = 0;
  const good: { row: number; fields: ParsedRow }[] = [];
  const unmatched = new Map<string, number>();
  const samples: SheetRow[] = [];
  let count = 0;
  const headerOf = (f: ImportField | "coordinates") => {
    if (f === "coordinates") return columnName(f);
    const i = columns.get(f);
    return i !== undefined && header ? String(header.cells[i]) : columnName(f);
  };
  const industry = (text: string) => {
    const answer = industryAnswers.get(normIndustryText(text));
    if (answer !== undefined) {
      if (answer === "") return { code: null, kind: null };
      if (!industryProblem(answer)) return { code: answer, kind: ctx?.index.kindOf(answer) ?? null };
    }
    if (!industryProblem(text)) return { code: text, kind: ctx?.index.kindOf(text) ?? null };
    const m = ctx?.index.match(text);
    return m ?? { unmatched: text };
  };
  const constants = Object.fromEntries(
    Object.entries(answers.constants ?? {}).filter(([, v]) => v !== undefined && v !== ""),
  ) as Partial<Record<ImportField, string>>;
  for await (const r of rows) {
    const cells = r.cells.map((c) => (c === null ? null : String(c)));
    if (!header) {
      // the header: a name column and another known one, or (to be mapped) two known columns and only text
      const textOnly = r.cells.every((c) => c === null || typeof c === "string");
      if (isHeaderRow(cells, mapping) || (textOnly && headerScore(cells, mapping) >= 2)) {
        header = r;
        const mapped = mapHeader(cells, mapping);
        columns = mapped.columns;
        headerColumns = cells.flatMap((c, index) => {
          if (c === null || c.trim() === "") return [];
          const f = fieldOfHeader(c, mapping);
          const fromMapping = Object.keys(mapping).some((h) => h.trim() === c.trim());
          return [
            {
              index,
              header: c,
              field: f || null,
              source: f ? (fromMapping ? ("mapping" as const) : ("synonym" as const)) : null,
            },
          ];
        });
        if (!columns.has("name") && !preview)
          refuse([
            fileError(
              "missing_columns",
              "没有对应“名称”的列：请在导入映射中指定哪一列是单位名称",
              "No column is mapped to the name; map one in the import mapping",
              en,
              r.row,
            ),
          ]);
        if (mapped.twice.length) {
          const twice = mapped.twice.map((h) => {
            const f = fieldOfHeader(h, mapping) as ImportField;
            return `“${String(cells[columns.get(f)!])}”与“${h}”都对应“${columnName(f)}”`;
          });
          refuse([
            fileError(
              "duplicate_columns",
              `同一字段对应了两列：${twice.join("；")}。一个字段只能对应一列，请在映射中把其中一列改为“不导入”`,
              `A field is mapped from two columns: ${mapped.twice.join(", ")}; map each field from one column`,
              en,
              r.row,
            ),
          ]);
        }
        if (mapped.unknown.length)
          warnings.push(
            fileError(
              "unknown_columns",
              `以下列未对应字段，已忽略：${mapped.unknown.join("、")}`,
              `Ignored unmapped columns: ${mapped.unknown.join(", ")}`,
              en,
              r.row,
            ),
          );
      } else if (++seenBeforeHeader >= headerSearchRows) break;
      continue;
    }
    if (r.cells.every((c) => c === null || String(c).trim() === "")) continue;
    if (!checkedSecondHeader) {
      checkedSecondHeader = true;
      if (headerScore(cells, mapping) >= 2)
        refuse([
          fileError(
            "two_header_rows",
            `第 ${header.row} 行和第 ${r.row} 行都是表头（两行表头）。请把表头合并为一行，每列一个标题，再导入`,
            `Rows ${header.row} and ${r.row} are both header rows; merge them into one header row`,
            en,
            r.row,
          ),
        ]);
    }
    if (++count > maxImportRows)
      refuse([
        fileError(
          "too_many_rows",
          `数据超过 ${maxImportRows} 行，请分批导入`,
          `More than ${maxImportRows} rows; split the file`,
          en,
        ),
      ]);
    if (samples.length < 3) samples.push(r);
    const parsed = parseImportRow(r.row, r.cells, columns, headerOf, crs, en, { constants, industry });
    if (parsed.ok === "unmatched") {
      unmatched.set(parsed.industry, (unmatched.get(parsed.industry) ?? 0) + 1);
      continue;
    }
    if (parsed.ok) {
      good.push({ row: r.row, fields: parsed.row });
      const uscc = parsed.row.uscc;
      if (uscc && ctx)
        for (const w of usccWarnings(uscc, (c) => ctx.regions.has(c)))
          if (++warningCount <= maxWarnings)
            warnings.push({ row: r.row, column: headerOf("uscc"), code: w.code, message: en ? w.en : w.zh });
    } else errors.push(...parsed.errors);
  }
  if (!header)
    refuse([
      fileError(
        "missing_columns",
        `未找到表头：前 ${headerSearchRows} 行中没有含“名称”（或单位名称、企业名称）的表头行；请在映射中指定名称列，或使用导入模板`,
        `No header row with a name column in the first ${headerSearchRows} rows; map the name column or use the template`,
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
  const unmatchedList = [...unmatched].map(([text, rowCount]) => ({
    text,
    rows: rowCount,
    suggestions: (ctx?.index.search(text, 3) ?? []).map((h) => ({ code: h.code, label: en ? h.en : h.zh })),
  }));
  if (unmatchedList.length && !preview)
    refuse(
      [
        fileError(
          "unmatched_industries",
          `以下行业类别未能对应国民经济行业分类，请在导入映射中为每一项指定行业（或选择“留空”），只需指定一次：${unmatchedList
            .slice(0, 20)
            .map((u) => `“${u.text}”（${u.rows} 行）`)
            .join("、")}${unmatchedList.length > 20 ? ` 等 ${unmatchedList.length} 项` : ""}`,
          `These industry texts match no GB/T 4754 industry; map each once in the import mapping: ${unmatchedList
            .slice(0, 20)
            .map((u) => u.text)
            .join(", ")}`,
          en,
        ),
      ],
      { unmatchedIndustries: unmatchedList },
    );
  if (count === 0 && !preview)
    refuse([fileError("empty_file", "文件中没有数据行", "The file has no data rows", en)]);
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
  return {
    needsSheet: false as const,
    sheets,
    sheet: sheetName,
    headerRow,
    headerColumns,
    samples,
    unmatchedIndustries: unmatchedList,
    rows: count,
    good: kept,
    errors,
    warnings,
    headerOf,
  };
}
