import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiSignIn, type E2eServer, launchBrowser, screenshot, signIn, startServer } from "./e2e-harness";

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("signs in, opens the region tree, finds 榆中 and shows its townships", async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: "zh-CN" });
  await signIn(page, server.url, "county");
  await screenshot(page, "spine-01-dashboard");
  await page.getByTestId("nav-regions").click();
  await page.getByTestId("region-tree").waitFor();
  const search = page.getByTestId("region-search");
  const input =
    (await search.evaluate((e) => e.tagName)) === "INPUT" ? search : search.locator("input").first();
  await input.fill("榆中");
  await input.press("Enter");
  await page.locator('[data-testid="region-search-result"][data-code="620123"]').click();
  const detail = page.getByTestId("region-detail");
  await expect.poll(() => detail.textContent(), { timeout: 15_000 }).toContain("城关镇");
  const text = (await detail.textContent()) ?? "";
  for (const township of ["夏官营镇", "和平镇", "金崖镇"]) expect(text).toContain(township);
  await screenshot(page, "spine-02-region-yuzhong");
  await page.close();
});

it("lets every printed demo account sign in", async () => {
  for (const username of [
    "admin",
    "province",
    "city",
    "county",
    "lead",
    "market",
    "station",
    "worker",
    "committee",
    "provider",
    "auditor",
    "security",
  ]) {
    // Password, then (system, security and audit administrators) the TOTP code from the printed secret.
    const token = await apiSignIn(server.url, username);
    const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status, username).toBe(200);
    expect(((await me.json()) as { stage: string }).stage, username).toBe("full");
  }
  expect(server.log()).toContain("TOTP KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU");
  expect(server.log()).toContain("演示账号");
});

it("the county office sees its departments and the routing table, each with its county picked", async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: "zh-CN" });
  await signIn(page, server.url, "county");
  await page.getByTestId("nav-departments").click();
  await page.waitForURL(/\/departments\?region=620123$/, { timeout: 15_000 });
  const departments = page.getByTestId("department-table");
  await expect.poll(() => departments.textContent(), { timeout: 15_000 }).toContain("榆中县应急管理局");
  expect(await departments.locator("tbody tr").count()).toBeGreaterThan(5);
  await screenshot(page, "spine-03-departments");
  await page.getByTestId("nav-routing").click();
  await page.waitForURL(/\/routing\?region=620123$/, { timeout: 15_000 });
  const rules = page.getByTestId("routing-table");
  await expect.poll(() => rules.locator("tbody tr").count(), { timeout: 15_000 }).toBeGreaterThan(5);
  await expect
    // data rows only: a table that scrolls sideways has antd's hidden measure row first
    .poll(() => rules.locator("tbody tr.ant-table-row").first().textContent(), { timeout: 15_000 })
    .toMatch(/全国通用|甘肃省|榆中县/);
  // The everywhere-rules are the system administrator's: the county office sees no edit links on them.
  expect(await rules.locator("tbody tr.ant-table-row").first().textContent()).not.toContain("编辑");
  await screenshot(page, "spine-04-routing");
  await page.close();
});
