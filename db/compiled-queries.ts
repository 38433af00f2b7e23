import { type Compilable, CompiledQuery, type Insertable, type QueryResult } from "kysely";
import { dialectOf, type Tx } from "./db";
import { preferPrepared } from "./pg-statements";
import type { DB } from "./schema";

/**
 * Queries compiled once and run again with new parameters. Building and compiling a Kysely query (the
 * builder, the camel-case transform, the compiler) costs more than SQLite takes to run most of ours, and
 * the hot paths (signing a request in, reporting a case, appending to the trail) run the same few queries
 * over and over. The SQL text is kept per dialect and shape; a shape is kept only when Kysely's own
 * parameters for its first compile are exactly the parameters the caller says it will pass, so a query
 * whose parameters are not what the caller thinks is simply never reused.
 */
const cache = new Map<string, string>();
const limit = 1000;

const keyOf = (db: Tx, shape: string) => `${dialectOf(db)}|${shape}`;

/** Whether a shape's SQL is kept for reuse on this database's dialect (for tests and diagnostics). */
export function isReused(db: Tx, shape: string): boolean {
  return cache.has(keyOf(db, shape));
}

export function runCompiled<R>(
  db: Tx,
  shape: string,
  params: readonly unknown[],
  build: () => Compilable<R>,
) {
  const key = keyOf(db, shape);
  const known = cache.get(key);
  if (known !== undefined) return db.executeQuery<R>(CompiledQuery.raw(known, [...params]));
  const compiled = build().compile();
  if (compiled.parameters.length === params.length && compiled.parameters.every((p, i) => p === params[i])) {
    if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
    cache.set(key, compiled.sql);
    if (dialectOf(db) === "postgres") preferPrepared(compiled.sql);
  }
  return db.executeQuery(compiled);
}

/** The first row of a reused query (like `executeTakeFirst`). */
export async function firstCompiled<R>(
  db: Tx,
  shape: string,
  params: readonly unknown[],
  build: () => Compilable<R>,
): Promise<R | undefined> {
  return (await runCompiled(db, shape, params, build)).rows[0];
}

type Table = keyof DB & string;

/**
 * Inserts rows with a reused statement per table, column list, row count and returned columns; the
 * parameters are the rows' values in column order. Rows whose columns differ, or holding an SQL
 * expression as a value, go through Kysely as usual.
 */
export function insertRows<T extends Table>(
  db: Tx,
  table: T,
  rows: Insertable<DB[T]>[],
  returning?: (keyof DB[T] & string)[],
): Promise<QueryResult<Record<string, unknown>>> {
  const build = () => {
    const q = db.insertInto(table).values(rows as never);
    return (returning ? q.returning(returning as never) : q) as unknown as Compilable<
      Record<string, unknown>
    >;
  };
  const plain = plainRows(rows as Record<string, unknown>[]);
  if (!plain) return db.executeQuery(build());
  const shape = `insert|${table}|${plain.columns.join(",")}|${rows.length}|${returning?.join(",") ?? ""}`;
  return runCompiled(db, shape, plain.parameters, build);
}

/** The defined columns (the same in every row) and the values in order; null if a value is an expression. */
function plainRows(rows: Record<string, unknown>[]) {
  if (rows.length === 0) return null;
  const columns = Object.keys(rows[0]).filter((c) => rows[0][c] !== undefined);
  const parameters: unknown[] = [];
  for (const row of rows) {
    let defined = 0;
    for (const c in row) if (row[c] !== undefined) defined++;
    if (defined !== columns.length) return null;
    for (const c of columns) {
      const v = row[c];
      if (v === undefined || (typeof v === "object" && v !== null && "toOperationNode" in v)) return null;
      parameters.push(v);
    }
  }
  return { columns, parameters };
}
