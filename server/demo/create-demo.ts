import { generateSecret } from "otplib";
import { listDepartments } from "../../db/queries/department-queries";
import { listGridsOfWorker } from "../../db/queries/grid-worker-queries";
import { findRegion, findRegions, listRegionChildren } from "../../db/queries/region-queries";
import { findUserByUsername } from "../../db/queries/user-queries";
import { twoFactorRequired } from "../../domain/auth/two-factor";
import { type DepartmentKind, defaultCountyDepartments } from "../../domain/department/department-kinds";
import { AppError } from "../../domain/errors";
import { preEnrolTotp } from "../commands/auth/two-factor";
import { createDepartment } from "../commands/departments/save-department";
import { createUser } from "../commands/users/create-user";
import type { Deps } from "../deps";
import { type DemoPlaces, demoAccounts, randomPassword } from "./demo-accounts";

/** The demo county: 榆中县 (Lanzhou), a real Gansu county with its real townships and villages. */
export const demoCountyCode = "620123";

export interface DemoResult {
  county: { code: string; name: string };
  /**
   * `totpSecret`: the administrators' pre-enrolled authenticator secret (printed beside the password);
   * `area`: the places the account covers, by name (a grid worker's grids too); `tryFirst`: where to start.
   */
  accounts: {
    username: string;
    password: string;
    role: string;
    displayName: string;
    totpSecret?: string;
    area: string;
    tryFirst: string;
  }[];
}

/**
 * The area an account covers, in words: its scope's regions by name, a township or village with the
 * township before it (城关镇 兴隆路社区), and for a grid worker the grids they serve (by name).
 */
export async function accountArea(deps: Deps, userId: string, scope: string[]): Promise<string> {
  const parents = scope.filter((c) => c.length > 9).map((c) => c.slice(0, 9));
  const regions = new Map((await findRegions(deps.db, [...scope, ...parents])).map((r) => [r.code, r.name]));
  const places = scope.map((code) => {
    const name = regions.get(code) ?? code;
    const township = code.length > 9 ? regions.get(code.slice(0, 9)) : undefined;
    return township ? `${township} ${name}` : name;
  });
  const grids = await listGridsOfWorker(deps.db, userId);
  const shown = grids.slice(0, 3).map((g) => g.name);
  const more = grids.length > 3 ? ` 等 ${grids.length} 个` : "";
  return grids.length ? `${places.join("、")} — ${shown.join("、")}${more}` : places.join("、");
}

/** A demo step adds one kind of data to the demo county; later issues append steps (grids, sites, cases). */
export type DemoStep = (deps: Deps, places: DemoPlaces) => Promise<void>;

async function demoPlaces(deps: Deps, countyCode: string): Promise<DemoPlaces> {
  const county = await findRegion(deps.db, countyCode);
  if (!county) throw new AppError("invalid_region_code", { zh: `演示县 ${countyCode} 的区划未加载` });
  const townships = await listRegionChildren(deps.db, countyCode);
  const township = townships.find((t) => t.childCount > 0) ?? townships[0];
  const villages = await listRegionChildren(deps.db, township.code);
  return {
    province: countyCode.slice(0, 2),
    city: countyCode.slice(0, 4),
    county: countyCode,
    township: township.code,
    village: villages[0]?.code ?? township.code,
  };
}

async function demoDepartments(deps: Deps, places: DemoPlaces) {
  const county = (await findRegion(deps.db, places.county))!;
  const existing = await listDepartments(deps.db, [places.county], places.county);
  if (existing.length > 0) return;
  for (const d of defaultCountyDepartments(county.name)) {
    await createDepartment(deps, null, {
      regionCode: places.county,
      name: d.name,
      kind: d.kind,
      gridRole: d.role,
    });
  }
}

/**
 * Creates the demo county's departments, one account per role, and whatever later steps add.
 * Passwords (and the administrators' TOTP secrets) are random unless `fixedPassword` / `fixedTotpSecret` is
 * given (browser tests use that: SAFEGRID_DEMO_PASSWORD, SAFEGRID_DEMO_TOTP_SECRET).
 */
export async function createDemo(
  deps: Deps,
  opts: { fixedPassword?: string; fixedTotpSecret?: string; steps?: DemoStep[] } = {},
): Promise<DemoResult> {
  const places = await demoPlaces(deps, demoCountyCode);
  await demoDepartments(deps, places);
  const departments = await listDepartments(deps.db, [places.county], places.county);
  const accounts: DemoResult["accounts"] = [];
  const made: { id: string; scope: string[] }[] = [];
  for (const a of demoAccounts) {
    if (await findUserByUsername(deps.db, a.username)) continue;
    const password = opts.fixedPassword ?? randomPassword();
    const dep = a.departmentKind
      ? departments.find((d) => d.kind === (a.departmentKind as DepartmentKind))
      : undefined;
    const user = await createUser(deps, null, {
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      scope: a.scope(places),
      departmentId: dep?.id ?? null,
      password,
    });
    // The three administrators must sign in with two factors: the demo enrols an authenticator for them.
    const totpSecret = twoFactorRequired(a.role) ? (opts.fixedTotpSecret ?? generateSecret()) : undefined;
    if (totpSecret) await preEnrolTotp(deps, user.id, totpSecret);
    made.push({ id: user.id, scope: a.scope(places) });
    accounts.push({
      username: a.username,
      password,
      role: a.role,
      displayName: a.displayName,
      totpSecret,
      area: "",
      tryFirst: a.tryFirst,
    });
  }
  for (const step of opts.steps ?? []) await step(deps, places);
  // the areas are read after the steps: the grids step gives the demo grid worker their grids
  for (const [i, m] of made.entries()) accounts[i].area = await accountArea(deps, m.id, m.scope);
  const county = (await findRegion(deps.db, places.county))!;
  return { county: { code: county.code, name: county.name }, accounts };
}
