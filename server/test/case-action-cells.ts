import { caseToColumns, rowToCase } from "../../db/queries/case-queries";
import type { Actor } from "../../domain/auth/actor";
import { caseTargets } from "../../domain/case/case-machine";
import { casePolicy } from "../../domain/case/case-policy";
import { caseActionInputs } from "../../domain/case/case-schemas";
import type { Case, CaseAction } from "../../domain/case/case-types";
import { samePersonRefusal } from "../../domain/case/honest-closure";
import { accessTable } from "../../domain/policies/access-table";
import { gateOf, type Term } from "../../domain/policies/policy-term";
import { as, planFor, report, upload, villagePoint } from "../routes/case-test-kit";
import type { AccessWorld, Scope } from "./access-world";
import type { ApiContext } from "./api-harness";
import { type TestUser, testPassword } from "./fixtures";

/**
 * Case-action cells of the access matrix on real cases: for every action × role that passes the action's
 * gate × scope, a fresh case in the stage the action needs (reported through the API by the county office
 * of the scope, then put into that stage by writing the columns the earlier actions would have written),
 * a body the action's own schema parses, and the exact expected status: 404 when the actor may not read
 * the case, 409 `same_person_closure` when the county's 同人不得闭环 rule refuses the person, 403 when
 * `casePolicy` refuses the action (the table's rule plus independence for re-checks), else 200.
 *
 * The one 同人不得闭环 cell: closing, in the other township, a case of the lead department's own remit
 * that the lead department's account itself handled (409). Elsewhere the feedback giver and handler are a
 * member of the market department, which holds no gate of a closing action, so the rule does not apply.
 */
type Row = Record<string, unknown> & { id: string };
type Stage = (f: Facts) => Partial<Case>;
interface Facts {
  lead: string;
  market: string;
  /** The market department's member who accepted and fed back. */
  handler: string;
  /** The lead department's account (the one own-remit handler). */
  leadUser: string;
  scope: Scope;
  at: string;
}

const dispatched = (f: Facts): Partial<Case> => ({ stage: "dispatched", ownerDepartmentId: f.market });
const handling = (f: Facts): Partial<Case> => ({ ...dispatched(f), stage: "handling", handlerId: f.handler });
const fedBack = (f: Facts): Partial<Case> => ({
  ...handling(f),
  stage: "awaiting_recheck",
  remediation: "fixed",
  lastFeedbackAt: f.at,
  lastFeedbackBy: f.handler,
});
/** Re-checked and passed by the lead department's account. */
const rechecked = (f: Facts): Partial<Case> => ({
  ...fedBack(f),
  stage: "rechecked",
  lastRecheck: { at: f.at, by: f.leadUser, passed: true, flags: [], distanceM: 0 },
});

/** The stage each action is tried in (from `caseTransitions` and `caseGuard` in case-machine.ts). */
const stages: Record<CaseAction, Stage> = {
  triage: () => ({}),
  reject: () => ({}),
  merge: () => ({}),
  dispatch: () => ({ stage: "triaged" }),
  accept: dispatched,
  return: dispatched,
  forward: dispatched,
  submit_plan: (f) => ({ ...handling(f), type: "major_hazard" }),
  feedback: handling,
  request_park: handling,
  approve_park: (f) => ({
    ...handling(f),
    parkRequest: { reason: "等待设备采购到货后整改", until: null, by: f.handler, at: f.at },
  }),
  deny_park: (f) => stages.approve_park(f),
  resume: (f) => ({ ...handling(f), stage: "parked" }),
  recheck: fedBack,
  accept_onsite: (f) => ({ ...rechecked(f), type: "major_hazard" }),
  close: (f) =>
    f.scope === "other_township"
      ? {
          ...rechecked({ ...f, market: f.lead, handler: f.leadUser }),
          ownerDepartmentId: f.lead,
          lastFeedbackBy: f.handler,
        }
      : rechecked(f),
  reopen: (f) => ({
    ...rechecked(f),
    stage: "closed",
    closeReason: "resolved",
    resolution: "fixed",
    closedAt: f.at,
  }),
  escalate: () => ({}),
};

