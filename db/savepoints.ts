import { sql } from "kysely";
import type { Tx } from "./db";

/** Opens a savepoint in the current transaction (`name`: a plain identifier made by the caller). */
export async function savepoint(tx: Tx, name: string): Promise<void> {
  await sql.raw(`savepoint ${name}`).execute(tx);
}

/** Rolls the transaction back to the savepoint `name` (it stays open). */
export async function rollbackToSavepoint(tx: Tx, name: string): Promise<void> {
  await sql.raw(`rollback to ${name}`).execute(tx);
}
