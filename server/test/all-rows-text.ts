import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema";

/**
 * Every row of every table of the test database as one text (for tests that search all stored data for a
 * value that must never be stored in the clear: an informant's name and phone number, a tracking code).
 */
export async function allRowsText(typed: Kysely<DB>): Promise<string> {
  const db = typed.withoutPlugins() as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const tables = await db.introspection.getTables();
  let schema: string | undefined;
  if (tables.some((t) => t.schema)) {
    const r = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    schema = r.rows[0]?.s;
  }
  const out: string[] = [];
  for (const t of tables) {
    if (schema && t.schema !== schema) continue;
    if (t.name.startsWith("kysely_") || t.name === "schema_migration_lock") continue;
    const rows = await db.selectFrom(t.name).selectAll().execute();
    for (const r of rows)
      out.push(
        `${t.name}: ${JSON.stringify(r, (_k, v) =>
          v && typeof v === "object" && v.type === "Buffer" && Array.isArray(v.data)
            ? Buffer.from(v.data).toString("latin1")
            : v,
        )}`,
      );
  }
  return out.join("\n");
}