/** Bodies the action's schema parses; `feedback` carries the actor's own unattached upload. */
function bodyOf(ctx: ApiContext, w: AccessWorld, s: Scope, action: CaseAction, evidence?: string) {
  const county = w.county[s];
  const departments = ctx.departments[county];
  const other = Object.entries(departments).find(([k]) => k !== "market" && k !== "emergency")![1];
  const bodies: Record<CaseAction, Record<string, unknown>> = {
    triage: { type: "general_hazard", category: "gas" },
    reject: { reason: "不属于安全生产隐患范围" },
    merge: { targetCaseId: w.case[s].id },
    dispatch: { departmentId: departments.market },
    accept: {},
    return: { reason: "不属于本部门职责范围" },
    forward: { departmentId: other, reason: "属于其他部门职责" },
    submit_plan: { plan: planFor(ctx) },
    feedback: { result: "fixed", note: "已整改完毕", evidenceIds: [evidence ?? "none"] },
    request_park: { reason: "等待设备采购到货后方可整改" },
    approve_park: {},
    deny_park: { reason: "理由不充分，继续整改" },
    resume: {},
    recheck: { passed: true, location: villagePoint },
    accept_onsite: { passed: true, location: villagePoint },
    close: {},
    reopen: { reason: "隐患再次出现，需要整改" },
    escalate: { reason: "久拖不决，需要督办" },
  };
  caseActionInputs[action].parse(bodies[action]);
  return bodies[action];
}

const caseRule = (action: CaseAction) => (accessTable.case as Record<string, Term>)[action];

export interface CaseCell {
  row: Row;
  body: Record<string, unknown>;
}

/** The exact answer for an actor's action on a case row (the order act-on-case.ts checks in). */
export function expectedCaseStatus(actor: Actor, action: CaseAction, row: Row): number {
  const kase = row as unknown as Case;
  if (!gateOf(caseRule(action))(actor)) return 403;
  if (!casePolicy.read(actor, kase)) return 404;
  if (caseTargets(kase.stage, action).length > 0 && samePersonRefusal(actor.id, action, kase, true))
    return 409;
  if (!casePolicy[action](actor, kase)) return 403;
  return 200;
}

/** A member of the other county's market department (the handler of its cases). */
async function marketUser(ctx: ApiContext, w: AccessWorld): Promise<{ id: string }> {
  const res = await as(ctx, "admin", {
    method: "POST",
    url: "/api/v1/users",
    payload: {
      username: "matrix_market_oc",
      displayName: "城关区市场监管经办人",
      role: "cooperating_department",
      scope: [w.county.other_county],
      departmentId: ctx.departments[w.county.other_county].market,
      password: testPassword,
    },
  });
  if (res.statusCode !== 201) throw new Error(`market user: ${res.body}`);
  return res.json();
}

const keeper: Record<Scope, string> = {
  own: "county",
  other_township: "county",
  other_county: "other_county",
};

/**
 * Stages the cells up front: one fresh case per action × scope × account that passes the action's gate;
 * accounts the gate refuses are tried on the scope's standing case (`w.case`), which they cannot change.
 */
export async function stageCaseCells(
  ctx: ApiContext,
  w: AccessWorld,
  accounts: TestUser[],
  actions: CaseAction[],
): Promise<(action: CaseAction, user: TestUser, s: Scope) => CaseCell> {
  const db = ctx.deps.db;
  const known = await db
    .selectFrom("appUser")
    .select("id")
    .where("username", "=", "matrix_market_oc")
    .executeTakeFirst();
  const otherMarket = known ?? (await marketUser(ctx, w));
  const at = new Date(ctx.deps.clock.now().getTime() - 10 * 60_000).toISOString();
  const cells = new Map<string, CaseCell>();
  for (const action of actions)
    for (const user of accounts) {
      if (!gateOf(caseRule(action))(user as unknown as Actor)) continue;
      for (const s of ["own", "other_township", "other_county"] as const) {
        const county = w.county[s];
        const res = await report(ctx, keeper[s], { regionCode: w.village[s], source: "patrol" });
        if (res.statusCode !== 201) throw new Error(`report ${action} ${s}: ${res.body}`);
        const id = res.json().case.id as string;
        const facts: Facts = {
          lead: ctx.departments[county].emergency,
          market: ctx.departments[county].market,
          handler: s === "other_county" ? otherMarket.id : ctx.users.market.id,
          leadUser: s === "other_county" ? ctx.users.other_lead.id : ctx.users.lead.id,
          scope: s,
          at,
        };
        const change = stages[action](facts);
        if (Object.keys(change).length)
          await db.updateTable("caseRecord").set(caseToColumns(change)).where("id", "=", id).execute();
        const stored = await db
          .selectFrom("caseRecord")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        const evidence = action === "feedback" ? (await upload(ctx, user.username)).id : undefined;
        cells.set(`${action} ${user.username} ${s}`, {
          row: rowToCase(stored) as unknown as Row,
          body: bodyOf(ctx, w, s, action, evidence),
        });
      }
    }
  return (action, user, s) =>
    cells.get(`${action} ${user.username} ${s}`) ?? {
      row: w.case[s],
      body: bodyOf(ctx, w, s, action),
    };
}
