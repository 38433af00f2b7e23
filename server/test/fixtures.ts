import type { Database } from "../../db/db";
import { upsertRegions } from "../../db/queries/region-queries";
import { readRegionRows } from "../../db/regions/region-data";
import type { Role } from "../../domain/auth/roles";
import { twoFactorRequired } from "../../domain/auth/two-factor";
import { createWorkingCalendar } from "../../domain/calendar/working-calendar";
import { type DepartmentKind, defaultCountyDepartments } from "../../domain/department/department-kinds";
import { testClock } from "../clock";
import { preEnrolTotp } from "../commands/auth/two-factor";
import { createDepartment } from "../commands/departments/save-department";
import { seedRoutingRules } from "../commands/routing/seed-routing-rules";
import { createUser } from "../commands/users/create-user";
import { testConfig } from "../config";
import type { Deps } from "../deps";
import { testTotpSecret } from "./sign-in";

export const testPassword = "Test-Pass-2026x";
/** Two real Gansu counties: the home county (榆中县) and a neighbour (城关区) for out-of-scope checks. */
export const homeCounty = "620123";
export const otherCounty = "620102";

let regionCache: Awaited<ReturnType<typeof readRegionRows>> | undefined;

/** Loads the province, its cities and counties, and the townships and villages of the two test counties. */
export async function loadTestRegions(database: Database) {
  regionCache ??= (await readRegionRows("62")).filter(
    (r) => r.code.length <= 6 || r.code.startsWith(homeCounty) || r.code.startsWith(otherCounty),
  );
  await upsertRegions(
    database.db,
    regionCache.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode })),
  );
}

export function testDeps(
  database: Database,
  clock = testClock(),
): Deps & { clock: ReturnType<typeof testClock> } {
  return {
    db: database.db,
    dialect: database.dialect,
    clock,
    config: testConfig(),
    calendar: createWorkingCalendar(),
  };
}

export interface TestUser {
  id: string;
  username: string;
  role: Role;
  scope: string[];
  departmentId: string | null;
}

/** One user per role in the home county (plus `other_county` in the neighbour), departments and routing. */
export async function seedTestWorld(deps: Deps) {
  await seedRoutingRules(deps);
  const departments: Record<string, Record<string, string>> = {};
  for (const county of [homeCounty, otherCounty]) {
    departments[county] = {};
    for (const d of defaultCountyDepartments(county === homeCounty ? "榆中县" : "城关区")) {
      const made = await createDepartment(deps, null, {
        regionCode: county,
        name: d.name,
        kind: d.kind,
        gridRole: d.role,
      });
      departments[county][d.kind] = made.id;
    }
  }
  const township = `${homeCounty}100`;
  const village = `${homeCounty}100001`;
  const specs: [string, Role, string[], DepartmentKind | null, string?][] = [
    ["admin", "system_admin", ["62"], null],
    ["province", "province_office", ["62"], null],
    ["city", "city_office", ["6201"], null],
    ["county", "county_office", [homeCounty], null],
    ["lead", "lead_department", [homeCounty], "emergency"],
    ["market", "cooperating_department", [homeCounty], "market"],
    ["station", "township_station", [township], null],
    ["worker", "grid_worker", [village], null],
    ["committee", "committee_member", [village], null],
    ["provider", "service_provider", [homeCounty], null],
    ["auditor", "auditor", [homeCounty], null],
    ["security", "security_admin", ["62"], null],
    ["other_county", "county_office", [otherCounty], null],
    ["other_lead", "lead_department", [otherCounty], "emergency", otherCounty],
    ["tipofficer", "tip_officer", [homeCounty], null],
    ["tipofficer2", "tip_officer", [homeCounty], null],
    ["finance", "finance", [homeCounty], null],
  ];
  const users: Record<string, TestUser> = {};
  for (const [username, role, scope, kind, county] of specs) {
    const departmentId = kind ? departments[county ?? homeCounty][kind] : null;
    const u = await createUser(deps, null, {
      username,
      displayName: `测试${username}`,
      role,
      scope,
      departmentId,
      password: testPassword,
    });
    users[username] = { id: u.id, username, role, scope, departmentId };
    if (twoFactorRequired(role)) await preEnrolTotp(deps, u.id, testTotpSecret);
  }
  return { users, departments };
}
