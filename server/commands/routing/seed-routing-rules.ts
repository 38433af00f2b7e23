import { insertEvent } from "../../../db/queries/event-queries";
import { countRoutingRules, insertRoutingRule } from "../../../db/queries/routing-queries";
import { defaultRoutingRules } from "../../../domain/department/routing";
import type { Deps } from "../../deps";

/** Fills an empty routing table with the default "三管三必须" rules. */
export async function seedRoutingRules(deps: Deps): Promise<number> {
  if ((await countRoutingRules(deps.db)) > 0) return 0;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    for (const rule of defaultRoutingRules) await insertRoutingRule(tx, rule, now.toISOString());
    await insertEvent(
      tx,
      null,
      {
        action: "routing_rules.seeded",
        subjectType: "routing_rule",
        subjectId: "default",
        regionCode: null,
        data: { count: defaultRoutingRules.length },
      },
      now,
    );
  });
  return defaultRoutingRules.length;
}
