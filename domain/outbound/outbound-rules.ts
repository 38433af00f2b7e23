import { type Cidr, embeddedIpv4, type IpAddress, inCidr, parseCidr, parseIp } from "./ip-address";

/**
 * Where the platform may send a request (C32, GB/T 22239-2019 8.1.4.4 入侵防范): webhooks and the SMS
 * gateway go only to public unicast addresses, unless the operator lists an address, range or host name
 * on the allow list (`SAFEGRID_OUTBOUND_ALLOW`). Pure: the server checks the URL when a webhook is saved,
 * and every resolved address again at send time (then connects to that very address).
 */
export type BlockedCategory =
  | "loopback"
  | "link_local"
  | "private"
  | "cgnat"
  | "multicast"
  | "unspecified"
  | "reserved";

const ranges = (category: BlockedCategory, ...cidrs: string[]) =>
  cidrs.map((c) => ({ category, range: parseCidr(c) as Cidr }));

const ipv4Blocked = [
  ...ranges("unspecified", "0.0.0.0/8"),
  ...ranges("loopback", "127.0.0.0/8"),
  ...ranges("private", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"),
  ...ranges("cgnat", "100.64.0.0/10"),
  ...ranges("link_local", "169.254.0.0/16"),
  ...ranges("multicast", "224.0.0.0/4"),
  ...ranges(
    "reserved",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.88.99.0/24",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "240.0.0.0/4",
  ),
];

const ipv6Blocked = [
  ...ranges("unspecified", "::/128"),
  ...ranges("loopback", "::1/128"),
  ...ranges("private", "fc00::/7"),
  ...ranges("link_local", "fe80::/10"),
  ...ranges("multicast", "ff00::/8"),
  ...ranges(
    "reserved",
    "fec0::/10",
    "64:ff9b:1::/48",
    "100::/64",
    "2001::/23",
    "2001:db8::/32",
    "2002::/16",
    "3fff::/20",
    "5f00::/16",
  ),
];
/** IPv6 forms that carry an IPv4 address in their low 32 bits: mapped, NAT64, the old "compatible" form. */
const ipv4Carriers = ["::ffff:0:0/96", "64:ff9b::/96", "::/96"].map((c) => parseCidr(c) as Cidr);
const globalUnicast = parseCidr("2000::/3") as Cidr;

/** Why an address is refused, or null for a public unicast address. */
export function blockedCategory(ip: IpAddress): BlockedCategory | null {
  if (ip.family === 4) return ipv4Blocked.find((b) => inCidr(ip, b.range))?.category ?? null;
  const special = ipv6Blocked.find((b) => b.range.bits === 128 && inCidr(ip, b.range));
  if (special) return special.category;
  if (ipv4Carriers.some((c) => inCidr(ip, c))) return blockedCategory(embeddedIpv4(ip));
  const hit = ipv6Blocked.find((b) => inCidr(ip, b.range));
  if (hit) return hit.category;
  return inCidr(ip, globalUnicast) ? null : "reserved";
}

/** The operator's exceptions: addresses and CIDR ranges, and host names (exact, case-insensitive). */
export interface AllowList {
  readonly ranges: readonly Cidr[];
  readonly hosts: readonly string[];
}

export const emptyAllowList: AllowList = { ranges: [], hosts: [] };

const hostPattern =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const normalHost = (h: string) => h.toLowerCase().replace(/\.$/, "");

/** Parses `127.0.0.1, 10.1.0.0/16, [::1], sms-gw.internal`; entries that are none of these are returned in `invalid`. */
export function parseAllowList(text: string | undefined): AllowList & { invalid: string[] } {
  const out = { ranges: [] as Cidr[], hosts: [] as string[], invalid: [] as string[] };
  for (const raw of (text ?? "").split(/[,\s]+/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const cidr = parseCidr(entry);
    if (cidr) out.ranges.push(cidr);
    else if (hostPattern.test(normalHost(entry)) && !/^[\d.]+$/.test(entry))
      out.hosts.push(normalHost(entry));
    else out.invalid.push(entry);
  }
  return out;
}

export const hostAllowed = (allow: AllowList, host: string) => allow.hosts.includes(normalHost(host));

/** Null when the platform may connect to `ip`, else the category that refuses it. */
export function addressRefusal(ip: IpAddress, allow: AllowList): BlockedCategory | null {
  const category = blockedCategory(ip);
  if (category === null) return null;
  return allow.ranges.some((r) => inCidr(ip, r)) ? null : category;
}

/** Ports browsers refuse (WHATWG Fetch "bad port"): mail, shell, DNS, file sharing and the like. */
export const badPorts = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

export type UrlRefusal =
  | { reason: "malformed" }
  | { reason: "scheme" }
  | { reason: "credentials" }
  | { reason: "port" }
  | { reason: "blocked_address"; category: BlockedCategory };

/** The host of a URL without brackets or a trailing dot. */
export const urlHost = (url: URL) => normalHost(url.hostname.replace(/^\[|\]$/g, ""));

/**
 * Checks a destination URL before it is stored or used: http(s) only, no `user:pass@`, no bad port, and
 * a literal address (in any form the URL parser accepts: `2130706433`, `0x7f.1`, `[::ffff:127.0.0.1]`)
 * or a `localhost` name must be allowed. A host name is checked again after resolution at send time.
 */
export function checkOutboundUrl(
  raw: string,
  allow: AllowList,
): { ok: true; url: URL } | ({ ok: false } & UrlRefusal) {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, reason: "scheme" };
  if (url.username || url.password) return { ok: false, reason: "credentials" };
  if (url.port !== "" && badPorts.has(Number(url.port))) return { ok: false, reason: "port" };
  const host = urlHost(url);
  if (!host) return { ok: false, reason: "malformed" };
  if (hostAllowed(allow, host)) return { ok: true, url };
  const ip = parseIp(host);
  if (ip) {
    const category = addressRefusal(ip, allow);
    return category ? { ok: false, reason: "blocked_address", category } : { ok: true, url };
  }
  if (host === "localhost" || host.endsWith(".localhost"))
    return { ok: false, reason: "blocked_address", category: "loopback" };
  return { ok: true, url };
}

/** The messages of a refused URL (Chinese first), for the 422 answer. */
export const urlRefusalMessage: Record<UrlRefusal["reason"], { zh: string; en: string }> = {
  malformed: { zh: "接收地址不是有效网址", en: "Not a valid URL" },
  scheme: { zh: "接收地址须为 http 或 https 网址", en: "Only http and https URLs are allowed" },
  credentials: { zh: "接收地址不能包含用户名或密码", en: "The URL must not carry a user name or password" },
  port: { zh: "接收地址的端口不允许使用", en: "This port is not allowed" },
  blocked_address: {
    zh: "接收地址指向本机、内网、链路本地、组播或保留地址，不允许外发（如确需使用，请由运维人员加入外发白名单）",
    en: "The address is loopback, private, link-local, multicast or reserved (ask the operator to allow-list it)",
  },
};
