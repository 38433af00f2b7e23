import type ExcelJS from "exceljs";
import type { Actor } from "../../../domain/auth/actor";
import { shanghaiDateTime } from "../../../domain/calendar/shanghai-time";

/** The watermark text of an exported workbook: who exported it and when (北京时间). */
export function watermarkText(actor: Pick<Actor, "displayName" | "username">, at: Date): string {
  return `导出人：${actor.displayName}（${actor.username}）　导出时间：${shanghaiDateTime(at)}（北京时间）　仅限工作使用，不得外传`;
}

/** Escapes `&` for Excel's header/footer codes. */
const hf = (text: string) => text.replaceAll("&", "&&");

/** Worksheet options that print the watermark in the header and footer of every printed page. */
export function watermarkSheetOptions(text: string): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    headerFooter: {
      oddHeader: `&L&8${hf(text)}`,
      oddFooter: `&L&8${hf(text)}&R&8第 &P 页 / 共 &N 页`,
      differentFirst: false,
      differentOddEven: false,
    } as ExcelJS.HeaderFooter,
    // the watermark row and the header row stay in view while scrolling
    views: [{ state: "frozen", ySplit: 2, xSplit: 0 }],
  };
}

export const watermarkFont: Partial<ExcelJS.Font> = { italic: true, size: 9, color: { argb: "FF8C8C8C" } };

/**
 * Watermarks every sheet of a workbook built in memory: a first row with the text (visible when the file
 * is opened in WPS or Excel, frozen at the top), the same text in the printed header and footer, and a note.
 */
export function watermarkWorkbook(wb: ExcelJS.Workbook, text: string): void {
  const opts = watermarkSheetOptions(text);
  for (const ws of wb.worksheets) {
    ws.insertRow(1, [text]);
    const cell = ws.getCell(1, 1);
    cell.font = watermarkFont;
    cell.alignment = { vertical: "middle", horizontal: "left", wrapText: false };
    cell.note = text;
    ws.headerFooter = { ...ws.headerFooter, ...opts.headerFooter };
    ws.views = opts.views ?? [];
  }
}

/**
 * Finishes a workbook built in memory: counts its data rows (every sheet's rows below its header row),
 * watermarks every sheet and writes the file.
 */
export async function watermarkedBuffer(
  wb: ExcelJS.Workbook,
  watermark: string,
): Promise<{ buffer: Buffer; rows: number }> {
  const rows = wb.worksheets.reduce((n, ws) => n + Math.max(0, ws.actualRowCount - 1), 0);
  watermarkWorkbook(wb, watermark);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows };
}
