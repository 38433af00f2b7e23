import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router-dom";
import type { CaseFilter, CaseQueue } from "../../api/cases";

const keys = [
  "queue",
  "stage",
  "type",
  "category",
  "source",
  "region",
  "grid",
  "siteId",
  "department",
  "deadlineState",
  "escalated",
  "q",
  "reportedFrom",
  "reportedTo",
  "sort",
] as const;

/** The work-queue filter kept in the address (?queue=to_triage&category=gas&page=2), so it can be linked. */
export function useCaseFilter(defaultQueue: CaseQueue | undefined) {
  const [params, setParams] = useSearchParams();
  const filter = useMemo<CaseFilter>(() => {
    const out: Record<string, string | number> = {};
    for (const key of keys) {
      const v = params.get(key);
      if (v) out[key] = v;
    }
    out.page = Number(params.get("page")) || 1;
    out.pageSize = Number(params.get("pageSize")) || 20;
    if (!out.queue && defaultQueue) out.queue = defaultQueue;
    return out as CaseFilter;
  }, [params, defaultQueue]);

  const update = useCallback(
    (patch: Partial<CaseFilter>, resetPage = true) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === "") next.delete(k);
            else next.set(k, String(v));
          }
          if (resetPage && !("page" in patch)) next.delete("page");
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const reset = useCallback(() => {
    setParams((prev) => {
      const next = new URLSearchParams();
      const queue = prev.get("queue");
      if (queue) next.set("queue", queue);
      return next;
    });
  }, [setParams]);

  return { filter, update, reset };
}
