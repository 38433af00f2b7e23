import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { pageAs as open } from "./case-e2e-kit";
import { browserSuite, screenshot, shotsDir } from "./e2e-harness";

/**
 * The grid handbook editor (R10, issue 14): the lead department writes the county's norms with the toolbar,
 * sees the preview, saves two versions, reads the first again, is refused a version over its page budget,
 * and downloads the PDF (its text read back with pdftotext). At 1440×900 and 390×844.
 */
const timeout = 300_000;
const suite = browserSuite({ timeout });

async function download(page: Page, testId: string, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const target = path.join(shotsDir, "print", name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await file.saveAs(target);
  return target;
}

it(
  "the lead department edits the handbook, saves versions, reads an old one and downloads the PDF",
  async () => {
    const page = await open(suite.browser, suite.server.url, "lead");
    await page.getByTestId("nav-handbook").click();
    await page.waitForURL(/\/handbook\?region=620123$/, { timeout: 15_000 });
    const source = page.getByTestId("handbook-source");
    await source.waitFor();
    await screenshot(page, "handbook-01-empty");

    // the toolbar: a heading line, then bold
    await source.fill("巡查要求");
    await source.focus();
    await source.press("Control+a");
    await page.getByTestId("handbook-tool-h1").click();
    await expect.poll(() => source.inputValue()).toBe("# 巡查要求");
    await source.press("End");
    await source.pressSequentially("\n网格员每月巡查一次。\n- 小商铺\n- 小作坊");
    await page.getByTestId("handbook-tool-bold").click();
    const preview = page.getByTestId("handbook-preview");
    await expect.poll(() => preview.locator("h4").textContent()).toBe("巡查要求");
    expect(await preview.locator("li").count()).toBe(2);
    await page.getByTestId("handbook-save").click();
    const versions = page.getByTestId("handbook-versions");
    await expect.poll(() => versions.locator("tbody tr.ant-table-row").count(), { timeout: 90_000 }).toBe(1);

    // a second version
    await source.fill("# 巡查要求\n网格员每月对**重点场所**巡查不少于两次。\n1. 发现\n2. 上报");
    await page.getByTestId("handbook-save").click();
    await expect.poll(() => versions.locator("tbody tr.ant-table-row").count(), { timeout: 90_000 }).toBe(2);
    expect(await preview.locator("strong").textContent()).toBe("重点场所");
    await screenshot(page, "handbook-02-two-versions");

    // the first version, read only
    await page.getByTestId("handbook-view-1").click();
    await page.getByTestId("handbook-viewing").waitFor();
    expect(await source.inputValue()).toContain("网格员每月巡查一次");
    expect(await source.isDisabled()).toBe(true);
    await page.getByTestId("handbook-viewing").getByRole("button").click();
    await expect.poll(() => source.inputValue()).toContain("重点场所");

    // over the page budget: refused in Chinese, nothing saved
    await page
      .locator('[data-testid="handbook-max-pages"] input, input[data-testid="handbook-max-pages"]')
      .fill("2");
    await page.getByTestId("handbook-save").click();
    await page.getByText(/超过页数上限 2 页/).waitFor({ timeout: 30_000 });
    expect(await versions.locator("tbody tr.ant-table-row").count()).toBe(2);
    await screenshot(page, "handbook-03-over-budget");

    // the PDF: own norms plus the generated chapters
    const pdf = await download(page, "handbook-download", "handbook-e2e.pdf");
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    for (const expected of ["重点场所", "网格及人员", "报告流程", "办理时限", "举报投诉电话"])
      expect(text, expected).toContain(expected);

    // at phone width
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await source.waitFor();
    await screenshot(page, "handbook-04-phone");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.close();
  },
  timeout,
);

it(
  "a township station downloads its grid map and all its duty cards from the grid list",
  async () => {
    const page = await open(suite.browser, suite.server.url, "station");
    await page.goto(`${suite.server.url}/grids/list`);
    const button = page.getByTestId("region-print");
    await button.waitFor({ timeout: 15_000 });
    await screenshot(page, "handbook-05-grid-list-print");
    const pick = async (label: string, name: string) => {
      await button.hover();
      const item = page.getByRole("menuitem", { name: label });
      await item.waitFor();
      const [file] = await Promise.all([page.waitForEvent("download"), item.click()]);
      const target = path.join(shotsDir, "print", name);
      await file.saveAs(target);
      return execFileSync("pdftotext", [target, "-"], { encoding: "utf8" });
    };
    const map = await pick("网格示意图 A4", "grid-map-e2e.pdf");
    expect(map).toContain("安全生产网格化监管示意图");
    expect(map).toContain("制图单位");
    const cards = await pick("批量明白卡", "duty-cards-e2e.pdf");
    expect(cards).toContain("网格员明白卡");
    expect(cards).toContain("工作任务");
    await page.close();
  },
  timeout,
);
