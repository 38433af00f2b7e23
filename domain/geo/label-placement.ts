/** A label to place on screen: its anchor in pixels and its size; higher priority is placed first. */
export interface LabelBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  priority: number;
  /** When no free place is found: shown on its anchor over the obstacles (still never over a label). */
  overObstacles?: boolean;
}

/** Something already on screen that a label must not cover (a site marker, a cluster): pixels. */
export interface ScreenRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Chooses which labels to show so that none overlaps another or an obstacle (with `gap` pixels between
 * them): greedy by priority (then id, so the choice is stable), each box centred on its anchor. A label
 * that would cover an obstacle or a placed label may move by one label height up or down, or beside its
 * anchor; if none of these is free it is left out (or, `overObstacles`, shown on its anchor if no label is
 * there). Answers each shown label's centre. Used by the offline
 * base so that grid and site names stay readable at every zoom instead of piling up or hiding under the
 * site markers.
 */
export function placeLabels(
  boxes: readonly LabelBox[],
  gap = 4,
  obstacles: readonly ScreenRect[] = [],
): Map<string, { x: number; y: number }> {
  const blocked: ScreenRect[] = obstacles.map((o) => ({
    x0: o.x0 - gap / 2,
    y0: o.y0 - gap / 2,
    x1: o.x1 + gap / 2,
    y1: o.y1 + gap / 2,
  }));
  const placed: ScreenRect[] = [];
  const free = (r: ScreenRect, among: ScreenRect[]) =>
    !among.some((p) => r.x0 < p.x1 && p.x0 < r.x1 && r.y0 < p.y1 && p.y0 < r.y1);
  const shown = new Map<string, { x: number; y: number }>();
  const order = [...boxes].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  for (const b of order) {
    const dy = b.height * 1.5 + gap;
    const dx = b.width / 2 + gap * 4;
    const candidates =
      obstacles.length === 0
        ? [[0, 0]]
        : [
            [0, 0],
            [0, -dy],
            [0, dy],
            [dx, 0],
            [-dx, 0],
          ];
    const rect = (x: number, y: number) => ({
      x0: x - b.width / 2 - gap / 2,
      y0: y - b.height / 2 - gap / 2,
      x1: x + b.width / 2 + gap / 2,
      y1: y + b.height / 2 + gap / 2,
    });
    let at = candidates
      .map(([ox, oy]) => ({ x: b.x + ox, y: b.y + oy }))
      .find((c) => {
        const r = rect(c.x, c.y);
        return free(r, placed) && free(r, blocked);
      });
    if (!at && b.overObstacles && free(rect(b.x, b.y), placed)) at = { x: b.x, y: b.y };
    if (!at) continue;
    placed.push(rect(at.x, at.y));
    shown.set(b.id, at);
  }
  return shown;
}
