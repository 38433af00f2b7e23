/** A label to place on screen: its anchor in pixels and its size; higher priority is placed first. */
export interface LabelBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  priority: number;
}

/**
 * Chooses which labels to show so that none overlaps another (with `gap` pixels between them): greedy by
 * priority (then id, so the choice is stable), each box centred on its anchor. Used by the offline base
 * so that grid and site names stay readable at every zoom instead of piling up.
 */
export function placeLabels(boxes: readonly LabelBox[], gap = 4): Set<string> {
  const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
  const shown = new Set<string>();
  const order = [...boxes].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  for (const b of order) {
    const r = {
      x0: b.x - b.width / 2 - gap / 2,
      y0: b.y - b.height / 2 - gap / 2,
      x1: b.x + b.width / 2 + gap / 2,
      y1: b.y + b.height / 2 + gap / 2,
    };
    if (placed.some((p) => r.x0 < p.x1 && p.x0 < r.x1 && r.y0 < p.y1 && p.y0 < r.y1)) continue;
    placed.push(r);
    shown.add(b.id);
  }
  return shown;
}
