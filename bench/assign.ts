/**
 * Site-to-grid assignment benchmark (R1-R3): 20,000 grids tiling a Gansu-sized box, 1,000,000 sites.
 * Grids are a jittered Voronoi tessellation whose edges are subdivided with a deterministic wiggle
 * (about 30 vertices per grid, shared edges identical on both sides, like real adjacent grids).
 * Times `createGridIndex(...).locate` for every site (wall clock, and CPU time of this process), and a naive loop of `@turf/boolean-point-in-polygon`
 * over all grids (in code order, stopping at the first hit) for a sample of sites.
 * Run: `node --import tsx bench/assign.ts` — prints one line of JSON.
 */
import { pathToFileURL } from "node:url";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { Delaunay } from "d3-delaunay";
import { gansuBbox } from "../domain/geo/coordinates";
import type { BBox, Polygon, Position } from "../domain/geo/geometry";
import { createGridIndex } from "../domain/geo/grid-index";
import { seededRandom } from "../domain/geo/seeded-random";

const GRIDS = 20_000;
const SITES = 1_000_000;
const NAIVE_SAMPLE = 2_000;
const SUBDIVISIONS = 5;

/** A value in [-1, 1) that depends only on the edge's endpoints (in canonical order) and k. */
function edgeNoise(p: Position, q: Position, k: number): number {
  const s = Math.sin(p[0] * 12.9898 + p[1] * 78.233 + q[0] * 37.719 + q[1] * 4.581 + k * 93.989) * 43758.5453;
  return (s - Math.floor(s)) * 2 - 1;
}

/**
 * Subdivides every edge with a perpendicular wiggle computed from the canonical edge, so neighbours agree.
 * Edges on the outer box stay straight, so the grids still cover the whole box.
 */
function wiggle(ring: Position[], box: BBox): Position[] {
  const out: Position[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    out.push(a);
    const forward = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
    const [p, q] = forward ? [a, b] : [b, a];
    const dx = q[0] - p[0];
    const dy = q[1] - p[1];
    const onBox =
      (dx === 0 && (p[0] === box[0] || p[0] === box[2])) ||
      (dy === 0 && (p[1] === box[1] || p[1] === box[3]));
    const mids: Position[] = [];
    for (let k = 1; k < SUBDIVISIONS; k++) {
      const t = k / SUBDIVISIONS;
      const w = onBox ? 0 : 0.04 * edgeNoise(p, q, k);
      mids.push([p[0] + t * dx - w * dy, p[1] + t * dy + w * dx]);
    }
    out.push(...(forward ? mids : mids.reverse()));
  }
  out.push(ring[ring.length - 1]);
  return out;
}

/** A jittered-lattice Voronoi tessellation of `box` into about `count` wiggly grids, codes in lattice order. */
export function tessellate(
  box: BBox,
  count: number,
  rand: () => number,
): { code: string; geometry: Polygon }[] {
  const [x0, y0, x1, y1] = box;
  const cols = Math.round(Math.sqrt((count * (x1 - x0)) / (y1 - y0)));
  const rows = Math.ceil(count / cols);
  const seeds: number[] = [];
  for (let i = 0; i < count; i++) {
    const c = i % cols;
    const r = Math.floor(i / cols);
    seeds.push(x0 + ((c + 0.5 + 0.8 * (rand() - 0.5)) * (x1 - x0)) / cols);
    seeds.push(y0 + ((r + 0.5 + 0.8 * (rand() - 0.5)) * (y1 - y0)) / rows);
  }
  const voronoi = new Delaunay(Float64Array.from(seeds)).voronoi(box);
  const grids: { code: string; geometry: Polygon }[] = [];
  for (let i = 0; i < count; i++) {
    const cell = voronoi.cellPolygon(i) as Position[] | null;
    if (!cell) continue;
    grids.push({
      code: `62${String(i).padStart(13, "0")}`,
      geometry: { type: "Polygon", coordinates: [wiggle(cell, box)] },
    });
  }
  return grids;
}

export async function run(): Promise<Record<string, number>> {
  const rand = seededRandom(20260105);
  const box = gansuBbox;
  const t0 = performance.now();
  const grids = tessellate(box, GRIDS, rand);
  const vertices = grids.reduce((s, g) => s + g.geometry.coordinates[0].length - 1, 0);
  const t1 = performance.now();
  const index = createGridIndex(grids);
  const t2 = performance.now();

  const lons = new Float64Array(SITES);
  const lats = new Float64Array(SITES);
  for (let i = 0; i < SITES; i++) {
    lons[i] = box[0] + rand() * (box[2] - box[0]);
    lats[i] = box[1] + rand() * (box[3] - box[1]);
  }
  const found: (string | null)[] = new Array(SITES).fill(null);
  const t3 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < SITES; i++) found[i] = index.locate(lons[i], lats[i]);
  const cpuMs = process.cpuUsage(cpu0).user / 1000;
  const t4 = performance.now();
  let unassigned = 0;
  for (let i = 0; i < SITES; i++) if (found[i] === null) unassigned++;

  const byCode = [...grids].sort((a, b) => (a.code < b.code ? -1 : 1));
  let mismatches = 0;
  const t5 = performance.now();
  for (let i = 0; i < NAIVE_SAMPLE; i++) {
    const pt: Position = [lons[i], lats[i]];
    let hit: string | null = null;
    for (const g of byCode)
      if (booleanPointInPolygon(pt, g.geometry)) {
        hit = g.code;
        break;
      }
    if (hit !== found[i]) mismatches++;
  }
  const t6 = performance.now();

  const sitesPerS = SITES / ((t4 - t3) / 1000);
  const naivePerS = NAIVE_SAMPLE / ((t6 - t5) / 1000);
  return {
    grids: grids.length,
    vertices_per_grid: Math.round(vertices / grids.length),
    sites: SITES,
    build_grids_ms: Math.round(t1 - t0),
    build_index_ms: Math.round(t2 - t1),
    locate_ms: Math.round(t4 - t3),
    sites_per_s: Math.round(sitesPerS),
    // the same loop per second of this process's CPU time: what the code does when the machine is shared
    sites_per_cpu_s: Math.round(SITES / (cpuMs / 1000)),
    unassigned,
    naive_sample: NAIVE_SAMPLE,
    naive_sites_per_s: Math.round(naivePerS * 10) / 10,
    naive_mismatches: mismatches,
    ratio: Math.round(sitesPerS / naivePerS),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then((r) => console.log(JSON.stringify({ bench: "assign", ...r })));
}
