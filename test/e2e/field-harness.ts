import type { Page } from "playwright-core";
import { expect } from "vitest";
import { outboxStatuses } from "./field-kit";

/** The field tests' name for the harness's browserSuite. */
export { type BrowserSuite as FieldSuite, browserSuite as fieldSuite } from "./e2e-harness";

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
