import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { attendanceToken, tokenStepMs } from "../commands/tasks/attendance-token";
import { eachApi } from "../test/api-harness";
import { as } from "./case-test-kit";

const hall = { lng: 104.1146, lat: 35.8457 };

eachApi("training sessions and attendance (R19)", (ctx) => {
  let training: { id: string; startsAt: string };
  const attend = (user: string, payload: Record<string, unknown>, id = training.id) =>
    as(ctx, user, { method: "POST", url: `/api/v1/trainings/${id}/attendance`, payload });
  const checkIn = (over: Record<string, unknown>) => ({
    id: randomUUID(),
    at: ctx.deps.clock.now().toISOString(),
    location: { ...hall, accuracy: 15 },
    ...over,
  });

  beforeAll(async () => {
    const now = ctx.deps.clock.now().getTime();
    const res = await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/trainings",
      payload: {
        title: "网格员“会检查、会记录、会报告”培训",
        regionCode: "620123100",
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 2 * 3_600_000).toISOString(),
        place: "城关镇政府三楼会议室",
        location: hall,
        radiusM: 200,
        trainer: "县应急管理局 李明",
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    training = res.json();
  });

  it("shows the session to the workers of its region and not to another county", async () => {
    const mine = await as(ctx, "worker", { method: "GET", url: "/api/v1/trainings/mine" });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((t: { id: string }) => t.id)).toEqual([training.id]);
    expect(mine.json().items[0]).toMatchObject({
      attended: false,
      abilities: { attend: true, manage: false },
    });
    const other = await as(ctx, "other_county", { method: "GET", url: `/api/v1/trainings/${training.id}` });
    expect(other.statusCode).toBe(404);
    expect((await as(ctx, "county", { method: "GET", url: "/api/v1/trainings/mine" })).statusCode).toBe(403);
  });

  it("checks in by the code on the trainer's screen, once, and refuses a wrong or stale code", async () => {
    const qr = await as(ctx, "county", { method: "GET", url: `/api/v1/trainings/${training.id}/qr` });
    expect(qr.statusCode).toBe(200);
    const { token, content, qrDataUrl } = qr.json();
    expect(token).toMatch(/^[A-Z2-9]{8}$/);
    expect(content).toBe(`SGTRAIN:${training.id}:${token}`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(
      (await as(ctx, "worker", { method: "GET", url: `/api/v1/trainings/${training.id}/qr` })).statusCode,
    ).toBe(403);

    const wrong = await attend("worker", checkIn({ method: "qr", token: "AAAAAAAA" }));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe("attendance_token_invalid");
    // typed with a dash and in lower case, without a location (the camera and GPS are not required)
    const body = checkIn({
      method: "qr",
      token: `${token.slice(0, 4).toLowerCase()}-${token.slice(4)}`,
      location: undefined,
    });
    const first = await attend("worker", body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ method: "qr", already: false, flags: ["no_location"] });
    const replay = await attend("worker", body);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().id).toBe(body.id);
    const second = await attend("worker", checkIn({ method: "qr", token }));
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ id: body.id, already: true });
    const mine = await as(ctx, "worker", { method: "GET", url: "/api/v1/trainings/mine" });
    expect(mine.json().items[0].attended).toBe(true);

    // a code from two steps ago is stale
    const key = (
      await ctx.deps.db
        .selectFrom("training")
        .select("tokenKey")
        .where("id", "=", training.id)
        .executeTakeFirstOrThrow()
    ).tokenKey;
    const old = attendanceToken(key, training.id, ctx.deps.clock.now().getTime() - 2 * tokenStepMs);
    const stale = await attend("committee", checkIn({ method: "qr", token: old }));
    expect(stale.json().code).toBe("attendance_token_invalid");
  });

  it("checks in by location within the radius during the window only", async () => {
    const far = await attend(
      "committee",
      checkIn({ method: "location", location: { lng: 104.13, lat: 35.85 } }),
    );
    expect(far.statusCode).toBe(422);
    expect(far.json().code).toBe("attendance_too_far");
    const early = new Date(Date.parse(training.startsAt) - 2 * 3_600_000).toISOString();
    const closed = await attend("committee", checkIn({ method: "location", at: early }));
    expect(closed.json().code).toBe("attendance_closed");
    const ok = await attend("committee", checkIn({ method: "location" }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().distanceM).toBeLessThan(5);
    expect((await attend("county", checkIn({ method: "location" }))).statusCode).toBe(403);
    expect((await attend("worker", checkIn({ method: "location" }), randomUUID())).statusCode).toBe(404);
  });

  it("gives the trainer the attendance list and its export", async () => {
    const list = await as(ctx, "county", {
      method: "GET",
      url: `/api/v1/trainings/${training.id}/attendance`,
    });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((r: { userName: string; method: string }) => [r.userName, r.method])
        .sort(),
    ).toEqual([
      ["测试committee", "location"],
      ["测试worker", "qr"],
    ]);
    expect(
      (await as(ctx, "worker", { method: "GET", url: `/api/v1/trainings/${training.id}/attendance` }))
        .statusCode,
    ).toBe(403);
    const file = await as(ctx, "county", {
      method: "GET",
      url: `/api/v1/trainings/${training.id}/attendance/export.xlsx?reason=${encodeURIComponent("培训考勤归档")}`,
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const listed = await as(ctx, "county", { method: "GET", url: "/api/v1/trainings" });
    expect(listed.json().items[0]).toMatchObject({
      id: training.id,
      attendees: 2,
      abilities: { manage: true },
    });
  });

  it("keeps annual training plans; a session filed under one counts as held; a plan out of reach is refused", async () => {
    const plan = (user: string, payload: Record<string, unknown>) =>
      as(ctx, user, { method: "POST", url: "/api/v1/training-plans", payload });
    const body = {
      regionCode: "620123",
      year: 2026,
      title: "榆中县2026年网格员培训计划",
      content: "隐患排查、上报流程、手机端使用",
      plannedSessions: 4,
      plannedHours: 16,
    };
    const bad = await plan("county", { ...body, title: "", plannedSessions: -1 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toContain("计划名称");
    expect((await plan("worker", body)).statusCode).toBe(403);
    expect((await plan("other_county", body)).statusCode).toBe(403);
    const made = await plan("county", body);
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    const held = async (user = "county") =>
      (
        (await as(ctx, user, { method: "GET", url: "/api/v1/training-plans?year=2026" })).json().items as {
          id: string;
          heldSessions: number;
        }[]
      ).find((p) => p.id === id);
    expect(await held()).toMatchObject({ heldSessions: 0, plannedSessions: 4, plannedHours: 16 });
    const now = ctx.deps.clock.now().getTime();
    const session = (planId: string, regionCode = "620123100") =>
      as(ctx, "county", {
        method: "POST",
        url: "/api/v1/trainings",
        payload: {
          title: "燃气安全专题培训",
          regionCode,
          startsAt: new Date(now + 86_400_000).toISOString(),
          endsAt: new Date(now + 86_400_000 + 3_600_000).toISOString(),
          place: "城关镇政府三楼会议室",
          location: hall,
          trainer: "县应急管理局 李明",
          kind: "meeting",
          planId,
        },
      });
    const filed = await session(id);
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ planId: id, kind: "meeting" });
    expect(await held()).toMatchObject({ heldSessions: 1 });
    const before = await ctx.deps.db.selectFrom("training").select("id").execute();
    // another township's plan does not hold a session for 城关镇 (620123100)
    const other = await plan("county", { ...body, regionCode: "620123101", title: "另一乡镇培训计划" });
    expect(other.statusCode, other.body).toBe(201);
    for (const res of [await session("no-such-plan"), await session(other.json().id)]) {
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe("training_plan_unknown");
    }
    expect(await ctx.deps.db.selectFrom("training").select("id").execute()).toHaveLength(before.length);
    expect(await held("other_county")).toBeUndefined();
    const trail = await ctx.deps.db
      .selectFrom("event")
      .select("action")
      .where("subjectId", "=", id)
      .execute();
    expect(trail.map((e) => e.action)).toEqual(["training_plan.created"]);
  });
});
