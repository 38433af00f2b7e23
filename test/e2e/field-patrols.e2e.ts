import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { fieldSuite, waitUntilSent } from "./field-harness";
import { countyToken, fieldSignIn, newPhone, shot } from "./field-kit";

/**
 * Patrols on the phone (R22, issue 9; /m at 390×844): the demo grid worker opens 巡查任务 (overdue, due this
 * week, due later, done), opens a site not yet visited this period, checks in offline (counted at once as
 * "等待发送"), comes back online; the check-in arrives exactly once, with its distance, on the site's patrol
 * records, and the site is done in the list the server gives. Checked through the API.
 */
const suite = fieldSuite();
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  context = await newPhone(suite.browser);
  page = await context.newPage();
}, 180_000);

async function sitePatrols(siteId: string) {
  const res = await fetch(`${suite.server.url}/api/v1/sites/${siteId}/patrols`, {
    headers: { authorization: `Bearer ${await countyToken(suite.server)}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    total: number;
    items: { user: { displayName: string }; distanceM: number }[];
  };
}

it("lists the worker's patrols and records an offline check-in once it is back online", async () => {
  await fieldSignIn(page, suite.server.url);
  await page.getByTestId("count-patrols").click();
  await page.getByTestId("patrols-screen").waitFor();
  await shot(page, "patrols-list");
  const open = page.locator(
    '[data-testid="patrols-overdue"], [data-testid="patrols-week"], [data-testid="patrols-later"]',
  );
  expect(await open.count()).toBeGreaterThan(0);
  const doneBefore = await page.getByTestId("patrols-done").locator(".card").count();

  // the first site still to patrol: its page says what the plan asks
  await open.first().locator(".card").first().click();
  await page.waitForURL(/\/m\/sites\//);
  const siteId = decodeURIComponent(page.url().split("/sites/")[1]);
  const before = (await sitePatrols(siteId)).total;
  await expect.poll(() => page.getByTestId("site-patrol-status").innerText()).toMatch(/前巡查/);

  // offline: the check-in waits on the phone and already counts in the list
  await context.setOffline(true);
  await page.getByTestId("site-checkin").click();
  await page.getByTestId("checkin-done").waitFor();
  await expect.poll(() => page.getByTestId("site-patrol-status").innerText()).toContain("等待发送");
  await shot(page, "patrols-site-offline");
  await page.goBack();
  await page.getByTestId("patrols-screen").waitFor();
  await expect.poll(() => page.getByTestId("patrols-done").locator(".card").count()).toBe(doneBefore + 1);
  await expect.poll(() => page.getByTestId("patrols-done").innerText()).toContain("等待发送");
  await shot(page, "patrols-list-offline");
  expect((await sitePatrols(siteId)).total).toBe(before);

  // online again: the outbox drains, the check-in arrives exactly once
  await context.setOffline(false);
  await waitUntilSent(page, 1);
  const after = await sitePatrols(siteId);
  expect(after.total).toBe(before + 1);
  expect(after.items[0].user.displayName).toBe("网格员 周明");
  expect(typeof after.items[0].distanceM).toBe("number");

  // the server's list now has the site done this period
  await page.reload();
  await page.getByTestId("patrols-screen").waitFor();
  await expect
    .poll(() => page.getByTestId("patrols-done").locator(".card").count(), { timeout: 15_000 })
    .toBe(doneBefore + 1);
  expect(await page.getByTestId("patrols-done").innerText()).not.toContain("等待发送");
  await shot(page, "patrols-list-synced");
}, 180_000);
