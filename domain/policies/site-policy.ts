import { type Actor, covers, hasRole } from "../auth/actor";
import type { Role } from "../auth/roles";
import { can, routeGates } from "./access-table";

type SiteLike = { regionCode: string };

export const siteGate = routeGates("site");

/** Roles that see a site's contacts in full (personal data, R26): those who call or visit the site. */
export const contactRoles: Role[] = [
  "county_office",
  "lead_department",
  "cooperating_department",
  "township_station",
  "grid_worker",
  "committee_member",
];

/**
 * Sites are scoped by their region code. The register is kept by offices, the lead department and the
 * township station; grid workers register and update the sites they find but do not change assignments.
 */
export const sitePolicy = {
  read: (actor: Actor, site: SiteLike) => can(actor, "site", "read", site),
  create: (actor: Actor, regionCode: string) => can(actor, "site", "create", { regionCode }),
  update: (actor: Actor, site: SiteLike) => can(actor, "site", "create", site),
  override: (actor: Actor, site: SiteLike) => can(actor, "site", "override", site),
  import: (actor: Actor, regionCode: string) => can(actor, "site", "override", { regionCode }),
  export: (actor: Actor) => siteGate.export(actor),
  viewContacts: (actor: Actor, site: SiteLike) =>
    hasRole(actor, ...contactRoles) && covers(actor, site.regionCode),
};

export function siteAbilities(actor: Actor, site: SiteLike) {
  return {
    update: sitePolicy.update(actor, site),
    override: sitePolicy.override(actor, site),
    viewContacts: sitePolicy.viewContacts(actor, site),
  };
}

/** `13812345678` -> `138****5678`; landlines keep the area code and the last 4 digits. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\D/g, "");
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return "*".repeat(digits.length);
  return `${phone.slice(0, Math.max(0, phone.length - 8))}****${phone.slice(-4)}`;
}

/** `张三` -> `张*`, `欧阳明月` -> `欧**月`: the first character (and the last for names of 3+). */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  if (chars.length <= 1) return "*";
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

const contactMasks: Record<string, (v: string | null) => string | null> = {
  contactPhone: maskPhone,
  contactName: maskName,
  legalRepresentative: maskName,
};

/**
 * A site's recorded event data as a reader who may not see contacts gets it: every `contactPhone` and
 * `contactName` masked wherever it sits (the registration's fields, a change's `{ from, to }`).
 */
export function maskContactData(value: unknown, mask?: (v: string | null) => string | null): unknown {
  if (typeof value === "string") return mask ? mask(value) : value;
  if (Array.isArray(value)) return value.map((v) => maskContactData(v, mask));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, maskContactData(v, contactMasks[k] ?? mask)]),
    );
  return value;
}
