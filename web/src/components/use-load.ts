import { useCallback, useEffect, useState } from "react";
import { useLatest } from "./use-latest";

/**
 * What a page shows from one request: `data`, `loading`, `error` and `reload`. Loads whenever `fetch`
 * changes (wrap it in useCallback with what it depends on); `fetch` returning null loads nothing. Only
 * the latest request's answer is kept. After an error `data` stays as it was, or is cleared with
 * `clearOnError`.
 */
export function useLoad<T>(fetch: () => Promise<T> | null, opts: { clearOnError?: boolean } = {}) {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const begin = useLatest();
  const { clearOnError = false } = opts;
  const reload = useCallback(async () => {
    const request = fetch();
    if (!request) return;
    const current = begin();
    setLoading(true);
    setError(null);
    try {
      const next = await request;
      if (current()) setData(next);
    } catch (err) {
      if (!current()) return;
      setError(err);
      if (clearOnError) setData(null);
    } finally {
      if (current()) setLoading(false);
    }
  }, [fetch, begin, clearOnError]);
  useEffect(() => {
    reload();
  }, [reload]);
  return { data, loading, error, reload };
}
