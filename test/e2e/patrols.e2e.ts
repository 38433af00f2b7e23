import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { PatrolCoverage } from "../../web/src/api/patrols";
import { choose } from "./case-e2e-kit";
import { type E2eServer, launchBrowser, screenshot, signIn, startServer } from "./e2e-harness";

/**
 * 巡查覆盖率 (R22, issue 9) in the console on the demo county's patrol records: county → township → grid →
 * missed site → its patrol records, and the county's patrol plan, at 1440×900 and at phone width 390×844.
 */
let server: E2eServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  await signIn(page, server.url, "county");
}, 180_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail")
    await screenshot(page, `patrols-failed-${ctx.task.name.slice(0, 24)}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The machine is shared: a drill-down may take a few seconds to answer. */
const slow = { timeout: 20_000, interval: 250 };

async function api(q: string): Promise<PatrolCoverage> {
  const res = await page.request.get(`${server.url}/api/v1/patrol-coverage${q}`);
  expect(res.status(), q).toBe(200);
  return (await res.json()) as PatrolCoverage;
}
const shown = async (testId: string) =>
  Number(await page.getByTestId(testId).locator(".sg-patrol-value").innerText());

async function walkDown(suffix: string) {
  // county: the totals on screen are the API's
  const county = await api("?region=620123");
  expect(county.totals.sites).toBeGreaterThan(1000);
  await page.getByTestId("patrol-totals").waitFor();
  expect(await shown("patrol-sites")).toBe(county.totals.sites);
  expect(await shown("patrol-overdue")).toBe(county.totals.overdue);
  await screenshot(page, `patrols-county-${suffix}`);
  // township with the most sites
  const town = [...county.children].sort((a, b) => b.sites - a.sites)[0];
  await page.getByTestId("patrol-children").getByText(town.name, { exact: true }).click();
  await page.waitForURL(/region=\d{9}/);
  const t = await api(`?region=${town.code}`);
  await expect.poll(() => shown("patrol-sites"), slow).toBe(t.totals.sites);
  expect(t.children.every((c) => c.kind === "grid")).toBe(true);
  await screenshot(page, `patrols-township-${suffix}`);
  // the grid with the most missed sites
  const grid = [...t.children]
    .filter((c) => c.gridId)
    .sort((a, b) => b.sites - b.done - (a.sites - a.done))[0];
  await page.getByTestId("patrol-children").getByText(grid.name, { exact: true }).click();
  await page.waitForURL(/grid=/);
  await expect.poll(() => shown("patrol-sites"), slow).toBe(grid.sites);
  await expect.poll(() => page.getByTestId("patrol-missed-site").count(), slow).toBeGreaterThan(0);
  await page.getByTestId("patrol-crumbs").getByText(grid.name).waitFor();
  await screenshot(page, `patrols-grid-${suffix}`);
  return { town, grid };
}

it("drills from the county to a township, a grid and a missed site's patrol records (1440×900)", async () => {
  await page.getByTestId("nav-patrols").click();
  const { town } = await walkDown("1440");
  // a missed site visited last period (sorted by last visit, newest first) opens its file and patrol records
  const lastVisit = page.getByTestId("patrol-missed").locator("th").filter({ hasText: "上次巡查" });
  await lastVisit.click();
  await lastVisit.click();
  await page.getByTestId("patrol-missed-site").first().click();
  await page.locator(".ant-drawer-open").waitFor();
  await page.getByRole("tab", { name: /巡查记录（[1-9]/ }).click();
  await page.getByTestId("site-patrols").waitFor();
  await screenshot(page, "patrols-site-file-1440");
  await page.locator(".ant-drawer-open .ant-drawer-close").last().click();
  await page.locator(".ant-drawer-open").waitFor({ state: "detached" });
  // back up through the breadcrumb
  await page.getByTestId("patrol-crumbs").getByText(town.name).click();
  await page.waitForURL(new RegExp(`region=${town.code}`));
}, 120_000);

it("edits the county's patrol plan: coverage follows it", async () => {
  await page.getByTestId("patrol-crumbs").getByText("榆中县").click();
  await page.waitForURL(/region=620123/);
  const before = await api("?region=620123");
  await page.getByTestId("patrol-plan-open").click();
  await page.getByTestId("patrol-plan").waitFor();
  await screenshot(page, "patrols-plan-1440");
  // 低风险: quarterly -> weekly (this week lies inside this quarter, so fewer sites are done)
  await choose(page, "plan-blue", "每周一次");
  await page.getByTestId("patrol-plan-save").click();
  await page.getByText("巡查计划已保存").waitFor();
  const plan = await page.request.get(`${server.url}/api/v1/patrol-plans/620123`);
  expect((await plan.json()).plan.byRisk.blue).toBe("weekly");
  const after = await api("?region=620123");
  expect(after.totals.sites).toBe(before.totals.sites);
  expect(after.totals.done).toBeLessThan(before.totals.done);
  await expect.poll(() => shown("patrol-sites"), slow).toBe(after.totals.sites);
}, 120_000);

it("works at phone width (390×844)", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/patrols`);
  await walkDown("390");
  // the page's card fits the phone's width (its tables scroll inside it)
  const box = (await page.getByTestId("patrol-coverage-page").boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(391);
}, 120_000);
