import type { Actor } from "../auth/actor";
import type { Role } from "../auth/roles";
import type { Case, GeoPoint, RemediationPlan } from "./case-types";

/**
 * Small builders for case tests (unit, property, and the server's command tests): one county with a lead
 * department and two cooperating departments, actors in and out of scope, and a case factory.
 */
export const county = "620123";
export const village = "620123100001";
export const otherVillage = "620123100002";
export const dep = { lead: "dep-emergency", market: "dep-market", housing: "dep-housing" } as const;
export const siteAt: GeoPoint = { lng: 103.8343, lat: 36.0611 };
/** About 50 m north-east of the site. */
export const nearSite: GeoPoint = { lng: 103.8347, lat: 36.0614 };
/** About 2 km away. */
export const farFromSite: GeoPoint = { lng: 103.8543, lat: 36.0711 };

const actor = (id: string, role: Role, scope: string[], departmentId: string | null = null): Actor => ({
  id,
  username: id,
  displayName: id,
  role,
  scope,
  departmentId,
});

export const actors = {
  lead1: actor("u-lead1", "lead_department", [county], dep.lead),
  lead2: actor("u-lead2", "lead_department", [county], dep.lead),
  market1: actor("u-market1", "cooperating_department", [county], dep.market),
  market2: actor("u-market2", "cooperating_department", [county], dep.market),
  housing1: actor("u-housing1", "cooperating_department", [county], dep.housing),
  /** Same department id, but a jurisdiction that does not cover the case. */
  marketElsewhere: actor("u-market-x", "cooperating_department", ["620124"], dep.market),
  gridWorker: actor("u-grid", "grid_worker", [village]),
  gridWorkerOther: actor("u-grid-other", "grid_worker", [otherVillage]),
  committee: actor("u-committee", "committee_member", [village]),
  township: actor("u-township", "township_station", ["620123100"]),
  countyOffice: actor("u-county", "county_office", [county]),
  cityOffice: actor("u-city", "city_office", ["6201"]),
  otherCountyOffice: actor("u-county-x", "county_office", ["620124"]),
  auditor: actor("u-auditor", "auditor", [county]),
  provider: actor("u-provider", "service_provider", [county]),
  admin: actor("u-admin", "system_admin", ["62"]),
} satisfies Record<string, Actor>;

export const plan: RemediationPlan = {
  objectives: "消除液化气钢瓶违规存放隐患",
  measures: "钢瓶移出地下室，设置独立气瓶间并安装报警器",
  fundsMaterials: "企业自筹 3 万元，报警器 2 台",
  responsiblePeople: "企业负责人张某，安全员李某",
  timeLimit: "2026-12-31",
  safetyMeasures: "整改期间停止使用地下室，配置灭火器并制定应急预案",
};

export const t0 = new Date("2026-11-02T01:00:00.000Z");

export function makeCase(overrides: Partial<Case> = {}): Case {
  const at = t0.toISOString();
  return {
    id: "case-1",
    number: "620123-2026-000001",
    stage: "reported",
    source: "grid_worker",
    type: "general_hazard",
    category: "gas",
    description: "餐馆后厨液化气钢瓶放在地下室",
    regionCode: village,
    gridCode: `${village}001`,
    siteId: "site-1",
    location: siteAt,
    evidenceIds: ["f-1"],
    reporterId: actors.gridWorker.id,
    reportedAt: at,
    leadDepartmentId: dep.lead,
    ownerDepartmentId: dep.lead,
    suggestedDepartmentId: null,
    handlerId: null,
    stageEnteredAt: at,
    deadline: null,
    reworkCount: 0,
    returnCount: 0,
    reopenCount: 0,
    escalated: false,
    escalationCount: 0,
    parkRequest: null,
    plan: null,
    remediation: null,
    lastFeedbackAt: null,
    lastFeedbackBy: null,
    lastRecheck: null,
    onsiteAcceptance: null,
    rejectReason: null,
    mergedInto: null,
    closeReason: null,
    resolution: null,
    closedAt: null,
    ...overrides,
  };
}
