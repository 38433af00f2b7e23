import { createHash, randomUUID } from "node:crypto";
import { insertEvidence } from "../../db/queries/case-evidence-queries";
import {
  anyDeliveryUnder,
  findSiteForDelivery,
  insertDeliveryRecord,
  listTargetSites,
  recordTarget,
} from "../../db/queries/delivery-queries";
import { insertEvent } from "../../db/queries/event-queries";
import type { Actor } from "../../domain/auth/actor";
import { addCalendarDays, shanghaiDate } from "../../domain/calendar/shanghai-time";
import type { DeliveryTargetFilter } from "../../domain/schemas/delivery-schemas";
import { checkFieldRecord } from "../../domain/schemas/field-schemas";
import { storeDelivery } from "../commands/deliveries/create-delivery";
import type { Deps } from "../deps";
import { evidenceStore } from "../storage/evidence-stores";
import type { DemoPlaces } from "./demo-accounts";
import { demoActor } from "./demo-actor";

/** A 1×1 PNG standing in for the on-site photo or the signature drawn on the phone. */
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const refusals = ["负责人外出，店员不肯签收", "称未收到上级通知，拒绝签字", "已停业，无人签收"];
const day = 86_400_000;

/**
 * Sends one delivery as `sender` (its targets resolved as the command does), `daysAgo` days ago, and
 * records the share given of its targets by the grid worker of each site: delivered with a photo, every
 * seventh refused with a reason.
 */
async function demoDelivery(
  deps: Deps,
  sender: Actor,
  spec: { title: string; body: string; filter: DeliveryTargetFilter; daysAgo: number; recorded: number },
) {
  const now = deps.clock.now().getTime();
  const sentAt = new Date(now - spec.daysAgo * day);
  const sites = await listTargetSites(deps.db, sender, spec.filter, 5000);
  if (sites.length === 0) return;
  const sha = createHash("sha256").update(png).digest("hex");
  await evidenceStore(deps).put(sha, png, "image/png");
  const id = randomUUID();
  await deps.db.transaction().execute(async (tx) => {
    await storeDelivery(
      tx,
      sender,
      {
        id,
        filter: spec.filter,
        title: spec.title,
        body: spec.body,
        documentEvidenceId: null,
        dueDate: addCalendarDays(shanghaiDate(sentAt), 14),
      },
      sites,
      sentAt,
      { demo: true },
    );
    const upTo = Math.round(sites.length * spec.recorded);
    for (const [i, s] of sites.slice(0, upTo).entries()) {
      const site = await findSiteForDelivery(tx, s.id);
      if (!site?.workerId || site.lon === null || site.lat === null) continue;
      const at = new Date(sentAt.getTime() + (i + 1) * (day / 5));
      const refused = i % 7 === 3;
      const location = { lng: site.lon + 0.0003, lat: site.lat + 0.0002, accuracy: 15 };
      const check = checkFieldRecord({
        clientAt: at.toISOString(),
        receivedAt: at.toISOString(),
        location,
        site: { lng: site.lon, lat: site.lat },
      });
      const evidenceIds: string[] = [];
      if (!refused) {
        const ev = randomUUID();
        await insertEvidence(tx, {
          id: ev,
          sha256: sha,
          fileName: i % 2 ? "签收签名.png" : "送达照片.png",
          mimeType: "image/png",
          size: png.length,
          uploadedBy: site.workerId,
          uploadedAt: at.toISOString(),
          caseId: null,
          regionCode: site.regionCode,
        });
        evidenceIds.push(ev);
      }
      const recordId = randomUUID();
      const outcome = refused ? ("refused" as const) : ("delivered" as const);
      const reason = refused ? refusals[i % refusals.length] : null;
      await insertDeliveryRecord(tx, {
        id: recordId,
        deliveryId: id,
        siteId: s.id,
        outcome,
        reason,
        clientAt: at.toISOString(),
        receivedAt: at.toISOString(),
        lng: location.lng,
        lat: location.lat,
        accuracy: location.accuracy,
        distanceM: check.distanceM,
        flags: JSON.stringify(check.flags),
        evidenceIds: JSON.stringify(evidenceIds),
        recordedBy: site.workerId,
      });
      await recordTarget(tx, id, s.id, outcome, recordId);
      await insertEvent(
        tx,
        { id: site.workerId, role: "grid_worker" },
        {
          action: "delivery.recorded",
          subjectType: "delivery",
          subjectId: id,
          regionCode: s.regionCode,
          data: {
            recordId,
            siteId: s.id,
            siteName: s.name,
            outcome,
            reason,
            flags: check.flags,
            evidenceIds,
            demo: true,
          },
        },
        at,
      );
    }
  });
}

/**
 * Document delivery in the demo county (R15): the market regulator's winter notice to every gas station,
 * mostly delivered, a few refused; and the emergency department's inspection notice to every site of the demo
 * village, just sent (the demo worker has some to hand over).
 */
export async function demoDeliveries(deps: Deps, places: DemoPlaces): Promise<void> {
  if (await anyDeliveryUnder(deps.db, places.county)) return;
  const market = await demoActor(deps, "market");
  const lead = await demoActor(deps, "lead");
  if (market)
    await demoDelivery(deps, market, {
      title: "关于加强加油站冬季安全管理的通知",
      body: "各加油站：入冬以来气温骤降，请落实卸油作业监护、静电接地检测和消防器材检查，收到通知后签收并张贴于站内醒目位置。",
      filter: { region: places.county, industry: "5265" },
      daysAgo: 6,
      recorded: 0.75,
    });
  if (lead)
    await demoDelivery(deps, lead, {
      title: "岁末年初安全生产大检查告知书",
      body: "请各单位对照安全检查表开展自查，整改“三合一”、私拉电线、消防通道堵塞等隐患，检查组将于两周内抽查。",
      filter: { region: places.village },
      daysAgo: 1,
      recorded: 0.1,
    });
}
