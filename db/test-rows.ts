import type { NewSiteRow } from "./schema/grid-tables";
import type { PatrolTable } from "./schema/patrol-tables";

/** Rows written straight to the tables by database tests (no command in between). */

/** A grid worker account of a region. */
export function testUserRow(id: string, regionCode: string, at: string) {
  return {
    id,
    username: id,
    displayName: "网格员",
    passwordHash: "x",
    role: "grid_worker" as const,
    scope: "[]",
    regionCode,
    status: "active" as const,
    passwordChangedAt: at,
    createdAt: at,
    updatedAt: at,
  };
}

/** An operating small shop of a region, without grid, location or worker. */
export function testSiteRow(id: string, regionCode: string, at: string): NewSiteRow {
  return {
    id,
    name: `场所${id}`,
    kind: "small_shop",
    uscc: null,
    industryCode: null,
    scale: null,
    ownership: "private",
    riskLevel: null,
    flagLarge: null,
    flagHighGrade: null,
    flagHighRisk: null,
    regionCode,
    address: "",
    lon: null,
    lat: null,
    contactName: null,
    contactPhone: null,
    legalRepresentative: null,
    status: "operating",
    direct: 0,
    directRule: "grid",
    gridId: null,
    gridRule: "no_location",
    gridOverride: 0,
    workerId: null,
    workerRule: "no_worker",
    workerOverride: 0,
    departmentId: null,
    departmentRule: "no_rule",
    departmentRuleId: null,
    departmentReason: "{}",
    departmentOverride: 0,
    overrideReason: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** A check-in without location, flags or evidence, received when the phone made it. */
export function testPatrolRow(
  r: Pick<PatrolTable, "id" | "siteId" | "regionCode" | "gridId" | "userId"> & { at: string },
): PatrolTable {
  const { at, ...rest } = r;
  return {
    ...rest,
    clientAt: at,
    receivedAt: at,
    lng: null,
    lat: null,
    accuracy: null,
    mock: 0,
    distanceM: null,
    flags: "[]",
    note: null,
    evidenceIds: "[]",
  };
}
