import type { Actor } from "../../../domain/auth/actor";
import { engagedTargetGate } from "../../../domain/policies/provider-policy";
import {
  type EngagedWork,
  engagedWorkKinds,
  engagedWorkLabel,
  needsWork,
} from "../../../domain/provider/engaged-work";
import type { Deps } from "../../deps";
import { myTargets } from "../provider/engaged-work";

export interface EngagedCount {
  key: `engaged_${EngagedWork}`;
  zh: string;
  en: string;
  count: number;
  /** 我的委托 filtered to exactly these items (GET /provider/targets?work=…). */
  href: string;
}

/**
 * The expert's workbench counts (R27): their active engagements' sites to assess, cases to guide and items
 * whose engagement ends soon — read through 我的委托's own list (`myTargets`) and kept by the same predicate
 * its `work` filter applies. Roles without 我的委托 get no count (not a zero).
 */
export async function engagedCounts(deps: Deps, actor: Actor): Promise<EngagedCount[]> {
  if (!engagedTargetGate.read(actor)) return [];
  const { today, items } = await myTargets(deps, actor);
  return engagedWorkKinds.map((work) => ({
    key: `engaged_${work}` as const,
    ...engagedWorkLabel[work],
    count: items.filter((x) => needsWork(x, work, today)).length,
    href: `/engaged?work=${work}`,
  }));
}
