/**
 * IP addresses as numbers, for the outbound rules (C32): parse the canonical text forms a URL parser or a
 * resolver gives (dotted IPv4, any IPv6 text incl. `::` and an embedded dotted IPv4) and test CIDR ranges.
 * Pure, no I/O. An IPv4 address is a 32-bit bigint, an IPv6 address a 128-bit bigint.
 */
export type IpAddress = { readonly family: 4 | 6; readonly value: bigint };

/** Dotted-quad IPv4 (exactly four decimal parts 0–255, no leading zeros), else null. */
export function parseIpv4(text: string): IpAddress | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return null;
    value = (value << 8n) | BigInt(p);
  }
  return { family: 4, value };
}

/** Any IPv6 text form (`::1`, `::ffff:127.0.0.1`, `fe80::1%eth0` without its zone), else null. */
export function parseIpv6(text: string): IpAddress | null {
  let s = text.toLowerCase();
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!/^[0-9a-f:.]+$/.test(s) || s.length > 45) return null;
  const groups: number[] = [];
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const parseSide = (side: string, last: boolean): number[] | null => {
    if (side === "") return [];
    const out: number[] = [];
    const items = side.split(":");
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (last && i === items.length - 1 && item.includes(".")) {
        const v4 = parseIpv4(item);
        if (!v4) return null;
        out.push(Number(v4.value >> 16n), Number(v4.value & 0xffffn));
      } else if (/^[0-9a-f]{1,4}$/.test(item)) out.push(Number.parseInt(item, 16));
      else return null;
    }
    return out;
  };
  const head = parseSide(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? parseSide(halves[1], true) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) {
    if (head.length !== 8) return null;
    groups.push(...head);
  } else {
    if (head.length + tail.length > 7) return null;
    groups.push(...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail);
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return { family: 6, value };
}

/** An address in either family; a bracketed IPv6 host (`[::1]`, as in a URL) is accepted too. */
export function parseIp(text: string): IpAddress | null {
  const t = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return parseIpv4(t) ?? (t.includes(":") ? parseIpv6(t) : null);
}

export interface Cidr {
  readonly family: 4 | 6;
  readonly base: bigint;
  readonly bits: number;
}

/** `10.0.0.0/8`, `fc00::/7`, or a single address (a /32 or /128). Null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const [addr, len, extra] = text.trim().split("/");
  if (extra !== undefined) return null;
  const ip = parseIp(addr);
  if (!ip) return null;
  const max = ip.family === 4 ? 32 : 128;
  const bits = len === undefined ? max : /^\d{1,3}$/.test(len) ? Number(len) : Number.NaN;
  if (!(bits >= 0 && bits <= max)) return null;
  const shift = BigInt(max - bits);
  return { family: ip.family, base: (ip.value >> shift) << shift, bits };
}

export function inCidr(ip: IpAddress, range: Cidr): boolean {
  if (ip.family !== range.family) return false;
  const shift = BigInt((ip.family === 4 ? 32 : 128) - range.bits);
  return ip.value >> shift === range.base >> shift;
}

/** The IPv4 address in the low 32 bits of an IPv6 address. */
export const embeddedIpv4 = (ip: IpAddress): IpAddress => ({ family: 4, value: ip.value & 0xffffffffn });
