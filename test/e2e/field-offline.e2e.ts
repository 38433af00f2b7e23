import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { apiSignIn } from "./e2e-harness";
import { fieldSuite, waitUntilSent } from "./field-harness";
import { casesWith, countyToken, fieldSignIn, fillReport, newPhone, shot } from "./field-kit";

/**
 * Issue 9, first scenario, in the field app (/m) at 390×844: sign in as the demo grid worker, go offline,
 * check in at a site (when the server has POST /patrols), report with two photos, report a second hazard,
 * close the page, reopen /m still offline (served by the service worker), see both waiting; go online,
 * both arrive exactly once — checked through the API as the county office.
 */
const suite = fieldSuite();

/** How many patrol records the site has (GET /sites/:id/patrols), or null when the server has no patrols. */
async function sitePatrols(siteId: string, token: string): Promise<number | null> {
  const res = await fetch(`${suite.server.url}/api/v1/sites/${siteId}/patrols`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status === 404) return null;
  const body = (await res.json()) as { items: unknown[] };
  return body.items.length;
}

it("keeps a day's reports offline across a closed page and sends each exactly once", async () => {
  const context = await newPhone(suite.browser);
  const problems: string[] = [];
  // The field app runs under the server's CSP (scripts from the origin only): any violation is a problem.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const watch = (p: Page) =>
    p.on("console", (m) => {
      if (/Content Security Policy|CSP violation/i.test(m.text())) problems.push(m.text());
    });
  let page = await context.newPage();
  watch(page);
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${suite.server.url}/m/`);
  await page.getByTestId("field-signin").waitFor();
  await shot(page, "01-sign-in");
  await fieldSignIn(page, suite.server.url);
  await shot(page, "02-home");
  await page.getByTestId("tab-sites").click();
  await page.getByTestId("site-row").first().waitFor();
  await expect.poll(() => page.locator(".locate-line").innerText()).toContain("按距离排序");
  await shot(page, "03-sites-list");
  await page.getByTestId("sites-map-tab").click();
  await page.getByTestId("grid-map").waitFor();
  expect(await page.locator(".map-site").count()).toBeGreaterThan(0);
  expect(await page.locator(".map-grid").count()).toBeGreaterThan(0);
  await shot(page, "04-sites-map");

  await context.setOffline(true);
  await page.getByTestId("sites-list-tab").click();
  await page.getByTestId("site-row").first().click();
  await page.getByTestId("site-report").waitFor();
  const siteId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
  const workerToken = await apiSignIn(suite.server.url, "worker");
  const patrolsBefore = await sitePatrols(siteId, workerToken);
  const withPatrols = patrolsBefore !== null;
  if (withPatrols) {
    await page.getByTestId("site-checkin").click();
    await page.getByTestId("checkin-done").waitFor();
  }
  await shot(page, "05-site");
  const stamp = Date.now().toString(36);
  const first = `消防通道被杂物堵塞 ${stamp}A`;
  const second = `燃气管道锈蚀漏气 ${stamp}B`;
  await page.getByTestId("site-report").click();
  await fillReport(page, { description: first, photos: 2, seed: 11 });
  await shot(page, "06-report-form");
  await page.getByTestId("report-submit").click();
  await page.getByTestId("outbox-offline").waitFor();
  await page.getByTestId("tab-report").click();
  await fillReport(page, { description: second, photos: 1, seed: 40, site: false, category: "gas" });
  await page.getByTestId("report-submit").click();
  await page.getByTestId("outbox-offline").waitFor();
  const expected = withPatrols ? 3 : 2;
  await expect.poll(() => page.getByTestId("outbox-waiting").count()).toBe(expected);
  await shot(page, "07-outbox-waiting");
  await page.close();

  // Reopen, still offline: the service worker serves /m, the outbox is still there.
  page = await context.newPage();
  watch(page);
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${suite.server.url}/m/outbox`);
  await expect.poll(() => page.getByTestId("outbox-waiting").count(), { timeout: 15_000 }).toBe(expected);
  expect(await page.getByTestId("net-state").innerText()).toBe("离线");
  await page.getByTestId("tab-home").click();
  await page.getByTestId("home-unsent").waitFor();
  await shot(page, "08-home-offline");

  await context.setOffline(false);
  await waitUntilSent(page, expected);
  await page.getByTestId("tab-outbox").click();
  await expect.poll(() => page.getByTestId("outbox-sent").count()).toBe(expected);
  await shot(page, "09-outbox-sent");
  await page.getByTestId("tab-me").click();
  await shot(page, "10-me");
  const token = await countyToken(suite.server);
  const a = await casesWith(suite.server, token, first);
  const b = await casesWith(suite.server, token, second);
  expect(a.map((c) => c.evidence)).toEqual([2]);
  expect(a[0].siteId).not.toBeNull();
  expect(b.map((c) => c.evidence)).toEqual([1]);
  expect(b[0].siteId).toBeNull();

  // My reports (the work set's own reports, refreshed after the sync) show both with their stage.
  await page.goto(`${suite.server.url}/m/reports`);
  for (const c of [a[0], b[0]])
    await page.getByTestId("my-report").filter({ hasText: c.number }).waitFor({ timeout: 15_000 });
  await shot(page, "11-my-reports");
  const res = await page.goto(`${suite.server.url}/m/`);
  expect(res?.headers()["content-security-policy"] ?? "").toContain("script-src 'self'");
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId("count-sites").waitFor();
  await shot(page, "19-home-desktop");
  if (withPatrols) expect(await sitePatrols(siteId, workerToken)).toBe((patrolsBefore ?? 0) + 1);
  expect(problems).toEqual([]);
  await context.close();
}, 240_000);
