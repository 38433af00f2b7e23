import type { Tx } from "../../../db/db";
import { categoryConfigsFor } from "../../../db/queries/case-category-queries";
import { onceInTx } from "../../../db/tx-memo";
import { type EffectiveCategory, effectiveCategories } from "../../../domain/case/category-taxonomy";

type Label = { zh: string; en: string };

/**
 * The effective category taxonomy of a region's county (built-ins overridden by its province, city and
 * county rows), read once per transaction: case commands sharing a group commit never write categories.
 */
export function taxonomyOf(tx: Tx, regionCode: string): Promise<EffectiveCategory[]> {
  const county = regionCode.slice(0, 6);
  return onceInTx(tx, `case-categories:${county}`, async () =>
    effectiveCategories(await categoryConfigsFor(tx, [county]), county),
  );
}

/** The key of a configured label in `Names.categories`. */
export const categoryKey = (regionCode: string, code: string) => `${regionCode.slice(0, 6)}:${code}`;

/**
 * Labels of the categories the cases use where their county's taxonomy differs from the built-ins (one
 * query for any number of counties; none needed when nothing is configured). Keyed by `categoryKey`.
 */
export async function categoryLabelsOf(
  db: Tx,
  cases: { regionCode: string; category: string }[],
): Promise<Map<string, Label>> {
  const labels = new Map<string, Label>();
  const counties = [...new Set(cases.map((c) => c.regionCode.slice(0, 6)))];
  if (counties.length === 0) return labels;
  const taxonomies = new Map<string, EffectiveCategory[]>();
  if (counties.length === 1) taxonomies.set(counties[0], await taxonomyOf(db, counties[0]));
  else {
    const configs = await categoryConfigsFor(db, counties);
    if (configs.length === 0) return labels;
    for (const county of counties) taxonomies.set(county, effectiveCategories(configs, county));
  }
  for (const c of cases) {
    const found = taxonomies.get(c.regionCode.slice(0, 6))?.find((x) => x.code === c.category);
    if (found && found.regionPrefix !== null)
      labels.set(categoryKey(c.regionCode, c.category), { zh: found.zh, en: found.en });
  }
  return labels;
}
