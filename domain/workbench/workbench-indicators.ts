import type { Role } from "../auth/roles";

/** The work queues of the case list (db/queries/case-list-queries.ts `caseQueues`). */
export type WorkQueue =
  | "all"
  | "to_triage"
  | "to_accept"
  | "to_handle"
  | "to_approve"
  | "to_recheck"
  | "to_close"
  | "overdue"
  | "escalated"
  | "mine";

/** A workbench count: the case list it links to is exactly this filter (queue + deadline state). */
export interface CaseIndicator {
  key: string;
  zh: string;
  en: string;
  filter: { queue: WorkQueue; deadlineState?: "due_soon" };
}

/**
 * The case counts of the workbench, in the order shown. Each is the total of one case-list filter, so the
 * number on the workbench and the rows of the list it opens are the same query.
 */
export const caseIndicators: readonly CaseIndicator[] = [
  { key: "to_triage", zh: "待受理", en: "To triage", filter: { queue: "to_triage" } },
  { key: "to_accept", zh: "待签收", en: "To accept", filter: { queue: "to_accept" } },
  { key: "to_handle", zh: "待反馈", en: "To feed back", filter: { queue: "to_handle" } },
  { key: "to_recheck", zh: "待复查", en: "To re-check", filter: { queue: "to_recheck" } },
  { key: "due_soon", zh: "即将超期", en: "Due soon", filter: { queue: "all", deadlineState: "due_soon" } },
  { key: "overdue", zh: "已超期", en: "Overdue", filter: { queue: "overdue" } },
  { key: "escalated", zh: "督办", en: "Escalated", filter: { queue: "escalated" } },
  { key: "to_approve", zh: "待审批", en: "Parking to approve", filter: { queue: "to_approve" } },
];

/**
 * Which counts a role sees: the queues its case list offers (`queuesFor`), plus "due soon" for every role
 * that has an overdue queue. A role with no case list (administrators) sees none.
 */
export function indicatorsFor(queues: readonly WorkQueue[]): CaseIndicator[] {
  return caseIndicators.filter((i) =>
    i.key === "due_soon" ? queues.includes("overdue") : queues.includes(i.filter.queue),
  );
}

/** Roles that have a workbench (the administrators keep users, security and the trail, not cases). */
export const workbenchRoles: readonly Role[] = [
  "province_office",
  "city_office",
  "county_office",
  "lead_department",
  "cooperating_department",
  "township_station",
  "grid_worker",
  "committee_member",
  "service_provider",
];

/**
 * The tab a case list opens on: the first (the role's default) when it has items, otherwise the first
 * work queue that has items, never "all" or "mine" before a work queue; the default when every one is empty.
 */
export function openingQueue<Q extends string>(
  queues: readonly { queue: Q; count: number }[],
): Q | undefined {
  if (queues.length === 0) return undefined;
  if (queues[0].count > 0) return queues[0].queue;
  const work = queues.find((q) => q.count > 0 && q.queue !== "all" && q.queue !== "mine");
  const any = queues.find((q) => q.count > 0);
  return (work ?? any ?? queues[0]).queue;
}
