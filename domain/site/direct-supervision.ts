/**
 * R4 直接监管: which sites county-level-or-higher departments supervise directly, outside the grid.
 *
 * Notice 三(三): "对于规模大、规格高、安全风险高或与基层监管力量不匹配的生产经营单位，可由县级以上
 * 负有安全生产监督管理职责的部门直接监管，不纳入基层安全生产网格化监管的范围。"
 * Notice 四(二): "原则上，中央在甘和省属、市属企业（加油站除外）由县级及以上负有安全生产监督管理职责
 * 的部门直接监管，不纳入基层安全生产网格化监管的范围。"
 *
 * Decisions:
 * - Explicit flags win: a county that marks a site large / high-grade / high-risk takes it out of the
 *   grid, gas station or not (三(三) is about the site, not its owner). Without a flag, `large` follows
 *   scale === "large" and `highRisk` follows risk level red (重大风险); `highGrade` has no default.
 *   A flag set to false keeps the site in the grid against those defaults.
 * - Gas stations: 机动车燃油零售 (5265) and 机动车燃气零售 (5266). The notice says 加油站; filling
 *   stations for gas (加气站) and combined ones (加油加气合建站) are the same kind of small, scattered
 *   retail site the exception exists for, so they stay in the grid too.
 */

import { industryCodes } from "./industry";
import type { Ownership, RiskLevel, SiteScale } from "./site-kinds";

export interface DirectSupervisionInput {
  ownership: Ownership;
  industryCode: string | null;
  scale: SiteScale | null;
  riskLevel: RiskLevel | null;
  flags?: { large?: boolean; highGrade?: boolean; highRisk?: boolean };
}

export type DirectSupervisionRule =
  | "flag_large"
  | "flag_high_grade"
  | "flag_high_risk"
  | "state_owned"
  | "state_owned_gas_station"
  | "grid";

export interface DirectSupervisionResult {
  direct: boolean;
  /** Why the site is (or, for the gas-station exception, is not) outside the grid; null for plain grid sites. */
  reason: { zh: string; en: string } | null;
  rule: DirectSupervisionRule;
}

/** Industry codes counted as gas stations (加油站) for the exception of notice 四(二). */
export const gasStationIndustryCodes: readonly string[] = [
  industryCodes.gasStation,
  industryCodes.gasFillingStation,
];

export const isGasStation = (industryCode: string | null): boolean =>
  industryCode !== null && gasStationIndustryCodes.includes(industryCode);

const ownerLabel: Record<Exclude<Ownership, "other">, { zh: string; en: string }> = {
  central_soe: { zh: "中央在甘企业", en: "Central state-owned enterprise" },
  provincial_soe: { zh: "省属企业", en: "Provincial state-owned enterprise" },
  municipal_soe: { zh: "市属企业", en: "Municipal state-owned enterprise" },
};

export function directSupervision(site: DirectSupervisionInput): DirectSupervisionResult {
  const large = site.flags?.large ?? site.scale === "large";
  const highGrade = site.flags?.highGrade ?? false;
  const highRisk = site.flags?.highRisk ?? site.riskLevel === "red";
  const outside = "由县级以上负有安全生产监督管理职责的部门直接监管，不纳入网格";
  const outsideEn = "supervised directly by county-level or higher departments, outside the grid";

  if (large) {
    return {
      direct: true,
      rule: "flag_large",
      reason: { zh: `规模大（三(三)），${outside}`, en: `Large site (notice 3(3)): ${outsideEn}` },
    };
  }
  if (highGrade) {
    return {
      direct: true,
      rule: "flag_high_grade",
      reason: { zh: `规格高（三(三)），${outside}`, en: `High-grade site (notice 3(3)): ${outsideEn}` },
    };
  }
  if (highRisk) {
    return {
      direct: true,
      rule: "flag_high_risk",
      reason: { zh: `安全风险高（三(三)），${outside}`, en: `High-risk site (notice 3(3)): ${outsideEn}` },
    };
  }
  if (site.ownership !== "other") {
    const owner = ownerLabel[site.ownership];
    if (isGasStation(site.industryCode)) {
      return {
        direct: false,
        rule: "state_owned_gas_station",
        reason: {
          zh: `${owner.zh}所属加油（气）站属四(二)“加油站除外”情形，纳入网格监管`,
          en: `Gas station of a ${owner.en.toLowerCase()}: excepted by notice 4(2), supervised in the grid`,
        },
      };
    }
    return {
      direct: true,
      rule: "state_owned",
      reason: { zh: `${owner.zh}（四(二)），${outside}`, en: `${owner.en} (notice 4(2)): ${outsideEn}` },
    };
  }
  return { direct: false, rule: "grid", reason: null };
}
