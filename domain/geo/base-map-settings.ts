/**
 * The base map the console draws under its layers (issue 11, R9). Chosen by the server's configuration
 * and handed to the console in `/auth/me`: 天地图 (vector and imagery, each with its label layer; CGCS2000,
 * which agrees with WGS84 to centimetres) when a key is set, otherwise any XYZ tile URL in its own
 * coordinate system, otherwise none — the console then draws its offline base from the platform's data.
 */
export type TileCrs = "wgs84" | "gcj02" | "bd09";
export const tileCrsList: readonly TileCrs[] = ["wgs84", "gcj02", "bd09"];

export type BaseMapSettings =
  | { kind: "tianditu"; key: string }
  | { kind: "xyz"; url: string; crs: TileCrs; subdomains: string }
  | { kind: "offline" };

export function baseMapSettings(env: {
  tiandituKey?: string;
  tileUrl?: string;
  tileCrs?: TileCrs;
  tileSubdomains?: string;
}): BaseMapSettings {
  const key = env.tiandituKey?.trim();
  if (key) return { kind: "tianditu", key };
  const url = env.tileUrl?.trim();
  if (url) return { kind: "xyz", url, crs: env.tileCrs ?? "wgs84", subdomains: env.tileSubdomains || "abc" };
  return { kind: "offline" };
}

/** 天地图's four layers: vector (vec) and imagery (img) with their Chinese labels (cva, cia), Web Mercator. */
export function tiandituUrl(layer: "vec" | "cva" | "img" | "cia", key: string): string {
  return (
    `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0` +
    `&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}` +
    `&tk=${encodeURIComponent(key)}`
  );
}

/**
 * The image origins the Content-Security-Policy must allow for these tiles: `https://*.tianditu.gov.cn`,
 * or the tile URL's scheme and host (a `{s}` subdomain placeholder becomes `*`). Empty when offline or
 * when the host cannot be read.
 */
export function tileOrigins(settings: BaseMapSettings): string[] {
  if (settings.kind === "tianditu") return ["https://*.tianditu.gov.cn"];
  if (settings.kind === "offline") return [];
  const m = /^(https?):\/\/([^/?#]+)/i.exec(settings.url);
  if (!m) return [];
  const host = m[2].replace(/\{s\}/g, "*");
  if (/[{}\s]/.test(host)) return [];
  return [`${m[1].toLowerCase()}://${host}`];
}
