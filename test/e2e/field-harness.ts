import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { type E2eServer, launchBrowser, startServer } from "./e2e-harness";
import { outboxStatuses } from "./field-kit";

/** The server and the browser of one field browser test file (test/e2e/field-*.e2e.ts). */
export interface FieldSuite {
  server: E2eServer;
  browser: Browser;
}

/**
 * Starts a server (with `env` set only while it starts) and a browser before the file's tests, and stops both
 * after them. Read `suite.server` / `suite.browser` inside tests and hooks (they are set in beforeAll).
 */
export function fieldSuite(opts: { env?: Record<string, string>; timeout?: number } = {}): FieldSuite {
  const suite = {} as FieldSuite;
  beforeAll(async () => {
    const before = Object.fromEntries(Object.keys(opts.env ?? {}).map((k) => [k, process.env[k]]));
    Object.assign(process.env, opts.env);
    try {
      suite.server = await startServer();
    } finally {
      for (const [k, v] of Object.entries(before)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    suite.browser = await launchBrowser();
  }, opts.timeout);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  }, opts.timeout);
  return suite;
}

/** Asks the page's outbox to send what waits now (window.safegridField.drain). */
export async function drainOutbox(page: Page): Promise<void> {
  await page.evaluate(() =>
    (window as unknown as { safegridField: { drain(): Promise<void> } }).safegridField.drain(),
  );
}

/** Drains the outbox and reads its items' statuses until all `count` of them are sent. */
export async function waitUntilSent(
  page: Page,
  count: number,
  poll: { timeout?: number; interval?: number } = { timeout: 60_000, interval: 1000 },
): Promise<void> {
  await expect
    .poll(() => drainOutbox(page).then(() => outboxStatuses(page)), poll)
    .toEqual(Array(count).fill("sent"));
}
