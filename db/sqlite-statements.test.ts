import SQLite from "better-sqlite3";
import { expect, it } from "vitest";
import { cachedStatements } from "./sqlite-statements";

it("prepares a statement once per SQL text and keeps at most `limit`", () => {
  const sqlite = new SQLite(":memory:");
  const db = cachedStatements(sqlite, 2);
  const a = db.prepare("select 1 as n");
  expect(db.prepare("select 1 as n")).toBe(a);
  db.prepare("select 2 as n");
  db.prepare("select 3 as n");
  expect(db.prepare("select 1 as n")).not.toBe(a);
  db.close();
  expect(sqlite.open).toBe(false);
});

it("a statement still iterating is busy: the same SQL meanwhile gets a statement of its own", () => {
  const sqlite = new SQLite(":memory:");
  sqlite.exec("create table t (n integer); insert into t values (1), (2), (3)");
  const db = cachedStatements(sqlite);
  const sql = "select n from t order by n";
  const seen: number[] = [];
  for (const row of db.prepare(sql).iterate([]) as Iterable<{ n: number }>) {
    seen.push(row.n, (db.prepare(sql).all([]) as { n: number }[]).length);
  }
  expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
  db.close();
});
