import { beforeAll, expect, it } from "vitest";
import type { ApiContext } from "../test/api-harness";
import { eachApi } from "../test/api-harness";
import { act, as, caseAt, planFor, type Stage, upload, useTempDataDir, villagePoint } from "./case-test-kit";

/**
 * Every action answers 401 without a session, 404 out of scope (to an account of the same kind in another
 * county; a role that can never take the action is refused at the route's gate, 403), 403 for a reader
 * without the right,
 * 409 (with the allowed actions) in a stage that does not allow it, 422 with a Chinese message on bad
 * input, and 200 on good input — and nothing changes on any error.
 */
interface Spec {
  stage: Stage | "park_requested" | "parked";
  type?: string;
  who: string;
  good: (ctx: ApiContext, ids: Ids) => Promise<Record<string, unknown>> | Record<string, unknown>;
  bad: (ctx: ApiContext) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Actor allowed by policy on the wrong-stage case (default `who`). */
  who409?: string;
}
type Ids = { other: string };

const specs: Record<string, Spec> = {
  triage: {
    stage: "reported",
    who: "lead",
    good: () => ({ type: "general_hazard", category: "fire" }),
    bad: () => ({ type: "general_hazard", category: "no_such_category" }),
  },
  reject: {
    stage: "reported",
    who: "lead",
    good: () => ({ reason: "不属于安全生产问题" }),
    bad: () => ({ reason: "短" }),
  },
  merge: {
    stage: "reported",
    who: "lead",
    good: (_c, ids) => ({ targetCaseId: ids.other }),
    bad: () => ({}),
  },
  dispatch: {
    stage: "triaged",
    who: "lead",
    good: (c) => ({ departmentId: c.departments["620123"].market }),
    bad: (c) => ({ departmentId: c.departments["620102"].market }),
  },
  accept: { stage: "dispatched", who: "market", good: () => ({}), bad: () => ({ bogus: 1 }) },
  return: {
    stage: "dispatched",
    who: "market",
    good: () => ({ reason: "不属于本部门职责" }),
    bad: () => ({ reason: "" }),
  },
  forward: {
    stage: "dispatched",
    who: "market",
    good: (c) => ({ departmentId: c.departments["620123"].housing, reason: "属于住建部门职责" }),
    bad: (c) => ({ departmentId: c.departments["620123"].housing }),
  },
  submit_plan: {
    stage: "handling",
    type: "major_hazard",
    who: "market",
    good: (c) => ({ plan: planFor(c) }),
    bad: (c) => ({ plan: { ...planFor(c), timeLimit: "2020-01-01" } }),
  },
  feedback: {
    stage: "handling",
    who: "market",
    good: async (c) => ({ result: "fixed", note: "已整改", evidenceIds: [(await upload(c, "market")).id] }),
    bad: () => ({ result: "fixed", note: "已整改", evidenceIds: [] }),
  },
  request_park: {
    stage: "handling",
    who: "market",
    good: () => ({ reason: "需等待专用设备采购到位后整改" }),
    bad: () => ({ reason: "需等待专用设备采购到位后整改", until: "2020-01-01" }),
  },
  approve_park: { stage: "park_requested", who: "county", good: () => ({}), bad: () => ({ bogus: 1 }) },
  deny_park: {
    stage: "park_requested",
    who: "county",
    good: () => ({ reason: "应立即整改" }),
    bad: () => ({}),
  },
  resume: { stage: "parked", who: "market", good: () => ({}), bad: () => ({ note: 5 }) },
  recheck: {
    stage: "awaiting_recheck",
    who: "worker",
    good: (c) => {
      c.deps.clock.advance({ minutes: 1 });
      return { passed: true, location: villagePoint };
    },
    bad: () => ({ passed: false }),
  },
  accept_onsite: {
    stage: "rechecked",
    type: "major_hazard",
    who: "lead",
    good: () => ({ passed: true, location: villagePoint }),
    bad: () => ({ passed: false, note: "" }),
  },
  close: { stage: "rechecked", who: "lead", good: () => ({}), bad: () => ({ bogus: 1 }) },
  reopen: {
    stage: "closed",
    who: "lead",
    good: () => ({ reason: "群众反映仍未整改" }),
    bad: () => ({ reason: "否" }),
  },
  escalate: { stage: "handling", who: "county", good: () => ({ reason: "多次催办未果" }), bad: () => ({}) },
};

async function setUp(ctx: ApiContext, spec: Spec): Promise<string> {
  if (spec.stage === "park_requested" || spec.stage === "parked") {
    const id = await caseAt(ctx, "handling");
    await act(ctx, "market", id, "request_park", { reason: "需等待专用设备采购到位后整改" });
    if (spec.stage === "parked") await act(ctx, "county", id, "approve_park", {});
    return id;
  }
  return caseAt(ctx, spec.stage, spec.type ? { type: spec.type } : {});
}

eachApi("case actions: 401/403/404/409/422/200", (ctx) => {
  useTempDataDir(ctx);
  let closed = "";
  let reported = "";
  let other = "";
  beforeAll(async () => {
    closed = await caseAt(ctx, "closed");
    reported = await caseAt(ctx, "reported");
    other = await caseAt(ctx, "reported");
  });

  for (const [action, spec] of Object.entries(specs)) {
    it(action, async () => {
      const id = await setUp(ctx, spec);
      const good = await spec.good(ctx, { other });
      const before = await as(ctx, spec.who, { method: "GET", url: `/api/v1/cases/${id}` });
      expect(before.statusCode, before.body).toBe(200);
      const version = before.json().case.version;

      const anon = await act(ctx, null, id, action, good);
      expect(anon.statusCode).toBe(401);

      // Someone of the same kind in another county: past the route's gate, the case is not theirs to see.
      const outsider = ["lead", "market", "worker"].includes(spec.who) ? "other_lead" : "other_county";
      const outside = await act(ctx, outsider, id, action, good);
      expect(outside.statusCode).toBe(404);
      expect(outside.json().code).toBe("not_found");

      const reader = await act(ctx, "auditor", id, action, good);
      expect(reader.statusCode).toBe(403);
      expect(reader.json().code).toBe("forbidden");

      const wrong = action === "reopen" ? reported : closed;
      const stale = await act(ctx, spec.who409 ?? spec.who, wrong, action, good);
      expect(stale.statusCode, stale.body).toBe(409);
      expect(stale.json().code).toBe("invalid_transition");
      expect(Array.isArray(stale.json().details.allowed)).toBe(true);

      const bad = await act(ctx, spec.who, id, action, await spec.bad(ctx));
      expect(bad.statusCode, bad.body).toBe(422);
      expect(bad.json().message).toMatch(/[\u4e00-\u9fa5]/);

      const after = (await as(ctx, spec.who, { method: "GET", url: `/api/v1/cases/${id}` })).json();
      expect(after.case.version).toBe(version);
      expect(after.abilities[action]).toBe(true);

      const done = await act(ctx, spec.who, id, action, good);
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json().event.action).toMatch(/^case\./);
      expect(done.json().case.version).toBe(version + 1);
    });
  }
});
