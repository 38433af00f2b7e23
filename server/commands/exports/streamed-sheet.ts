import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { watermarkFont, watermarkSheetOptions } from "./export-watermark";

/** A column of an exported sheet: its Chinese and English header and its width. */
export type SheetColumn = [zh: string, en: string, width: number];

/**
 * A workbook written row by row into `out` with one watermarked sheet: the column widths, the watermark row
 * and the header row (Chinese, or English when `en`) are written; add rows, then `finish()`.
 */
export function streamedSheet(
  out: Writable,
  opts: { sheet: [zh: string, en: string]; columns: SheetColumn[]; en: boolean; watermark: string },
) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = "SafeGrid";
  const ws = wb.addWorksheet(opts.en ? opts.sheet[1] : opts.sheet[0], watermarkSheetOptions(opts.watermark));
  opts.columns.forEach(([, , w], i) => {
    ws.getColumn(i + 1).width = w;
  });
  const mark = ws.addRow([opts.watermark]);
  mark.getCell(1).font = watermarkFont;
  mark.commit();
  const header = ws.addRow(opts.columns.map(([zh, english]) => (opts.en ? english : zh)));
  header.font = { bold: true };
  header.commit();
  return {
    ws,
    async finish() {
      ws.commit();
      await wb.commit();
    },
  };
}
