import { describe, expect, it } from "vitest";
import { area, boxPolygon } from "./geometry";
import { placeLabels } from "./label-placement";
import { pointInPolygon } from "./point-in-polygon";
import { townshipOutlines } from "./township-outlines";

const square = boxPolygon;

describe("townshipOutlines: township outlines from the union of their grids", () => {
  it("unions each township's grids into one outline with its name point inside", () => {
    const out = townshipOutlines([
      { code: "620123100001001", geometry: square(104, 35.8, 104.01, 35.81) },
      { code: "620123100002001", geometry: square(104.01, 35.8, 104.02, 35.81) },
      { code: "620123101001001", geometry: square(104.1, 35.8, 104.11, 35.81) },
    ]);
    expect(out.map((t) => [t.code, t.grids])).toEqual([
      ["620123100", 2],
      ["620123101", 1],
    ]);
    const first = out[0];
    expect(first.geometry.type).toBe("Polygon"); // two touching squares become one ring
    expect(area(first.geometry)).toBeCloseTo(area(square(104, 35.8, 104.02, 35.81)), 0);
    expect(pointInPolygon(first.labelAt[0], first.labelAt[1], first.geometry)).toBe(true);
  });

  it("keeps separate pieces of one township and ignores codes that are not grid codes", () => {
    const out = townshipOutlines([
      { code: "620123100001001", geometry: square(104, 35.8, 104.01, 35.81) },
      { code: "620123100001002", geometry: square(104.05, 35.8, 104.06, 35.81) },
      { code: "6201", geometry: square(0, 0, 1, 1) },
    ]);
    expect(out).toHaveLength(1);
    expect(out[0].geometry.type).toBe("MultiPolygon");
  });
});

describe("placeLabels: no two labels overlap", () => {
  it("shows the higher priority of two overlapping labels and every label that is free", () => {
    const shown = placeLabels([
      { id: "small", x: 100, y: 100, width: 60, height: 16, priority: 1 },
      { id: "big", x: 110, y: 104, width: 60, height: 16, priority: 5 },
      { id: "far", x: 400, y: 100, width: 60, height: 16, priority: 0 },
    ]);
    expect([...shown.keys()].sort()).toEqual(["big", "far"]);
  });
  it("keeps labels apart by the gap", () => {
    const boxes = [
      { id: "a", x: 0, y: 0, width: 10, height: 10, priority: 1 },
      { id: "b", x: 12, y: 0, width: 10, height: 10, priority: 1 },
    ];
    expect(placeLabels(boxes, 0).size).toBe(2);
    expect(placeLabels(boxes, 4).size).toBe(1);
  });
  it("moves a label off a site marker (up, down or beside) and leaves it out only when no place is free", () => {
    const label = { id: "grid", x: 100, y: 100, width: 60, height: 16, priority: 1 };
    // a marker under the label's centre: the label goes one line up, off the marker
    const marker = { x0: 90, y0: 90, x1: 110, y1: 110 };
    const at = placeLabels([label], 4, [marker]).get("grid");
    expect(at).toEqual({ x: 100, y: 72 });
    const box = { x0: at!.x - 30, y0: at!.y - 8, x1: at!.x + 30, y1: at!.y + 8 };
    expect(box.y1 <= marker.y0 || box.y0 >= marker.y1).toBe(true);
    // markers all around: nowhere to go, so not shown rather than covered
    const wall = { x0: 0, y0: 0, x1: 300, y1: 300 };
    expect(placeLabels([label], 4, [wall]).size).toBe(0);
    // a township's name may lie over markers when nowhere else is free, never over another name
    const township = { ...label, id: "township", overObstacles: true };
    expect(placeLabels([township], 4, [wall]).get("township")).toEqual({ x: 100, y: 100 });
    const both = placeLabels([{ ...township, id: "first", priority: 9 }, township], 4, [wall]);
    expect([...both.keys()]).toEqual(["first"]);
    // without obstacles a label stays on its anchor
    expect(placeLabels([label]).get("grid")).toEqual({ x: 100, y: 100 });
  });
});
