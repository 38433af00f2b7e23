import { type Kysely, sql } from "kysely";
import { siteSearchGrams, siteSearchText } from "../../domain/site/site-search";
import { isPostgres } from "./migration-helpers";

/**
 * Issue 11: the register's text search read every site of the scope with `LIKE '%…%'` twice (count and
 * page), ~60 ms a search at 120,000 sites in one county on a quiet machine and seconds under load. Each site
 * now keeps its normalised search text and the two-character grams of it (domain/site/site-search.ts,
 * written by db/queries/site-queries.ts), indexed on each database with what it has built in:
 * - PostgreSQL: a GIN index on the grams as an array (`@>` finds the sites that have every gram);
 * - SQLite: an FTS5 table of the grams (contentless, rows deletable), kept by triggers on `site` through
 *   `site_search`, which gives each site the integer row id FTS5 needs (the site's own rowid may change
 *   on VACUUM: the site table has a text primary key).
 * Words so common that looking up each candidate costs more (加油, 超市) are checked by reading
 * `site_search_order_idx` instead: the list's order (region, name, id) with the search text, so a page stops
 * at its last row and a count reads that index, not the sites (db/queries/site-search-queries.ts).
 * No pg_trgm: the extension may not be installable, and it has no index for two-character words (加油).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("site")
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("site")
    .addColumn("search_grams", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  if (isPostgres(db)) {
    await sql`create index site_search_grams_idx on site using gin (string_to_array(search_grams, ' '))`.execute(
      db,
    );
    await sql`create index site_search_order_idx on site (region_code, name, id) include (search_text, uscc)`.execute(
      db,
    );
  } else {
    await sql`create index site_search_order_idx on site (region_code, name, id, search_text, uscc)`.execute(
      db,
    );
    await sql`create table site_search (no integer primary key, site_id text not null unique)`.execute(db);
    await sql`create virtual table site_search_fts using fts5(grams, content='', contentless_delete=1, detail=none)`.execute(
      db,
    );
    const no = (ref: string) => sql.raw(`(select no from site_search where site_id = ${ref}.id)`);
    await sql`create trigger site_search_insert after insert on site begin
      insert into site_search (site_id) values (new.id);
      insert into site_search_fts (rowid, grams) values (${no("new")}, new.search_grams);
    end`.execute(db);
    await sql`create trigger site_search_update after update of search_grams on site begin
      insert or ignore into site_search (site_id) values (new.id);
      delete from site_search_fts where rowid = ${no("new")};
      insert into site_search_fts (rowid, grams) values (${no("new")}, new.search_grams);
    end`.execute(db);
    await sql`create trigger site_search_delete after delete on site begin
      delete from site_search_fts where rowid = ${no("old")};
      delete from site_search where site_id = old.id;
    end`.execute(db);
  }
  // the sites registered so far (the update trigger indexes them on SQLite)
  let after = "";
  for (;;) {
    const rows = (
      await sql<{ id: string; name: string; address: string }>`select id, name, address from site
        where id > ${after} order by id limit 1000`.execute(db)
    ).rows;
    if (rows.length === 0) break;
    for (const r of rows)
      await sql`update site set search_text = ${siteSearchText(r.name, r.address)},
        search_grams = ${siteSearchGrams(r.name, r.address)} where id = ${r.id}`.execute(db);
    after = rows[rows.length - 1].id;
  }
}
