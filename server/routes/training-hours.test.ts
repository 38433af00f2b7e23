import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { seedOversight } from "../test/oversight-world";

const hall = { lng: 104.1146, lat: 35.8457 };
/** A Shanghai wall-clock time as an ISO instant. */
const sh = (t: string) => new Date(`${t}+08:00`).toISOString();

interface HoursRow {
  name: string;
  hours: number;
  sessions: number;
  averageScore: number | null;
  requiredHours: number | null;
  met: boolean | null;
  regionName: string | null;
}

/**
 * Attendee scores and training hours per grid worker per year (R19, issue 13.6) through the API, both
 * databases; the figures feed the assessment's 培训学时达标率. By hand (the clock is 2026-11-30):
 * - plans for 2026: the county 榆中县 12 hours, its township 城关镇 16 hours → 16 apply to both workers
 *   of the village 620123100001 (the higher of the plans holding their region);
 * - sessions for 城关镇: A 2026-03-10 09:00–12:00 (no hours entered → its length, 3 h); B 2026-11-20 1.5 h;
 *   C 2025-12-15 4 h (last year); D 2026-11-24 09:00 – 11-25 17:00 a skill contest counted 12 h;
 * - 测试worker checks in to A, B, C, D: 3 + 1.5 + 12 = 16.5 h in 2026 over 3 sessions, ≥ 16 → met;
 *   scores 90 (A) and 80 (D) → average 85; 测试worker2 to A only: 3 h, score 70, short of 16;
 * - the assessment for November asks 16 × 11 ÷ 12 = 14.67 h by then: the worker 16.5 met (100), worker2
 *   3 not (0); the township 1 of 2 = 50 %.
 */
