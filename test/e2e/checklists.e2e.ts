import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Api, apiAs, pageAs as open } from "./case-e2e-kit";
import { type E2eServer, launchBrowser, screenshot, signIn, startServer } from "./e2e-harness";

/**
 * Checklists in the console: the county office sees the defaults by site kind, revises the household
 * checklist (a new version), and sees on a site's file the run a grid worker filled on the phone (through
 * the API here), with its failed items and the ONE case they were reported as. At 1440×900 and 390×844.
 */
const timeout = 300_000;
let server: E2eServer;
let browser: Browser;
let worker: Api;
const siteName = `E2E 检查表小吃店 ${randomUUID().slice(0, 4)}`;
let caseNumber = "";

interface ChecklistView {
  id: string;
  version: number;
  items: { id: string; requirePhoto: boolean }[];
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  worker = await apiAs(server.url, "worker");
  const me = await worker<{ user: { scope: string[] } }>("GET", "/auth/me");
  const site = await worker<{ id: string }>("POST", "/sites", {
    name: siteName,
    kind: "small_shop",
    regionCode: me.user.scope[0],
    address: "城关镇兴隆路 8 号",
    lon: 104.114,
    lat: 35.846,
  });
  const list = await worker<{ items: ChecklistView[] }>("GET", "/checklists");
  const venue = list.items.find((c) => c.id === "default-small-venue")!;
  const runId = randomUUID();
  await worker("POST", "/checklist-runs", {
    id: runId,
    siteId: site.id,
    checklistId: venue.id,
    version: venue.version,
    at: new Date().toISOString(),
    location: { lng: 104.1141, lat: 35.8461, accuracy: 10 },
    answers: venue.items.map((i) => ({
      itemId: i.id,
      answer: ["flammables", "staff_skills"].includes(i.id) ? "no" : i.requirePhoto ? "na" : "yes",
      ...(i.id === "flammables" ? { note: "柜台下存放两桶汽油" } : {}),
    })),
  });
  const reported = await worker<{ case: { number: string } }>("POST", `/checklist-runs/${runId}/report`, {
    itemIds: ["flammables", "staff_skills"],
    category: "fire",
    idempotencyKey: randomUUID(),
  });
  caseNumber = reported.case.number;
}, timeout);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, timeout);

async function openSiteRuns(page: Page) {
  // by address (at phone width the console's menu is folded away)
  await page.goto(`${server.url}/sites`);
  await page.getByTestId("site-search").locator("input").fill(siteName);
  await page.getByTestId("site-search").locator("input").press("Enter");
  await page.getByText(siteName).first().click();
  const drawer = page.getByTestId("site-drawer");
  await drawer.waitFor({ timeout: 15_000 });
  await drawer.getByRole("tab", { name: /现场检查/ }).click();
  const runs = page.getByTestId("site-checklist-runs");
  await runs.waitFor({ timeout: 15_000 });
  await runs.locator(".ant-collapse-header").first().click();
  await runs.getByText("柜台下存放两桶汽油").waitFor();
  return runs;
}

it(
  "an office revises a checklist (a new version) and reads a site's run with its one report",
  async () => {
    const office = await open(browser, server.url, "county");
    await office.getByTestId("nav-checklists").click();
    await office.waitForURL(/\/checklists\?region=620123$/, { timeout: 15_000 });
    await office.getByTestId("checklist-card").first().waitFor();
    const titles = await office.getByTestId("checklist-card").allTextContents();
    expect(titles.join()).toContain("企业安全生产检查表");
    expect(titles.join()).toContain("家庭户安全检查表");
    await screenshot(office, "checklists-01-page");

    // by site kind: households only
    await office.getByTestId("checklist-kind-filter").getByText("家庭户").click();
    await expect.poll(() => office.getByTestId("checklist-card").count()).toBe(1);
    const card = office.getByTestId("checklist-card").first();
    expect(await card.textContent()).toContain("第 1 版");

    // revise: one more item, which needs a photo
    await card.getByTestId("checklist-edit").click();
    const dialog = office.getByTestId("checklist-dialog");
    await dialog.waitFor();
    await dialog.getByTestId("checklist-add-item").click();
    const last = dialog.getByTestId("checklist-item-row").last();
    await last.locator("textarea").fill("灶台周边未堆放柴草等可燃物");
    await last.locator("input[type=checkbox]").check();
    await screenshot(office, "checklists-02-revise-dialog");
    const modal = office.locator(".ant-modal", { has: dialog });
    await modal.locator(".ant-modal-footer .ant-btn-primary").click();
    await modal.waitFor({ state: "hidden", timeout: 15_000 });
    await expect.poll(() => card.textContent()).toContain("第 2 版");
    expect(await card.textContent()).toContain("灶台周边未堆放柴草等可燃物");
    await screenshot(office, "checklists-03-revised");

    // the worker's list now carries version 2
    const list = await worker<{ items: ChecklistView[] }>("GET", "/checklists");
    expect(list.items.find((c) => c.id === "default-household")?.version).toBe(2);

    // the run on the site's file: failed items, the note, the case they became
    const runs = await openSiteRuns(office);
    const text = (await runs.textContent()) ?? "";
    expect(text).toContain("不符合 2 项");
    expect(text).toContain(`已上报 ${caseNumber}`);
    await office.waitForTimeout(400);
    await screenshot(office, "checklists-04-site-runs");
    await office.close();
  },
  timeout,
);

it(
  "works at phone width (390×844)",
  async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await signIn(page, server.url, "county");
    await page.goto(`${server.url}/checklists?region=620123`);
    await page.getByTestId("checklist-card").first().waitFor({ timeout: 15_000 });
    await screenshot(page, "checklists-05-phone");
    const wide = await page.evaluate(() =>
      // the page's own content (the kind filter scrolls sideways by design; the header is the console's)
      [...document.querySelectorAll("[data-testid=checklists-page] *")]
        .filter((e) => !e.closest(".checklist-kinds"))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 8)
        .map(
          (e) =>
            `${e.tagName}.${String(e.className).slice(0, 60)} ${Math.round(e.getBoundingClientRect().right)}`,
        ),
    );
    expect(wide).toEqual([]);
    await page.getByTestId("checklist-edit").first().click();
    await page.getByTestId("checklist-dialog").waitFor();
    await screenshot(page, "checklists-06-phone-dialog");
    await page.keyboard.press("Escape");
    await page.locator(".ant-modal").waitFor({ state: "hidden" });
    await openSiteRuns(page);
    await page.waitForTimeout(400);
    await screenshot(page, "checklists-07-phone-site-runs");
    await page.close();
  },
  timeout,
);
