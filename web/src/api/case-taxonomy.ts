import { forgetCaseCategories } from "./cases";
import { api, queryString } from "./client";

/** The configured row of a category at one region (null fields inherit from the level above). */
export interface CategoryConfig {
  id: string;
  regionPrefix: string;
  code: string;
  zh: string | null;
  en: string | null;
  defaultDepartmentKind: string | null;
  active: boolean | null;
}

/** One category of a region's effective taxonomy (GET /case-categories?region=). */
export interface TaxonomyCategory {
  code: string;
  zh: string;
  en: string;
  label: string;
  defaultDepartmentKind: string;
  defaultDepartmentKindLabel: string;
  active: boolean;
  builtIn: boolean;
  /** The region whose configuration shaped it last; null for an untouched built-in. */
  regionPrefix: string | null;
  /** The row configured at exactly this region, if any. */
  config: CategoryConfig | null;
}

export interface Taxonomy {
  region: string;
  items: TaxonomyCategory[];
  abilities: { manage: boolean };
}

export type CategoryConfigInput = Partial<
  Pick<CategoryConfig, "zh" | "en" | "defaultDepartmentKind" | "active">
>;

export const fetchTaxonomy = (region: string) =>
  api.get<Taxonomy>(`/case-categories${queryString({ region })}`);

/** Every change forgets the taxonomies other pages fetched (the report form reads them again). */
const changed = async <T>(p: Promise<T>) => {
  const r = await p;
  forgetCaseCategories();
  return r;
};

export const createCategoryConfig = (input: { regionPrefix: string; code: string } & CategoryConfigInput) =>
  changed(api.post<CategoryConfig>("/case-categories", input));

export const updateCategoryConfig = (id: string, patch: CategoryConfigInput) =>
  changed(api.patch<CategoryConfig>(`/case-categories/${encodeURIComponent(id)}`, patch));

export const deleteCategoryConfig = (id: string) =>
  changed(api.delete(`/case-categories/${encodeURIComponent(id)}`));

export type DeadlineUnit = "working_days" | "working_hours";

export interface DeadlineRuleView {
  id: string;
  regionPrefix: string;
  category: string | null;
  type: string | null;
  stage: string;
  unit: DeadlineUnit;
  amount: number;
  builtIn: boolean;
}

export type DeadlineRuleInput = Omit<DeadlineRuleView, "id" | "builtIn">;

export const fetchDeadlineRules = (region: string) =>
  api
    .get<{ items: DeadlineRuleView[] }>(`/case-deadline-rules${queryString({ region })}`)
    .then((r) => r.items);

export const createDeadlineRule = (input: DeadlineRuleInput) =>
  api.post<DeadlineRuleView>("/case-deadline-rules", input);

export const deleteDeadlineRule = (id: string) =>
  api.delete(`/case-deadline-rules/${encodeURIComponent(id)}`);
