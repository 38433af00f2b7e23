import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { type Api, apiAs, choose, png, settled } from "./case-e2e-kit";
import {
  apiSignIn,
  type E2eServer,
  launchBrowser,
  screenshot,
  shown,
  signIn,
  startServer,
} from "./e2e-harness";

/**
 * Document delivery (R15), the scenario: the market regulator sends a notice to 5 sites chosen by
 * filter (count shown before sending), the grid worker records 3 delivered (photo or signature), 1 refused,
 * and leaves 1 pending; the department sees the progress per site and exports it — at 1440×900 and 390×844.
 */
let server: E2eServer;
let browser: Browser;
let page: Page;
let deliveryId = "";
const sites: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail" && page)
    await screenshot(page, `deliveries-failed-${ctx.task.name.slice(0, 20)}`);
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

/** Uploads a PNG as the worker (multipart), answering its evidence id. */
async function uploadAsWorker(token: string, seed: number): Promise<string> {
  const form = new FormData();
  form.append(
    "file",
    new Blob([new Uint8Array(png(64, 48, seed))], { type: "image/png" }),
    `送达${seed}.png`,
  );
  const res = await fetch(`${server.url}/api/v1/evidence`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`upload ${res.status} ${await res.text()}`);
  return ((await res.json()) as { items: { id: string }[] }).items[0].id;
}

it("five gas filling stations are registered in the demo worker's grid", async () => {
  const worker = await apiAs(server.url, "worker");
  const county = await apiAs(server.url, "county");
  const mine = await worker<{ sites: { siteId: string }[] }[]>("GET", "/deliveries/mine");
  const anchor = await county<{ lon: number; lat: number; regionCode: string; workerName: string }>(
    "GET",
    `/sites/${mine[0].sites[0].siteId}`,
  );
  for (let n = 1; n <= 5; n++) {
    const made = await county<{ id: string; workerName: string | null }>("POST", "/sites", {
      name: `兴隆加气站${n}号`,
      kind: "small_shop",
      industryCode: "5266",
      riskLevel: "orange",
      ownership: "other",
      scale: "micro",
      regionCode: anchor.regionCode,
      address: `兴隆路加气站 ${n} 号`,
      lon: anchor.lon + n * 0.0001,
      lat: anchor.lat,
    });
    expect(made.workerName).toBe(anchor.workerName);
    sites.push(made.id);
  }
});

it("the department chooses the sites by filter, sees the count, and sends", async () => {
  await openAs("market");
  await page.goto(`${server.url}/deliveries`);
  await page.getByTestId("delivery-new").click();
  await page.getByTestId("delivery-title").fill("关于加气站冬季安全检查的告知书");
  await page
    .getByTestId("delivery-body")
    .fill("请各加气站落实冬季防冻、防泄漏措施，签收后张贴于站内醒目位置。");
  await choose(page, "delivery-industry", "5266");
  await page.getByTestId("delivery-count").click();
  await page.getByTestId("delivery-count-result").getByText("按此条件共 5 个场所").waitFor();
  await screenshot(page, "deliveries-01-count-1440");
  await page.getByTestId("delivery-send").click();
  await page.getByTestId("delivery-confirm").click();
  await shown(page, page.getByTestId("delivery-heading").getByText("关于加气站冬季安全检查的告知书"));
  deliveryId = page.url().split("/").pop()!;
  expect(await page.getByTestId("status-pending").count()).toBe(5);
});

it("the worker records 3 delivered, 1 refused, 1 pending; the department sees each site", async () => {
  const token = await apiSignIn(server.url, "worker");
  const worker: Api = await apiAs(server.url, "worker");
  const mine = await worker<{ id: string; sites: { siteId: string }[] }[]>("GET", "/deliveries/mine");
  expect(mine.find((d) => d.id === deliveryId)?.sites).toHaveLength(5);
  const site = await worker<{ lon: number; lat: number }>("GET", `/sites/${sites[0]}`);
  for (const n of [0, 1, 2])
    await worker("POST", `/deliveries/${deliveryId}/records`, {
      id: randomUUID(),
      siteId: sites[n],
      outcome: "delivered",
      at: new Date().toISOString(),
      location: { lng: site.lon + n * 0.0001, lat: site.lat + 0.0001, accuracy: 10 },
      evidenceIds: [await uploadAsWorker(token, n + 1)],
    });
  await worker("POST", `/deliveries/${deliveryId}/records`, {
    id: randomUUID(),
    siteId: sites[3],
    outcome: "refused",
    reason: "站长外出，员工拒绝签收",
    at: new Date().toISOString(),
    location: { lng: site.lon + 0.0003, lat: site.lat, accuracy: 12 },
    evidenceIds: [],
  });

  for (const [viewport, tag] of [
    [{ width: 1440, height: 900 }, "1440"],
    [{ width: 390, height: 844 }, "390"],
  ] as const) {
    await openAs("market", viewport);
    await page.goto(`${server.url}/deliveries`);
    await page.getByTestId("delivery-table").getByText("关于加气站冬季安全检查的告知书").waitFor();
    await screenshot(page, `deliveries-02-list-${tag}`);
    await page.goto(`${server.url}/deliveries/${deliveryId}`);
    await page.getByTestId("delivery-targets").getByText("兴隆加气站1号").waitFor();
    const progress = page.getByTestId("delivery-progress");
    expect(await progress.getByTestId("progress-delivered").textContent()).toContain("3");
    expect(await progress.getByTestId("progress-refused").textContent()).toContain("1");
    expect(await progress.getByTestId("progress-pending").textContent()).toContain("1");
    expect(await page.getByTestId("status-delivered").count()).toBe(3);
    expect(await page.getByTestId("status-refused").count()).toBe(1);
    expect(await page.getByTestId("status-pending").count()).toBe(1);
    await page.getByText("站长外出，员工拒绝签收").waitFor();
    await page.locator("[data-testid=delivery-targets] img").first().waitFor();
    await screenshot(page, `deliveries-03-progress-${tag}`);
  }
  // the form at phone width: filter, count, send all reachable
  await page.goto(`${server.url}/deliveries/new`);
  await choose(page, "delivery-industry", "5266");
  await page.getByTestId("delivery-count").click();
  await page.getByTestId("delivery-count-result").getByText("按此条件共 5 个场所").waitFor();
  await page.getByTestId("delivery-title").fill("第二份告知书");
  await page.getByTestId("delivery-body").fill("请签收。");
  await screenshot(page, "deliveries-04-new-390");
  expect(await page.getByTestId("delivery-send").isEnabled()).toBe(true);
});

it("the department exports the progress with a stated reason", async () => {
  await openAs("market");
  await page.goto(`${server.url}/deliveries/${deliveryId}`);
  await page.getByTestId("delivery-export").click();
  await page.getByTestId("export-reason").fill("核对加气站告知书送达情况");
  await settled(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-reason-ok").click(),
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const ws = book.worksheets[0];
  expect(String(ws.getCell("A1").value)).toContain("导出人：市场监管局 钱科员（market）");
  const statuses: string[] = [];
  ws.eachRow((row, n) => {
    if (n > 2) statuses.push(String(row.getCell(5).value));
  });
  expect(statuses.sort()).toEqual(["已送达", "已送达", "已送达", "待送达", "拒收"]);
});
