import type { Insertable } from "kysely";
import type { Tx } from "../db";
import type { TipApiClientTable, TipCategoryMapTable } from "../schema/tip-tables";

export function insertTipClient(db: Tx, row: TipApiClientTable) {
  return db.insertInto("tipApiClient").values(row).execute();
}

/** An active (not revoked) client by the hash of its key. */
export function findTipClientByKeyHash(db: Tx, keyHash: string) {
  return db
    .selectFrom("tipApiClient")
    .selectAll()
    .where("keyHash", "=", keyHash)
    .where("revokedAt", "is", null)
    .executeTakeFirst();
}

export function findTipClient(db: Tx, id: string) {
  return db.selectFrom("tipApiClient").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The clients of one kind in the counties under the scope prefixes, newest first. */
export function listTipClients(db: Tx, kind: "open311" | "hotline", scope: string[]) {
  return db
    .selectFrom("tipApiClient")
    .leftJoin("webhook", "webhook.id", "tipApiClient.webhookId")
    .select([
      "tipApiClient.id",
      "tipApiClient.kind",
      "tipApiClient.countyCode",
      "tipApiClient.name",
      "tipApiClient.keyHint",
      "tipApiClient.createdAt",
      "tipApiClient.revokedAt",
      "webhook.url as callbackUrl",
    ])
    .where("tipApiClient.kind", "=", kind)
    .where((eb) =>
      eb.or(
        scope.map((p) =>
          eb.or([
            eb("tipApiClient.countyCode", "like", `${p}%`),
            eb("tipApiClient.countyCode", "=", p.slice(0, 6)),
          ]),
        ),
      ),
    )
    .orderBy("tipApiClient.createdAt", "desc")
    .orderBy("tipApiClient.id")
    .execute();
}

export function revokeTipClientRow(db: Tx, id: string, at: string) {
  return db.updateTable("tipApiClient").set({ revokedAt: at }).where("id", "=", id).execute();
}

/** The tip a platform already sent under its own work-order number. */
export function findTipByExternal(db: Tx, clientId: string, externalNumber: string) {
  return db
    .selectFrom("tip")
    .innerJoin("caseRecord", "caseRecord.id", "tip.caseId")
    .select(["tip.id", "tip.caseId", "caseRecord.number", "caseRecord.stage", "caseRecord.open"])
    .where("tip.clientId", "=", clientId)
    .where("tip.externalNumber", "=", externalNumber)
    .executeTakeFirst();
}

/** The platform (with its callback webhook) a case's tip came from, if any. */
export function findTipPlatformOfCase(db: Tx, caseId: string) {
  return db
    .selectFrom("tip")
    .innerJoin("tipApiClient", "tipApiClient.id", "tip.clientId")
    .leftJoin("webhook", "webhook.id", "tipApiClient.webhookId")
    .select(["tip.id as tipId", "tip.externalNumber", "tipApiClient.webhookId", "webhook.url"])
    .where("tip.caseId", "=", caseId)
    .where("tip.channel", "=", "hotline")
    .executeTakeFirst();
}

export function listCategoryMap(db: Tx, countyCode: string) {
  return db
    .selectFrom("tipCategoryMap")
    .selectAll()
    .where("countyCode", "=", countyCode)
    .orderBy("categoryText")
    .execute();
}

export function findCategoryMapping(db: Tx, countyCode: string, categoryText: string) {
  return db
    .selectFrom("tipCategoryMap")
    .select("kind")
    .where("countyCode", "=", countyCode)
    .where("categoryText", "=", categoryText)
    .executeTakeFirst();
}

/** Replaces a county's mapping table with the given rows. */
export async function replaceCategoryMap(
  db: Tx,
  countyCode: string,
  rows: Insertable<TipCategoryMapTable>[],
) {
  await db.deleteFrom("tipCategoryMap").where("countyCode", "=", countyCode).execute();
  if (rows.length) await db.insertInto("tipCategoryMap").values(rows).execute();
}
