import { describe, expect, it } from "vitest";
import { migrateTo, migrateToLatest, migrationState } from "./migrate";
import { migrations } from "./migrations";
import { createTestDatabase, testDialects } from "./test-db";

const names = Object.keys(migrations).sort();

for (const dialect of testDialects())
  describe(`migration state [${dialect}]`, () => {
    it("names every migration pending on an empty database, the rest after some, none after all", async () => {
      const database = await createTestDatabase(dialect, { blank: true });
      try {
        expect(await migrationState(database)).toEqual({ applied: [], pending: names });
        const middle = names[Math.floor(names.length / 2)]!;
        await migrateTo(database, middle);
        const part = await migrationState(database);
        expect(part.applied).toEqual(names.slice(0, names.indexOf(middle) + 1));
        expect(part.pending).toEqual(names.slice(names.indexOf(middle) + 1));
        await migrateToLatest(database);
        expect(await migrationState(database)).toEqual({ applied: names, pending: [] });
      } finally {
        await database.close();
      }
    });

    it("reads the schema the connection uses when the database handle does not name one", async () => {
      const database = await createTestDatabase(dialect);
      try {
        const unnamed = { db: database.db, dialect: database.dialect, close: async () => {} };
        expect((await migrationState(unnamed)).pending).toEqual([]);
      } finally {
        await database.close();
      }
    });
  });
