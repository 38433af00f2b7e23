import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usccCheckCharacter } from "../../domain/site/uscc";
import { type E2eServer, launchBrowser, screenshot, signIn, startServer } from "./e2e-harness";

/**
 * Issue 11: the base map. Offline (no tile settings) the grid map draws the platform's own base: county
 * and township outlines, grid names as labels, the grid worker's own grids in blue and zoomed to. With a
 * tile URL that does not answer, the map falls back to that base and says so. The site form picks a
 * location by clicking the map and warns about a credit code registered in another city.
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
      await page.locator(".leaflet-sg-mine-pane path").first().waitFor({ timeout: 20_000 });
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
      await screenshot(page, `screenshots/basemap-offline-worker-${size.name}`);
      await page.close();
    });

  it("county view: township outlines and names from the grids, legend with the base lines", async () => {
    const page = await open(server, "county", { width: 1440, height: 900 });
    await page.goto(`${server.url}/grids`);
    await page.getByTestId("grid-map").waitFor();
    await expect
      .poll(() => page.locator(".leaflet-sg-base-pane path").count(), { timeout: 20_000 })
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
      // 天水市秦州区 620502: another city than 榆中县
      const first17 = "91620502MA7111111";
      await page.getByTestId("site-uscc").fill(first17 + usccCheckCharacter(first17));
      const picker = page.getByTestId("picker-map");
      await picker.scrollIntoViewIfNeeded();
      await page.waitForTimeout(1500);
      const box = (await picker.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2 + 20, box.y + box.height / 2 - 10);
      await expect.poll(() => page.getByTestId("picker-stored").textContent()).toContain("保存为 WGS84");
      await page.locator(".sg-pin").waitFor();
      const stored = (await page.getByTestId("picker-stored").textContent()) ?? "";
      const [lng, lat] = (stored.match(/(\d+\.\d+), (\d+\.\d+)/) ?? []).slice(1).map(Number);
      expect(lng).toBeGreaterThan(100);
      expect(lat).toBeGreaterThan(30);
      // the typed GCJ-02 view of the same point differs, and typing it back stores the same WGS84 point
      await page.getByTestId("picker-crs").click();
      await page.getByText("GCJ-02（高德、腾讯）").click();
      const gcjLng = Number(await page.getByTestId("picker-lng").inputValue());
      expect(Math.abs(gcjLng - lng)).toBeGreaterThan(0.0005);
      const warning = page.getByTestId("uscc-region-warning");
      await warning.waitFor();
      expect(await warning.textContent()).toContain("620502");
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
