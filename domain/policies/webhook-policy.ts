import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

/** Safety offices and administrators manage the webhooks of their jurisdiction. */
export const canManageWebhooks = (
  actor: Pick<Actor, "id" | "role" | "scope" | "departmentId">,
  regionCode: string,
) => can(actor, "webhook", "manage", { regionCode });

export const webhookGate = routeGates("webhook");
