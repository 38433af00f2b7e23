import { randomUUID } from "node:crypto";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  deleteRoutingRuleRow,
  findRoutingRule,
  insertRoutingRule,
  updateRoutingRuleRow,
} from "../../../db/queries/routing-queries";
import type { Actor } from "../../../domain/auth/actor";
import type { RoutingRule, RoutingRuleInput } from "../../../domain/department/routing";
import { AppError } from "../../../domain/errors";
import { routingPolicy } from "../../../domain/policies/routing-policy";
import type { Deps } from "../../deps";

function event(action: string, rule: RoutingRule, data: Record<string, unknown>) {
  return {
    action,
    subjectType: "routing_rule",
    subjectId: rule.id,
    regionCode: rule.regionPrefix || null,
    data,
  };
}

export async function createRoutingRule(
  deps: Deps,
  actor: Actor | null,
  input: RoutingRuleInput,
  id?: string,
) {
  const rule: RoutingRule = { id: id ?? randomUUID(), ...input };
  if (actor && !routingPolicy.manage(actor, rule)) throw new AppError("forbidden");
  await deps.db.transaction().execute(async (tx) => {
    await insertRoutingRule(tx, rule, deps.clock.now().toISOString());
    await insertEvent(tx, actor, event("routing_rule.created", rule, { ...input }), deps.clock.now());
  });
  return rule;
}

export async function updateRoutingRule(
  deps: Deps,
  actor: Actor,
  id: string,
  input: Partial<RoutingRuleInput>,
) {
  return deps.db.transaction().execute(async (tx) => {
    const rule = await findRoutingRule(tx, id);
    if (!rule) throw new AppError("not_found");
    const next = { ...rule, ...input };
    if (!routingPolicy.manage(actor, rule) || !routingPolicy.manage(actor, next))
      throw new AppError("forbidden");
    await updateRoutingRuleRow(tx, id, input, deps.clock.now().toISOString());
    await insertEvent(
      tx,
      actor,
      event("routing_rule.updated", next, { before: rule, after: next }),
      deps.clock.now(),
    );
    return next;
  });
}

export async function deleteRoutingRule(deps: Deps, actor: Actor, id: string) {
  await deps.db.transaction().execute(async (tx) => {
    const rule = await findRoutingRule(tx, id);
    if (!rule) throw new AppError("not_found");
    if (!routingPolicy.manage(actor, rule)) throw new AppError("forbidden");
    await deleteRoutingRuleRow(tx, id);
    await insertEvent(tx, actor, event("routing_rule.deleted", rule, { before: rule }), deps.clock.now());
  });
}
