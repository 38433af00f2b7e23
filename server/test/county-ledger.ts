import ExcelJS from "exceljs";
import JSZip from "jszip";

/** The headers a county keeps its site ledger with (WPS/Excel), not the template's. */
export const ledgerHeaders = [
  "序号",
  "单位名称",
  "统一社会信用代码",
  "行业类别",
  "经营地址",
  "法定代表人",
  "联系电话",
  "经度",
  "纬度",
  "备注",
];

export type LedgerRow = (string | number | null)[];

/**
 * A site ledger as a county keeps it: a merged title row over the headers, its own header names, and the
 * empty default Sheet2 and Sheet3 (as WPS and Excel create them). `extraHeader` adds a second header row
 * below the first; `headers` replaces the header names.
 */
export async function countyLedger(
  rows: LedgerRow[],
  opts: { headers?: string[]; extraHeader?: boolean; title?: string } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("监管对象台账");
  const headers = opts.headers ?? ledgerHeaders;
  ws.addRow([opts.title ?? "榆中县安全生产监督管理对象台账（2026年）"]);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(headers);
  if (opts.extraHeader) ws.addRow(headers);
  for (const [i, r] of rows.entries()) ws.addRow([i + 1, ...r]);
  wb.addWorksheet("Sheet2");
  wb.addWorksheet("Sheet3");
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The same workbook with Sheet2 replaced by 1,048,576 empty rows (Excel's last row): every `<row>` present,
 * no cell with a value. The zip stays small; the sheet XML is about 30 MB.
 */
export async function withHugeEmptySheet(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const parts: string[] = [];
  const chunk: string[] = [];
  for (let r = 1; r <= 1_048_576; r++) {
    chunk.push(`<row r="${r}" ht="15"/>`);
    if (chunk.length === 65_536) {
      parts.push(chunk.join(""));
      chunk.length = 0;
    }
  }
  parts.push(chunk.join(""));
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${parts.join("")}</sheetData></worksheet>`;
  zip.file("xl/worksheets/sheet2.xml", xml);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
