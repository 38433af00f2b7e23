// Child process for the durability test: reports the connection's durability settings, commits writes,
// acknowledges each on stdout, then waits to be killed.
import { openDatabase, sqliteDurability } from "../db";
import { migrateToLatest } from "../migrate";
import { insertEvent } from "../queries/event-queries";

const database = openDatabase({ file: process.argv[2] });
await migrateToLatest(database);
const { synchronous, journalMode } = await sqliteDurability(database.db);
process.stdout.write(`synchronous ${synchronous} journal ${journalMode}\n`);
for (let i = 0; i < 20; i++) {
  const { id } = await database.db
    .transaction()
    .execute((tx) =>
      insertEvent(
        tx,
        null,
        { action: "test.durable", subjectType: "test", subjectId: `d${i}`, regionCode: null, data: { i } },
        new Date(),
      ),
    );
  process.stdout.write(`ack ${id}\n`);
}
setInterval(() => {}, 1000);
