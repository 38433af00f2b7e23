import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromWgs84, toWgs84 } from "../../domain/geo/coordinates";
import { usccCheckCharacter } from "../../domain/site/uscc";
import { type E2eServer, launchBrowser, screenshot, signIn, startServer } from "./e2e-harness";

/**
 * Issue 11: the base map. Offline (no tile settings) the grid map draws the platform's own base: county
 * and township outlines, grid names as labels, the grid worker's own grids in blue and zoomed to. With a
 * tile URL that does not answer, the map falls back to that base and says so. The site form picks a
 * location by clicking the map and warns about a credit code registered in another city; choosing a
 * township or a search result moves its map there (as in the report form and on the grid map).
 */
let browser: Browser;
const sizes = [
  { name: "1440", viewport: { width: 1440, height: 900 } },
  { name: "390", viewport: { width: 390, height: 844 } },
] as const;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(
  server: E2eServer,
  user: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: "zh-CN" });
  await signIn(page, server.url, user);
  return page;
}

/** Walks an open region cascader down the names given (levels above the user's scope may be absent). */
async function pickRegion(page: Page, names: string[]) {
  for (const name of names) {
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

/** A map's view as its element tells it (data-view="lng,lat,zoom"), null before the first view. */
async function viewOf(map: Locator): Promise<[number, number, number] | null> {
  const v = await map.getAttribute("data-view");
  return v ? (v.split(",").map(Number) as [number, number, number]) : null;
}

/** Waits until a map holds still (the same view twice, 600 ms apart) and answers that view. */
async function settled(map: Locator): Promise<[number, number, number]> {
  let last = "";
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await viewOf(map));
        const same = now === last && now !== "null";
        last = now;
        return same;
      },
      { timeout: 20_000, interval: 600 },
    )
    .toBe(true);
  return JSON.parse(last);
}

/** A township of the demo county far from the county seat, its name and where the server says it lies. */
async function farTownship(page: Page, server: E2eServer) {
  const code = "620123106";
  const name = (
    (await (await page.request.get(`${server.url}/api/v1/regions/${code}`)).json()) as {
      region: { name: string };
    }
  ).region.name;
  const extent = (await (await page.request.get(`${server.url}/api/v1/regions/${code}/extent`)).json()) as {
    bbox: [number, number, number, number];
    source: string;
  };
  return { code, name, extent };
}

/** Whether a view's centre lies in a box ([minLon, minLat, maxLon, maxLat]). */
const centredIn = (v: [number, number, number] | null, b: [number, number, number, number]) =>
  !!v && v[0] >= b[0] && v[0] <= b[2] && v[1] >= b[1] && v[1] <= b[3];

/** Types into a map's place search and takes the suggestion that reads `option`. */
async function searchPlace(page: Page, scope: Locator, text: string, option: string) {
  await scope.getByPlaceholder("搜索地址：监管对象名称、地址或乡镇村名").fill(text);
  const item = page.locator(".ant-select-item-option").filter({ hasText: option, visible: true });
  await item.first().waitFor({ timeout: 15_000 });
  await item.first().click();
}

/** Map labels that lie over a site marker, a drawn point or another label (text of each), for readability checks. */
function labelOverlaps(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).evaluate((root) => {
    const boxes = (sel: string) =>
      Array.from(root.querySelectorAll(sel)).map((el) => ({ el, r: el.getBoundingClientRect() }));
    const hit = (a: DOMRect, b: DOMRect) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const labels = boxes(".sg-label span");
    // site markers and clusters, and the small dots a page draws (a case's site and positions)
    const markers = [
      ...boxes(".leaflet-marker-pane > *"),
      ...boxes(".leaflet-overlay-pane path.leaflet-interactive").filter((m) => m.r.width < 40),
    ];
    const out: string[] = [];
    labels.forEach((l, i) => {
      if (markers.some((m) => hit(l.r, m.r)) || labels.some((o, j) => j !== i && hit(l.r, o.r)))
        out.push(l.el.textContent ?? "");
    });
    return out;
  });
}

