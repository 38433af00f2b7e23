import { randomUUID } from "node:crypto";
import type { Tx } from "../../../db/db";
import {
  type CategoryConfigRow,
  categoryConfigsBelow,
  categoryConfigsFor,
  categoryInUse,
  deleteCategoryConfig,
  findCategoryConfig,
  findCategoryConfigAt,
  insertCategoryConfig,
  updateCategoryConfig,
} from "../../../db/queries/case-category-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { isUniqueViolation } from "../../../db/queries/idempotency-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import {
  type CategoryConfig,
  caseCategoryInput,
  caseCategoryPatch,
  categoryConfigProblem,
  effectiveCategories,
} from "../../../domain/case/category-taxonomy";
import { AppError } from "../../../domain/errors";
import { caseTaxonomyPolicy } from "../../../domain/policies/case-taxonomy-policy";
import type { Deps } from "../../deps";

const bad = (path: string, zh: string, en: string) =>
  new AppError("validation_failed", { zh, en, details: { issues: [{ path, message: zh }] } });

const duplicate = () =>
  bad("code", "该地区已配置此类别，请编辑原有配置", "This region already configures the category; edit it");

/** The region's taxonomy without the row `except` (what the region inherits plus its other rows). */
async function taxonomyWithout(tx: Tx, regionPrefix: string, except?: string) {
  const configs = (await categoryConfigsFor(tx, [regionPrefix])).filter((c) => c.id !== except);
  return effectiveCategories(configs, regionPrefix);
}

function check(inherited: Awaited<ReturnType<typeof taxonomyWithout>>, row: CategoryConfig) {
  const problem = categoryConfigProblem(inherited, row);
  if (problem) throw bad(problem.path, problem.zh, problem.en);
}

/** What a configured category shows (in the API and in the trail), without its id. */
export const categoryConfigView = (c: CategoryConfig) => ({
  regionPrefix: c.regionPrefix,
  code: c.code,
  zh: c.zh,
  en: c.en,
  defaultDepartmentKind: c.defaultDepartmentKind,
  active: c.active,
});

/** A row the actor may see (404 otherwise) and change (403 otherwise). */
async function manageable(tx: Tx, actor: Actor, id: string): Promise<CategoryConfigRow> {
  const row = await findCategoryConfig(tx, id);
  if (!row || !caseTaxonomyPolicy.read(actor, row.regionPrefix)) throw new AppError("not_found");
  if (!caseTaxonomyPolicy.manage(actor, row.regionPrefix)) throw new AppError("forbidden");
  return row;
}

/**
 * Configures a category for a region: a new category (code, name, department kind) or an override of one
 * the region has (same code; only the fields given). One row per region and code: a second is refused.
 */
export async function createCaseCategory(deps: Deps, actor: Actor, raw: unknown) {
  const input = parseInput(caseCategoryInput, raw);
  if (!caseTaxonomyPolicy.manage(actor, input.regionPrefix)) throw new AppError("forbidden");
  const row: CategoryConfig = {
    id: randomUUID(),
    regionPrefix: input.regionPrefix,
    code: input.code,
    zh: input.zh ?? null,
    en: input.en ?? null,
    defaultDepartmentKind: input.defaultDepartmentKind ?? null,
    active: input.active ?? null,
  };
  const now = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (tx) => {
      if (await findCategoryConfigAt(tx, row.regionPrefix, row.code)) throw duplicate();
      const inherited = await taxonomyWithout(tx, row.regionPrefix);
      check(inherited, row);
      await insertCategoryConfig(tx, row, actor.id, now.toISOString());
      await insertEvent(
        tx,
        actor,
        {
          action: "case_category.created",
          subjectType: "case_category",
          subjectId: row.id,
          regionCode: row.regionPrefix,
          data: { ...categoryConfigView(row), override: inherited.some((c) => c.code === row.code) },
        },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
  return row;
}

/** Changes the fields a configured row sets (null: inherit again), e.g. `{ active: false }`. */
export async function updateCaseCategory(deps: Deps, actor: Actor, id: string, raw: unknown) {
  const patch = parseInput(caseCategoryPatch, raw);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const before = await manageable(tx, actor, id);
    const { createdAt: _c, updatedAt: _u, ...current } = before;
    const next: CategoryConfig = {
      ...current,
      zh: patch.zh === undefined ? current.zh : patch.zh,
      en: patch.en === undefined ? current.en : patch.en,
      defaultDepartmentKind:
        patch.defaultDepartmentKind === undefined
          ? current.defaultDepartmentKind
          : patch.defaultDepartmentKind,
      active: patch.active === undefined ? current.active : patch.active,
    };
    check(await taxonomyWithout(tx, next.regionPrefix, id), next);
    await updateCategoryConfig(tx, next, now.toISOString());
    await insertEvent(
      tx,
      actor,
      {
        action: "case_category.updated",
        subjectType: "case_category",
        subjectId: id,
        regionCode: next.regionPrefix,
        data: { before: categoryConfigView(before), after: categoryConfigView(next) },
      },
      now,
    );
    return next;
  });
}

/**
 * Removes a region's row: the category falls back to what the region inherits. A category that exists
 * only through this row cannot be removed while cases of the region use it or regions below configure it
 * (409; deactivate it instead).
 */
export async function deleteCaseCategory(deps: Deps, actor: Actor, id: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await manageable(tx, actor, id);
    const inherited = await taxonomyWithout(tx, row.regionPrefix, id);
    if (!inherited.some((c) => c.code === row.code)) {
      if (await categoryInUse(tx, row.regionPrefix, row.code))
        throw new AppError("conflict", {
          zh: "已有案件使用该类别，不能删除，请改为停用",
          en: "Cases use this category; deactivate it instead",
        });
      if ((await categoryConfigsBelow(tx, row.regionPrefix, row.code)).some((c) => c.id !== id))
        throw new AppError("conflict", {
          zh: "下级地区仍配置了该类别，请先删除下级的配置",
          en: "Regions below still configure this category",
        });
    }
    await deleteCategoryConfig(tx, id);
    await insertEvent(
      tx,
      actor,
      {
        action: "case_category.deleted",
        subjectType: "case_category",
        subjectId: id,
        regionCode: row.regionPrefix,
        data: { before: categoryConfigView(row) },
      },
      now,
    );
  });
}
