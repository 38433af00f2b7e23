import { useEffect, useState } from "react";
import { defaultCaseCategories } from "../../../../domain/case/case-categories";
import { type CaseCategoryItem, fetchCaseCategories } from "../../api/cases";

const fallback: CaseCategoryItem[] = Object.entries(defaultCaseCategories).map(([code, c]) => ({
  code,
  zh: c.zh,
  en: c.en,
  defaultDepartmentKind: c.defaultDepartmentKind,
  active: true,
}));

/**
 * The category taxonomy of a region's county from the server (the user's own region without one): the
 * built-ins as configured by the province, city and county, inactive ones included (flagged). The domain
 * defaults until it answers or if it fails.
 */
export function useCaseCategories(region?: string): CaseCategoryItem[] {
  const county = region && region.length > 6 ? region.slice(0, 6) : region;
  const [items, setItems] = useState<CaseCategoryItem[]>(fallback);
  useEffect(() => {
    let alive = true;
    fetchCaseCategories(county)
      .then((list) => alive && list.length > 0 && setItems(list))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [county]);
  return items;
}