/** Names a coordinate system in a select, waiting for its list to open and for the choice to show. */
async function chooseCrs(page: Page, testId: string, label: string) {
  const select = page.getByTestId(testId);
  await expect
    .poll(
      async () => {
        if ((await select.textContent())?.includes(label)) return true;
        await select.click();
        const option = page.locator(".ant-select-item-option").filter({ hasText: label, visible: true });
        await option.first().waitFor({ timeout: 3_000 });
        await page.waitForTimeout(250);
        await option.first().click({ timeout: 3_000 });
        return (await select.textContent())?.includes(label) ?? false;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}

describe("offline base", () => {
  let server: E2eServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  for (const size of sizes)
    it(`grid map for the grid worker at ${size.name}: own grids highlighted, names readable`, async () => {
      const page = await open(server, "worker", size.viewport);
      await page.goto(`${server.url}/grids`);
      const map = page.getByTestId("grid-map");
      await map.waitFor();
      expect(await map.getAttribute("data-basemap")).toBe("offline");
      // the worker's own grids: drawn in blue in their pane, and their names labelled
      await page
        .locator(".leaflet-sg-mine-pane path, .leaflet-sg-mine-pane canvas")
        .first()
        .waitFor({ timeout: 20_000 });
      await page.locator(".sg-label-grid").first().waitFor({ timeout: 20_000 });
      const mine = await page.locator(".sg-label-mine").allTextContents();
      expect(mine.length).toBeGreaterThan(0);
      const own = (await (
        await page.request.get(`${server.url}/api/v1/grids?mine=true&pageSize=50`)
      ).json()) as { items: { name: string; code: string }[] };
      expect(own.items.length).toBeGreaterThan(0);
      for (const text of mine) expect(own.items.map((g) => g.name)).toContain(text);
      // a label is the grid's name, its code on hover
      const label = page.locator(".sg-label-grid span").first();
      expect(await label.getAttribute("title")).toMatch(/^\d{15}$/);
      await page.waitForTimeout(400);
      // readable: no name lies under a site marker or another name
      expect(await labelOverlaps(page, "grid-map")).toEqual([]);
      await screenshot(page, `screenshots/basemap-offline-worker-${size.name}`);
      await page.close();
    });

  for (const size of sizes)
    it(`case location map at ${size.name}: the case's grid outlined with its name, the points in view`, async () => {
      const page = await open(server, "worker", size.viewport);
      const list = (await (await page.request.get(`${server.url}/api/v1/cases?pageSize=20`)).json()) as {
        items: { id: string; gridCode: string | null }[];
      };
      const withGrid = list.items.find((c) => c.gridCode);
      expect(withGrid).toBeDefined();
      await page.goto(`${server.url}/cases/${withGrid!.id}`);
      const map = page.getByTestId("case-map");
      await map.scrollIntoViewIfNeeded();
      const name = map.locator(".sg-label-mine span");
      await name.first().waitFor({ timeout: 20_000 });
      expect(await name.first().getAttribute("title")).toBe(withGrid!.gridCode);
      // not zoomed in past a street's width: the scale bar reads 100 m or more
      const scale = (await map.locator(".leaflet-control-scale-line").first().textContent()) ?? "";
      expect(scale).toMatch(/^(\d+) (m|km)$/);
      expect(scale.endsWith("km") || Number.parseInt(scale, 10) >= 100).toBe(true);
      expect(await labelOverlaps(page, "case-map")).toEqual([]);
      await map.screenshot({ path: `test-results/screenshots/basemap-case-map-${size.name}.png` });
      await page.close();
    });

  it("county view: township outlines and names from the grids, legend with the base lines", async () => {
    const page = await open(server, "county", { width: 1440, height: 900 });
    await page.goto(`${server.url}/grids`);
    await page.getByTestId("grid-map").waitFor();
    await expect
      .poll(() => page.locator(".leaflet-sg-base-pane path, .leaflet-sg-base-pane canvas").count(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    await page.locator(".sg-label-township, .sg-label-grid").first().waitFor({ timeout: 20_000 });
    const legend = await page.getByTestId("map-legend").textContent();
    expect(legend).toContain("县区界");
    expect(legend).toContain("乡镇界");
    await page.waitForTimeout(400);
    await screenshot(page, "screenshots/basemap-offline-county-1440");
    await page.close();
  });

  for (const size of sizes)
    it(`site form at ${size.name}: a click on the map sets the location; a code from another city is flagged`, async () => {
      const page = await open(server, "county", size.viewport);
      await page.goto(`${server.url}/sites`);
      await page
        .getByRole("button", { name: /登记|新增|新建/ })
        .first()
        .click();
      const form = page.getByTestId("site-form");
      await form.waitFor();
      await page.getByTestId("site-name").fill(`e2e 地图选点 ${size.name}`);
      await form.locator(".ant-cascader").first().click();
      await pickRegion(page, ["甘肃省", "兰州市", "榆中县", "城关镇"]);
      // 天水市秦州区 620502: another city than 榆中县 (one code per width: a code is registered once)
      const first17 = size.name === "1440" ? "91620502MA7111111" : "91620502MA7222222";
      await page.getByTestId("site-uscc").fill(first17 + usccCheckCharacter(first17));
      const warning = page.getByTestId("uscc-region-warning");
      await warning.waitFor();
      expect(await warning.textContent()).toContain("620502");
      const picker = page.getByTestId("picker-map");
      await picker.scrollIntoViewIfNeeded();
      await page.waitForTimeout(1500);
      const stored = async () => {
        const text = (await page.getByTestId("picker-stored").textContent()) ?? "";
        return (text.match(/(\d+\.\d+), (\d+\.\d+)/) ?? []).slice(1).map(Number);
      };
      const typed = async () => [
        Number(await page.getByTestId("picker-lng").inputValue()),
        Number(await page.getByTestId("picker-lat").inputValue()),
      ];
      // numbers copied from AMap while WGS84 is still chosen, then the system named: the numbers are read
      // again as GCJ-02 (they stay as typed; the stored WGS84 point moves by the GCJ-02 offset)
      await page.getByTestId("picker-lng").fill("104.018");
      await page.getByTestId("picker-lat").fill("35.816");
      await expect.poll(stored).toEqual([104.018, 35.816]);
      await page.getByTestId("picker-stored").click();
      await chooseCrs(page, "picker-crs", "GCJ-02（高德、腾讯）");
      expect(await typed()).toEqual([104.018, 35.816]);
      const [x, y] = toWgs84(104.018, 35.816, "GCJ02");
      await expect.poll(stored).toEqual([Number(x.toFixed(6)), Number(y.toFixed(6))]);
      // a click on the map: the fields follow the pin in the chosen system (GCJ-02)
      const box = (await picker.boundingBox())!;
      // (each width its own spot: the other test's site is on the map already)
      const [dx, dy] = size.name === "1440" ? [20, -10] : [-40, 30];
      await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
      await page.locator(".sg-pin").waitFor();
      await expect.poll(async () => (await stored())[0]).not.toBe(Number(x.toFixed(6)));
      const [lng, lat] = await stored();
      expect(lng).toBeGreaterThan(100);
      expect(lat).toBeGreaterThan(30);
      const gcj = fromWgs84(lng, lat, "GCJ02").map((n) => Number(n.toFixed(6)));
      await expect.poll(typed).toEqual(gcj);
      // then naming another system shows the same point in it; the point stays
      await chooseCrs(page, "picker-crs", "BD-09（百度）");
      const bd = fromWgs84(lng, lat, "BD09").map((n) => Number(n.toFixed(6)));
      await expect.poll(typed).toEqual(bd);
      await chooseCrs(page, "picker-crs", "WGS84（GPS、天地图）");
      await expect.poll(typed).toEqual([lng, lat]);
      expect(await stored()).toEqual([lng, lat]);
      await page.getByText("规模大").first().waitFor();
      await screenshot(page, `screenshots/basemap-site-form-${size.name}`);
      await page
        .getByRole("button", { name: /保\s*存|确\s*定/ })
        .last()
        .click();
      await expect
        .poll(async () => {
          const r = await page.request.get(
            `${server.url}/api/v1/sites?q=${encodeURIComponent(`e2e 地图选点 ${size.name}`)}`,
          );
          const items = ((await r.json()) as { items: { lon: number; lat: number }[] }).items;
          return items[0] ? [items[0].lon, items[0].lat] : null;
        })
        .toEqual([lng, lat]);
      await page.close();
    });
  for (const size of sizes)
    it(`site form at ${size.name}: choosing a township, then a search result, moves the location map there`, async () => {
      const page = await open(server, "county", size.viewport);
      const far = await farTownship(page, server);
      // the map goes to the township's grids when no township boundary is loaded (the demo has none)
      expect(far.extent.source).toBe("grids");
      await page.goto(`${server.url}/sites`);
      await page
        .getByRole("button", { name: /登记|新增|新建/ })
        .first()
        .click();
      const form = page.getByTestId("site-form");
      await form.waitFor();
      // the industry look-up knows what people call things: 加油站 finds 5265 机动车燃油零售
      const industry = page.getByTestId("site-industry");
      await industry.click();
      await page.keyboard.type("加油站");
      const hit = page.locator(".ant-select-item-option").filter({ hasText: /^5265 /, visible: true });
      await hit.first().waitFor({ timeout: 15_000 });
      expect(await hit.first().textContent()).toContain("机动车燃油零售（加油站）");
      await screenshot(page, `screenshots/site-form-industry-gas-station-${size.name}`);
      await hit.first().click();
      await expect.poll(() => industry.textContent()).toContain("5265 机动车燃油零售");
      const picker = page.getByTestId("picker-map");
      await picker.scrollIntoViewIfNeeded();
      // first the county (its boundary): the far township is not what the map is centred on
      const county = await settled(picker);
      expect(centredIn(county, far.extent.bbox)).toBe(false);
      await form.locator(".ant-cascader").first().click();
      await pickRegion(page, ["甘肃省", "兰州市", "榆中县", far.name]);
      await expect
        .poll(async () => centredIn(await viewOf(picker), far.extent.bbox), { timeout: 20_000 })
        .toBe(true);
      // (the county fills the map when the form opens: the township is as close or closer)
      expect(county[2]).toBeLessThan(12);
      expect((await settled(picker))[2]).toBeGreaterThanOrEqual(county[2]);
      // and the offline base names the township there
      await picker
        .locator(".sg-label-township span")
        .filter({ hasText: far.name, visible: true })
        .first()
        .waitFor({ timeout: 20_000 });
      await picker.screenshot({ path: `test-results/screenshots/basemap-picker-township-${size.name}.png` });
      await screenshot(page, `screenshots/basemap-site-form-township-${size.name}`);

      // a register site found by part of its name: the map goes to it and the pin is set there
      const sites = (await (
        await page.request.get(`${server.url}/api/v1/sites?region=620123100&pageSize=20`)
      ).json()) as { items: { name: string; lon: number | null; lat: number | null }[] };
      const target = sites.items.find((x) => x.lon !== null && x.lat !== null && [...x.name].length >= 4)!;
      expect(target).toBeDefined();
      await searchPlace(
        page,
        page.getByTestId("site-location"),
        [...target.name].slice(0, 4).join(""),
        target.name,
      );
      await expect
        .poll(
          async () => {
            const v = await viewOf(picker);
            return !!v && Math.abs(v[0] - target.lon!) < 0.002 && Math.abs(v[1] - target.lat!) < 0.002;
          },
          { timeout: 20_000 },
        )
        .toBe(true);
      expect((await settled(picker))[2]).toBe(17);
      await picker.locator(".sg-pin").waitFor();
      expect(await page.getByTestId("picker-stored").textContent()).toContain(target.lon!.toFixed(6));
      await picker.screenshot({ path: `test-results/screenshots/basemap-picker-search-${size.name}.png` });
      await page.close();
    });

  it("report form and grid map at 1440: a chosen township or a searched one moves their maps", async () => {
    const page = await open(server, "county", sizes[0].viewport);
    const far = await farTownship(page, server);
    await page.goto(`${server.url}/cases/new`);
    await page.getByTestId("report-where").getByText("标注位置").click();
    const report = page.getByTestId("report-map");
    const start = await settled(report);
    expect(centredIn(start, far.extent.bbox)).toBe(false);
    await page.getByTestId("report-region").click();
    await pickRegion(page, ["甘肃省", "兰州市", "榆中县", far.name]);
    await expect
      .poll(async () => centredIn(await viewOf(report), far.extent.bbox), { timeout: 20_000 })
      .toBe(true);
    await settled(report);
    await screenshot(page, "screenshots/basemap-report-township-1440");

    await page.goto(`${server.url}/grids`);
    const grid = page.getByTestId("grid-map");
    const first = await settled(grid);
    expect(centredIn(first, far.extent.bbox)).toBe(false);
    await searchPlace(page, page.locator(".toolbar"), far.name, `榆中县 / ${far.name}`);
    await expect
      .poll(async () => centredIn(await viewOf(grid), far.extent.bbox), { timeout: 20_000 })
      .toBe(true);
    await settled(grid);
    await screenshot(page, "screenshots/basemap-grid-map-search-1440");
    await page.close();
  });
});

describe("a tile URL that does not answer", () => {
  let server: E2eServer;
  beforeAll(async () => {
    process.env.SAFEGRID_TILE_URL = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png";
    try {
      server = await startServer();
    } finally {
      delete process.env.SAFEGRID_TILE_URL;
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  for (const size of sizes)
    it(`falls back to the offline base and says so at ${size.name}`, async () => {
      const page = await open(server, "county", size.viewport);
      await page.goto(`${server.url}/grids`);
      const notice = page.getByTestId("basemap-fallback");
      await notice.waitFor({ timeout: 20_000 });
      expect(await notice.textContent()).toBe("底图无法加载，已切换为离线底图");
      expect(await page.getByTestId("grid-map").getAttribute("data-basemap")).toBe("fallback");
      await page.waitForTimeout(600);
      await screenshot(page, `screenshots/basemap-fallback-${size.name}`);
      await page.close();
    });
});
