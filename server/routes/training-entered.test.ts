import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { createUser } from "../commands/users/create-user";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";
import { seedOversight } from "../test/oversight-world";

const hall = { lng: 104.1146, lat: 35.8457 };

interface AttendanceItem {
  userId: string;
  userName: string;
  method: string;
  score: number | null;
  enteredBy: { id: string; name: string | null } | null;
  note: string | null;
}

/**
 * Attendance entered by the organiser (R19, issue 13.6), both databases: the session's organiser (the
 * training.manage rule, as for scores) enters people of its locality, marked `entered` with who and when;
 * duplicates, people outside the locality and a session not yet begun are refused whole; only entered
 * attendance can be removed (with its score, kept in the trail); entered hours count like a check-in for
 * the hours per worker and the assessment's 培训学时达标率. By hand: the session for 城关镇 (620123100) lasts
 * 2 hours from now (November 2026); the township's plan asks 2 hours in 2026, so November asks 2 × 11 ÷ 12
 * = 1.83 h: a worker entered has 2 h and meets it.
 */
eachApi("training attendance entered by the organiser (R19)", (ctx) => {
  let session: string;
  let worker2: string;
  let outsider: string;
  const get = (user: string, url: string) => ctx.as(user, { method: "GET", url });
  const enter = (user: string, payload: Record<string, unknown>, id = session) =>
    ctx.as(user, { method: "POST", url: `/api/v1/trainings/${id}/attendees`, payload });
  const remove = (user: string, userId: string) =>
    ctx.as(user, { method: "DELETE", url: `/api/v1/trainings/${session}/attendees/${userId}` });
  const attendance = async () =>
    (await get("county", `/api/v1/trainings/${session}/attendance`)).json().items as AttendanceItem[];
  const trailOf = (action: string, id = session) =>
    ctx.deps.db
      .selectFrom("event")
      .select(["action", "data", "actorId"])
      .where("subjectId", "=", id)
      .where("action", "=", action)
      .execute();
  const makeSession = async (startsAt: number) => {
    const res = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/trainings",
      payload: {
        title: "燃气安全培训（纸质签到补录）",
        regionCode: "620123100",
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 2 * 3_600_000).toISOString(),
        place: "城关镇政府三楼会议室",
        location: hall,
        trainer: "县应急管理局 李明",
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  beforeAll(async () => {
    worker2 = (await seedOversight(ctx)).worker2Id;
    // a grid worker of another township of the county: outside the session's locality
    outsider = (
      await createUser(ctx.deps, null, {
        username: "worker_t101",
        displayName: "测试邻镇网格员",
        role: "grid_worker",
        scope: ["620123101201"],
        departmentId: null,
        password: testPassword,
      })
    ).id;
    session = await makeSession(ctx.deps.clock.now().getTime());
    const plan = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/training-plans",
      payload: {
        regionCode: "620123100",
        year: 2026,
        title: "城关镇2026年网格员培训计划",
        content: "",
        plannedSessions: 1,
        plannedHours: 2,
      },
    });
    expect(plan.statusCode, plan.body).toBe(201);
  });

  it("lists the locality's field staff to choose from, by name, marking who is on the attendance", async () => {
    const all = await get("county", `/api/v1/trainings/${session}/candidates`);
    expect(all.statusCode, all.body).toBe(200);
    const names = all.json().items.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(["测试worker", "测试worker2", "测试committee", "测试station"]),
    );
    expect(names).not.toContain("测试邻镇网格员");
    expect(names).not.toContain("测试county");
    const some = await get("county", `/api/v1/trainings/${session}/candidates?q=worker2`);
    expect(some.json().items.map((p: { name: string }) => p.name)).toEqual(["测试worker2"]);
    expect(some.json().items[0]).toMatchObject({ attending: false, role: "grid_worker" });
    expect((await get("worker", `/api/v1/trainings/${session}/candidates`)).statusCode).toBe(403);
  });

  it("enters attendees marked as entered by the organiser, with the note, in the trail", async () => {
    const body = { userIds: [ctx.users.worker.id, worker2], note: "纸质签到表补录" };
    // a non-organiser with the same valid body: the grid worker may attend, not organise
    expect((await enter("worker", body)).statusCode).toBe(403);
    expect((await enter("other_county", body)).statusCode).toBe(404);
    expect(await attendance()).toEqual([]);

    const res = await enter("county", body);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as AttendanceItem[];
    expect(items.map((i) => [i.userName, i.method, i.enteredBy?.name, i.note]).sort()).toEqual([
      ["测试worker", "entered", "测试county", "纸质签到表补录"],
      ["测试worker2", "entered", "测试county", "纸质签到表补录"],
    ]);
    const trail = await trailOf("training.attendee_entered");
    expect(trail).toHaveLength(1);
    expect(trail[0].actorId).toBe(ctx.users.county.id);
    const data = JSON.parse(trail[0].data);
    expect(data.note).toBe("纸质签到表补录");
    expect(data.attendees.map((a: { userId: string }) => a.userId)).toEqual([ctx.users.worker.id, worker2]);
    const chosen = await get("county", `/api/v1/trainings/${session}/candidates?q=worker2`);
    expect(chosen.json().items[0].attending).toBe(true);

    // the worker's own check-in afterwards answers the entered attendance (no second row)
    const self = await ctx.as("worker", {
      method: "POST",
      url: `/api/v1/trainings/${session}/attendance`,
      payload: {
        id: randomUUID(),
        at: ctx.deps.clock.now().toISOString(),
        method: "location",
        location: { ...hall, accuracy: 10 },
      },
    });
    expect(self.statusCode, self.body).toBe(200);
    expect(self.json()).toMatchObject({ already: true, method: "entered" });
    expect(await attendance()).toHaveLength(2);
  });

  it("refuses duplicates, people outside the locality and a session not begun, entering nobody", async () => {
    const before = (await attendance()).length;
    const again = await enter("county", { userIds: [ctx.users.committee.id, ctx.users.worker.id] });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({
      code: "training_attendee_duplicate",
      details: { userIds: [ctx.users.worker.id] },
    });
    expect(again.json().message).toContain("1 人已在本次培训的签到名单中");
    const twice = await enter("county", { userIds: [ctx.users.committee.id, ctx.users.committee.id] });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().code).toBe("training_attendee_duplicate");
    for (const stranger of [outsider, ctx.users.county.id, ctx.users.other_county.id, "no-such-user"]) {
      const res = await enter("county", { userIds: [ctx.users.committee.id, stranger] });
      expect(res.statusCode, stranger).toBe(422);
      expect(res.json()).toMatchObject({
        code: "training_attendee_outside",
        details: { userIds: [stranger] },
      });
    }
    const empty = await enter("county", { userIds: [] });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toMatchObject({ code: "validation_failed" });
    expect(empty.json().message).toContain("请至少选择一人");
    const tomorrow = await makeSession(ctx.deps.clock.now().getTime() + 86_400_000);
    const early = await enter("county", { userIds: [ctx.users.committee.id] }, tomorrow);
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe("training_not_started");
    expect(await attendance()).toHaveLength(before);
    expect(await trailOf("training.attendee_entered")).toHaveLength(1);
  });

  it("counts entered attendance for hours per worker and the assessment's 培训学时达标率", async () => {
    const mine = (await get("worker2", "/api/v1/training-hours/mine?year=2026")).json();
    expect(mine).toMatchObject({ hours: 2, sessions: 1, requiredHours: 2, met: true });
    const listed = (await get("county", "/api/v1/training-hours?year=2026&region=620123100")).json();
    const row = listed.items.find((r: { userId: string }) => r.userId === worker2);
    expect(row).toMatchObject({ hours: 2, sessions: 1, met: true });
    const scheme = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/assessment-schemes",
      payload: {
        name: "培训学时考核（录入签到）",
        regionCode: "620123",
        level: "grid_worker",
        indicators: [
          { indicatorId: "training_hours_met", weight: 100, rule: { kind: "linear", floor: 0, target: 100 } },
        ],
        manualItems: [],
      },
    });
    expect(scheme.statusCode, scheme.body).toBe(201);
    const run = await ctx.as("county", {
      method: "POST",
      url: `/api/v1/assessment-schemes/${scheme.json().id}/runs`,
      payload: { period: "2026-11" },
    });
    expect(run.statusCode, run.body).toBe(201);
    const results = (await get("county", `/api/v1/assessment-runs/${run.json().id}`)).json().results as {
      subjectId: string;
      computedScore: number;
      breakdown: { items: { value: number | null; recordCount: number }[] };
    }[];
    expect(results.find((r) => r.subjectId === worker2)?.breakdown.items[0]).toMatchObject({
      value: 100,
      recordCount: 1,
    });
  });

  it("removes an entered attendee with their score (kept in the trail), never a worker's own check-in", async () => {
    const scored = await ctx.as("county", {
      method: "PUT",
      url: `/api/v1/trainings/${session}/scores`,
      payload: { items: [{ userId: worker2, score: 80 }] },
    });
    expect(scored.statusCode, scored.body).toBe(200);
    expect((await remove("worker", worker2)).statusCode).toBe(403);
    expect((await remove("other_county", worker2)).statusCode).toBe(404);
    const gone = await remove("county", worker2);
    expect(gone.statusCode, gone.body).toBe(200);
    expect(gone.json().items.map((i: AttendanceItem) => i.userName)).toEqual(["测试worker"]);
    const trail = await trailOf("training.attendee_removed");
    expect(trail).toHaveLength(1);
    expect(JSON.parse(trail[0].data)).toMatchObject({
      userId: worker2,
      score: 80,
      enteredBy: ctx.users.county.id,
      note: "纸质签到表补录",
    });
    expect((await get("worker2", "/api/v1/training-hours/mine?year=2026")).json()).toMatchObject({
      hours: 0,
      sessions: 0,
      met: false,
    });
    const absent = await remove("county", worker2);
    expect(absent.statusCode).toBe(404);
    expect(absent.json().code).toBe("training_attendee_absent");

    // the committee member checks in by location: their own record stays
    const own = await ctx.as("committee", {
      method: "POST",
      url: `/api/v1/trainings/${session}/attendance`,
      payload: {
        id: randomUUID(),
        at: ctx.deps.clock.now().toISOString(),
        method: "location",
        location: { ...hall, accuracy: 10 },
      },
    });
    expect(own.statusCode, own.body).toBe(201);
    const self = await remove("county", ctx.users.committee.id);
    expect(self.statusCode).toBe(422);
    expect(self.json().code).toBe("training_attendance_self");
    expect((await attendance()).map((i) => [i.userName, i.method]).sort()).toEqual([
      ["测试committee", "location"],
      ["测试worker", "entered"],
    ]);
  });
  it("two organisers entering the same person at once: one is entered, the other gets the 422", async () => {
    const other = await makeSession(ctx.deps.clock.now().getTime());
    const body = { userIds: [worker2], note: "两人同时补录" };
    const answers = await Promise.all([enter("county", body, other), enter("county", body, other)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 422]);
    expect(answers.find((r) => r.statusCode === 422)?.json().code).toBe("training_attendee_duplicate");
    const rows = await ctx.deps.db
      .selectFrom("trainingAttendance")
      .select("userId")
      .where("trainingId", "=", other)
      .execute();
    expect(rows).toEqual([{ userId: worker2 }]);
    expect(await trailOf("training.attendee_entered", other)).toHaveLength(1);
  });
});
