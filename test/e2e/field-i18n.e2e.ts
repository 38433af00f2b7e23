import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { fieldSuite, waitUntilSent } from "./field-harness";
import { fieldSignIn, fillReport, newPhone, phoneViewport, shot } from "./field-kit";

/**
 * The field app in English (Simplified Chinese first, English available): a phone in Chinese switches to
 * English in 我的; home, sites, report and outbox speak English (tab bar and headings without a Chinese
 * character), the html lang and the manifest follow, the choice survives a reload (the console's key,
 * safegrid.lang), and switching back gives Chinese again. A phone whose browser is in English starts in English.
 */
const suite = fieldSuite();

const cjk = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

async function tabLabels(page: Page) {
  return page.locator(".tabbar .tab-label").allInnerTexts();
}
/** The tab bar's labels and every heading on the screen. */
async function chrome(page: Page) {
  return [
    ...(await tabLabels(page)),
    ...(await page
      .locator(".topbar h1, h2.section, .section-title, .field-label, .count-label")
      .allInnerTexts()),
  ];
}
async function expectNoChinese(page: Page) {
  const texts = await chrome(page);
  expect(texts.length).toBeGreaterThan(4);
  expect(texts.filter((s) => cjk.test(s))).toEqual([]);
}
const title = (page: Page) => page.locator(".topbar h1").innerText();

it("switches to English in 我的, shows home, sites, report and outbox in English, and keeps it after a reload", async () => {
  const context = await newPhone(suite.browser);
  const page = await context.newPage();
  await fieldSignIn(page, suite.server.url);
  expect(page.viewportSize()).toEqual(phoneViewport);
  expect(await tabLabels(page)).toEqual(["首页", "场所", "上报", "待发", "我的"]);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");

  await page.getByTestId("tab-me").click();
  await page.getByTestId("me-lang-en").click();
  await expect.poll(() => tabLabels(page)).toEqual(["Home", "Sites", "Report", "Outbox", "Me"]);
  expect(await title(page)).toBe("Me");
  expect(await page.getByTestId("me-signout").innerText()).toBe("Sign out");
  expect(await page.getByTestId("me-lang-en").getAttribute("aria-pressed")).toBe("true");
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
  expect(
    await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute("href")),
  ).toBe("/m/manifest.en.webmanifest");
  expect(await page.evaluate(() => localStorage.getItem("safegrid.lang"))).toBe("en");
  await shot(page, "i18n-1-me-en");

  await page.getByTestId("tab-home").click();
  expect(await title(page)).toBe("Today");
  expect(await page.getByTestId("count-sites").innerText()).toContain("My sites");
  expect(await page.getByTestId("home-report").innerText()).toContain("Report a hazard");
  await expectNoChinese(page);
  await shot(page, "i18n-2-home-en");

  await page.getByTestId("tab-sites").click();
  expect(await title(page)).toBe("My sites");
  expect(await page.getByTestId("sites-list-tab").innerText()).toBe("List");
  expect(await page.getByTestId("sites-map-tab").innerText()).toBe("Map");
  await page.getByTestId("site-row").first().waitFor();
  // a site's name is data (Chinese); its risk level and kind are domain labels, shown in English
  expect(await page.getByTestId("site-row").first().locator(".row-sub").first().innerText()).not.toMatch(cjk);
  await expectNoChinese(page);
  await shot(page, "i18n-3-sites-en");

  await page.getByTestId("tab-report").click();
  expect(await title(page)).toBe("Report a hazard");
  expect(await page.getByTestId("report-type-general_hazard").innerText()).toBe("General hazard");
  expect(await page.getByTestId("report-submit").innerText()).toBe("Submit (kept on the phone when offline)");
  // case categories: their English names (the server's en, even from the copy fetched in Chinese)
  await expect
    .poll(() => page.locator('[data-testid=report-category] option[value="fire"]').innerText())
    .toBe("Fire safety");
  await expectNoChinese(page);
  await page.getByTestId("report-submit").click();
  expect(await page.getByTestId("report-error").innerText()).toBe("Choose a category");
  await shot(page, "i18n-4-report-en");

  const text = `Gas cylinders stored in a stairwell ${Date.now().toString(36)}`;
  await fillReport(page, { description: text, photos: 1, seed: 700 });
  await page.getByTestId("report-submit").click();
  await page.waitForURL(/\/m\/outbox$/);
  await waitUntilSent(page, 1);
  expect(await title(page)).toBe("Outbox");
  await page.getByTestId("outbox-sent").first().waitFor();
  const sentRow = await page.getByTestId("outbox-sent").first().innerText();
  expect(sentRow).toContain("Delivered");
  expect(sentRow).toContain("Report: Gas cylinders");
  expect(sentRow).toMatch(/photos: 1 · delivered/);
  expect(await page.locator("h2.section").allInnerTexts()).toEqual(["Waiting 0", "Delivered 1"]);
  await expectNoChinese(page);
  await shot(page, "i18n-5-outbox-en");

  // The choice persists across a reload (and the first paint is already English).
  await page.reload();
  await page.getByTestId("tab-home").waitFor();
  expect(await tabLabels(page)).toEqual(["Home", "Sites", "Report", "Outbox", "Me"]);
  expect(await title(page)).toBe("Outbox");
  expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual([
    "en",
    "Grid worker · SafeGrid",
  ]);

  // And back to Chinese.
  await page.getByTestId("tab-me").click();
  await page.getByTestId("me-lang-zh").click();
  await expect.poll(() => tabLabels(page)).toEqual(["首页", "场所", "上报", "待发", "我的"]);
  expect(await title(page)).toBe("我的");
  expect(
    await page.evaluate(() => [document.documentElement.lang, localStorage.getItem("safegrid.lang")]),
  ).toEqual(["zh-CN", "zh"]);
  await context.close();
}, 180_000);

it("starts in English when the phone's browser is in English and nothing was chosen", async () => {
  const context = await suite.browser.newContext({
    viewport: phoneViewport,
    isMobile: true,
    hasTouch: true,
    locale: "en-US",
  });
  const page = await context.newPage();
  await page.goto(`${suite.server.url}/m/`);
  await page.getByTestId("field-signin").waitFor();
  expect(await page.getByTestId("field-signin").innerText()).toBe("Sign in");
  expect(await page.locator(".signin-brand h1").innerText()).toBe("Work-safety grid worker");
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
  // a wrong password: the server's message comes back in English too (Accept-Language follows)
  await page.getByTestId("field-username").fill("worker");
  await page.getByTestId("field-password").fill("wrong-password-1");
  await page.getByTestId("field-signin").click();
  const error = await page.getByTestId("signin-error").innerText();
  expect(error).not.toMatch(cjk);
  await shot(page, "i18n-6-signin-en");
  // the sign-in page's own switch goes to Chinese (and remembers it)
  await page.getByTestId("signin-lang").click();
  await expect.poll(() => page.getByTestId("field-signin").innerText()).toBe("登录");
  expect(await page.evaluate(() => localStorage.getItem("safegrid.lang"))).toBe("zh");
  await context.close();
}, 60_000);
