import type { Crs } from "../../../../domain/geo/coordinates";
import { siteInputFields } from "../../../../domain/schemas/site-schemas";
import type {
  Ownership,
  RiskLevel,
  SiteKind,
  SiteScale,
  SiteStatus,
} from "../../../../domain/site/site-kinds";
import type { Site, SiteInput } from "../../api/sites";

export type Flag = "default" | "yes" | "no";
export interface SiteFormValues {
  name: string;
  kind: SiteKind;
  uscc?: string;
  industryCode?: string | null;
  scale?: SiteScale | null;
  ownership: Ownership;
  riskLevel?: RiskLevel | null;
  large: Flag;
  highGrade: Flag;
  highRisk: Flag;
  regionCode?: string;
  address?: string;
  lon?: number | null;
  lat?: number | null;
  crs: Crs;
  contactName?: string;
  contactPhone?: string;
  status: SiteStatus;
}

export const siteFormFields: string[] = [...siteInputFields];
const toFlag = (v: boolean | null): Flag => (v === null ? "default" : v ? "yes" : "no");
const fromFlag = (f: Flag): boolean | null => (f === "default" ? null : f === "yes");

export function toSiteInput(v: SiteFormValues, site: Site | null): SiteInput {
  const input: SiteInput = {
    name: v.name.trim(),
    kind: v.kind,
    uscc: v.uscc?.trim() || null,
    industryCode: v.industryCode || null,
    scale: v.scale ?? null,
    ownership: v.ownership,
    riskLevel: v.riskLevel ?? null,
    flags: { large: fromFlag(v.large), highGrade: fromFlag(v.highGrade), highRisk: fromFlag(v.highRisk) },
    regionCode: v.regionCode,
    address: v.address?.trim() ?? "",
    lon: v.lon ?? null,
    lat: v.lat ?? null,
    crs: v.crs,
    status: v.status,
  };
  // masked contacts come back as 张*明: send them only when the user may see and change them
  if (!site || site.abilities.viewContacts) {
    input.contactName = v.contactName?.trim() || null;
    input.contactPhone = v.contactPhone?.trim() || null;
  }
  return input;
}

/** The form's values for an existing site, or the defaults of a new one. */
export function initialSiteValues(site: Site | null, defaultRegion?: string): Partial<SiteFormValues> {
  return site
    ? {
        ...site,
        uscc: site.uscc ?? undefined,
        large: toFlag(site.flags.large),
        highGrade: toFlag(site.flags.highGrade),
        highRisk: toFlag(site.flags.highRisk),
        crs: "WGS84",
        contactName: site.contactName ?? undefined,
        contactPhone: site.contactPhone ?? undefined,
      }
    : {
        kind: "enterprise",
        ownership: "other",
        status: "operating",
        large: "default",
        highGrade: "default",
        highRisk: "default",
        crs: "WGS84",
        regionCode: defaultRegion,
      };
}
