import { describe, expect, it } from "vitest";
import { douglasPeucker } from "../../domain/geo/douglas-peucker";
import type { Position, Ring } from "./echarts-geo-decode";
import { cleanRing, simplifySharedRings } from "./simplify-shared-rings";

/** A wiggly line from a to b with `n` steps; the wiggle is `amp` degrees. */
function wiggle(a: Position, b: Position, n: number, amp: number): Position[] {
  const out: Position[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const off = i === 0 || i === n ? 0 : (i % 2 === 0 ? 1 : -1) * amp;
    out.push([a[0] + (b[0] - a[0]) * t + off, a[1] + (b[1] - a[1]) * t + off]);
  }
  return out;
}

const key = (p: Position) => p.join();

describe("douglasPeucker", () => {
  it("drops points closer than the tolerance and keeps the far ones", () => {
    const line: Position[] = [
      [0, 0],
      [1, 1.01],
      [2, 2],
      [3, 0.99],
      [4, 0],
    ];
    expect(douglasPeucker(line, 0.1)).toEqual([
      [0, 0],
      [2, 2],
      [4, 0],
    ]);
    expect(douglasPeucker(line, 5)).toEqual([
      [0, 0],
      [4, 0],
    ]);
    expect(douglasPeucker(line, 5, true)).toEqual([
      [0, 0],
      [2, 2],
      [4, 0],
    ]);
  });
});

describe("cleanRing", () => {
  it("removes repeated points and spikes, also across the closing point", () => {
    const ring: Ring = [
      [0, 0],
      [1, 0],
      [1, 0],
      [2, 0],
      [2, 5],
      [2, 0],
      [2, 2],
      [0, 2],
      [-1, 3],
      [0, 2],
      [0, 0],
    ];
    const cleaned = cleanRing(ring);
    expect(cleaned[0]).toEqual(cleaned[cleaned.length - 1]);
    expect(new Set(cleaned.map(key))).toEqual(new Set(["0,0", "1,0", "2,0", "2,2", "0,2"]));
    expect(cleaned).toHaveLength(6);
  });
});

describe("simplifySharedRings", () => {
  // Two squares sharing a wiggly vertical border from (1,0) to (1,1); the left square walks it upwards,
  // the right one downwards (as neighbouring rings do).
  const border = wiggle([1, 0], [1, 1], 200, 0.0002);
  const left: Ring = [[0, 0], ...border, [0, 1], [0, 0]];
  const right: Ring = [[1, 0], [2, 0], [2, 1], ...border.slice().reverse()];

  it("keeps the shared border identical in both rings", () => {
    const [l, r] = simplifySharedRings([left, right], 500);
    expect(l.length).toBeLessThan(left.length);
    const onBorder = (ring: Ring) => ring.filter(([x]) => Math.abs(x - 1) < 0.01).map(key);
    expect(onBorder(l).sort()).toEqual(onBorder(r).sort());
    expect(onBorder(l)).toContain("1,0");
    expect(onBorder(l)).toContain("1,1");
  });

  it("returns closed rings of at least 4 points, even for tiny or border-less rings", () => {
    const island: Ring = [...wiggle([5, 5], [5.001, 5], 10, 0.00001), [5.0005, 5.0005], [5, 5]];
    const rings = simplifySharedRings([left, right, island], 5_000);
    for (const ring of rings) {
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(new Set(ring.map(key)).size).toBeGreaterThanOrEqual(3);
    }
  });

  it("gives the same result for a junction-less ring whatever its start point and direction", () => {
    const loop: Ring = [...wiggle([0, 0], [1, 0], 20, 0.01), ...wiggle([1, 0], [1, 1], 20, 0.01).slice(1)];
    loop.push(...wiggle([1, 1], [0, 0], 20, 0.01).slice(1));
    const open = loop.slice(0, -1);
    const rotated = [...open.slice(7), ...open.slice(0, 7)];
    const reversed = [...rotated].reverse();
    const [a, b, c] = simplifySharedRings(
      [loop, [...rotated, rotated[0]], [...reversed, reversed[0]]],
      300,
    ).map((ring) => new Set(ring.map(key)));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });
});
