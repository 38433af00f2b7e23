import { describe, expect, it } from "vitest";
import { multiPolygon, type Position, polygon, type Ring } from "./geometry";
import { pointInPolygon } from "./point-in-polygon";
import { findGaps, findOverlaps, outsideBoundary, validateGridGeometry } from "./validate-geometry";

const square = (x: number, y: number, s: number): Ring => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const codes = (ps: { code: string }[]) => ps.map((p) => p.code);

describe("validateGridGeometry", () => {
  it("accepts a valid polygon with a hole and a valid multipolygon", () => {
    expect(validateGridGeometry(polygon([square(103, 36, 0.1), square(103.02, 36.02, 0.02)]))).toEqual([]);
    expect(validateGridGeometry(multiPolygon([[square(103, 36, 0.1)], [square(103.1, 36, 0.1)]]))).toEqual(
      [],
    );
  });

  it("finds the crossing point of a bow-tie", () => {
    const bowTie: Ring = [
      [103, 36],
      [103.2, 36.2],
      [103.2, 36],
      [103, 36.2],
      [103, 36],
    ];
    const problems = validateGridGeometry(polygon([bowTie]));
    expect(codes(problems)).toEqual(["self_intersection"]);
    expect(problems[0].location[0]).toBeCloseTo(103.1, 12);
    expect(problems[0].location[1]).toBeCloseTo(36.1, 12);
    expect(problems[0].zh).toContain("自相交");
    expect(problems[0].zh).toContain("103.1");
    expect(problems[0].en).toContain("intersects itself");
  });

  it("reports a ring that touches itself at a vertex and a spike", () => {
    const figureEight: Ring = [
      [0, 0],
      [2, 0],
      [1, 1],
      [2, 2],
      [0, 2],
      [1, 1],
      [0, 0],
    ];
    const touch = validateGridGeometry(polygon([figureEight]));
    expect(codes(touch)).toContain("self_intersection");
    expect(touch.find((p) => p.code === "self_intersection")?.location).toEqual([1, 1]);
    const spike: Ring = [
      [0, 0],
      [2, 0],
      [2, 2],
      [3, 2],
      [2, 2],
      [0, 2],
      [0, 0],
    ];
    expect(codes(validateGridGeometry(polygon([spike])))).toContain("self_intersection");
  });

  it("reports an unclosed ring but still checks it", () => {
    const open = square(103, 36, 0.1).slice(0, 4);
    const problems = validateGridGeometry(polygon([open]));
    expect(codes(problems)).toEqual(["unclosed_ring"]);
    expect(problems[0].location).toEqual([103, 36]);
  });

  it("reports too few points, zero area and coordinates out of range", () => {
    const two: Ring = [
      [103, 36],
      [103.1, 36],
      [103, 36],
    ];
    expect(codes(validateGridGeometry(polygon([two])))).toEqual(["too_few_points"]);
    const flat: Ring = [
      [103, 36],
      [103.1, 36.1],
      [103.2, 36.2],
      [103, 36],
    ];
    expect(codes(validateGridGeometry(polygon([flat])))).toEqual(["zero_area"]);
    const speck: Ring = [
      [103, 36],
      [103.000001, 36],
      [103, 36.000001],
      [103, 36],
    ];
    expect(codes(validateGridGeometry(polygon([speck])))).toEqual(["zero_area"]);
    const far: Ring = [
      [103, 36],
      [203, 36],
      [103, 37],
      [103, 36],
    ];
    const problems = validateGridGeometry(polygon([far]));
    expect(codes(problems)).toEqual(["coordinate_out_of_range"]);
    expect(problems[0].location).toEqual([203, 36]);
    const nan = [
      [103, 36],
      [Number.NaN, 36],
      [103, 37],
      [103, 36],
    ] as Position[];
    expect(codes(validateGridGeometry(polygon([nan])))).toEqual(["coordinate_out_of_range"]);
  });

  it("reports a hole outside its shell and a hole crossing its shell", () => {
    const outside = validateGridGeometry(polygon([square(0, 0, 1), square(2, 2, 0.5)]));
    expect(codes(outside)).toEqual(["hole_outside_shell"]);
    expect(outside[0].ring).toBe(1);
    const crossing = validateGridGeometry(polygon([square(0, 0, 1), square(0.5, 0.5, 1)]));
    expect(codes(crossing)).toContain("rings_intersect");
    expect(codes(crossing)).toContain("hole_outside_shell");
  });

  it("reports overlapping parts of a multipolygon with a location inside the overlap", () => {
    const problems = validateGridGeometry(multiPolygon([[square(0, 0, 0.01)], [square(0.005, 0.005, 0.01)]]));
    expect(codes(problems)).toEqual(["parts_overlap"]);
    const [x, y] = problems[0].location;
    expect(x > 0.005 && x < 0.01 && y > 0.005 && y < 0.01).toBe(true);
  });
});

