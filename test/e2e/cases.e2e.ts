import zlib from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoPassword, type E2eServer, launchBrowser, screenshot, signIn, startServer } from "./e2e-harness";

/**
 * One case from report to close through the console, each step by the right person: the grid worker
 * reports it at a site with a photo, the lead department triages and dispatches it, the market
 * department accepts it and feeds back with a photo, the township station re-checks it on site, the lead
 * department closes it; a stale page gets 409 with the allowed actions; the reporter finds it in the inbox.
 */
let server: E2eServer;
let browser: Browser;
const site = { name: "E2E 兴隆小吃店", lon: 104.113, lat: 35.847 };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A small real PNG (a coloured gradient), so evidence type sniffing and thumbnails work. */
function png(width: number, height: number, seed: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * (width * 3 + 1) + 1 + x * 3;
      raw.set([(x * 4 + seed) & 255, (y * 5 + seed * 2) & 255, (160 + seed) & 255], i);
    }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function apiAs(username: string) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  const { token } = (await res.json()) as { token: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

async function pageAs(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  await signIn(page, server.url, username);
  return page;
}

/** Opens an Ant Design select and picks the option whose text contains `text`. */
async function choose(page: Page, testId: string, text: string, search = true) {
  const select = page.getByTestId(testId);
  await select.click();
  if (search) await select.locator("input").fill(text);
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: text })
    .first()
    .click();
}

async function act(
  page: Page,
  action: string,
  fill?: (dialog: ReturnType<Page["getByTestId"]>) => Promise<void>,
) {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByTestId(`action-dialog-${action}`);
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await page.getByTestId("action-submit").click();
  await dialog.waitFor({ state: "detached", timeout: 15_000 });
}

const stageOf = (page: Page) =>
  page.getByTestId("case-stage").locator("[data-stage]").getAttribute("data-stage");

