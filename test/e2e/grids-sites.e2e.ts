import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { usccCheckCharacter } from "../../domain/site/uscc";
import { type E2eServer, launchBrowser, screenshot, signIn, startServer } from "./e2e-harness";

let server: E2eServer;
let browser: Browser;
let page: Page;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "safegrid-e2e-gs-"));
const gridName = "e2e 东坪试点网格";

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  await signIn(page, server.url, "county");
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail")
    await screenshot(page, `grids-sites-failed-${ctx.task.name.slice(0, 24)}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A valid unified social credit code for a body registered in 榆中县 (620123). */
const uscc = (serial: string) => {
  const first17 = `91620123${serial}`.slice(0, 17);
  return first17 + usccCheckCharacter(first17);
};

async function api<T>(p: string): Promise<T> {
  const res = await page.request.get(`${server.url}/api/v1${p}`);
  expect(res.status(), p).toBe(200);
  return (await res.json()) as T;
}

/** Clicks the given pixel offsets from the centre of the map, one vertex each. */
async function clickPoints(offsets: [number, number][]) {
  const box = (await page.getByTestId("grid-map").boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (const [dx, dy] of offsets) {
    await page.mouse.click(cx + dx, cy + dy);
    await page.waitForTimeout(120);
  }
}

/** Closes the drawer on top (its close button) and waits until it is gone. */
async function closeDrawer() {
  const close = page.locator(".ant-drawer-open .ant-drawer-close").last();
  await close.click();
  await page.locator(".ant-drawer-open").waitFor({ state: "detached" });
}

/** Walks an open region cascader down the names given (levels above the user's scope may be absent). */
async function pickRegion(names: string[]) {
  for (const name of names) {
    // earlier pickers leave their (hidden) menus in the page: only the open one counts
    const item = page.locator(`.ant-cascader-menu-item[title="${name}"]`).filter({ visible: true });
    try {
      await item.first().waitFor({ timeout: 5_000 });
    } catch {
      continue;
    }
    await item.first().click();
  }
  await page.keyboard.press("Escape");
}

it("draws a grid on the map: a crossing outline is flagged where it crosses, a clean one is saved and staffed", async () => {
  await page.getByTestId("nav-grids").click();
  await page.getByTestId("grid-map").waitFor();
  // the map opens on the county boundary (the dashed outline), with no base layer
  await page.waitForTimeout(1500);
  expect(await page.locator(".console-content").textContent()).toContain("网格地图");
  // zoom in twice towards the middle of the county, then draw
  for (let i = 0; i < 2; i++) {
    await page.locator(".leaflet-control-zoom-in").click();
    await page.waitForTimeout(400);
  }
  await page.getByTestId("draw-grid").click();
  await page.getByTestId("draw-panel").waitFor();

  // a bow-tie: the browser check reports the self-intersection at the crossing point
  await clickPoints([
    [-70, -55],
    [70, 55],
    [70, -55],
    [-70, 55],
  ]);
  await expect.poll(() => page.getByTestId("draw-count").textContent()).toContain("4");
  await page.getByTestId("draw-finish").click();
  await page.getByTestId("map-problem").first().waitFor();
  expect(await page.getByTestId("problem-list").textContent()).toContain("自相交");
  await screenshot(page, "grids-sites-01-draw-self-intersection");

  // draw again, a clean square, then fill in the grid's details and save
  await page.getByTestId("draw-restart").click();
  await clickPoints([
    [-70, -55],
    [70, -55],
    [70, 55],
    [-70, 55],
  ]);
  await page.getByTestId("draw-finish").click();
  const form = page.getByTestId("grid-create-form");
  await form.locator(".ant-cascader").first().click();
  await pickRegion(["甘肃省", "兰州市", "榆中县", "城关镇"]);
  await page.getByTestId("grid-name").fill(gridName);
  await page.getByTestId("supervisionOfficer-name").fill("李建国");
  await page.getByTestId("supervisionOfficer-phone").fill("13893100001");
  await page.getByTestId("contactLeader-name").fill("王秀兰");
  await page.getByTestId("grid-create-save").click();
  const panel = page.getByTestId("grid-panel");
  await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toContain(gridName);
  expect(await panel.textContent()).toContain("李建国");
  await screenshot(page, "grids-sites-02-grid-created");

  // staff it: add a grid worker
  await page.getByTestId("grid-staff").click();
  await page.getByTestId("staff-dialog").waitFor();
  await page.getByTestId("worker-add").click();
  await page.locator(".ant-select-item-option").first().click();
  await page.getByTestId("staff-save").click();
  await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toContain("专职");

  const found = await api<{
    items: { code: string; workerCount: number; supervisionOfficer: { name: string } }[];
  }>(`/grids?q=${encodeURIComponent(gridName)}`);
  expect(found.items).toHaveLength(1);
  expect(found.items[0].code).toMatch(/^620123\d{9}$/);
  expect(found.items[0].workerCount).toBe(1);
  expect(found.items[0].supervisionOfficer.name).toBe("李建国");
});

it("imports a grid layer (GeoJSON) with the field mapping step, keeping the good feature", async () => {
  // a small square inside a demo grid of 城关镇, and a crossing outline that must be refused
  const [near] = (await api<{ items: { id: string }[] }>(`/grids?region=620123100&pageSize=1`)).items;
  const { bbox } = await api<{ bbox: [number, number, number, number] }>(`/grids/${near.id}`);
  const x = (bbox[0] + bbox[2]) / 2;
  const y = (bbox[1] + bbox[3]) / 2;
  const d = 0.002;
  const ring = (pts: [number, number][]) => [[...pts, pts[0]]];
  const layer = {
    type: "FeatureCollection",
    features: [
      {
        type: "Feature",
        properties: { 网格名称: "e2e 导入网格甲", 备注: "综治网格" },
        geometry: {
          type: "Polygon",
          coordinates: ring([
            [x - d, y - d],
            [x + d, y - d],
            [x + d, y + d],
            [x - d, y + d],
          ]),
        },
      },
      {
        type: "Feature",
        properties: { 网格名称: "e2e 导入网格乙", 备注: "边界自相交" },
        geometry: {
          type: "Polygon",
          coordinates: ring([
            [x - d, y - d],
            [x + d, y + d],
            [x + d, y - d],
            [x - d, y + d],
          ]),
        },
      },
    ],
  };
  const file = path.join(tmp, "综治网格.geojson");
  fs.writeFileSync(file, JSON.stringify(layer));

  await page.goto(`${server.url}/grids`);
  await page.getByTestId("grid-map").waitFor();
  await page.getByTestId("grid-import").click();
  await page.locator(".ant-modal .ant-upload input[type=file]").first().setInputFiles(file);
  const mapping = page.getByTestId("grid-import-mapping");
  await mapping.waitFor({ state: "visible" });
  // the name field was recognised; the township is chosen for features without a region code
  expect(await mapping.textContent()).toContain("网格名称");
  await mapping.locator(".ant-cascader").first().click();
  await pickRegion(["甘肃省", "兰州市", "榆中县", "城关镇"]);
  await mapping.getByTestId("import-mode").getByText("导入有效行").click();
  await screenshot(page, "grids-sites-02b-grid-import-mapping");
  await page.getByTestId("grid-import-run").click();
  const result = page.getByTestId("import-result");
  await result.waitFor({ timeout: 30_000 });
  expect(await result.textContent()).toContain("已导入 1 条，共 2 条");
  const errors = (await page.getByTestId("import-errors").textContent()) ?? "";
  expect(errors).toContain("self_intersection");
  await screenshot(page, "grids-sites-02c-grid-import-result");
  // 完成 closes the dialog (Escape reaches it only while the focus is inside it; the run button is gone)
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /完\s*成/ })
    .click();
  await page.getByRole("dialog").waitFor({ state: "hidden" });
  const imported = await api<{ items: { name: string; code: string }[] }>(
    `/grids?q=${encodeURIComponent("e2e 导入网格")}`,
  );
  expect(imported.items.map((g) => g.name)).toEqual(["e2e 导入网格甲"]);
  expect(imported.items[0].code).toMatch(/^620123100\d{6}$/);
});

it("imports sites from an .xlsx (keep the good rows) and lists every bad row with row, column and message", async () => {
  const [grid] = (await api<{ items: { id: string }[] }>(`/grids?q=${encodeURIComponent(gridName)}`)).items;
  const detail = await api<{ bbox: [number, number, number, number] }>(`/grids/${grid.id}`);
  const [x0, y0, x1, y1] = detail.bbox;
  const cx = Number(((x0 + x1) / 2).toFixed(6));
  const cy = Number(((y0 + y1) / 2).toFixed(6));
  const township = (
    await api<{ children: { code: string; name: string }[] }>("/regions/620123")
  ).children.find((r) => r.name === "城关镇")!.code;

  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("监督管理对象");
  sheet.addRow([
    "名称*",
    "类型*",
    "统一社会信用代码",
    "行业代码",
    "规模",
    "隶属关系",
    "风险等级",
    "行政区划代码",
    "地址",
    "经度",
    "纬度",
    "联系人",
    "联系电话",
    "状态",
  ]);
  const rows = [
    [
      "榆中县东坪建材有限公司",
      "企业",
      uscc("MA71234567"),
      "3011",
      "小型",
      "其他",
      "较大风险",
      township,
      "城关镇东坪路 12 号",
      cx,
      cy,
      "张伟",
      "13893112345",
      "在营",
    ],
    [
      "东坪便民超市",
      "小商铺",
      "",
      "5212",
      "",
      "",
      "一般风险",
      township,
      "城关镇东坪路 30 号",
      cx + 0.001,
      cy,
      "刘芳",
      "13993154321",
      "在营",
    ],
    [
      "老马面食小作坊",
      "小作坊",
      "",
      "1431",
      "",
      "",
      "低风险",
      township,
      "城关镇东坪村二社",
      cx,
      cy + 0.001,
      "马强",
      "",
      "在营",
    ],
    ["城关镇东坪村 李家", "家庭户", "", "", "", "", "", township, "东坪村三社 8 号", "", "", "", "", "在营"],
    [
      "校验码错误公司",
      "企业",
      `${uscc("MA71234568").slice(0, 17)}0`,
      "3011",
      "",
      "",
      "",
      township,
      "",
      cx,
      cy,
      "",
      "",
      "在营",
    ],
    ["经纬度颠倒商店", "小商铺", "", "", "", "", "", township, "", cy, cx, "", "", "在营"],
    ["类型不明单位", "工厂", "", "", "", "", "", township, "", "", "", "", "", "在营"],
  ];
  for (const r of rows) sheet.addRow(r);
  const file = path.join(tmp, "监督管理对象.xlsx");
  await book.xlsx.writeFile(file);

  await page.getByTestId("nav-sites").click();
  await page.getByTestId("site-table").waitFor();
  await page.getByTestId("site-import").click();
  await page
    .locator('[data-testid="site-import-file"] input[type=file], .ant-upload input[type=file]')
    .first()
    .setInputFiles(file);
  await page.getByTestId("import-mode").getByText("导入有效行").click();
  // the template's own headers: every column recognised in the mapping step
  await page.getByTestId("site-import-next").click();
  await page.getByTestId("mapping-table").waitFor();
  await page.getByTestId("site-import-run").click();
  const result = page.getByTestId("import-result");
  await result.waitFor({ timeout: 30_000 });
  const text = (await result.textContent()) ?? "";
  expect(text).toContain("已导入 4 条，共 7 条");
  const errors = page.getByTestId("import-errors");
  const errorText = (await errors.textContent()) ?? "";
  for (const row of ["6", "7", "8"]) expect(errorText).toContain(row);
  expect(errorText).toContain("invalid_uscc");
  expect(errorText).toContain("swapped_coordinates");
  expect(errorText).toContain("invalid_kind");
  await screenshot(page, "grids-sites-03-site-import-errors");
  await page.getByTestId("site-import-close").click();

  // the register shows the new sites, assigned to the drawn grid with the rule that decided it
  // the grid's sites, as the map's link opens them: exactly the three located inside the drawn grid
  await page.goto(`${server.url}/sites?gridId=${grid.id}`);
  const table = page.getByTestId("site-table");
  await expect
    .poll(() => page.locator(".ant-pagination-total-text").textContent(), { timeout: 15_000 })
    .toBe("共 3 条");
  const listed = (await table.textContent()) ?? "";
  for (const name of ["榆中县东坪建材有限公司", "东坪便民超市", "老马面食小作坊"])
    expect(listed).toContain(name);
  expect(listed).toContain(gridName);
  // a text search narrows the register (name, credit code or address)
  await page.getByTestId("site-search").locator("input").fill("便民超市");
  await page.getByTestId("site-search").locator("input").press("Enter");
  // the register re-renders for several seconds before it asks (seen ~5 s under load, also before issue 11's
  // changes): wait for the answer, not for a fixed 5 s
  const total = () => page.locator(".ant-pagination-total-text").textContent();
  await expect.poll(total, { timeout: 20_000 }).toBe("共 1 条");
  await page.getByTestId("site-search").locator("input").fill("");
  await page.getByTestId("site-search").locator("input").press("Enter");
  await expect.poll(total, { timeout: 20_000 }).toBe("共 3 条");
  await page.locator(".ant-spin-spinning").waitFor({ state: "detached" });
  await screenshot(page, "grids-sites-04-site-register");

  await table.getByText("榆中县东坪建材有限公司").click();
  const drawer = page.getByTestId("site-drawer");
  await drawer.waitFor();
  await drawer.getByRole("tab", { name: /网格与监管责任/ }).click();
  expect(await page.getByTestId("assignment-view").textContent()).toContain("按坐标落图");
  await page.waitForTimeout(400);
  await screenshot(page, "grids-sites-05-site-assignment");
  await drawer.getByRole("tab", { name: /动态档案/ }).click();
  await page.getByTestId("site-timeline").waitFor();
  // times are China time: the date shown is today's date in Asia/Shanghai
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  expect(await page.getByTestId("site-timeline").textContent()).toContain(today);
  await page.waitForTimeout(400);
  await screenshot(page, "grids-sites-06-site-file");
  await closeDrawer();
});

it("opens the coverage page with its percentages, gaps and child townships", async () => {
  await page.getByTestId("nav-coverage").click();
  await page.getByTestId("coverage-percentages").waitFor({ timeout: 15_000 });
  const body = (await page.getByTestId("coverage-page").textContent()) ?? "";
  expect(body).toContain("网格配备网格员");
  expect(body).toContain("城关镇");
  await screenshot(page, "grids-sites-07-coverage");
  // the household without coordinates is a gap: its row opens from the figure
  await page.getByTestId("gap-sites_without_location").click();
  await expect.poll(() => page.getByTestId("coverage-rows").textContent()).toContain("李家");
  await screenshot(page, "grids-sites-08-coverage-rows");
  await closeDrawer();
  await page.getByRole("tab", { name: "网格员配置" }).click();
  await page.getByTestId("staffing-panel").waitFor();
  await expect.poll(() => page.getByTestId("staffing-panel").textContent()).toContain(gridName);
  await screenshot(page, "grids-sites-09-staffing");
});

it("shows the new grid and its sites on the map, coloured by workload", async () => {
  const [grid] = (await api<{ items: { id: string }[] }>(`/grids?q=${encodeURIComponent(gridName)}`)).items;
  await page.goto(`${server.url}/grids?grid=${grid.id}`);
  await page.getByTestId("grid-panel").waitFor();
  await page.getByTestId("map-color").getByText("按工作量着色").click();
  await page.waitForTimeout(1500);
  expect(await page.getByTestId("grid-panel").textContent()).toContain(gridName);
  await screenshot(page, "grids-sites-10-map-workload");

  // split it in two: the pieces are drawn dashed and numbered, then the original is retired
  await page.getByTestId("grid-split").click();
  await page.getByTestId("split-panel").waitFor();
  await page.getByTestId("split-preview").click();
  await page.getByTestId("split-confirm").waitFor();
  await page.waitForTimeout(500);
  await screenshot(page, "grids-sites-11-split-preview");
  await page.getByTestId("split-confirm").click();
  await page.getByText("已拆分为 2 个网格").waitFor();
  // the sites stay with the retired grid until the reassignment is reviewed and applied
  await page.getByTestId("reassign-open").click();
  const plan = page.getByTestId("reassign-preview");
  await expect.poll(() => plan.textContent(), { timeout: 15_000 }).toContain("将变更");
  // a cookie-authenticated write from the console's own origin (as the browser sends it; CSRF check)
  const res = await page.request.post(`${server.url}/api/v1/reassignment/preview`, {
    data: { region: "620123" },
    headers: { origin: server.url },
  });
  const planned = (await res.json()) as { changes: { siteName: string }[] };
  const moving = planned.changes.map((c) => c.siteName);
  for (const name of ["榆中县东坪建材有限公司", "东坪便民超市", "老马面食小作坊"])
    expect(moving).toContain(name);
  await screenshot(page, "grids-sites-12-reassign-preview");
  await page.getByTestId("reassign-apply").click();
  await expect.poll(() => page.getByTestId("reassign-result").textContent()).toMatch(/已重新分派 \d+ 个对象/);
  await page.keyboard.press("Escape");
  const after = await api<{ items: { name: string }[] }>(`/grids?q=${encodeURIComponent(gridName)}`);
  expect(after.items.map((g) => g.name).sort()).toEqual([`${gridName}1`, `${gridName}2`]);
  const retired = await api<{ items: { name: string }[] }>(
    `/grids?status=retired&q=${encodeURIComponent(gridName)}`,
  );
  expect(retired.items.map((g) => g.name)).toEqual([gridName]);
});

it("lists grids with their staff and checks a credit code in the site form as it is typed", async () => {
  await page.goto(`${server.url}/grids/list`);
  const grids = page.getByTestId("grid-table");
  await expect.poll(() => grids.textContent(), { timeout: 15_000 }).toContain("安全监管责任人");
  await page.locator(".ant-spin-spinning").waitFor({ state: "detached" });
  await screenshot(page, "grids-sites-13-grid-list");

  await page.getByTestId("nav-sites").click();
  await page.getByTestId("site-new").click();
  const form = page.getByTestId("site-form");
  await form.waitFor();
  await page.getByTestId("site-name").fill("榆中县测试化工有限公司");
  // lower case: refused, with the corrected code offered
  await page.getByTestId("site-uscc").fill(uscc("MA7ABCDEFG").toLowerCase());
  await expect.poll(() => form.textContent()).toContain("字母须为大写");
  expect(await form.textContent()).toContain("改为");
  await screenshot(page, "grids-sites-14-site-form-uscc");
  await form.getByText(/^改为/).click();
  await expect.poll(() => form.textContent()).toContain("校验通过");
  // closed by its button: Escape reaches the dialog only while the focus is inside it
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /取\s*消/ })
    .click();
  await page.getByRole("dialog").waitFor({ state: "hidden" });
});

it("switches the coverage page to English and back", async () => {
  await page.getByTestId("nav-coverage").click();
  await page.getByTestId("coverage-percentages").waitFor({ timeout: 15_000 });
  await page.getByTestId("language-toggle").getByText("EN").click();
  await expect.poll(() => page.getByTestId("coverage-page").textContent()).toContain("Grids staffed");
  await screenshot(page, "grids-sites-15-coverage-en");
  await page.getByTestId("language-toggle").getByText("中文").click();
  await expect.poll(() => page.getByTestId("coverage-page").textContent()).toContain("网格配备网格员");
});

it("shows a province user the counties on the map and the register with masked contacts", async () => {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  const other = await ctx.newPage();
  try {
    await signIn(other, server.url, "province");
    await other.getByTestId("nav-grids").click();
    await other.getByTestId("grid-map").waitFor();
    await expect
      .poll(() => other.getByTestId("map-overview").textContent(), { timeout: 15_000 })
      .toContain("县区汇总");
    await screenshot(other, "grids-sites-16-province-map");
    await other.goto(`${server.url}/sites?q=${encodeURIComponent("东坪建材")}`);
    const table = other.getByTestId("site-table");
    await expect.poll(() => table.textContent(), { timeout: 15_000 }).toContain("榆中县东坪建材有限公司");
    // 张伟 13893112345 is shown as 张* 138****2345 to a province office
    const row = (await table.textContent()) ?? "";
    expect(row).not.toContain("13893112345");
    expect(row).toContain("138****2345");
    await table.getByTestId("contact-masked").first().waitFor();
    await screenshot(other, "grids-sites-17-province-masked");
  } finally {
    await ctx.close();
  }
});
