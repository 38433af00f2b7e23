import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, expect, it } from "vitest";
import { parseCsv } from "./site-import-reader";
import { inspectXlsx } from "./xlsx-inspect";
import { type MergedRange, readXlsxRowsFast } from "./xlsx-rows";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xlsx-rows-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(file: string) {
  const shape = await inspectXlsx(file);
  const merges: MergedRange[] = [];
  const rows = [];
  for await (const r of readXlsxRowsFast(file, shape.sheetPath!, merges)) rows.push(r);
  return { shape, rows, merges };
}

const tricky = [
  ["纯文本", "A&B <c> \"d\" 'e'", 3.25, true, null, "末列"],
  [
    { richText: [{ text: "富" }, { font: { bold: true }, text: "文本" }] },
    { formula: "1+2", result: 3 },
    { formula: 'CONCAT("甲","乙")', result: "甲乙" },
    false,
    0,
    "",
  ],
];

it("reads every cell type as a general XML parser would (shared strings, rich text, formulas, booleans, gaps, escapes)", async () => {
  const file = path.join(dir, "shared.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("数据");
  ws.addRow(["标题行"]);
  ws.mergeCells("A1:F1");
  for (const r of tricky) ws.addRow(r);
  ws.getCell("H3").value = "远处的格";
  await wb.xlsx.writeFile(file);
  const { shape, rows, merges } = await read(file);
  expect(shape).toEqual({
    sheets: ["数据"],
    sheetPath: "xl/worksheets/sheet1.xml",
    sheetPaths: ["xl/worksheets/sheet1.xml"],
  });
  expect(merges).toEqual([{ ref: "A1:F1", top: 1, bottom: 1 }]);
  expect(rows[0]).toEqual({ row: 1, cells: ["标题行", null, null, null, null, null] }); // merged cells are written empty
  expect(rows[1]).toEqual({ row: 2, cells: ["纯文本", "A&B <c> \"d\" 'e'", 3.25, true, null, "末列"] });
  expect(rows[2].cells.slice(0, 5)).toEqual(["富文本", 3, "甲乙", false, 0]);
  expect(rows[2].cells[7]).toBe("远处的格");
});

it("reads inline strings written by the streaming writer, across many chunks, without breaking Chinese text", async () => {
  const file = path.join(dir, "inline.xlsx");
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet("s");
  for (let i = 1; i <= 20_000; i++) ws.addRow([`第${i}行 & <x>`, i, i % 2 === 0]).commit();
  ws.commit();
  await wb.commit();
  const { rows } = await read(file);
  expect(rows).toHaveLength(20_000);
  expect(rows[19_999]).toEqual({ row: 20_000, cells: ["第20000行 & <x>", 20_000, true] });
  // every row intact, including characters split between two inflated chunks
  const broken = rows.filter(
    (r, i) => r.row !== i + 1 || r.cells[0] !== `第${i + 1}行 & <x>` || r.cells[1] !== i + 1,
  );
  expect(broken).toEqual([]);
});

it("parses CSV records with quotes, doubled quotes, embedded newlines and CRLF", () => {
  const rows = [...parseCsv('名称,地址\r\n"甲,乙","第一行\n第二行"\r\n"说""好""",\r\n\r\n最后,')];
  expect(rows).toEqual([
    { row: 1, cells: ["名称", "地址"] },
    { row: 2, cells: ["甲,乙", "第一行\n第二行"] },
    { row: 4, cells: ['说"好"', null] },
    { row: 6, cells: ["最后", null] },
  ]);
});
