import { randomUUID } from "node:crypto";
import { findScheme, insertScheme, listSchemes } from "../../../db/queries/assessment-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import type { AssessmentSchemeTable } from "../../../db/schema/assessment-tables";
import {
  checkScheme,
  indicatorCatalogue,
  type SchemeDefinition,
  schemeInput,
} from "../../../domain/assessment";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import type { Deps } from "../../deps";

export const presentScheme = (actor: Actor, r: AssessmentSchemeTable) => ({
  id: r.id,
  name: r.name,
  regionCode: r.regionCode,
  level: r.level,
  status: r.status,
  definition: JSON.parse(r.definition) as SchemeDefinition,
  createdAt: r.createdAt,
  abilities: { run: can(actor, "assessmentRun", "run", r) },
});

/** The indicator catalogue with formulas (the console's scheme editor and its hovers). */
export const catalogue = () => ({
  items: indicatorCatalogue.map((i) => ({
    id: i.id,
    zh: i.zh,
    en: i.en,
    unit: i.unit,
    formula: i.formula,
    higherIsBetter: i.higherIsBetter,
    levels: i.levels,
  })),
});

export async function visibleScheme(deps: Deps, actor: Actor, id: string) {
  const row = await findScheme(deps.db, id);
  if (!row || !can(actor, "assessmentScheme", "read", row))
    throw new AppError("scheme_not_found", {
      status: 404,
      zh: "没有这个考核方案",
      en: "No such assessment scheme",
    });
  return row;
}

/** A new scheme (weights add up to 100, every indicator known and fitting the level). */
export async function createScheme(deps: Deps, actor: Actor, raw: unknown) {
  const input = parseInput(schemeInput, raw);
  if (!can(actor, "assessmentScheme", "manage", { regionCode: input.regionCode }))
    throw new AppError("forbidden");
  checkScheme(input);
  const now = deps.clock.now();
  const row: AssessmentSchemeTable = {
    id: randomUUID(),
    regionCode: input.regionCode,
    level: input.level,
    name: input.name,
    definition: JSON.stringify({
      level: input.level,
      indicators: input.indicators,
      manualItems: input.manualItems,
    }),
    status: "active",
    createdBy: actor.id,
    createdAt: now.toISOString(),
  };
  await deps.db.transaction().execute(async (tx) => {
    await insertScheme(tx, row);
    await insertEvent(
      tx,
      actor,
      {
        action: "assessment.scheme_created",
        subjectType: "assessment_scheme",
        subjectId: row.id,
        regionCode: row.regionCode,
        data: { name: row.name, level: row.level, definition: JSON.parse(row.definition) },
      },
      now,
    );
  });
  return presentScheme(actor, row);
}

export async function listSchemeViews(deps: Deps, actor: Actor) {
  const rows = await listSchemes(deps.db, actor);
  return { items: rows.map((r) => presentScheme(actor, r)) };
}