eachApi("training scores and hours per worker per year (R19)", (ctx) => {
  let worker2: string;
  const sessions: Record<string, string> = {};
  const post = async (user: string, url: string, payload: Record<string, unknown>, status = 201) => {
    const res = await ctx.as(user, { method: "POST", url, payload });
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const get = (user: string, url: string) => ctx.as(user, { method: "GET", url });
  const scores = (user: string, id: string, items: unknown) =>
    ctx.as(user, { method: "PUT", url: `/api/v1/trainings/${id}/scores`, payload: { items } });
  const session = async (key: string, startsAt: string, endsAt: string, hours?: number) => {
    const made = await post("county", "/api/v1/trainings", {
      title: `学时测试培训${key}`,
      regionCode: "620123100",
      startsAt: sh(startsAt),
      endsAt: sh(endsAt),
      place: "城关镇政府三楼会议室",
      location: hall,
      trainer: "县应急管理局 李明",
      kind: key === "D" ? "contest" : "class",
      ...(hours === undefined ? {} : { hours }),
    });
    sessions[key] = made.id;
  };
  const attend = (user: string, key: string, at: string) =>
    post(
      user,
      `/api/v1/trainings/${sessions[key]}/attendance`,
      { id: randomUUID(), at: sh(at), method: "location", location: { ...hall, accuracy: 10 } },
      201,
    );

  beforeAll(async () => {
    worker2 = (await seedOversight(ctx)).worker2Id;
    const plan = { year: 2026, content: "", plannedSessions: 4 };
    await post("county", "/api/v1/training-plans", {
      ...plan,
      regionCode: "620123",
      title: "县计划",
      plannedHours: 12,
    });
    await post("county", "/api/v1/training-plans", {
      ...plan,
      regionCode: "620123100",
      title: "镇计划",
      plannedHours: 16,
    });
    await session("A", "2026-03-10T09:00:00", "2026-03-10T12:00:00");
    await session("B", "2026-11-20T14:00:00", "2026-11-20T16:00:00", 1.5);
    await session("C", "2025-12-15T09:00:00", "2025-12-15T13:00:00", 4);
    await session("D", "2026-11-24T09:00:00", "2026-11-25T17:00:00", 12);
    for (const [key, at] of [
      ["A", "2026-03-10T09:05:00"],
      ["B", "2026-11-20T14:05:00"],
      ["C", "2025-12-15T09:05:00"],
      ["D", "2026-11-24T09:05:00"],
    ])
      await attend("worker", key, at);
    await attend("worker2", "A", "2026-03-10T09:10:00");
  });

  it("takes scores for attendees only, 0–100, and keeps them in the attendance and its trail", async () => {
    const ok = await scores("county", sessions.A, [
      { userId: ctx.users.worker.id, score: 90 },
      { userId: worker2, score: 70 },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    const byName = (items: { userName: string; score: number | null }[]) =>
      Object.fromEntries(items.map((i) => [i.userName, i.score]));
    expect(byName(ok.json().items)).toEqual({ 测试worker: 90, 测试worker2: 70 });
    expect(
      (await scores("county", sessions.D, [{ userId: ctx.users.worker.id, score: 80 }])).statusCode,
    ).toBe(200);

    // someone not on the attendance: nothing is stored, not even the valid score beside it
    const stranger = await scores("county", sessions.A, [
      { userId: ctx.users.worker.id, score: 10 },
      { userId: ctx.users.committee.id, score: 95 },
    ]);
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().code).toBe("training_score_not_attendee");
    expect(stranger.json().message).toContain("1 人不在签到名单中");
    for (const [items, words] of [
      [[{ userId: ctx.users.worker.id, score: 120 }], "不能高于 100"],
      [[{ userId: ctx.users.worker.id, score: -1 }], "不能低于 0"],
      [[], "至少录入一人"],
      [
        [
          { userId: ctx.users.worker.id, score: 60 },
          { userId: ctx.users.worker.id, score: 61 },
        ],
        "重复",
      ],
    ] as const) {
      const bad = await scores("county", sessions.A, items);
      expect(bad.statusCode, JSON.stringify(items)).toBe(422);
      expect(bad.json()).toMatchObject({ code: "validation_failed" });
      expect(bad.json().message).toContain(words);
    }
    const list = await get("county", `/api/v1/trainings/${sessions.A}/attendance`);
    expect(byName(list.json().items)).toEqual({ 测试worker: 90, 测试worker2: 70 });

    expect((await scores("worker", sessions.A, [{ userId: worker2, score: 100 }])).statusCode).toBe(403);
    expect((await scores("other_county", sessions.A, [{ userId: worker2, score: 100 }])).statusCode).toBe(
      404,
    );
    const trail = await ctx.deps.db
      .selectFrom("event")
      .select(["action", "data"])
      .where("subjectId", "=", sessions.A)
      .where("action", "=", "training.scored")
      .execute();
    expect(trail).toHaveLength(1);
    expect(JSON.parse(trail[0].data).scores).toEqual([
      { userId: ctx.users.worker.id, score: 90 },
      { userId: worker2, score: 70 },
    ]);
  });

  it("lists each grid worker's hours of the year against the plan, paged, in the office's region", async () => {
    const res = await get("county", "/api/v1/training-hours?year=2026");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      year: 2026,
      region: { code: "620123", name: "榆中县" },
      total: 2,
      page: 1,
      summary: { workers: 2, withPlan: 2, met: 1, hours: 19.5 },
    });
    const rows = (body.items as HoursRow[]).map((r) => [
      r.name,
      r.hours,
      r.sessions,
      r.averageScore,
      r.requiredHours,
      r.met,
    ]);
    expect(rows).toEqual([
      ["测试worker", 16.5, 3, 85, 16, true],
      ["测试worker2", 3, 1, 70, 16, false],
    ]);
    expect(body.items[0].regionName).toBeTruthy();

    const second = (await get("county", "/api/v1/training-hours?year=2026&pageSize=1&page=2")).json();
    expect(second).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(second.items.map((r: HoursRow) => r.name)).toEqual(["测试worker2"]);
    // a name narrows the list; the summary stays the region's
    const named = (
      await get("county", `/api/v1/training-hours?year=2026&q=${encodeURIComponent("worker2")}`)
    ).json();
    expect(named).toMatchObject({ total: 1, summary: { workers: 2 } });
    expect(named.items.map((r: HoursRow) => r.name)).toEqual(["测试worker2"]);
    // last year: session C only, and no plan for 2025 (required hours unknown, not 0)
    const last = (await get("county", "/api/v1/training-hours?year=2025")).json();
    expect(last.items[0]).toMatchObject({ name: "测试worker", hours: 4, requiredHours: null, met: null });
    expect(last.summary).toMatchObject({ withPlan: 0, met: 0 });
    // the township station reads its township (its scope) by default
    const station = (await get("station", "/api/v1/training-hours?year=2026")).json();
    expect(station).toMatchObject({ region: { code: "620123100" }, total: 2 });
  });

  it("refuses another county's region (404), a worker (403) and a bad year (422 in Chinese)", async () => {
    const other = await get("county", "/api/v1/training-hours?region=620102");
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe("not_found");
    expect((await get("station", "/api/v1/training-hours?region=620123")).statusCode).toBe(404);
    expect((await get("worker", "/api/v1/training-hours")).statusCode).toBe(403);
    const year = await get("county", "/api/v1/training-hours?year=1999");
    expect(year.statusCode).toBe(422);
    expect(year.json().message).toContain("年度须为 2000 至 2100 的整数");
  });

  it("shows a worker their own hours of the year, with the sessions and scores behind them", async () => {
    const res = await get("worker", "/api/v1/training-hours/mine");
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json();
    expect(mine).toMatchObject({
      year: 2026,
      hours: 16.5,
      sessions: 3,
      averageScore: 85,
      requiredHours: 16,
      met: true,
    });
    expect(mine.items.map((i: { hours: number; score: number | null }) => [i.hours, i.score])).toEqual([
      [3, 90],
      [1.5, null],
      [12, 80],
    ]);
    const other = (await get("worker2", "/api/v1/training-hours/mine?year=2026")).json();
    expect(other).toMatchObject({ hours: 3, requiredHours: 16, met: false });
    expect((await get("county", "/api/v1/training-hours/mine")).statusCode).toBe(403);
  });

  it("feeds the assessment's 培训学时达标率: November asks 14.67 h, the worker 100, worker2 0, the township 50 %", async () => {
    const run = async (level: string) => {
      const scheme = await post("county", "/api/v1/assessment-schemes", {
        name: `培训学时考核${level}`,
        regionCode: "620123",
        level,
        indicators: [
          { indicatorId: "training_hours_met", weight: 100, rule: { kind: "linear", floor: 0, target: 100 } },
        ],
        manualItems: [],
      });
      const made = await post("county", `/api/v1/assessment-schemes/${scheme.id}/runs`, {
        period: "2026-11",
      });
      const read = await get("county", `/api/v1/assessment-runs/${made.id}`);
      return read.json().results as {
        id: string;
        subjectId: string;
        computedScore: number;
        breakdown: { items: { value: number | null; available: boolean; recordCount: number }[] };
      }[];
    };
    const workers = await run("grid_worker");
    const of = (id: string) => workers.find((r) => r.subjectId === id);
    expect(of(ctx.users.worker.id)?.breakdown.items[0]).toMatchObject({ value: 100, recordCount: 3 });
    expect(of(ctx.users.worker.id)?.computedScore).toBe(100);
    expect(of(worker2)?.breakdown.items[0]).toMatchObject({ value: 0, recordCount: 1 });
    const towns = await run("township");
    expect(towns.find((r) => r.subjectId === "620123100")?.breakdown.items[0]).toMatchObject({
      available: true,
      value: 50,
    });
    // a township without grid workers: unavailable, not 0
    expect(towns.find((r) => r.subjectId === "620123101")?.breakdown.items[0]).toMatchObject({
      available: false,
      value: null,
    });
  });
});
