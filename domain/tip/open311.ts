/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/): the answer shapes, XML writing, times in
 * ISO 8601 with the China time zone, and the spec's error arrays.
 */
export type Open311Value = string | number | boolean | null | Open311Value[] | { [k: string]: Open311Value };

/** A stored UTC time as ISO 8601 with the +08:00 offset (Open311 wants a time zone; counties are in China). */
export function open311Time(iso: string | null): string | null {
  if (!iso) return null;
  const t = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return `${t.toISOString().slice(0, 19)}+08:00`;
}

const xmlEscape = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

function element(name: string, value: Open311Value, itemName: (parent: string) => string): string {
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value))
    return `<${name}>${value.map((v) => element(itemName(name), v, itemName)).join("")}</${name}>`;
  if (typeof value === "object")
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v, itemName))
      .join("")}</${name}>`;
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

/** Plural list elements hold singular items: services/service, service_requests/request, errors/error… */
const singular: Record<string, string> = {
  services: "service",
  service_requests: "request",
  errors: "error",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
  keywords: "keyword",
};

export function toXml(root: string, value: Open311Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, value, (p) => singular[p] ?? "item")}`;
}

export const open311Error = (code: number, description: string) => [{ code, description }];
