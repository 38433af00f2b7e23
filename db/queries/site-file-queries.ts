import type { Tx } from "../db";

/** Case events that belong in a site's file too: how the site's cases ended (or came back). */
export const siteCaseOutcomes = ["case.closed", "case.rejected", "case.reopened", "case.accepted_onsite"];

/**
 * Trail events about a site written under another subject (R22, the site file): the closure (and rejection,
 * reopening) of the cases reported at the site, and the delivery of documents to it (`delivery.recorded`
 * carries the site in its data; the caller keeps the site's own records). Oldest first, with the case number.
 */
export async function listSiteRelatedEvents(db: Tx, siteId: string) {
  const cases = await db
    .selectFrom("event")
    .innerJoin("caseRecord", "caseRecord.id", "event.subjectId")
    .selectAll("event")
    .select("caseRecord.number as caseNumber")
    .where("event.subjectType", "=", "case")
    .where("caseRecord.siteId", "=", siteId)
    .where("event.action", "in", siteCaseOutcomes)
    .orderBy("event.id")
    .execute();
  const deliveries = await db
    .selectFrom("event")
    .innerJoin("deliveryTarget", "deliveryTarget.deliveryId", "event.subjectId")
    .selectAll("event")
    .where("event.subjectType", "=", "delivery")
    .where("event.action", "=", "delivery.recorded")
    .where("deliveryTarget.siteId", "=", siteId)
    .orderBy("event.id")
    .execute();
  return { cases, deliveries };
}
