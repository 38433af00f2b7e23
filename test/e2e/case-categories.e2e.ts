import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Api, apiAs, choose, pageAs as open, stageOf } from "./case-e2e-kit";
import { type E2eServer, launchBrowser, screenshot, startServer } from "./e2e-harness";

/**
 * The configurable taxonomy through the console: the county safety office adds a category, deactivates a
 * built-in one and sets a time limit for the new category on 案件类别与办理时限; a grid worker then
 * reports a case with the new category (the deactivated one is no longer offered).
 */
const timeout = 240_000;
let server: E2eServer;
let browser: Browser;
let worker: Api;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  worker = await apiAs(server.url, "worker");
  const me = await worker<{ user: { scope: string[] } }>("GET", "/auth/me");
  await worker("POST", "/sites", {
    name: "E2E 向阳果园",
    kind: "other",
    regionCode: me.user.scope[0],
    address: "城关镇向阳村果园路 6 号",
    lon: 104.114,
    lat: 35.846,
  });
}, timeout);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, timeout);

/** Clicks the primary (save) button of the modal holding the form with `testId`. */
async function save(page: Page, testId: string) {
  const modal = page.locator(".ant-modal", { has: page.getByTestId(testId) });
  await modal.locator(".ant-modal-footer .ant-btn-primary").click();
  await modal.waitFor({ state: "hidden", timeout: 15_000 });
}

/** Leaves a select (its dropdown would cover the dialog's buttons) and waits for its dropdown to close. */
async function closeDropdowns(page: Page) {
  await page.keyboard.press("Tab");
  await page
    .locator(".ant-select-dropdown:visible")
    .waitFor({ state: "detached", timeout: 5_000 })
    .catch(() => undefined);
}

const row = (page: Page, table: string, attr: string, value: string) =>
  page.getByTestId(table).locator(`tr[${attr}="${value}"]`);

it(
  "an office adds a category in the console and a grid worker reports a case with it",
  async () => {
    // 1. the county office opens the page from the navigation; its county is chosen by itself
    const office = await open(browser, server.url, "county");
    await office.getByTestId("nav-case_categories").click();
    await office.waitForURL(/\/case-categories\?region=620123$/, { timeout: 15_000 });
    await row(office, "category-table", "data-code", "gas").waitFor();
    await office.getByTestId("deadline-table").locator("tr[data-built-in=true]").first().waitFor();
    await screenshot(office, "case-categories-01-page");

    // 2. adds 果园农机 (agriculture bureau by default)
    await office.getByTestId("category-new").click();
    await office.getByTestId("category-dialog").waitFor();
    await office.getByTestId("category-code").fill("orchard_machinery");
    await office.getByTestId("category-zh").fill("果园农机");
    await office.getByTestId("category-en").fill("Orchard machinery");
    await choose(office, "category-kind", "农业农村局");
    await closeDropdowns(office);
    await screenshot(office, "case-categories-02-add-dialog");
    await save(office, "category-dialog");
    const added = row(office, "category-table", "data-code", "orchard_machinery");
    await added.waitFor();
    expect(await added.textContent()).toContain("农业农村局");
    expect(await added.textContent()).toContain("新增");

    // 3. deactivates fireworks (烟花爆竹) for the county
    await office.getByTestId("category-active-fireworks").click();
    await expect
      .poll(() => row(office, "category-table", "data-code", "fireworks").getAttribute("data-active"))
      .toBe("false");

    // 4. sets a time limit of 3 working days for the new category in handling (the dialog's default stage)
    await office.getByTestId("deadline-new").click();
    await office.getByTestId("deadline-dialog").waitFor();
    await choose(office, "deadline-category", "果园农机");
    await closeDropdowns(office);
    await office.getByTestId("deadline-unit").getByText("工作日").click();
    await office.locator("input[data-testid=deadline-amount], [data-testid=deadline-amount] input").fill("3");
    await save(office, "deadline-dialog");
    const limit = row(office, "deadline-table", "data-category", "orchard_machinery");
    await limit.waitFor();
    expect(await limit.textContent()).toContain("3 个工作日");
    await screenshot(office, "case-categories-03-configured");

    // 5. the grid worker reports with it; the deactivated category is not offered
    const w = await open(browser, server.url, "worker");
    await w.getByTestId("nav-cases").click();
    await w.getByTestId("case-report").click();
    await choose(w, "report-site", "向阳果园");
    const category = w.getByTestId("report-category");
    await category.click();
    await category.locator("input").fill("烟花");
    await w.locator(".ant-select-dropdown:visible .ant-select-item-empty").waitFor();
    await category.locator("input").fill("");
    await w.keyboard.press("Escape");
    await choose(w, "report-category", "果园农机");
    await w.getByTestId("report-description").fill("果园内农用三轮车刹车失灵，仍在坡道上运送果品");
    await screenshot(w, "case-categories-04-report-form");
    await w.getByTestId("report-submit").click();
    await w.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    expect(await stageOf(w)).toBe("reported");
    expect(await w.getByTestId("case-header").textContent()).toContain("果园农机");
    await screenshot(w, "case-categories-05-reported");
    const id = w.url().split("/").pop();
    const detail = await worker<{ case: { category: string; categoryLabel: string } }>("GET", `/cases/${id}`);
    expect(detail.case).toMatchObject({ category: "orchard_machinery", categoryLabel: "果园农机" });
    for (const p of [office, w]) await p.close();
  },
  timeout,
);
