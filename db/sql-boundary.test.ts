import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * SQL lives only in `db/` (queries in `db/queries/`): a source file elsewhere that builds a query fails
 * here. Tests, their support (`server/test/`, `test/`) and benchmarks (`bench/`) may set up rows directly.
 */
const root = path.resolve(import.meta.dirname, "..");
const scanned = ["server", "domain", "web/src", "scripts"];
const queryBuilding =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)\(|\bsql(<[^>]*>)?`|\bsql\.(raw|lit|ref|id|table|join)\(|CompiledQuery|\.executeQuery\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory())
      return e.name === "test" || e.name === "node_modules" || e.name === "dist" ? [] : sourceFiles(rel);
    return /\.(ts|tsx|mts|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

describe("SQL only in db/", () => {
  it("recognises query building", () => {
    for (const code of ['db.selectFrom("site")', "tx.updateTable(t)", "sql<number>`floor(x)`", "sql`now()`"])
      expect(code).toMatch(queryBuilding);
    expect('"selectFrom" is a word in a comment').not.toMatch(queryBuilding);
  });

  it("no source file outside db/ builds a query", () => {
    const files = scanned.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((f) => queryBuilding.test(readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