it("walks one case from report to close with the right people", async () => {
  const worker = await apiAs("worker");
  const me = await worker<{ user: { scope: string[] } }>("GET", "/auth/me");
  await worker("POST", "/sites", {
    name: site.name,
    kind: "small_shop",
    regionCode: me.user.scope[0],
    address: "城关镇兴隆路 18 号",
    lon: site.lon,
    lat: site.lat,
  });

  // 1. the grid worker reports it at the site, with a photo; a double click makes one case only
  const w = await pageAs("worker");
  await w.getByTestId("nav-cases").click();
  await w.getByTestId("case-table").waitFor();
  await w.getByTestId("case-report").click();
  await choose(w, "report-category", "城镇燃气");
  await choose(w, "report-site", "兴隆小吃店");
  await w.getByTestId("report-description").fill("后厨液化气钢瓶放在地下室，无报警装置，软管老化开裂");
  await w
    .getByTestId("report-evidence")
    .locator("input[type=file]")
    .setInputFiles({
      name: "现场照片.png",
      mimeType: "image/png",
      buffer: png(96, 72, 10),
    });
  await expect.poll(() => w.getByTestId("report-evidence").textContent()).toContain("SHA-256");
  await screenshot(w, "cases-01-report-form");
  await w.getByTestId("report-submit").dblclick();
  await w.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  const caseUrl = w.url();
  expect(await stageOf(w)).toBe("reported");
  const number = (await w.getByTestId("case-number").textContent())?.trim() ?? "";
  expect(number).toMatch(/^620123-\d{4}-\d{6}$/);
  const mine = await worker<{ total: number }>("GET", "/cases?queue=mine");
  expect(mine.total).toBe(1);
  await expect.poll(() => w.getByTestId("case-no-actions").count()).toBe(1);
  await screenshot(w, "cases-02-reported");

  // 2. the lead department finds it in 待受理, triages it and dispatches it to the market department
  const lead = await pageAs("lead");
  await lead.getByTestId("nav-cases").click();
  await lead.getByTestId("queue-to_triage").waitFor();
  await lead.getByTestId("case-table").getByText(number).waitFor();
  await screenshot(lead, "cases-03-lead-queue");
  await lead.getByTestId("case-table").getByText(number).click();
  await lead.getByTestId("case-header").waitFor();
  await act(lead, "triage");
  await expect.poll(() => stageOf(lead)).toBe("triaged");
  await act(lead, "dispatch", async () => {
    await choose(lead, "action-department", "市场监督管理局");
  });
  await expect.poll(() => stageOf(lead)).toBe("dispatched");
  await screenshot(lead, "cases-04-dispatched");

  // 3. the market department accepts it (签收), fixes it and feeds back with a photo and its location
  const market = await pageAs("market");
  await market.goto(caseUrl);
  await act(market, "accept");
  await expect.poll(() => stageOf(market)).toBe("handling");
  await act(market, "feedback", async (dialog) => {
    await dialog.getByTestId("action-note").fill("已将钢瓶移至通风的地面专用间，更换软管并安装燃气报警器");
    await dialog.locator("input[type=file]").setInputFiles({
      name: "整改后.png",
      mimeType: "image/png",
      buffer: png(96, 72, 90),
    });
    await expect.poll(() => dialog.textContent()).toContain("SHA-256");
    await dialog
      .locator("input[data-testid=location-lng], [data-testid=location-lng] input")
      .fill("104.1131");
    await dialog.locator("input[data-testid=location-lat], [data-testid=location-lat] input").fill("35.8471");
  });
  await expect.poll(() => stageOf(market)).toBe("awaiting_recheck");
  expect(await market.getByTestId("case-no-actions").count()).toBe(1);
  await screenshot(market, "cases-05-fed-back");

  // 4. the township station (not the handler) re-checks on site and passes it
  const station = await pageAs("station");
  await station.getByTestId("nav-cases").click();
  await station.getByTestId("queue-to_recheck").click();
  await station.getByTestId("case-table").getByText(number).click();
  await act(station, "recheck", async (dialog) => {
    await dialog.getByTestId("action-note").fill("现场复查：钢瓶已移出地下室，报警器工作正常");
    await dialog
      .locator("input[data-testid=location-lng], [data-testid=location-lng] input")
      .fill("104.1129");
    await dialog.locator("input[data-testid=location-lat], [data-testid=location-lat] input").fill("35.8469");
  });
  await expect.poll(() => stageOf(station)).toBe("rechecked");
  await screenshot(station, "cases-06-rechecked");

  // 5. the lead department closes it; a second, stale page of the same case gets 409 with what is allowed
  const stale = await pageAs("lead");
  await stale.goto(caseUrl);
  await stale.getByTestId("action-close").waitFor();
  await lead.reload();
  await act(lead, "close");
  await expect.poll(() => stageOf(lead)).toBe("closed");
  const timeline = lead.getByTestId("case-timeline");
  const actions = await timeline
    .getByTestId("timeline-item")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));
  expect(actions).toEqual([
    "case.reported",
    "case.triaged",
    "case.dispatched",
    "case.accepted",
    "case.fed_back",
    "case.rechecked",
    "case.closed",
  ]);
  expect(await timeline.getByTestId("evidence-hash").count()).toBe(2);
  await screenshot(lead, "cases-07-closed");

  await stale.getByTestId("action-close").click();
  await stale.getByTestId("action-submit").click();
  const error = stale.getByTestId("action-error");
  await error.waitFor();
  expect(await error.textContent()).toContain("不允许此操作");
  expect(await error.textContent()).toContain("重新打开");
  await screenshot(stale, "cases-08-stale-409");

  // 6. the reporter is told in the inbox
  await w.goto(`${server.url}/inbox`);
  await w.getByTestId("inbox-list").getByText(number).first().waitFor();
  await screenshot(w, "cases-09-inbox");
  for (const p of [w, lead, market, station, stale]) await p.close();
});
