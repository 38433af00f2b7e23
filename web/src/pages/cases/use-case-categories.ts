import { useEffect, useState } from "react";
import { defaultCaseCategories } from "../../../../domain/case/case-categories";
import { type CaseCategoryItem, fetchCaseCategories } from "../../api/cases";

const fallback: CaseCategoryItem[] = Object.entries(defaultCaseCategories).map(([code, c]) => ({
  code,
  zh: c.zh,
  en: c.en,
  defaultDepartmentKind: c.defaultDepartmentKind,
}));

/** The county's category taxonomy from the server (the domain defaults until it answers or if it fails). */
export function useCaseCategories(): CaseCategoryItem[] {
  const [items, setItems] = useState<CaseCategoryItem[]>(fallback);
  useEffect(() => {
    let alive = true;
    fetchCaseCategories()
      .then((list) => alive && list.length > 0 && setItems(list))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  return items;
}