describe("findOverlaps", () => {
  it("finds two overlapping squares, with area and a location inside the overlap", () => {
    const problems = findOverlaps([
      { code: "B", geometry: polygon([square(103.005, 36.005, 0.01)]) },
      { code: "A", geometry: polygon([square(103, 36, 0.01)]) },
      { code: "C", geometry: polygon([square(103.1, 36, 0.01)]) },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe("overlap");
    expect(problems[0].grids).toEqual(["A", "B"]);
    // a quarter of a 0.01° square at 36°N: about 0.555 km × 0.45 km / 4
    expect(problems[0].areaM2).toBeGreaterThan(240_000);
    expect(problems[0].areaM2).toBeLessThan(260_000);
    const [x, y] = problems[0].location;
    expect(pointInPolygon(x, y, polygon([square(103.005, 36.005, 0.005)]))).toBe(true);
    expect(problems[0].zh).toContain("A 与 B 重叠");
  });

  it("does not report grids that only share an edge or a corner", () => {
    expect(
      findOverlaps([
        { code: "A", geometry: polygon([square(0, 0, 1)]) },
        { code: "B", geometry: polygon([square(1, 0, 1)]) },
        { code: "C", geometry: polygon([square(1, 1, 1)]) },
      ]),
    ).toEqual([]);
  });

  it("finds containment, identical grids, and overlaps along collinear edges (no edge crossings)", () => {
    const problems = findOverlaps([
      { code: "outer", geometry: polygon([square(0, 0, 0.02)]) },
      { code: "inner", geometry: polygon([square(0.005, 0.005, 0.005)]) },
      { code: "same1", geometry: polygon([square(1, 1, 0.01)]) },
      { code: "same2", geometry: polygon([[...square(1, 1, 0.01)].reverse()]) },
      { code: "half1", geometry: polygon([square(2, 0, 0.02)]) },
      {
        code: "half2",
        geometry: polygon([
          [
            [2.01, 0],
            [2.03, 0],
            [2.03, 0.02],
            [2.01, 0.02],
            [2.01, 0],
          ],
        ]),
      },
    ]);
    expect(problems.map((p) => p.grids)).toEqual([
      ["half1", "half2"],
      ["inner", "outer"],
      ["same1", "same2"],
    ]);
  });
});

describe("findGaps", () => {
  it("estimates the uncovered share and gives sample locations in the gap", () => {
    const township = polygon([square(103, 36, 0.1)]);
    const west = polygon([
      [
        [103, 36],
        [103.05, 36],
        [103.05, 36.1],
        [103, 36.1],
        [103, 36],
      ],
    ]);
    const grids = [
      { code: "W", geometry: west },
      { code: "NE", geometry: polygon([square(103.05, 36.05, 0.05)]) },
    ];
    const report = findGaps(township, grids, { samples: 2000 });
    expect(report.sampled).toBeGreaterThan(1900);
    expect(report.uncoveredShare).toBeGreaterThan(0.23);
    expect(report.uncoveredShare).toBeLessThan(0.27);
    expect(report.problems.length).toBe(10);
    for (const p of report.problems) {
      expect(p.code).toBe("gap");
      expect(p.location[0]).toBeGreaterThan(103.05);
      expect(p.location[1]).toBeLessThan(36.05);
    }
  });

  it("reports nothing when the grids tile the township", () => {
    const report = findGaps(polygon([square(103, 36, 0.1)]), [
      { code: "W", geometry: polygon([square(103, 36, 0.05)]) },
      { code: "E", geometry: polygon([square(103.05, 36, 0.05)]) },
      {
        code: "N",
        geometry: polygon([
          [
            [103, 36.05],
            [103.1, 36.05],
            [103.1, 36.1],
            [103, 36.1],
            [103, 36.05],
          ],
        ]),
      },
    ]);
    expect(report.uncovered).toBe(0);
    expect(report.problems).toEqual([]);
  });
});

describe("outsideBoundary", () => {
  it("reports vertices outside the boundary but not those on it", () => {
    const county = polygon([square(103, 36, 1)]);
    const grid = {
      code: "G1",
      geometry: polygon([
        [
          [103.5, 36],
          [104, 36],
          [104.2, 36.5],
          [103.5, 36.5],
          [103.5, 36],
        ],
      ]),
    };
    const problems = outsideBoundary(grid, county);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "outside_boundary", location: [104.2, 36.5], grids: ["G1"] });
    expect(outsideBoundary({ code: "G2", geometry: polygon([square(103.5, 36.5, 0.5)]) }, county)).toEqual(
      [],
    );
  });
});
