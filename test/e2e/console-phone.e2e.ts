import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type E2eServer, launchBrowser, screenshot, signIn, startServer } from "./e2e-harness";

/**
 * The office console at phone width (issue 9, item 1 and 10): at 390×844 the side menu is a drawer behind
 * the header's menu button, the header's account, bell and logout stay on screen, and no page is wider than
 * the phone (document.documentElement.scrollWidth <= innerWidth). A grid worker on a phone is offered the
 * field app at /m. Screenshots of every page at 390×844 and 1440×900.
 */
let server: E2eServer;
let browser: Browser;
const phone = { width: 390, height: 844 };
const desktop = { width: 1440, height: 900 };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(username: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: "zh-CN", isMobile: viewport.width < 500 });
  const page = await context.newPage();
  await signIn(page, server.url, username);
  return { context, page };
}

/** How far the page is wider than the window (0 when nothing overflows horizontally). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** What sticks out to the right of the window (for the failure message). */
const wideElements = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`),
  );

/** The element's box lies inside the phone's window ("" when it does, else the box for the message). */
const outOfView = async (page: Page, testId: string) => {
  const box = await page.getByTestId(testId).first().boundingBox();
  const ok =
    !!box && box.x >= 0 && box.x + box.width <= phone.width + 0.5 && box.y >= -1 && box.y < phone.height;
  return ok ? "" : `${testId} ${JSON.stringify(box)}`;
};

let firstCaseId = "";
const pages: { name: string; path: () => string; ready: string }[] = [
  { name: "dashboard", path: () => "/", ready: "dashboard-welcome" },
  { name: "cases", path: () => "/cases", ready: "case-table" },
  { name: "case", path: () => `/cases/${firstCaseId}`, ready: "case-header" },
  { name: "report", path: () => "/cases/new", ready: "report-form" },
  { name: "sites", path: () => "/sites", ready: "site-table" },
  { name: "grids", path: () => "/grids", ready: "grid-map" },
];

async function visit(page: Page, p: (typeof pages)[number]) {
  await page.goto(`${server.url}${p.path()}`);
  await page.getByTestId(p.ready).first().waitFor({ timeout: 20_000 });
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(300);
}

it("fits every page of the console in a 390×844 phone, menu in a drawer, header reachable", async () => {
  let ctx: BrowserContext | null = null;
  try {
    const { context, page } = await signedIn("county", phone);
    ctx = context;
    const list = await page.request.get(`${server.url}/api/v1/cases?pageSize=1`);
    firstCaseId = (await list.json()).items[0].id;
    for (const p of pages) {
      await visit(page, p);
      await screenshot(page, `console-phone-${p.name}-390`);
      expect
        .soft(await overflow(page), `${p.name} overflows: ${await wideElements(page)}`)
        .toBeLessThanOrEqual(0);
      // the header's controls are on screen; the side menu is not (it is in the drawer)
      for (const id of ["nav-toggle", "logout", "user-menu", "inbox-bell"])
        expect.soft(await outOfView(page, id), `${p.name}: ${id} on screen`).toBe("");
      expect(await page.locator(".ant-layout-sider").count()).toBe(0);
    }
    // the list of all cases: its table scrolls inside the card, the page does not widen
    await visit(page, pages[1]);
    await page.getByTestId("queue-all").click();
    await page.locator("[data-testid=case-table] .ant-table-row").first().waitFor();
    await screenshot(page, "console-phone-cases-all-390");
    expect(await overflow(page), `all cases overflow: ${await wideElements(page)}`).toBeLessThanOrEqual(0);
    // a site's file (动态档案) on the phone: every event by its name, a reported case linked
    const withSite = (
      (await (await page.request.get(`${server.url}/api/v1/cases?pageSize=100`)).json()).items as {
        id: string;
        number: string;
        siteId: string | null;
        siteName: string | null;
      }[]
    ).find((c) => c.siteId && c.siteName)!;
    await page.goto(`${server.url}/sites?q=${encodeURIComponent(withSite.siteName!)}`);
    // the row of that very site (demo names repeat: another 城关镇万记便民超市 has no case)
    await page
      .getByTestId("site-table")
      .locator(`tr[data-row-key="${withSite.siteId}"]`)
      .getByText(withSite.siteName!)
      .first()
      .click();
    const drawer = page.getByTestId("site-drawer");
    await drawer.getByRole("tab", { name: /动态档案/ }).click();
    const timeline = drawer.getByTestId("site-timeline");
    await timeline.waitFor();
    const text = (await timeline.textContent()) ?? "";
    expect(text).toContain("上报隐患案件");
    expect(text).not.toMatch(/site\.[a-z_]+/);
    await screenshot(page, "console-phone-site-file-390");
    const caseLink = timeline.locator(`a[href="/cases/${withSite.id}"]`).first();
    expect(await caseLink.textContent()).toBe(`案件 ${withSite.number}`);
    await caseLink.click();
    await page.getByTestId("case-header").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${withSite.id}`);
    // the drawer opens with the menu; a menu entry navigates and closes it
    await page.getByTestId("nav-toggle").click();
    await page.getByTestId("nav-sites").waitFor();
    await expect.poll(() => outOfView(page, "nav-cases")).toBe(""); // once the drawer has slid in
    await screenshot(page, "console-phone-menu-390");
    await page.getByTestId("nav-cases").click();
    await page.getByTestId("case-table").waitFor();
    await page.locator(".ant-drawer-open").waitFor({ state: "detached" });
    expect(new URL(page.url()).pathname).toBe("/cases");
    // the report form: its selects are readable (not shrunk to "网··") and the map comes before the submit
    await visit(page, pages[3]);
    const select = await page.getByTestId("report-category").boundingBox();
    expect(select!.width).toBeGreaterThan(200);
    const map = await page.locator("[data-testid=report-form] .leaflet-container").first().boundingBox();
    const submit = await page.getByTestId("report-submit").boundingBox();
    expect(map && submit && map.y < submit.y, "the map sits above the submit button").toBe(true);
    // an office user on a phone is not offered the field app
    expect(await page.getByTestId("field-app-offer").count()).toBe(0);
    // logout from the phone header works
    await page.getByTestId("logout").click();
    await page.getByTestId("login-username").waitFor();
  } finally {
    await ctx?.close();
  }
}, 240_000);

it("offers the field app at /m to a grid worker signed in on a phone, not on a desktop", async () => {
  const { context, page } = await signedIn("worker", phone);
  const offer = page.getByTestId("field-app-offer");
  await offer.waitFor();
  expect(await page.getByTestId("field-app-open").getAttribute("href")).toBe("/m");
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, "console-phone-worker-offer-390");
  await context.close();
  const wide = await signedIn("worker", desktop);
  await wide.page.getByTestId("dashboard-welcome").waitFor();
  expect(await wide.page.getByTestId("field-app-offer").count()).toBe(0);
  await wide.context.close();
}, 120_000);

it("keeps the desktop console as it was at 1440×900 (side menu, full header)", async () => {
  const { context, page } = await signedIn("county", desktop);
  for (const p of pages) {
    await visit(page, p);
    await screenshot(page, `console-phone-${p.name}-1440`);
    expect(await overflow(page), p.name).toBeLessThanOrEqual(0);
    expect(await page.locator(".ant-layout-sider").count()).toBe(1);
    expect(await page.getByTestId("nav-toggle").count()).toBe(0);
  }
  await context.close();
}, 180_000);
