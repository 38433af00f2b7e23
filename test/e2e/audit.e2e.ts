import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { settled } from "./case-e2e-kit";
import { type E2eServer, launchBrowser, screenshot, signIn, startServer } from "./e2e-harness";

/**
 * The audit administrator's console (R21, 三员分立): a county office exports sites with a stated reason and
 * the watermark, the auditor finds that export in the trail browser, and reads the security log.
 */
let server: E2eServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") await screenshot(page, `audit-failed-${ctx.task.name.slice(0, 24)}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openAs(username: string, viewport = { width: 1440, height: 900 }) {
  await page?.context().close();
  const context = await browser.newContext({ viewport, locale: "zh-CN", acceptDownloads: true });
  page = await context.newPage();
  await signIn(page, server.url, username);
}

const reason = "年度安全生产大检查核对企业联系人";

it("a county office exports sites only with a reason, and the file carries its watermark", async () => {
  await openAs("county");
  await page.goto(`${server.url}/sites`);
  await page.getByTestId("site-export").waitFor();
  const mark = page.getByTestId("personal-data-watermark");
  expect(await mark.getAttribute("data-text")).toContain("县安委办 张主任（county）");
  expect(await mark.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe("none");

  await page.getByTestId("site-export").click();
  await page.getByTestId("export-reason").waitFor();
  await settled(page); // a click while the dialog still zooms in can be lost
  await page.getByTestId("export-reason-ok").click();
  await page.getByText("请填写导出事由（至少 5 个字）").waitFor();
  await page.getByTestId("export-reason").fill(reason);
  await screenshot(page, "audit-01-export-reason");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-reason-ok").click(),
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const ws = book.worksheets[0];
  expect(String(ws.getCell("A1").value)).toMatch(
    /^导出人：县安委办 张主任（county）　导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
  );
  expect(ws.headerFooter.oddFooter).toContain("county");
  expect(ws.getCell("A2").value).toBe("名称");
  expect(ws.rowCount).toBeGreaterThan(3);
  await screenshot(page, "audit-02-sites-watermark");

  await openAs("county", { width: 390, height: 844 });
  await page.goto(`${server.url}/sites`);
  await page.getByTestId("site-export").click();
  await page.getByTestId("export-reason").fill(reason);
  await screenshot(page, "audit-02b-export-reason-phone");
});

it("the audit administrator browses the trail with a filter and sees the export with its reason", async () => {
  await openAs("auditor");
  await page.getByTestId("nav-trail").click();
  const table = page.getByTestId("trail-table");
  await table.locator("tbody tr.ant-table-row").first().waitFor();
  await page.getByTestId("trail-action").click();
  await page.keyboard.type("data.exported");
  await page.keyboard.press("Enter");
  await table.getByText("导出数据").first().waitFor();
  const rows = table.locator("tbody tr.ant-table-row");
  await expect.poll(() => rows.count()).toBe(1);
  const text = (await rows.first().textContent()) ?? "";
  expect(text).toContain("张主任");
  expect(text).toContain("data.exported");
  expect(text).toContain(reason);
  expect(await page.getByTestId("personal-data-watermark").getAttribute("data-text")).toContain(
    "（auditor）",
  );
  await screenshot(page, "audit-03-trail-filtered");

  await page.getByTestId("trail-verify").click();
  await page.locator('[data-testid="trail-result"][data-ok="true"]').waitFor();

  await openAs("auditor", { width: 390, height: 844 });
  await page.goto(`${server.url}/trail`);
  await page.getByTestId("trail-table").locator("tbody tr.ant-table-row").first().waitFor();
  await screenshot(page, "audit-04-trail-phone");
});

it("the security log shows a real failed sign-in, by kind label, and filters by user and kind", async () => {
  const wrong = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "county", password: "not-the-password-1" }),
  });
  expect(wrong.status).toBe(401);
  await openAs("auditor");
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/v1/security-log?")) asked.push(new URL(r.url()).search);
  });
  await page.goto(`${server.url}/security-log`);
  const table = page.getByTestId("security-log-table");
  await table.getByText("sign_in_failed").first().waitFor();
  await page.getByTestId("security-log-username").locator("input").fill("county");
  await page.getByTestId("security-log-username").locator("input").press("Enter");
  await page.getByTestId("security-log-kind").click();
  await page.getByTitle("登录失败").click();
  await expect
    .poll(() => asked.some((q) => q.includes("username=county") && q.includes("kind=sign_in_failed")))
    .toBe(true);
  await table.getByText("登录失败").first().waitFor();
  const rows = await table.locator("tbody tr.ant-table-row").allTextContents();
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row).toContain("county");
  await screenshot(page, "audit-05-security-log");
});
