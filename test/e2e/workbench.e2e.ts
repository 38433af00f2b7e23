import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { apiAs, pageAs } from "./case-e2e-kit";
import { browserSuite, screenshot, signIn } from "./e2e-harness";

/**
 * The workbench (issue 13.1) for four roles on the demo county: the counts that need each person, every
 * count a link that lands on a list with exactly that many rows; screenshots at 1440×900 and 390×844.
 */
const timeout = 300_000;
const suite = browserSuite({ timeout });

async function counts(page: Page) {
  await page.getByTestId("wb-counts").waitFor({ timeout: 20_000 });
  const tiles = page.locator("[data-testid^=wb-count-]");
  const out: { key: string; count: number; href: string }[] = [];
  for (const tile of await tiles.all()) {
    const key = ((await tile.getAttribute("data-testid")) ?? "").replace("wb-count-", "");
    out.push({
      key,
      count: Number(await tile.getAttribute("data-count")),
      href: (await tile.getAttribute("href")) ?? "",
    });
  }
  return out;
}

/** Opens a count's list with every row on one page and waits until it shows `count` rows (or times out). */
async function expectRows(page: Page, href: string, count: number, what: string) {
  await page.goto(`${suite.server.url}${href}&pageSize=200`);
  const table = page.getByTestId("case-table");
  await table.locator(".ant-table-row, .ant-table-placeholder").first().waitFor({ timeout: 20_000 });
  await expect
    .poll(() => table.locator("tbody tr.ant-table-row").count(), { timeout: 20_000, message: what })
    .toBe(count);
  if (count > 0)
    expect(await page.locator(".ant-pagination-total-text").textContent(), what).toContain(`共 ${count} 条`);
}

for (const [user, expectKeys] of [
  ["county", ["to_triage", "due_soon", "overdue", "escalated", "to_approve", "unread"]],
  [
    "lead",
    ["to_triage", "to_accept", "to_handle", "to_recheck", "due_soon", "overdue", "escalated", "unread"],
  ],
  ["market", ["to_accept", "to_handle", "due_soon", "overdue", "unread"]],
  [
    "worker",
    ["to_recheck", "due_soon", "overdue", "patrols_due", "patrols_overdue", "deliveries_pending", "unread"],
  ],
] as const)
  it(
    `${user}: the workbench's counts link to lists of exactly that many rows`,
    async () => {
      const page = await pageAs(suite.browser, suite.server.url, user);
      const list = await counts(page);
      expect(list.map((c) => c.key)).toEqual(expectKeys);
      await screenshot(page, `workbench-${user}-1440`);
      // Field counts are the phone's own lists (GET /patrols/mine, /deliveries/mine), read as the same user.
      const field = list.filter((c) => c.href.startsWith("/m/"));
      if (field.length > 0) {
        const api = await apiAs(suite.server.url, user);
        const patrols = await api<{ items: { status: string }[] }>("GET", "/patrols/mine");
        const deliveries = await api<{ sites: { status: string }[] }[]>("GET", "/deliveries/mine");
        const expected: Record<string, number> = {
          patrols_due: patrols.items.filter((i) => i.status === "due").length,
          patrols_overdue: patrols.items.filter((i) => i.status === "overdue").length,
          deliveries_pending: deliveries.flatMap((d) => d.sites).filter((x) => x.status === "pending").length,
        };
        for (const c of field) expect(c.count, `${user} ${c.key}`).toBe(expected[c.key]);
      }
      expect(list.some((c) => c.count > 0 && c.key !== "unread")).toBe(true);
      // Clicking a non-zero count lands on its list with that total.
      const first = list.find((c) => c.count > 0 && c.key !== "unread");
      if (first) {
        await page.getByTestId(`wb-count-${first.key}`).click();
        await page.waitForURL(/\/cases\?/);
        await expect
          .poll(() => page.locator(".ant-pagination-total-text").textContent(), { timeout: 20_000 })
          .toContain(`共 ${first.count} 条`);
      }
      for (const c of list.filter((x) => x.href.startsWith("/cases") && x.count <= 200))
        await expectRows(page, c.href, c.count, `${user} ${c.key}`);
      await page.close();

      const phone = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
      await signIn(phone, suite.server.url, user);
      await counts(phone);
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await screenshot(phone, `workbench-${user}-390`);
      await phone.close();
    },
    timeout,
  );

it(
  "the county office's case list opens on a tab that has work",
  async () => {
    const page = await pageAs(suite.browser, suite.server.url, "county");
    await page.goto(`${suite.server.url}/cases`);
    await page.getByTestId("case-table").waitFor();
    await page.waitForURL(/\/cases/);
    const active = page.locator(".case-queue-tabs .ant-tabs-tab-active [data-testid^=queue-]");
    await active.waitFor();
    const badge = await active.locator(".ant-badge").textContent();
    expect(Number((badge ?? "0").replace(/\D/g, ""))).toBeGreaterThan(0);
    await screenshot(page, "workbench-county-cases-tab");
    await page.close();
  },
  timeout,
);

it(
  "provider: engagement work counts link to 我的委托 filtered to exactly those items",
  async () => {
    const page = await pageAs(suite.browser, suite.server.url, "provider");
    const list = await counts(page);
    expect(list.map((c) => c.key)).toEqual(["engaged_assess", "engaged_guide", "engaged_ending", "unread"]);
    const api = await apiAs(suite.server.url, "provider");
    for (const c of list.filter((x) => x.key !== "unread")) {
      const work = new URLSearchParams(c.href.split("?")[1]).get("work");
      const items = await api<{ items: unknown[] }>("GET", `/provider/targets?work=${work}`);
      expect(c.count, c.key).toBe(items.items.length);
    }
    const assess = list[0];
    expect(assess.count).toBeGreaterThan(0); // the demo engagement's three sites are not assessed yet
    await screenshot(page, "workbench-provider-1440");
    await page.getByTestId("wb-count-engaged_assess").click();
    await page.waitForURL(/\/engaged\?work=assess/);
    await expect
      .poll(() => page.getByTestId("engaged-target").count(), { timeout: 20_000 })
      .toBe(assess.count);
    await expect
      .poll(() => page.locator("[data-testid=engaged-filter] .ant-segmented-item-selected").textContent())
      .toBe("待评估");
    await screenshot(page, "engaged-assess-1440");
    await page.close();

    const phone = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await signIn(phone, suite.server.url, "provider");
    await counts(phone);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, "workbench-provider-390");
    await phone.goto(`${suite.server.url}/engaged?work=assess`);
    await phone.getByTestId("engaged-target").first().waitFor({ timeout: 20_000 });
    await screenshot(phone, "engaged-assess-390");
    await phone.close();
  },
  timeout,
);
