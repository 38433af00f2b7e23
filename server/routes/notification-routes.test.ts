import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { as, caseAt, useTempDataDir } from "./case-test-kit";

eachApi("inbox and webhooks", (ctx) => {
  useTempDataDir(ctx);

  it("tells the department a case was dispatched to, and marks messages read", async () => {
    const id = await caseAt(ctx, "dispatched");
    const inbox = (
      await as(ctx, "market", { method: "GET", url: "/api/v1/notifications?unread=true" })
    ).json();
    const msg = inbox.items.find(
      (n: { caseId: string; kind: string }) => n.caseId === id && n.kind === "case.dispatched",
    );
    expect(msg.title).toContain("请签收");
    expect(msg.caseNumber).toMatch(/^620123-/);
    expect(inbox.unread).toBeGreaterThan(0);
    expect(
      (await as(ctx, "market", { method: "POST", url: `/api/v1/notifications/${msg.id}/read` })).statusCode,
    ).toBe(204);
    expect(
      (await as(ctx, "lead", { method: "POST", url: `/api/v1/notifications/${msg.id}/read` })).statusCode,
    ).toBe(404);
    expect(
      (await as(ctx, "market", { method: "POST", url: "/api/v1/notifications/read-all" })).statusCode,
    ).toBe(204);
    expect((await as(ctx, "market", { method: "GET", url: "/api/v1/notifications" })).json().unread).toBe(0);
    // The case page shows who was told and whether it was read.
    const detail = (await as(ctx, "lead", { method: "GET", url: `/api/v1/cases/${id}` })).json();
    const told = detail.notifications.find(
      (n: { kind: string; channel: string }) => n.kind === "case.dispatched" && n.channel === "inbox",
    );
    expect(told.status).toBe("read");
  });

  it("offices manage webhooks of their jurisdiction; the secret is shown once; deliveries are listed", async () => {
    const created = await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/webhooks",
      payload: {
        regionCode: "620123",
        url: "https://hooks.example.com/safegrid",
        events: ["case.dispatched"],
      },
    });
    expect(created.statusCode).toBe(201);
    const hook = created.json();
    expect(hook.secret).toMatch(/^[0-9a-f]{64}$/);
    const list = (await as(ctx, "county", { method: "GET", url: "/api/v1/webhooks" })).json();
    expect(list.items.find((w: { id: string }) => w.id === hook.id)).not.toHaveProperty("secret");
    expect(
      (await as(ctx, "other_county", { method: "GET", url: `/api/v1/webhooks/${hook.id}/deliveries` }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await as(ctx, "market", {
          method: "POST",
          url: "/api/v1/webhooks",
          payload: { regionCode: "620123", url: "http://x.test/" },
        })
      ).statusCode,
    ).toBe(403);
    const badUrl = await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/webhooks",
      payload: { regionCode: "620123", url: "ftp://x" },
    });
    expect(badUrl.statusCode).toBe(422);
    expect(badUrl.json()).toMatchObject({ code: "outbound_url_invalid", details: { reason: "scheme" } });
    await caseAt(ctx, "dispatched");
    const deliveries = (
      await as(ctx, "county", { method: "GET", url: `/api/v1/webhooks/${hook.id}/deliveries` })
    ).json();
    expect(deliveries.total).toBe(1);
    expect(deliveries.items[0]).toMatchObject({ event: "case.dispatched", status: "pending", attempts: 0 });
    const rotated = await as(ctx, "county", {
      method: "PATCH",
      url: `/api/v1/webhooks/${hook.id}`,
      payload: { rotateSecret: true, active: false },
    });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().secret).not.toBe(hook.secret);
    expect(rotated.json().active).toBe(false);
    expect(
      (await as(ctx, "county", { method: "DELETE", url: `/api/v1/webhooks/${hook.id}` })).statusCode,
    ).toBe(204);
  });

  it("refuses webhook URLs to internal addresses, with credentials, other schemes or bad ports (422)", async () => {
    const post = (url: string) =>
      as(ctx, "county", { method: "POST", url: "/api/v1/webhooks", payload: { regionCode: "620123", url } });
    const refused: [string, string, string][] = [
      ["http://127.0.0.1:8080/hook", "outbound_address_blocked", "loopback"],
      ["http://169.254.169.254/latest/meta-data/", "outbound_address_blocked", "link_local"],
      ["http://10.0.0.1/hook", "outbound_address_blocked", "private"],
      ["http://[::1]/hook", "outbound_address_blocked", "loopback"],
      ["http://[::ffff:7f00:1]/hook", "outbound_address_blocked", "loopback"],
      ["http://0x7f000001/hook", "outbound_address_blocked", "loopback"],
      ["http://localhost:3000/hook", "outbound_address_blocked", "loopback"],
      ["http://100.64.1.1/hook", "outbound_address_blocked", "cgnat"],
      ["http://[ff02::1]/hook", "outbound_address_blocked", "multicast"],
    ];
    for (const [url, code, category] of refused) {
      const res = await post(url);
      expect(res.statusCode, url).toBe(422);
      expect(res.json(), url).toMatchObject({ code, details: { category } });
      expect(res.json().message).toContain("不允许外发");
    }
    for (const [url, reason] of [
      ["https://user:pass@hooks.example.com/", "credentials"],
      ["javascript:alert(1)", "scheme"],
      ["file:///etc/passwd", "scheme"],
      ["http://hooks.example.com:22/", "port"],
      ["not a url", "malformed"],
    ]) {
      const res = await post(url);
      expect(res.statusCode, url).toBe(422);
      expect(res.json(), url).toMatchObject({ code: "outbound_url_invalid", details: { reason } });
    }
    expect((await post("https://hooks.example.com/ok")).statusCode).toBe(201);
    const list = (await as(ctx, "county", { method: "GET", url: "/api/v1/webhooks" })).json();
    const hook = list.items.find((w: { url: string }) => w.url === "https://hooks.example.com/ok");
    const patched = await as(ctx, "county", {
      method: "PATCH",
      url: `/api/v1/webhooks/${hook.id}`,
      payload: { url: "http://192.168.1.10/hook" },
    });
    expect(patched.json()).toMatchObject({
      code: "outbound_address_blocked",
      details: { category: "private" },
    });
    expect((await as(ctx, "county", { method: "GET", url: "/api/v1/webhooks" })).json().items).toContainEqual(
      expect.objectContaining({ id: hook.id, url: "https://hooks.example.com/ok" }),
    );
  });

  it("exports the visible list as .xlsx and bulk-dispatches with per-case results", async () => {
    const a = await caseAt(ctx, "triaged");
    const b = await caseAt(ctx, "triaged");
    const closed = await caseAt(ctx, "closed");
    const res = await as(ctx, "lead", {
      method: "POST",
      url: "/api/v1/cases/bulk/dispatch",
      payload: { caseIds: [a, b, closed, "missing"], departmentId: ctx.departments["620123"].market },
    });
    expect(res.statusCode).toBe(200);
    const results = res.json().results;
    expect(results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false, false]);
    expect(results[2].status).toBe(409);
    expect(results[3].status).toBe(404);
    const xlsx = await as(ctx, "lead", {
      method: "GET",
      url: "/api/v1/cases/export.xlsx?queue=all&reason=%E6%A1%88%E4%BB%B6%E7%BB%9F%E8%AE%A1%E5%88%86%E6%9E%90",
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).getCell(1).value).toBe("案件编号"); // below the watermark row
    expect(ws.rowCount).toBeGreaterThanOrEqual(5);
  });

  it("filters lists by deadline state, stage and text", async () => {
    const id = await caseAt(ctx, "reported", { description: "加油站卸油口附近堆放杂物" });
    const byText = (
      await as(ctx, "lead", { method: "GET", url: `/api/v1/cases?q=${encodeURIComponent("卸油口")}` })
    ).json();
    expect(byText.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const number = byText.items[0].number;
    expect((await as(ctx, "lead", { method: "GET", url: `/api/v1/cases?q=${number}` })).json().total).toBe(1);
    ctx.deps.clock.advance({ days: 3 });
    const overdue = (
      await as(ctx, "lead", { method: "GET", url: "/api/v1/cases?queue=overdue&stage=reported" })
    ).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(overdue.items.every((i: { deadlineState: string }) => i.deadlineState === "overdue")).toBe(true);
    const bad = await as(ctx, "lead", { method: "GET", url: "/api/v1/cases?stage=nonsense" });
    expect(bad.statusCode).toBe(422);
  });
});
