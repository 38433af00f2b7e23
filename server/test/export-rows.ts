import ExcelJS from "exceljs";
import type { LightMyRequestResponse } from "fastify";

/** The first sheet's rows of an .xlsx answer (ExcelJS's 1-based arrays, empty rows dropped). */
export async function exportRows(res: LightMyRequestResponse): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
}
