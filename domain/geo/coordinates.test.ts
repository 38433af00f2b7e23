import gcoord from "gcoord";
import { describe, expect, it } from "vitest";
import { checkInProvince, fromWgs84, gansuBbox, toWgs84 } from "./coordinates";

/** Rough ground distance in metres between two nearby lon/lat points. */
const metres = (a: [number, number], b: [number, number]) =>
  Math.hypot((a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 110_574);

describe("toWgs84", () => {
  const lanzhou: [number, number] = [103.834303, 36.061089];

  it("returns WGS84 input unchanged", () => {
    expect(toWgs84(...lanzhou, "WGS84")).toEqual(lanzhou);
  });

  it("undoes the GCJ02 offset (a few hundred metres in Gansu) to under a metre", () => {
    const gcj = gcoord.transform(lanzhou, gcoord.WGS84, gcoord.GCJ02) as [number, number];
    expect(metres(gcj, lanzhou)).toBeGreaterThan(100);
    expect(metres(gcj, lanzhou)).toBeLessThan(1000);
    expect(metres(toWgs84(gcj[0], gcj[1], "GCJ02"), lanzhou)).toBeLessThan(1);
  });

  it("undoes the BD09 offset to under a metre", () => {
    const bd = gcoord.transform(lanzhou, gcoord.WGS84, gcoord.BD09) as [number, number];
    expect(metres(bd, lanzhou)).toBeGreaterThan(300);
    expect(metres(toWgs84(bd[0], bd[1], "BD09"), lanzhou)).toBeLessThan(1);
  });
});

describe("fromWgs84", () => {
  it("shows a stored WGS84 point in the system the user types in, and back to under a metre", () => {
    const p: [number, number] = [104.1, 35.85];
    for (const crs of ["GCJ02", "BD09"] as const) {
      const shown = fromWgs84(...p, crs);
      expect(metres(shown, p)).toBeGreaterThan(100);
      expect(metres(toWgs84(shown[0], shown[1], crs), p)).toBeLessThan(1);
    }
    expect(fromWgs84(...p, "WGS84")).toEqual(p);
  });
});

describe("checkInProvince", () => {
  it("accepts points in Gansu (Lanzhou, Dunhuang, Tianshui)", () => {
    expect(checkInProvince(103.834, 36.061)).toEqual({ ok: true });
    expect(checkInProvince(94.662, 40.142)).toEqual({ ok: true });
    expect(checkInProvince(105.725, 34.581)).toEqual({ ok: true });
  });

  it("says when latitude and longitude look swapped, with the swapped point as a suggestion", () => {
    const r = checkInProvince(36.061, 103.834);
    expect(r).toMatchObject({ ok: false, problem: "swapped", suggestion: [103.834, 36.061] });
    if (!r.ok) {
      expect(r.zh).toContain("经纬度可能颠倒");
      expect(r.en).toContain("swapped");
    }
  });

  it("rejects points outside the province, out of range, or not numbers", () => {
    expect(checkInProvince(116.397, 39.909)).toMatchObject({ ok: false, problem: "outside_province" }); // Beijing
    expect(checkInProvince(203.8, 36.1)).toMatchObject({ ok: false, problem: "out_of_range" });
    expect(checkInProvince(Number.NaN, 36.1)).toMatchObject({ ok: false, problem: "not_a_number" });
    expect(checkInProvince(103.8, Number.POSITIVE_INFINITY)).toMatchObject({
      ok: false,
      problem: "not_a_number",
    });
  });

  it("takes another province's box", () => {
    const beijing: [number, number, number, number] = [115.4, 39.4, 117.5, 41.1];
    expect(checkInProvince(116.397, 39.909, beijing)).toEqual({ ok: true });
    expect(checkInProvince(103.834, 36.061, beijing)).toMatchObject({ problem: "outside_province" });
    expect(gansuBbox[0]).toBeLessThan(gansuBbox[2]);
  });
});
