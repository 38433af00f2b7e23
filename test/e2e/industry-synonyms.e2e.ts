import { expect, it } from "vitest";
import { settled } from "./case-e2e-kit";
import { browserSuite, screenshot, signIn } from "./e2e-harness";

/**
 * Issue 11: the province office keeps the industry look-up's everyday words in the console (行业俗称):
 * a word added is found by `GET /industries?q=` (the site form's picker, the import mapping), and gone
 * again once removed.
 */
const suite = browserSuite();
const lookUp = async (q: string) => {
  const { apiSignIn } = await import("./e2e-harness");
  const token = await apiSignIn(suite.server.url, "county");
  const res = await fetch(`${suite.server.url}/api/v1/industries?q=${encodeURIComponent(q)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { items: { code: string; synonym: string | null }[] }).items;
};

for (const [name, viewport] of [
  ["1440", { width: 1440, height: 900 }],
  ["390", { width: 390, height: 844 }],
] as const)
  it(`the province adds and removes an everyday word at ${name}; the look-up follows`, async () => {
    const word = `飞船修理铺${name}`;
    expect((await lookUp(word)).map((h) => h.code)).not.toContain("8111");
    const page = await suite.browser.newPage({ viewport, locale: "zh-CN" });
    await signIn(page, suite.server.url, "province");
    await page.goto(`${suite.server.url}/industry-synonyms`);
    await page.getByTestId("industry-synonyms").waitFor();
    // the built-in words are listed too (read only): 加油站 → 5265
    await page.getByTestId("synonym-builtin-filter").locator("input").fill("加油站");
    await expect.poll(() => page.getByTestId("synonym-builtin").textContent()).toContain("5265");
    await page.getByTestId("synonym-term").fill(word);
    await page.getByTestId("synonym-code").click();
    await page.keyboard.type("8111");
    await page.locator(".ant-select-item-option").filter({ hasText: "8111", visible: true }).first().click();
    await page.getByTestId("synonym-add").click();
    const row = page.getByTestId("synonym-table").locator("tr", { hasText: word });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain("8111");
    expect((await lookUp(word)).find((h) => h.code === "8111")?.synonym).toBe(word);
    // the try box shows what the look-up finds
    await page.getByTestId("synonym-try").locator("input").fill(word);
    await page.getByTestId("synonym-try").locator("input").press("Enter");
    await expect.poll(() => page.getByTestId("synonym-try-result").textContent()).toContain("8111");
    await screenshot(page, `industry-synonyms-${name}`);
    await page.getByTestId(`synonym-remove-${word}`).click();
    const confirm = page.locator(".ant-popconfirm .ant-btn-primary, .ant-popover .ant-btn-primary").first();
    await confirm.waitFor();
    await settled(page); // a click while the confirm still zooms in can be lost
    await confirm.click();
    await expect.poll(() => row.count()).toBe(0);
    expect((await lookUp(word)).map((h) => h.code)).not.toContain("8111");
    await page.close();
  });

it("the menu offers the page to the province office only", async () => {
  const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  await signIn(page, suite.server.url, "county");
  expect(await page.getByText("行业俗称").count()).toBe(0);
  await page.close();
});
