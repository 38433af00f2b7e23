import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "../../db/db";
import { parseAllowList } from "../../domain/outbound/outbound-rules";
import { eachCaseWorld } from "../commands/cases/case-command-kit";
import { createWebhook } from "../commands/notifications/save-webhook";
import { runDeadlineJob } from "./deadline-job";
import { backoffMinutes, maxDeliveryAttempts, runDeliveryJob } from "./delivery-job";
import { startJobRunner } from "./job-runner";
import { verifyWebhook } from "./webhook-signature";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

eachCaseWorld("jobs: webhooks, SMS, escalation across processes", (w) => {
  const received: Received[] = [];
  let status = 200;
  let server: http.Server;
  let url = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.statusCode = status;
        res.end(status === 200 ? "ok" : "db password=hunter2 at /srv/internal");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    // The test's receiver is on loopback: the operator's allow list lets it through.
    const { invalid: _i, ...allow } = parseAllowList("127.0.0.1");
    w.deps.config.outbound = { ...w.deps.config.outbound, allow };
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });
  const sender = null;

  it("delivers a signed webhook for a case event of its county", async () => {
    const hook = await createWebhook(w.deps, w.actors.county, {
      regionCode: "620123",
      url,
      events: ["case.reported"],
    });
    const id = await w.report();
    const report = await runDeliveryJob(w.deps, { sms: sender });
    expect(report.delivered).toBeGreaterThanOrEqual(1);
    const got = received.find((r) => JSON.parse(r.body).case.id === id)!;
    expect(got.headers["x-safegrid-event"]).toBe("case.reported");
    const ts = Number(got.headers["x-safegrid-timestamp"]);
    expect(verifyWebhook(hook.secret, ts, got.body, String(got.headers["x-safegrid-signature"]))).toBe(true);
    expect(verifyWebhook("wrong-secret", ts, got.body, String(got.headers["x-safegrid-signature"]))).toBe(
      false,
    );
    const row = await w.deps.db
      .selectFrom("notificationDelivery")
      .selectAll()
      .where("caseId", "=", id)
      .where("channel", "=", "webhook")
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("delivered");
    expect(row.lastStatusCode).toBe(200);
    await w.deps.db.updateTable("webhook").set({ active: 0 }).where("id", "=", hook.id).execute();
  });

  it("retries a failing webhook with exponential backoff and marks it failed after the last attempt", async () => {
    const hook = await createWebhook(w.deps, w.actors.county, {
      regionCode: "620123",
      url,
      events: ["case.reported"],
    });
    status = 500;
    const id = await w.report();
    const delivery = () =>
      w.deps.db
        .selectFrom("notificationDelivery")
        .selectAll()
        .where("caseId", "=", id)
        .where("webhookId", "=", hook.id)
        .executeTakeFirstOrThrow();
    for (let attempt = 1; attempt <= maxDeliveryAttempts; attempt++) {
      const before = received.length;
      await runDeliveryJob(w.deps, { sms: sender });
      expect(received.length).toBe(before + 1);
      const d = await delivery();
      expect(d.attempts).toBe(attempt);
      expect(d.lastStatusCode).toBe(500);
      // Only the status and a fixed category are kept, never what the receiver wrote.
      expect(d.lastError).toBe("http_status");
      if (attempt < maxDeliveryAttempts) {
        expect(d.status).toBe("pending");
        // Not retried before the backoff has passed.
        await runDeliveryJob(w.deps, { sms: sender });
        expect(received.length).toBe(before + 1);
        w.deps.clock.advance({ minutes: backoffMinutes(attempt) });
      } else expect(d.status).toBe("failed");
    }
    status = 200;
    await w.deps.db.updateTable("webhook").set({ active: 0 }).where("id", "=", hook.id).execute();
  });

  it("without an SMS gateway stores SMS rows as not sent (never delivered)", async () => {
    await w.deps.db
      .updateTable("appUser")
      .set({ phone: "13800001234" })
      .where("id", "=", w.actors.county.id)
      .execute();
    const id = await w.report({ type: "major_hazard" });
    const report = await runDeliveryJob(w.deps, { sms: null });
    expect(report.notSent).toBeGreaterThanOrEqual(1);
    const rows = await w.deps.db
      .selectFrom("notificationDelivery")
      .selectAll()
      .where("caseId", "=", id)
      .where("channel", "=", "sms")
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.status === "not_sent_no_gateway" && r.deliveredAt === null)).toBe(true);
    // Not picked up again by the next pass.
    expect((await runDeliveryJob(w.deps, { sms: null })).notSent).toBe(0);
  });

  it("the runner runs a pass on demand and stops cleanly", async () => {
    const runner = startJobRunner(w.deps, { sms: sender, intervalMs: 10 });
    const pass = await runner.runOnce();
    expect(pass.deadlines).toBeDefined();
    await runner.stop();
  });

  it("two processes scanning at once escalate each overdue case exactly once", async () => {
    const ids: string[] = [];
    w.deps.clock.set("2026-12-07T02:00:00.000Z");
    for (let i = 0; i < 12; i++) ids.push(await w.report({ category: "gas" }));
    w.deps.clock.advance({ days: 3 });
    let second = w.database;
    if (w.dialect === "postgres") {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(w.deps.db)).rows[0].s;
      second = openDatabase({ url: process.env.TEST_DATABASE_URL, schema, poolSize: 4 });
    }
    const other = { ...w.deps, db: second.db };
    const [a, b] = await Promise.all([runDeadlineJob(w.deps), runDeadlineJob(other)]);
    if (second !== w.database) await second.close();
    expect(a.escalated + b.escalated).toBeGreaterThanOrEqual(ids.length);
    const escalations = await w.deps.db
      .selectFrom("event")
      .select(["subjectId"])
      .where("action", "=", "case.escalated")
      .where("subjectId", "in", ids)
      .execute();
    expect(escalations).toHaveLength(ids.length);
    expect(new Set(escalations.map((e) => e.subjectId)).size).toBe(ids.length);
  });
});
