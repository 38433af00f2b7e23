import type { Actor } from "../../../domain/auth/actor";
import { deliveryGate } from "../../../domain/policies/delivery-policy";
import { patrolGate } from "../../../domain/policies/patrol-policy";
import type { Deps } from "../../deps";
import { myDeliveries } from "../deliveries/read-delivery";
import { myPatrols } from "../patrols/my-patrols";

export interface FieldCount {
  key: "patrols_due" | "patrols_overdue" | "deliveries_pending";
  zh: string;
  en: string;
  count: number;
  /** The field app's screen listing exactly these items. */
  href: string;
}

/**
 * The field counts of the workbench, taken from the very lists the field app shows (GET /patrols/mine,
 * GET /deliveries/mine), only for roles that have those lists: patrols due this period, overdue, and sites
 * of deliveries still pending. A role without the list gets no count (not a zero).
 */
export async function fieldCounts(deps: Deps, actor: Actor): Promise<FieldCount[]> {
  const out: FieldCount[] = [];
  if (patrolGate.record(actor)) {
    const mine = await myPatrols(deps, actor);
    const of = (s: string) => mine.items.filter((i) => i.status === s).length;
    out.push({ key: "patrols_due", zh: "待巡查", en: "Patrols due", count: of("due"), href: "/m/" });
    out.push({
      key: "patrols_overdue",
      zh: "巡查逾期",
      en: "Patrols overdue",
      count: of("overdue"),
      href: "/m/",
    });
  }
  if (deliveryGate.mine(actor)) {
    const mine = await myDeliveries(deps, actor);
    const pending = mine.reduce((n, d) => n + d.sites.filter((s) => s.status === "pending").length, 0);
    out.push({
      key: "deliveries_pending",
      zh: "待送达",
      en: "Deliveries pending",
      count: pending,
      href: "/m/deliveries",
    });
  }
  return out;
}
