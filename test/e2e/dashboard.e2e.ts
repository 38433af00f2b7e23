import { expect, it } from "vitest";
import { pageAs } from "./case-e2e-kit";
import { browserSuite, screenshot, signIn } from "./e2e-harness";

/**
 * Region dashboards and the big screen (issue 13.2/13.3) on the demo county: the county office opens 统计分析,
 * a formula shows on hover, the 上报数 figure drills down to as many rows as it says and the way back returns
 * to the dashboard; hazards by industry and the register figures (场所入格率 drills to the sites not in a
 * grid); the page fits a phone; the big screen fills 1920×1080 (and 3840×2160) without scrolling.
 */
const timeout = 300_000;
const suite = browserSuite({ timeout });

it(
  "county office: dashboard figure → its rows → back",
  async () => {
    const page = await pageAs(suite.browser, suite.server.url, "county");
    await page.goto(`${suite.server.url}/statistics?period=year`);
    const card = page.getByTestId("indicator-reported");
    await card.waitFor({ timeout: 30_000 });
    const reported = Number((await card.locator("div").nth(1).textContent())?.replace(/\D/g, ""));
    expect(reported).toBeGreaterThan(0);
    await page.getByTestId("formula-triage_on_time_rate").hover();
    await expect.poll(() => page.locator(".ant-tooltip").first().textContent()).toContain("按时受理率 =");
    await page.getByTestId("chart-funnel").locator("canvas").first().waitFor();
    await screenshot(page, "dashboard-county-1440");
    // patrol plan coverage: the assessment's definition, its formula on hover (issue 13.2 / 13.4)
    await page.getByTestId("formula-patrol_coverage_rate").hover();
    await expect
      .poll(() => page.locator(".ant-tooltip:visible").last().textContent())
      .toContain("巡查计划完成率 = 有巡查记录的应巡查周期数 ÷ 应巡查周期数");
    await page.getByTestId("indicator-patrol_coverage_rate").scrollIntoViewIfNeeded();
    await screenshot(page, "dashboard-county-patrol-formula");
    await card.click();
    await page.getByTestId("stats-rows").waitFor();
    await expect
      .poll(() => page.locator("[data-testid=stats-rows] tbody tr.ant-table-row").count(), {
        timeout: 20_000,
      })
      .toBe(Math.min(reported, 10));
    if (reported > 10)
      expect(
        await page.locator(".ant-pagination-total-text, .ant-pagination").first().textContent(),
      ).toBeTruthy();
    await screenshot(page, "dashboard-county-rows");
    await page.getByTestId("stats-back").click();
    await page.getByTestId("indicator-reported").waitFor();
    expect(page.url()).not.toContain("metric=");

    // hazards by industry (the site's GB/T 4754 section, Chinese names) and the register figures (issue 13.2)
    await page.getByTestId("chart-industry").locator("canvas").first().waitFor();
    await page.getByTestId("stats-industry").scrollIntoViewIfNeeded();
    await screenshot(page, "dashboard-county-industry");
    const siteCard = page.getByTestId("indicator-site_coverage_rate");
    expect(await siteCard.textContent()).not.toContain("暂无数据");
    expect(await page.getByTestId("indicator-grid_staffing_rate").textContent()).not.toContain("暂无数据");
    await siteCard.click();
    await page.getByTestId("stats-rows").waitFor();
    expect(await page.getByTestId("stats-rows").textContent()).toContain("未划入网格的场所");
    await screenshot(page, "dashboard-county-sites-without-grid");
    await page.getByTestId("stats-back").click();
    await page.getByTestId("indicator-reported").waitFor();
    await page.close();

    const phone = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await signIn(phone, suite.server.url, "county");
    await phone.goto(`${suite.server.url}/statistics`);
    await phone.getByTestId("indicator-reported").waitFor({ timeout: 30_000 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, "dashboard-county-390");
    await phone.getByTestId("chart-industry").locator("canvas").first().waitFor();
    await phone.getByTestId("stats-industry").scrollIntoViewIfNeeded();
    await screenshot(phone, "dashboard-county-industry-390");
    await phone.close();
  },
  timeout,
);

for (const [w, h] of [
  [1920, 1080],
  [3840, 2160],
] as const)
  it(
    `big screen at ${w}×${h}: dark, full, no scrolling`,
    async () => {
      const page = await suite.browser.newPage({ viewport: { width: w, height: h }, locale: "zh-CN" });
      await signIn(page, suite.server.url, "county");
      await page.goto(`${suite.server.url}/bigscreen`);
      await page.getByTestId("bigscreen-panel").waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1500);
      const size = await page.evaluate(() => ({
        sw: document.documentElement.scrollWidth,
        sh: document.documentElement.scrollHeight,
        bg: getComputedStyle(document.querySelector("[data-testid=bigscreen]") as Element).backgroundImage,
      }));
      expect(size.sw).toBeLessThanOrEqual(w);
      expect(size.sh).toBeLessThanOrEqual(h);
      expect(size.bg).toContain("gradient");
      await screenshot(page, `bigscreen-${w}`);
      await page.close();
    },
    timeout,
  );
