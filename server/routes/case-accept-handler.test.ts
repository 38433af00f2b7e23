import { beforeAll, expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";
import { act, as, caseAt } from "./case-test-kit";

/** Accepting (签收) names the handler: a colleague of the department, or the person accepting by default. */
eachApi("case accept with a handler", (ctx) => {
  let colleague: string;
  let housing: string;

  beforeAll(async () => {
    const add = async (username: string, displayName: string, kind: string) => {
      const res = await as(ctx, "county", {
        method: "POST",
        url: "/api/v1/users",
        payload: {
          username,
          displayName,
          role: "cooperating_department",
          scope: ["620123"],
          departmentId: ctx.departments["620123"][kind],
          password: testPassword,
        },
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    colleague = await add("handler-sun", "市场监管局 孙科员", "market");
    housing = await add("handler-chen", "住建局 陈科员", "housing");
  });

  const detail = async (id: string) =>
    (await as(ctx, "market", { method: "GET", url: `/api/v1/cases/${id}` })).json();

  it("records the colleague named as handler, by name on the case and on the trail", async () => {
    const id = await caseAt(ctx, "dispatched");
    const res = await act(ctx, "market", id, "accept", { handlerId: colleague });
    expect(res.statusCode).toBe(200);
    expect(res.json().case).toMatchObject({ handlerId: colleague, handlerName: "市场监管局 孙科员" });
    const d = await detail(id);
    const accepted = d.timeline.at(-1);
    expect(accepted.action).toBe("case.accepted");
    expect(accepted.actorId).toBe(ctx.users.market.id);
    expect(accepted.data).toMatchObject({ handlerId: colleague, handlerName: "市场监管局 孙科员" });
  });

  it("defaults the handler to the person accepting, and says so on the trail", async () => {
    const id = await caseAt(ctx, "dispatched");
    const res = await act(ctx, "market", id, "accept", {});
    expect(res.json().case.handlerId).toBe(ctx.users.market.id);
    const d = await detail(id);
    expect(d.case.handlerName).toBe("测试market");
    expect(d.timeline.at(-1).data).toMatchObject({
      handlerId: ctx.users.market.id,
      handlerName: "测试market",
    });
  });

  it("refuses a handler from another department (422) and changes nothing", async () => {
    const id = await caseAt(ctx, "dispatched");
    const res = await act(ctx, "market", id, "accept", { handlerId: housing });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: "validation_failed",
      details: { issues: [{ path: "handlerId" }] },
    });
    const d = await detail(id);
    expect(d.case.stage).toBe("dispatched");
    expect(d.case.handlerId).toBeNull();
  });
});
