import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { as, upload, useTempDataDir } from "./case-test-kit";
import { siteBody } from "./grid-test-fixtures";

const outreachValues = {
  place: "兴隆村文化广场",
  audience: "居民群众",
  headcount: 45,
  topic: "冬季燃气安全",
};
const near = { lng: 104.0151, lat: 35.8151, accuracy: 12 };

eachApi("task kinds and task records (R14, R16, R17)", (ctx) => {
  useTempDataDir(ctx);
  let siteId: string;
  const post = (user: string, payload: Record<string, unknown>) =>
    as(ctx, user, { method: "POST", url: "/api/v1/task-records", payload });
  /** An outreach record's body with a photo of its own (a photo belongs to one record). */
  const outreach = async (over: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    kindCode: "outreach",
    at: ctx.deps.clock.now().toISOString(),
    location: near,
    values: outreachValues,
    evidenceIds: [(await upload(ctx, "worker")).id],
    ...over,
  });

  beforeAll(async () => {
    const site = await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/sites",
      payload: siteBody({ uscc: null, kind: "small_shop", name: "兴隆村小卖部" }),
    });
    expect(site.statusCode, site.body).toBe(201);
    siteId = site.json().id;
  });

  it("gives the phone the built-in kinds with their forms", async () => {
    const res = await as(ctx, "worker", { method: "GET", url: "/api/v1/task-kinds" });
    expect(res.statusCode).toBe(200);
    const kinds = res.json() as { code: string; builtIn: boolean; fields: { key: string }[] }[];
    expect(kinds.map((k) => k.code)).toEqual(["outreach", "assistance"]);
    expect(kinds[0].fields.map((f) => f.key)).toEqual(["place", "audience", "headcount", "topic"]);
  });

  it("records outreach once per phone id, flags it, and refuses the same id with another body", async () => {
    const body = await outreach({ siteId });
    const first = await post("worker", body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      kindCode: "outreach",
      kindVersion: 1,
      regionCode: "620123100001",
      flags: [],
    });
    expect(first.json().distanceM).toBeLessThan(50);
    const again = await post("worker", body);
    expect(again.statusCode).toBe(200);
    expect(again.headers["idempotent-replay"]).toBe("true");
    expect(again.json().id).toBe(body.id);
    const other = await post("worker", { ...body, values: { ...outreachValues, headcount: 46 } });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe("idempotency_key_reused");
    const rows = await ctx.deps.db.selectFrom("taskRecord").select("id").where("id", "=", body.id).execute();
    expect(rows).toHaveLength(1);
  });

  it("opens a record's photo to whoever reads the record, and to nobody else", async () => {
    const own = (await upload(ctx, "worker")).id;
    const made = await post("worker", await outreach({ evidenceIds: [own] }));
    expect(made.statusCode, made.body).toBe(201);
    const open = (user: string) => as(ctx, user, { method: "GET", url: `/api/v1/evidence/${own}` });
    // the uploader, and the county office and the lead department, who read the county's task records
    for (const user of ["worker", "county", "lead"]) expect((await open(user)).statusCode, user).toBe(200);
    // a department that does not read task records, another field user: as if it did not exist
    for (const user of ["market", "committee"]) expect((await open(user)).statusCode, user).toBe(404);
    // the auditor reads no business files at all: refused at the gate
    expect((await open("auditor")).statusCode).toBe(403);
  });

  it("flags a far, mock, clock-ahead record but keeps it", async () => {
    const ahead = new Date(ctx.deps.clock.now().getTime() + 60 * 60_000).toISOString();
    const res = await post(
      "worker",
      await outreach({ siteId, at: ahead, location: { lng: 104.05, lat: 35.85, mock: true } }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().flags).toEqual(["far_from_site", "mock_location", "clock_skew"]);
  });

  it("answers bad values, missing photos, a gone site and an unknown kind with clear 4xx codes", async () => {
    const bad = await post("worker", await outreach({ values: { ...outreachValues, headcount: "很多" } }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toBe("“参加人数”须为数字");
    const noPhoto = await post("worker", await outreach({ evidenceIds: [] }));
    expect(noPhoto.json().code).toBe("task_photos_missing");
    const gone = await post("worker", await outreach({ siteId: randomUUID() }));
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe("site_not_found");
    const unknown = await post("worker", await outreach({ kindCode: "no_such_kind" }));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe("task_kind_not_found");
    // a photo already on another record stays there; the second record is refused and not stored
    const first = await outreach();
    expect((await post("worker", first)).statusCode).toBe(201);
    const second = await outreach({ evidenceIds: first.evidenceIds });
    const reused = await post("worker", second);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe("evidence_not_found");
    const stored = await ctx.deps.db
      .selectFrom("taskRecord")
      .select("id")
      .where("id", "=", second.id)
      .execute();
    expect(stored).toHaveLength(0);
    const office = await post("county", await outreach());
    expect(office.statusCode).toBe(403);
  });

  it("lets the county define, edit and retire its own kind; phones filled on the old version still count", async () => {
    const made = await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/task-kinds",
      payload: {
        regionCode: "620123",
        code: "flood_watch",
        zh: "汛期巡查",
        fields: [
          { key: "river", label: { zh: "河段" }, type: "text", required: true },
          {
            key: "level",
            label: { zh: "水位" },
            type: "select",
            required: true,
            options: ["正常", "偏高", "超警戒"],
          },
        ],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const kind = made.json();
    expect(kind).toMatchObject({ code: "flood_watch", version: 1, builtIn: false });
    const dup = await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/task-kinds",
      payload: {
        regionCode: "620123",
        code: "flood_watch",
        zh: "重复",
        fields: [{ key: "a", label: { zh: "甲" }, type: "text" }],
      },
    });
    expect(dup.json().code).toBe("task_kind_exists");
    const seen = (u: string) =>
      as(ctx, u, { method: "GET", url: "/api/v1/task-kinds" }).then((r) =>
        (r.json() as { code: string }[]).map((k) => k.code),
      );
    expect(await seen("worker")).toContain("flood_watch");
    expect(await seen("other_county")).not.toContain("flood_watch");
    // the phone filled version 1 offline; meanwhile the county adds a required field (version 2)
    const filledAt = ctx.deps.clock.now().toISOString();
    const edit = await as(ctx, "county", {
      method: "PATCH",
      url: `/api/v1/task-kinds/${kind.id}`,
      payload: {
        version: 1,
        fields: [
          ...kind.fields,
          { key: "photoTaken", label: { zh: "是否拍照" }, type: "boolean", required: true },
        ],
      },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().version).toBe(2);
    const stale = await as(ctx, "county", {
      method: "PATCH",
      url: `/api/v1/task-kinds/${kind.id}`,
      payload: { version: 1, zh: "x" },
    });
    expect(stale.statusCode).toBe(409);
    const v1 = {
      kindCode: "flood_watch",
      kindVersion: 1,
      values: { river: "宛川河兴隆段", level: "偏高" },
      evidenceIds: [],
    };
    const old = await post("worker", await outreach({ ...v1, at: filledAt }));
    expect(old.statusCode, old.body).toBe(201);
    expect(old.json().kindVersion).toBe(1);
    const current = await post("worker", await outreach({ ...v1, kindVersion: 2 }));
    expect(current.statusCode).toBe(422);
    expect(current.json().message).toBe("请填写“是否拍照”");
    const unknownVersion = await post("worker", await outreach({ ...v1, kindVersion: 9 }));
    expect(unknownVersion.json().code).toBe("task_kind_version_unknown");
    expect(
      (
        await as(ctx, "worker", {
          method: "PATCH",
          url: `/api/v1/task-kinds/${kind.id}`,
          payload: { version: 2 },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await as(ctx, "other_county", {
          method: "PATCH",
          url: `/api/v1/task-kinds/${kind.id}`,
          payload: { version: 2 },
        })
      ).statusCode,
    ).toBe(404);
    // retired: work done before the retirement is still accepted, later work is refused
    const before = ctx.deps.clock.now().toISOString();
    ctx.deps.clock.advance({ minutes: 5 });
    const retire = await as(ctx, "county", {
      method: "PATCH",
      url: `/api/v1/task-kinds/${kind.id}`,
      payload: { version: 2, status: "retired" },
    });
    expect(retire.json()).toMatchObject({ status: "retired", version: 2 });
    expect(await seen("worker")).not.toContain("flood_watch");
    const late = await post(
      "worker",
      await outreach({ ...v1, kindVersion: 2, values: { ...v1.values, photoTaken: true } }),
    );
    expect(late.json().code).toBe("task_kind_retired");
    const early = await post(
      "worker",
      await outreach({ ...v1, kindVersion: 2, at: before, values: { ...v1.values, photoTaken: true } }),
    );
    expect(early.statusCode, early.body).toBe(201);
  });

  it("lists records for the office by region, kind and period, own records for the worker, and exports them", async () => {
    const assist = await post(
      "worker",
      await outreach({
        kindCode: "assistance",
        evidenceIds: [],
        values: { department: "县应急管理局", site: "兴隆建材", done: "带路并协助检查消防通道" },
      }),
    );
    expect(assist.statusCode, assist.body).toBe(201);
    const list = (u: string, q = "") => as(ctx, u, { method: "GET", url: `/api/v1/task-records?${q}` });
    const county = await list("county", "region=620123100&kind=assistance");
    expect(county.statusCode).toBe(200);
    expect(county.json().items.map((r: { id: string }) => r.id)).toEqual([assist.json().id]);
    expect(county.json().items[0]).toMatchObject({ kindZh: "协助部门检查", recorderName: "测试worker" });
    const all = await list("county");
    expect(all.json().total).toBeGreaterThanOrEqual(5);
    const today = new Date(Date.parse(ctx.deps.clock.now().toISOString()) + 8 * 3_600_000)
      .toISOString()
      .slice(0, 10);
    expect((await list("county", `from=${today}&to=${today}`)).json().total).toBe(all.json().total);
    expect((await list("county", "from=2020-01-01&to=2020-01-31")).json().total).toBe(0);
    expect((await list("worker")).json().total).toBe(all.json().total);
    expect((await list("committee")).json().total).toBe(0);
    expect((await list("other_county")).json().total).toBe(0);
    expect((await list("auditor")).statusCode).toBe(403);
    expect((await list("station")).json().total).toBe(all.json().total);
    const noReason = await as(ctx, "county", { method: "GET", url: "/api/v1/task-records/export.xlsx" });
    expect(noReason.json().code).toBe("export_reason_required");
    const file = await as(ctx, "county", {
      method: "GET",
      url: `/api/v1/task-records/export.xlsx?kind=outreach&reason=${encodeURIComponent("年度宣传工作统计")}`,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toContain("spreadsheetml");
    expect(file.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });
});
