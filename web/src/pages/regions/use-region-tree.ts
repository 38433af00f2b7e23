import { useCallback, useEffect, useState } from "react";
import { cachedRegion, fetchRegionRoots } from "../../api/regions";
import type { Region } from "../../api/types";

export interface RegionTreeData {
  regions: Map<string, Region>;
  /** Children codes of the regions whose children are loaded. */
  children: Map<string, string[]>;
  roots: string[];
}

const empty: RegionTreeData = { regions: new Map(), children: new Map(), roots: [] };

function withChildren(data: RegionTreeData, parent: Region | null, kids: Region[]): RegionTreeData {
  const regions = new Map(data.regions);
  for (const r of kids) regions.set(r.code, r);
  if (parent) regions.set(parent.code, parent);
  const children = new Map(data.children);
  if (parent)
    children.set(
      parent.code,
      kids.map((r) => r.code),
    );
  return { regions, children, roots: parent ? data.roots : kids.map((r) => r.code) };
}

/**
 * State of the lazily loaded region tree: the roots (the user's scope), children loaded on expand,
 * and `reveal(code)` which loads and expands the path from a root down to a region.
 */
export function useRegionTree() {
  const [data, setData] = useState<RegionTreeData>(empty);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [rootsError, setRootsError] = useState<unknown>(null);
  const [loadingRoots, setLoadingRoots] = useState(true);

  useEffect(() => {
    let alive = true;
    fetchRegionRoots()
      .then(async (roots) => {
        if (!alive) return;
        setData((d) => withChildren(d, null, roots));
        // a single root (one province, one county): open it right away
        if (roots.length === 1 && roots[0].childCount > 0) {
          const detail = await cachedRegion(roots[0].code);
          if (!alive) return;
          setData((d) => withChildren(d, detail.region, detail.children));
          setExpanded((keys) => [...new Set([...keys, roots[0].code])]);
        }
      })
      .catch((err) => alive && setRootsError(err))
      .finally(() => alive && setLoadingRoots(false));
    return () => {
      alive = false;
    };
  }, []);

  const loadChildren = useCallback(async (code: string) => {
    const detail = await cachedRegion(code);
    setData((d) => withChildren(d, detail.region, detail.children));
    return detail;
  }, []);

  /** Loads every level from the tree root down to `code`, expands it and returns false when out of the tree. */
  const reveal = useCallback(
    async (code: string, opts: { expandSelf?: boolean } = {}) => {
      const detail = await cachedRegion(code);
      const path = [...detail.ancestors, detail.region].map((r) => r.code);
      const roots = data.roots;
      const start = path.findIndex((c) => roots.includes(c));
      if (start < 0) return false;
      const chain = path.slice(start, opts.expandSelf && detail.region.childCount > 0 ? undefined : -1);
      for (const c of chain) await loadChildren(c);
      setExpanded((keys) => [...new Set([...keys, ...chain])]);
      return true;
    },
    [data.roots, loadChildren],
  );

  return { data, expanded, setExpanded, loadChildren, reveal, rootsError, loadingRoots };
}
