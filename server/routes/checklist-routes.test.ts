import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { defaultChecklists } from "../../domain/checklist/default-checklists";
import type { ApiContext } from "../test/api-harness";
import { eachApi } from "../test/api-harness";
import { homeCounty } from "../test/fixtures";
import { as, upload, useTempDataDir } from "./case-test-kit";
import { siteBody } from "./grid-test-fixtures";

const venue = defaultChecklists.find((c) => c.id === "default-small-venue")!;
const photoItems = new Set(venue.items.filter((i) => i.requirePhoto).map((i) => i.id));

/** Answers for every item of a version: `yes`, or what `over` says, with a photo where it is required. */
function answers(
  items: { id: string; requirePhoto: boolean }[],
  photo: string,
  over: Record<string, string> = {},
) {
  return items.map((i) => ({
    itemId: i.id,
    answer: over[i.id] ?? "yes",
    ...(i.requirePhoto ? { evidenceIds: [photo] } : {}),
  }));
}

eachApi("checklists: templates, runs, one report from failed items", (ctx: ApiContext) => {
  useTempDataDir(ctx);
  let siteId = "";
  beforeAll(async () => {
    const res = await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/sites",
      payload: siteBody({ kind: "small_shop", uscc: null, industryCode: null, name: "榆中县平安小吃店" }),
    });
    expect(res.statusCode, res.body).toBe(201);
    siteId = res.json().id;
  });

  it("gives the worker the defaults of their county; an office edit is a new version, others cannot", async () => {
    const list = await as(ctx, "worker", { method: "GET", url: "/api/v1/checklists" });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().regionCode).toBe(homeCounty);
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual(defaultChecklists.map((c) => c.id));
    expect(list.json().abilities.manage).toBe(false);

    const edit = {
      regionCode: homeCounty,
      title: "“九小场所”安全检查表（榆中县）",
      siteKinds: venue.siteKinds,
      items: [...venue.items, { text: "门口张贴消防安全责任牌", requirePhoto: false }],
      version: 1,
    };
    const refused = await as(ctx, "worker", {
      method: "PUT",
      url: `/api/v1/checklists/${venue.id}`,
      payload: edit,
    });
    expect(refused.statusCode).toBe(403);
    const other = await as(ctx, "other_county", {
      method: "PUT",
      url: `/api/v1/checklists/${venue.id}`,
      payload: edit,
    });
    expect(other.statusCode).toBe(404);
    const saved = await as(ctx, "county", {
      method: "PUT",
      url: `/api/v1/checklists/${venue.id}`,
      payload: edit,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      version: 2,
      source: "default",
      status: "active",
      updatedByName: "测试county",
    });
    expect(saved.json().items.at(-1).id).toBe("item1");
    const stale = await as(ctx, "county", {
      method: "PUT",
      url: `/api/v1/checklists/${venue.id}`,
      payload: edit,
    });
    expect(stale.statusCode).toBe(409);

    const made = await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/checklists",
      payload: {
        regionCode: homeCounty,
        title: "冬季取暖安全检查",
        siteKinds: ["household"],
        items: [{ text: "煤炉安装烟囱并通风" }],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const retired = await as(ctx, "county", {
      method: "POST",
      url: `/api/v1/checklists/${made.json().id}/retire`,
      payload: { regionCode: homeCounty },
    });
    expect(retired.json()).toMatchObject({ version: 2, status: "retired" });
    const after = (await as(ctx, "worker", { method: "GET", url: "/api/v1/checklists" })).json();
    expect(after.items.find((c: { id: string }) => c.id === venue.id).version).toBe(2);
    expect(after.items.some((c: { id: string }) => c.id === made.json().id)).toBe(false);
    const all = await as(ctx, "county", { method: "GET", url: "/api/v1/checklists?includeRetired=true" });
    expect(all.json().items.some((c: { id: string }) => c.id === made.json().id)).toBe(true);
    const versions = await as(ctx, "county", {
      method: "GET",
      url: `/api/v1/checklists/${venue.id}/versions`,
    });
    expect(versions.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it("takes a run filled on the old version (flagged), once per phone id; a missing photo names the item", async () => {
    const photo = (await upload(ctx, "worker")).id;
    const id = randomUUID();
    const body = {
      id,
      siteId,
      checklistId: venue.id,
      version: 1,
      at: ctx.deps.clock.now().toISOString(),
      answers: answers(venue.items, photo, { exits: "no" }),
    };
    const first = await as(ctx, "worker", { method: "POST", url: "/api/v1/checklist-runs", payload: body });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().version).toBe(1);
    expect(first.json().flags.map((f: { code: string }) => f.code)).toEqual([
      "no_location",
      "checklist_changed",
    ]);
    const again = await as(ctx, "worker", { method: "POST", url: "/api/v1/checklist-runs", payload: body });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(id);
    const changed = await as(ctx, "worker", {
      method: "POST",
      url: "/api/v1/checklist-runs",
      payload: { ...body, answers: answers(venue.items, photo) },
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe("idempotency_key_reused");

    const noPhoto = await as(ctx, "worker", {
      method: "POST",
      url: "/api/v1/checklist-runs",
      payload: {
        ...body,
        id: randomUUID(),
        answers: body.answers.map((a) =>
          a.itemId === "extinguishers" ? { itemId: a.itemId, answer: "no" } : a,
        ),
      },
    });
    expect(noPhoto.statusCode).toBe(422);
    expect(noPhoto.json().code).toBe("checklist_photo_required");
    expect(noPhoto.json().message).toContain("按规定配备灭火器");

    const gone = await as(ctx, "worker", {
      method: "POST",
      url: "/api/v1/checklist-runs",
      payload: { ...body, id: randomUUID(), siteId: randomUUID() },
    });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe("site_not_found");
    const office = await as(ctx, "county", { method: "POST", url: "/api/v1/checklist-runs", payload: body });
    expect(office.statusCode).toBe(403);
  });

  it("reports several failed items as ONE case with their photos, once", async () => {
    const list = (await as(ctx, "worker", { method: "GET", url: "/api/v1/checklists" })).json();
    const current = list.items.find((c: { id: string }) => c.id === venue.id);
    const photos = [(await upload(ctx, "worker")).id, (await upload(ctx, "worker")).id];
    const extra = (await upload(ctx, "worker")).id;
    const runId = randomUUID();
    const items = current.items as { id: string; requirePhoto: boolean }[];
    const run = await as(ctx, "worker", {
      method: "POST",
      url: "/api/v1/checklist-runs",
      payload: {
        id: runId,
        siteId,
        checklistId: venue.id,
        version: current.version,
        at: ctx.deps.clock.now().toISOString(),
        location: { lng: 104.0151, lat: 35.8151, accuracy: 8 },
        answers: items.map((i) => ({
          itemId: i.id,
          answer: ["three_in_one", "gas_cylinder", "flammables"].includes(i.id) ? "no" : "yes",
          ...(i.id === "three_in_one" ? { evidenceIds: [photos[0]], note: "二楼住人" } : {}),
          ...(i.id === "gas_cylinder" ? { evidenceIds: [photos[1]] } : {}),
          ...(photoItems.has(i.id) && !["three_in_one", "gas_cylinder"].includes(i.id)
            ? { evidenceIds: [extra] }
            : {}),
        })),
      },
    });
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json().flags).toEqual([]);
    expect(run.json().failedCount).toBe(3);

    const key = randomUUID();
    const payload = { itemIds: ["three_in_one", "gas_cylinder"], category: "gas", idempotencyKey: key };
    const url = `/api/v1/checklist-runs/${runId}/report`;
    const made = await as(ctx, "worker", { method: "POST", url, payload });
    expect(made.statusCode, made.body).toBe(201);
    const kase = made.json().case;
    expect(kase.siteId).toBe(siteId);
    expect(kase.description).toContain("无“三合一”");
    expect(kase.description).toContain("二楼住人");
    expect(kase.description).toContain("液化石油气钢瓶");
    const evidence = await ctx.deps.db
      .selectFrom("evidence")
      .select("id")
      .where("caseId", "=", kase.id)
      .execute();
    expect(evidence.map((e) => e.id).sort()).toEqual([...photos].sort());

    const replay = await as(ctx, "worker", { method: "POST", url, payload });
    expect(replay.json().case.id).toBe(kase.id);
    const twice = await as(ctx, "worker", {
      method: "POST",
      url,
      payload: { ...payload, itemIds: ["gas_cylinder"], idempotencyKey: randomUUID() },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("checklist_item_reported");
    const passed = await as(ctx, "worker", {
      method: "POST",
      url,
      payload: { ...payload, itemIds: ["licence"], idempotencyKey: randomUUID() },
    });
    expect(passed.statusCode).toBe(422);
    const cases = await ctx.deps.db
      .selectFrom("caseRecord")
      .select("id")
      .where("siteId", "=", siteId)
      .execute();
    expect(cases).toHaveLength(1);

    const runs = await as(ctx, "county", { method: "GET", url: `/api/v1/sites/${siteId}/checklist-runs` });
    expect(runs.statusCode).toBe(200);
    expect(runs.json().items).toHaveLength(2);
    const latest = runs.json().items[0];
    expect(latest.reports).toEqual([{ caseId: kase.id, number: kase.number, itemIds: payload.itemIds }]);
    expect(latest.answers.find((a: { itemId: string }) => a.itemId === "three_in_one").case.number).toBe(
      kase.number,
    );
    const away = await as(ctx, "other_county", {
      method: "GET",
      url: `/api/v1/sites/${siteId}/checklist-runs`,
    });
    expect(away.statusCode).toBe(404);
    const events = await ctx.deps.db
      .selectFrom("event")
      .select("action")
      .where("subjectId", "=", siteId)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["site.checklist_recorded", "site.case_reported", "site.checklist_reported"]),
    );
  });
});
