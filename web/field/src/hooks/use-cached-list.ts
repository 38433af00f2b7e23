import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, apiJson } from "../api/http";
import { emitChange, onChange } from "../store/changes";
import { kvGet, kvSet } from "../store/db";

export interface CachedList<T> {
  data: T | undefined;
  /** fresh: from the server now; cached: from the phone (offline); unavailable: the route does not exist
   * on this server (404) — hide the screen part; missing: nothing yet (offline before the first load). */
  status: "loading" | "fresh" | "cached" | "unavailable" | "missing";
  fetchedAt?: string;
  refresh(): Promise<void>;
}

interface Stored<T> {
  data?: T;
  fetchedAt?: string;
  unavailable?: boolean;
}

/** Fetches a "mine" route into IndexedDB (kv `list:<name>`); returns what is known. Used by the hook. */
export async function refreshList<T>(name: string, path: string): Promise<Stored<T>> {
  try {
    const data = await apiJson<T>(path);
    const stored = { data, fetchedAt: new Date().toISOString() };
    await kvSet(`list:${name}`, stored);
    emitChange("lists");
    return stored;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404 && err.code === "not_found") {
      const stored = { unavailable: true, fetchedAt: new Date().toISOString() };
      await kvSet(`list:${name}`, stored);
      emitChange("lists");
      return stored;
    }
    throw err;
  }
}

/**
 * A "mine" list (e.g. GET /patrols/mine) kept on the phone: shows the cached copy at once, refreshes
 * from the server when online, and says "unavailable" when the server has no such route (404).
 */
export function useCachedList<T>(name: string, path: string): CachedList<T> {
  const [stored, setStored] = useState<Stored<T> | undefined>();
  const [status, setStatus] = useState<CachedList<T>["status"]>("loading");
  /** When this screen last fetched from the server: the copy it stored is fresh, not "cached". */
  const freshAt = useRef<string | undefined>(undefined);
  const load = useCallback(async () => {
    const s = await kvGet<Stored<T>>(`list:${name}`);
    setStored(s);
    const fresh = s?.fetchedAt !== undefined && s.fetchedAt === freshAt.current;
    setStatus(!s ? "missing" : s.unavailable ? "unavailable" : fresh ? "fresh" : "cached");
    return s;
  }, [name]);
  const refresh = useCallback(async () => {
    if (!navigator.onLine) return;
    try {
      const s = await refreshList<T>(name, path);
      freshAt.current = s.fetchedAt;
      setStored(s);
      setStatus(s.unavailable ? "unavailable" : "fresh");
    } catch {
      // offline or server trouble: keep the cached copy
    }
  }, [name, path]);
  useEffect(() => {
    void load().then(() => refresh());
    return onChange("lists", () => void load());
  }, [load, refresh]);
  return { data: stored?.data, status, fetchedAt: stored?.fetchedAt, refresh };
}
