import type { Tx } from "../../../db/db";
import { countyDepartments, departmentsThatHeld } from "../../../db/queries/case-lookup-queries";
import { type CaseSite, findCaseSite } from "../../../db/queries/case-site-queries";
import { onceInTx } from "../../../db/tx-memo";
import { suggestDepartment } from "../../../domain/case/case-categories";
import type { Case } from "../../../domain/case/case-types";
import { categoriesByCode } from "../../../domain/case/category-taxonomy";
import { departmentKindLabel } from "../../../domain/department/department-kinds";
import { taxonomyOf } from "./case-taxonomy";

export interface DepartmentSuggestion {
  departmentId: string;
  departmentName: string;
  /**
   * `site`: the site's regulator from the routing table; `category`: the category's default department kind;
   * `chosen`: named at triage or by the department that returned the case.
   */
  source: "site" | "category" | "chosen" | "lead";
  explanation: { zh: string; en: string };
}

type Facts = Pick<Case, "id" | "siteId" | "category" | "regionCode">;

/**
 * The department a case should go to, with the rule that chose it: the site's regulator (assigned by the
 * routing table when the site was registered), else the first department of the default kind that the
 * county's taxonomy gives the category (built-in or configured).
 * Departments in `exclude` (those that returned or already held the case) are skipped.
 */
export async function suggestDepartmentFor(
  tx: Tx,
  kase: Facts,
  exclude: string[] = [],
  knownSite?: CaseSite,
): Promise<DepartmentSuggestion | null> {
  const departments = await departmentsOfCounty(tx, kase.regionCode.slice(0, 6));
  const name = (id: string) => departments.find((d) => d.id === id)?.name ?? id;
  if (kase.siteId) {
    const site = knownSite?.id === kase.siteId ? knownSite : await findCaseSite(tx, kase.siteId);
    if (
      site?.departmentId &&
      !exclude.includes(site.departmentId) &&
      departments.some((d) => d.id === site.departmentId)
    )
      return {
        departmentId: site.departmentId,
        departmentName: name(site.departmentId),
        source: "site",
        explanation: site.departmentReason ?? {
          zh: "场所登记的负有安全监管职责的部门",
          en: "The regulator recorded for the site",
        },
      };
  }
  // The county's taxonomy: a configured category (or a re-targeted built-in) brings its own kind.
  const categories = categoriesByCode(await taxonomyOf(tx, kase.regionCode));
  const cooperating = departments.filter((d) => d.gridRole !== "lead");
  const id =
    suggestDepartment(categories, kase.category, cooperating, exclude) ??
    suggestDepartment(categories, kase.category, departments, exclude);
  if (!id) {
    // Never a dead end: with no department of the category's kind left (all returned it, or the county
    // has none), the lead department is suggested to handle or coordinate the case itself.
    const lead = departments.find((d) => d.gridRole === "lead" && !exclude.includes(d.id));
    return lead
      ? {
          departmentId: lead.id,
          departmentName: lead.name,
          source: "lead",
          explanation: {
            zh: "没有其他对应职责的部门可派，建议由牵头部门自行办理或协调",
            en: "No other department fits: the lead department handles or coordinates it",
          },
        }
      : null;
  }
  const category = categories[kase.category];
  const kind = departmentKindLabel[category.defaultDepartmentKind];
  return {
    departmentId: id,
    departmentName: name(id),
    source: "category",
    explanation: {
      zh: `依据行业类别「${category.zh}」，默认由${kind.zh}负责（按"三管三必须"分工）`,
      en: `Category ${category.en} is by default in the remit of the ${kind.en}`,
    },
  };
}

/** Active departments of a county, read once per transaction (case commands never write departments). */
export function departmentsOfCounty(tx: Tx, countyCode: string) {
  return onceInTx(tx, `county-departments:${countyCode}`, () => countyDepartments(tx, countyCode));
}

/** After a return: the next department, skipping every department that returned or held the case. */
export async function suggestNextDepartment(tx: Tx, kase: Facts, exclude: string[]) {
  const held = await departmentsThatHeld(tx, kase.id);
  return suggestDepartmentFor(tx, kase, [...new Set([...exclude, ...held])]);
}

/**
 * The suggestion shown on a case waiting for triage or dispatch: the department the case records (from the
 * report, named at triage, or the next one chosen when a department returned it), explained by the rule
 * that gives it when one does. Departments that returned or held the case are never suggested again.
 */
export async function currentSuggestion(
  tx: Tx,
  kase: Facts & Pick<Case, "suggestedDepartmentId" | "returnCount">,
): Promise<DepartmentSuggestion | null> {
  const held = kase.returnCount > 0 ? await departmentsThatHeld(tx, kase.id) : [];
  const rule = await suggestDepartmentFor(tx, kase, held);
  const chosen = kase.suggestedDepartmentId;
  if (!chosen || chosen === rule?.departmentId || held.includes(chosen)) return rule;
  const department = (await departmentsOfCounty(tx, kase.regionCode.slice(0, 6))).find(
    (d) => d.id === chosen,
  );
  if (!department) return rule;
  return {
    departmentId: chosen,
    departmentName: department.name,
    source: "chosen",
    explanation: {
      zh: "受理分类或退回时指定的承办部门",
      en: "Named at triage or by the department that returned the case",
    },
  };
}
