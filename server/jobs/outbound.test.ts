import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { insertWebhook } from "../../db/queries/notification-webhook-queries";
import { emptyAllowList, parseAllowList } from "../../domain/outbound/outbound-rules";
import { eachCaseWorld } from "../commands/cases/case-command-kit";
import type { Resolver } from "../outbound/outbound-request";
import { runDeliveryJob } from "./delivery-job";
import { httpSmsGateway } from "./sms-sender";
import { verifyWebhook } from "./webhook-signature";

interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const allowOnly = (text: string) => {
  const { invalid: _i, ...allow } = parseAllowList(text);
  return allow;
};

eachCaseWorld("outbound calls: SSRF refusals, pinned addresses, timeouts, the SMS gateway", (w) => {
  const received: Received[] = [];
  let answer = 200;
  let silent = false;
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        received.push({ url: req.url ?? "", headers: req.headers, body });
        if (silent) return;
        res.statusCode = answer;
        res.end(answer === 200 ? '{"ok":true}' : "gateway said: internal detail");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    answer = 200;
    silent = false;
    w.deps.config.outbound = { allow: emptyAllowList, connectTimeoutMs: 3000, totalTimeoutMs: 10_000 };
  });

  let n = 0;
  /** A webhook row written straight to the table (as if saved before the rules, or DNS changed since). */
  const hookTo = async (url: string) => {
    const id = `hook-${++n}`;
    const at = w.deps.clock.now().toISOString();
    await insertWebhook(w.deps.db, {
      id,
      regionCode: "620123",
      departmentId: null,
      url,
      secret: "s".repeat(64),
      events: JSON.stringify(["case.reported"]),
      active: 1,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    });
    return id;
  };
  const deliveryOf = (webhookId: string) =>
    w.deps.db
      .selectFrom("notificationDelivery")
      .selectAll()
      .where("webhookId", "=", webhookId)
      .executeTakeFirstOrThrow();
  const off = (id: string) =>
    w.deps.db.updateTable("webhook").set({ active: 0 }).where("id", "=", id).execute();

  it("refuses 127.0.0.1, 169.254.169.254, 10.0.0.1, [::1] and names resolving to loopback: no connection is made", async () => {
    // Any attempt to open a connection fails the test instead of reaching the address.
    const opened = vi.spyOn(http, "request").mockImplementation(() => {
      throw new Error("a connection was attempted");
    });
    const tlsOpened = vi.spyOn(https, "request").mockImplementation(() => {
      throw new Error("a connection was attempted");
    });
    const resolve: Resolver = async (host) =>
      host === "rebind.example.test"
        ? ["127.0.0.1"]
        : host === "mixed.example.test"
          ? ["93.184.216.34", "10.0.0.1"]
          : [];
    const hooks = [
      await hookTo(`http://127.0.0.1:${port}/hook`),
      await hookTo("http://169.254.169.254/latest/meta-data/"),
      await hookTo("http://10.0.0.1/hook"),
      await hookTo(`http://[::1]:${port}/hook`),
      await hookTo(`http://2130706433:${port}/hook`),
      await hookTo(`http://rebind.example.test:${port}/hook`),
      await hookTo("https://mixed.example.test/hook"),
      await hookTo(`http://localhost:${port}/hook`),
    ];
    await w.report();
    const before = received.length;
    const report = await runDeliveryJob(w.deps, { sms: null, resolve });
    expect(report.failed).toBe(hooks.length);
    for (const id of hooks) {
      const d = await deliveryOf(id);
      expect(d.status).toBe("failed");
      expect(d.lastError).toBe("blocked_address");
      expect(d.lastStatusCode).toBeNull();
      await off(id);
    }
    expect(opened).not.toHaveBeenCalled();
    expect(tlsOpened).not.toHaveBeenCalled();
    expect(received.length).toBe(before);
  });

  it("delivers to an allow-listed receiver at the resolved, checked address with the name as Host, signed", async () => {
    w.deps.config.outbound = { ...w.deps.config.outbound, allow: allowOnly("127.0.0.1") };
    const asked: string[] = [];
    const resolve: Resolver = async (host) => {
      asked.push(host);
      return ["127.0.0.1"];
    };
    const id = await hookTo(`http://receiver.example.test:${port}/hook?x=1`);
    const caseId = await w.report();
    await runDeliveryJob(w.deps, { sms: null, resolve });
    const got = received.find((r) => r.body.includes(caseId))!;
    expect(got.url).toBe("/hook?x=1");
    expect(got.headers.host).toBe(`receiver.example.test:${port}`);
    expect(asked).toEqual(["receiver.example.test"]);
    const ts = Number(got.headers["x-safegrid-timestamp"]);
    expect(verifyWebhook("s".repeat(64), ts, got.body, String(got.headers["x-safegrid-signature"]))).toBe(
      true,
    );
    const d = await deliveryOf(id);
    expect(d).toMatchObject({ status: "delivered", lastStatusCode: 200, lastError: null });
    await off(id);
  });

  it("keeps a fixed category for timeouts and refused connections, never the remote text", async () => {
    w.deps.config.outbound = { allow: allowOnly("127.0.0.1"), connectTimeoutMs: 500, totalTimeoutMs: 300 };
    silent = true;
    const slow = await hookTo(`http://127.0.0.1:${port}/slow`);
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const refused = await hookTo(`http://127.0.0.1:${closedPort}/hook`);
    await w.report();
    await runDeliveryJob(w.deps, { sms: null });
    expect(await deliveryOf(slow)).toMatchObject({
      status: "pending",
      lastError: "timeout",
      lastStatusCode: null,
    });
    expect(await deliveryOf(refused)).toMatchObject({ status: "pending", lastError: "refused" });
    await off(slow);
    await off(refused);
  });

  const smsRows = (caseId: string) =>
    w.deps.db
      .selectFrom("notificationDelivery")
      .selectAll()
      .where("caseId", "=", caseId)
      .where("channel", "=", "sms")
      .execute();

  it("sends SMS through an HTTP gateway (URL template + key): 2xx is sent, anything else fails", async () => {
    w.deps.config.outbound = { ...w.deps.config.outbound, allow: allowOnly("127.0.0.1") };
    await w.deps.db
      .updateTable("appUser")
      .set({ phone: "13800001234" })
      .where("id", "=", w.actors.county.id)
      .execute();
    const gateway = httpSmsGateway(
      { url: `http://127.0.0.1:${port}/sms?to={phone}&msg={text}`, key: "gw-key-1", keyHeader: "X-Api-Key" },
      w.deps.config.outbound,
    );
    const ok = await w.report({ type: "major_hazard" });
    await runDeliveryJob(w.deps, { sms: gateway });
    const sent = received.filter((r) => r.url.startsWith("/sms?"));
    expect(sent.length).toBeGreaterThanOrEqual(1);
    const q = new URL(sent[0].url, "http://x").searchParams;
    expect(q.get("to")).toBe("13800001234");
    expect(q.get("msg")).toContain("督办");
    expect(sent[0].headers["x-api-key"]).toBe("gw-key-1");
    expect((await smsRows(ok)).every((r) => r.status === "sent" && r.deliveredAt !== null)).toBe(true);

    answer = 503;
    const json = httpSmsGateway(
      { url: `http://127.0.0.1:${port}/sms-json`, key: undefined, keyHeader: "X-Api-Key" },
      w.deps.config.outbound,
    );
    const bad = await w.report({ type: "major_hazard" });
    await runDeliveryJob(w.deps, { sms: json });
    const posted = received.filter((r) => r.url === "/sms-json");
    expect(JSON.parse(posted[0].body)).toMatchObject({ phone: "13800001234" });
    const rows = await smsRows(bad);
    expect(
      rows.every((r) => r.status === "pending" && r.lastError === "http_status" && r.lastStatusCode === 503),
    ).toBe(true);
  });

  it("refuses an SMS gateway on an internal address that is not allow-listed", async () => {
    const opened = vi.spyOn(http, "request");
    const gateway = httpSmsGateway(
      { url: "http://10.0.0.1/sms?to={phone}&msg={text}", key: "k", keyHeader: "X-Api-Key" },
      w.deps.config.outbound,
    );
    const id = await w.report({ type: "major_hazard" });
    await runDeliveryJob(w.deps, { sms: gateway });
    const rows = await smsRows(id);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.status === "failed" && r.lastError === "blocked_address")).toBe(true);
    expect(opened).not.toHaveBeenCalled();
  });
});
