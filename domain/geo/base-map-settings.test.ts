import { describe, expect, it } from "vitest";
import { baseMapSettings, tiandituUrl, tileOrigins } from "./base-map-settings";

describe("baseMapSettings: which base map the console draws", () => {
  it("prefers 天地图 when a key is set, then a tile URL, else the offline base", () => {
    expect(baseMapSettings({ tiandituKey: "k1", tileUrl: "https://t/{z}/{x}/{y}.png" })).toEqual({
      kind: "tianditu",
      key: "k1",
    });
    expect(baseMapSettings({ tileUrl: "https://{s}.t.example/{z}/{x}/{y}.png", tileCrs: "gcj02" })).toEqual({
      kind: "xyz",
      url: "https://{s}.t.example/{z}/{x}/{y}.png",
      crs: "gcj02",
      subdomains: "abc",
    });
    expect(baseMapSettings({ tiandituKey: "  ", tileUrl: "" })).toEqual({ kind: "offline" });
  });

  it("names the origins the CSP must allow", () => {
    expect(tileOrigins({ kind: "tianditu", key: "k" })).toEqual(["https://*.tianditu.gov.cn"]);
    expect(
      tileOrigins({
        kind: "xyz",
        url: "https://{s}.tiles.example:8443/{z}/{x}/{y}.png",
        crs: "wgs84",
        subdomains: "ab",
      }),
    ).toEqual(["https://*.tiles.example:8443"]);
    expect(
      tileOrigins({ kind: "xyz", url: "HTTP://10.0.0.9/t/{z}/{x}/{y}", crs: "wgs84", subdomains: "" }),
    ).toEqual(["http://10.0.0.9"]);
    expect(tileOrigins({ kind: "offline" })).toEqual([]);
  });

  it("builds 天地图 WMTS URLs with the key encoded", () => {
    const url = tiandituUrl("cva", "a&b");
    expect(url).toContain("LAYER=cva");
    expect(url).toContain("tk=a%26b");
    expect(url).toContain("TILEMATRIX={z}&TILEROW={y}&TILECOL={x}");
  });
});
