import type { Actor } from "../domain/auth/actor";
import type { CaseAction } from "../domain/case/case-types";
import type { testClock } from "../server/clock";
import { publishRun, reviewRun, runScheme } from "../server/commands/assessment/runs";
import { createScheme } from "../server/commands/assessment/schemes";
import { actOnCase } from "../server/commands/cases/act-on-case";
import { reportCase } from "../server/commands/cases/report-case";
import { uploadEvidence } from "../server/commands/cases/upload-evidence";
import { updatePaySettings } from "../server/commands/pay/pay-settings";
import { generatePaySheet } from "../server/commands/pay/pay-sheets";
import type { Deps } from "../server/deps";
import { NOW } from "./dashboard-data";

type BenchDeps = Deps & { clock: ReturnType<typeof testClock> };
const village = "620123100001";
const atVillage = { lng: 104.1146, lat: 35.8457 };
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("bench photo")]);

/**
 * A slice of cases made through the real commands in the home county (report, triage or rejection,
 * dispatch, accept, feedback with a photo, re-check, close), so the rollup rows the commands write in
 * their own transactions sit among the generated ones and the recount checks them too. Rounds of one
 * step for every case that goes that far, the clock moving between rounds; half the feedbacks come ten
 * days later (past their deadline). Starts 20 days before NOW; the clock is back at NOW afterwards.
 */
export async function commandSlice(
  deps: BenchDeps,
  actors: Record<string, Actor>,
  departments: Record<string, string>,
  n: number,
): Promise<{ cases: number; actions: number }> {
  deps.clock.set(new Date(NOW - 20 * 86_400_000).toISOString());
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const input = {
      source: "grid_worker",
      type: "general_hazard",
      category: ["gas", "fire", "hazardous_chemicals"][i % 3],
      description: "餐馆后厨液化气钢瓶放在地下室",
      location: atVillage,
      regionCode: village,
    };
    ids.push((await reportCase(deps, actors.worker, input)).body.case.id);
    deps.clock.advance({ minutes: 1 });
  }
  let actions = 0;
  // How far case i goes: 0 reported … 6 closed; one in eleven is rejected at triage.
  const reach = (i: number) => i % 7;
  const round = async (
    step: number,
    who: string,
    action: CaseAction,
    input: (i: number) => Promise<Record<string, unknown>> | Record<string, unknown>,
    only: (i: number) => boolean = () => true,
  ) => {
    for (const [i, id] of ids.entries()) {
      if (reach(i) < step || !only(i)) continue;
      await actOnCase(deps, actors[who], id, action, await input(i));
      actions++;
      deps.clock.advance({ minutes: 1 });
    }
  };
  deps.clock.advance({ hours: 2 });
  await round(
    1,
    "lead",
    "reject",
    () => ({ reason: "不属于安全生产隐患" }),
    (i) => i % 11 === 5,
  );
  await round(
    1,
    "lead",
    "triage",
    () => ({ type: "general_hazard", category: "gas" }),
    (i) => i % 11 !== 5,
  );
  deps.clock.advance({ hours: 2 });
  const triaged = (i: number) => i % 11 !== 5;
  await round(2, "lead", "dispatch", () => ({ departmentId: departments.market }), triaged);
  deps.clock.advance({ hours: 2 });
  await round(3, "market", "accept", () => ({}), triaged);
  deps.clock.advance({ hours: 20 });
  const feedback = async () => ({
    result: "fixed",
    note: "已完成整改",
    evidenceIds: [(await uploadEvidence(deps, actors.market, [{ fileName: "p.jpg", data: photo }]))[0].id],
  });
  await round(4, "market", "feedback", feedback, (i) => triaged(i) && i % 2 === 0);
  deps.clock.advance({ days: 10 });
  await round(4, "market", "feedback", feedback, (i) => triaged(i) && i % 2 === 1);
  deps.clock.advance({ hours: 3 });
  await round(5, "worker", "recheck", () => ({ passed: true, location: atVillage }), triaged);
  deps.clock.advance({ hours: 3 });
  await round(6, "lead", "close", () => ({}), triaged);
  deps.clock.set(new Date(NOW).toISOString());
  return { cases: n, actions };
}

/** Indicators for the home county's grid workers (weights add up to 100). */
const scheme = {
  name: "榆中县网格员月度考核（基准测试）",
  regionCode: "620123",
  level: "grid_worker",
  indicators: [
    { indicatorId: "valid_reports", weight: 30, rule: { kind: "linear", floor: 0, target: 5 } },
    { indicatorId: "on_time_disposal", weight: 20, rule: { kind: "linear", floor: 60, target: 100 } },
    { indicatorId: "patrol_coverage", weight: 30, rule: { kind: "linear", floor: 50, target: 100 } },
    { indicatorId: "training_attendance", weight: 10, rule: { kind: "linear", floor: 0, target: 100 } },
    { indicatorId: "overdue_cases", weight: 10, rule: { kind: "deduction", perEvent: 1, max: 10 } },
  ],
  manualItems: [],
};

const seconds = async <T>(fn: () => Promise<T>) => {
  const t = performance.now();
  const out = await fn();
  return { s: (performance.now() - t) / 1000, out };
};

/**
 * The home county's month through the real commands: a scheme for its grid workers run `times` times for
 * the month (each run a new version; the last one reviewed and published by a second person), then the
 * county's pay sheet generated `times` times (with performance pay from that run). Seconds of each run.
 */
export async function assessAndPay(deps: BenchDeps, actors: Record<string, Actor>, month: string, times = 3) {
  const created = await createScheme(deps, actors.county, scheme);
  const runs: number[] = [];
  let last = { id: "", subjectCount: 0 };
  for (let i = 0; i < times; i++) {
    const r = await seconds(() => runScheme(deps, actors.county, created.id, { period: month }));
    runs.push(r.s);
    last = r.out;
  }
  await reviewRun(deps, actors.city, last.id, { decision: "approve" });
  await publishRun(deps, actors.city, last.id);
  await updatePaySettings(deps, actors.county, "620123", {
    baseFullTime: 3000,
    basePartTime: 1500,
    performanceMax: 1000,
    rewards: [
      { type: "general_hazard", amount: 50 },
      { type: "major_hazard", amount: 500 },
    ],
    missedPatrolDeduction: 10,
  });
  const sheets: number[] = [];
  let lines = 0;
  let problems = 0;
  for (let i = 0; i < times; i++) {
    const r = await seconds(() => generatePaySheet(deps, actors.county, { regionCode: "620123", month }));
    sheets.push(r.s);
    lines = r.out.lineCount;
    problems = r.out.problemCount;
  }
  return { runs, subjects: last.subjectCount, sheets, lines, problems, performance: true };
}
