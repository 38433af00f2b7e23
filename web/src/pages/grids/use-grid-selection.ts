import { useCallback, useEffect, useMemo, useState } from "react";
import { type Areal, centroid } from "../../../../domain/geo/geometry";
import { pointInPolygon } from "../../../../domain/geo/point-in-polygon";
import { fetchGrid, type Grid, type GridFeatureProps, type MapLayer } from "../../api/grids";
import type { MergeCandidate } from "./grid-merge-panel";

/** The region a grid code was made from: its 12-digit village, or its township when the village part is 000. */
export function regionOfGridCode(code: string): string {
  const village = code.slice(0, 12);
  return village.endsWith("000") ? code.slice(0, 9) : village;
}

/**
 * What is selected on the grid map: one grid (with its details loaded), the grids gathered for a merge
 * (shift-click), and a split in progress.
 */
export function useGridSelection(initialId: string | null, initialSplit: string | null) {
  const [selectedId, setSelectedId] = useState<string | null>(initialId);
  const [feature, setFeature] = useState<GridFeatureProps | null>(null);
  const [grid, setGrid] = useState<Grid | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [merge, setMerge] = useState<MergeCandidate[]>([]);
  const [split, setSplit] = useState<number | null>(initialSplit ? Number(initialSplit) || 2 : null);
  const [focus, setFocus] = useState(initialId !== null);

  useEffect(() => {
    if (!selectedId) return setGrid(null);
    if (grid?.id === selectedId) return;
    let alive = true;
    setLoading(true);
    setError(null);
    fetchGrid(selectedId)
      .then((g) => alive && setGrid(g))
      .catch((err) => alive && setError(err))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [selectedId, grid]);

  const clickGrid = useCallback(
    (p: GridFeatureProps, shift: boolean) => {
      setFocus(false);
      if (shift || merge.length > 0) {
        setSplit(null);
        setMerge((list) => {
          const start =
            list.length === 0 && grid && grid.id !== p.id
              ? [{ id: grid.id, code: grid.code, name: grid.name }]
              : list;
          return start.some((g) => g.id === p.id)
            ? start.filter((g) => g.id !== p.id)
            : [...start, { id: p.id, code: p.code, name: p.name }];
        });
        return;
      }
      setSplit(null);
      setFeature(p);
      if (p.id !== selectedId) {
        setGrid(null);
        setSelectedId(p.id);
      }
    },
    [merge.length, grid, selectedId],
  );

  const select = useCallback((g: Grid) => {
    setFocus(false);
    setSplit(null);
    setMerge([]);
    setGrid(g);
    setSelectedId(g.id);
  }, []);

  const clear = useCallback(() => {
    setSelectedId(null);
    setFeature(null);
    setGrid(null);
    setMerge([]);
    setSplit(null);
  }, []);

  const highlighted = useMemo(
    () => new Set([...(selectedId ? [selectedId] : []), ...merge.map((g) => g.id)]),
    [selectedId, merge],
  );

  /** The region of the grid on screen under the middle of `geom` (a first guess for a new grid). */
  const regionAt = useCallback((geom: Areal, layer: MapLayer | null): string | undefined => {
    if (layer?.mode !== "grids") return undefined;
    const [lon, lat] = centroid(geom);
    const hit = layer.features.features.find((f) => pointInPolygon(lon, lat, f.geometry));
    return hit ? regionOfGridCode(hit.properties.code) : undefined;
  }, []);

  return {
    selectedId,
    feature,
    grid,
    loading,
    error,
    merge,
    split,
    focus,
    highlighted,
    clickGrid,
    select,
    clear,
    regionAt,
    setSplit,
    removeFromMerge: (id: string) => setMerge((list) => list.filter((g) => g.id !== id)),
    clearMerge: () => setMerge([]),
  };
}

export type GridSelection = ReturnType<typeof useGridSelection>;
