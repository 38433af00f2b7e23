import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { png } from "./case-e2e-kit";
import { drainOutbox, fieldSuite } from "./field-harness";
import {
  casesWith,
  countyToken,
  fieldSignIn,
  fillReport,
  jpegWithGps,
  newPhone,
  outboxStatuses,
  shot,
  storedFiles,
} from "./field-kit";

/**
 * The field app's sync under bad conditions (issue 9): the network drops in the middle of a photo upload,
 * the same report is sent twice after a timeout, a site is gone while offline, a 20 MB photo, no GPS,
 * a full phone, a phone clock a year off. Each ends with the worker's data kept and at most one case.
 */
const suite = fieldSuite();
let context: BrowserContext;
let page: Page;
let token: string;

beforeAll(async () => {
  context = await newPhone(suite.browser);
  page = await context.newPage();
  await fieldSignIn(page, suite.server.url);
  token = await countyToken(suite.server);
});

const drain = () => drainOutbox(page);

async function openReport(siteFirst = true) {
  await page.goto(`${suite.server.url}/m/sites`);
  if (siteFirst) {
    await page.getByTestId("site-row").first().click();
    await page.getByTestId("site-report").click();
  } else await page.getByTestId("tab-report").click();
  await page.getByTestId("report-description").waitFor();
}

it("resumes after the network drops in the middle of a photo upload (one case, both photos)", async () => {
  let dropped = 0;
  await page.route(/\/api\/v1\/(evidence|uploads)/, async (route) => {
    const req = route.request();
    if (
      dropped === 0 &&
      (req.method() === "PUT" || req.method() === "POST") &&
      (req.postDataBuffer()?.length ?? 0) > 1000
    ) {
      dropped++;
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  const text = `配电箱线路老化裸露 ${Date.now().toString(36)}`;
  await openReport();
  await fillReport(page, { description: text, photos: 2, seed: 70 });
  await page.getByTestId("report-submit").click();
  await expect.poll(() => dropped, { timeout: 30_000 }).toBe(1);
  await expect.poll(async () => (await outboxStatuses(page)).at(-1)).toBe("waiting");
  await page.getByTestId("outbox-waiting").first().waitFor();
  await shot(page, "12-outbox-upload-dropped");
  await page.unroute(/\/api\/v1\/(evidence|uploads)/);
  await expect
    .poll(async () => (await drain(), (await outboxStatuses(page)).at(-1)), { timeout: 60_000 })
    .toBe("sent");
  const cases = await casesWith(suite.server, token, text);
  expect(cases.map((c) => c.evidence)).toEqual([2]);
}, 120_000);

it("records the same report once when its answer is lost and it is sent again", async () => {
  let lost = 0;
  await page.route("**/api/v1/cases", async (route) => {
    if (route.request().method() !== "POST" || lost) return route.continue();
    lost++;
    await route.fetch(); // the server records it…
    return route.abort("timedout"); // …but the phone never hears back
  });
  const text = `液化气瓶露天存放无防护 ${Date.now().toString(36)}`;
  await openReport();
  await fillReport(page, { description: text, photos: 1, seed: 90 });
  await page.getByTestId("report-submit").click();
  await expect.poll(() => lost, { timeout: 30_000 }).toBe(1);
  await expect
    .poll(async () => (await drain(), (await outboxStatuses(page)).at(-1)), { timeout: 60_000 })
    .toBe("sent");
  await page.unroute("**/api/v1/cases");
  expect((await casesWith(suite.server, token, text)).length).toBe(1);
}, 120_000);

it("sends a report by its location when its site was removed while the phone was offline", async () => {
  await context.setOffline(true);
  // The phone still lists a site that the server no longer has (removed after the work set was loaded).
  await page.evaluate(async () => {
    const req = indexedDB.open("safegrid-field");
    const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
    const tx = db.transaction("kv", "readwrite");
    const store = tx.objectStore("kv");
    const ws = await new Promise<{ sites: Record<string, unknown>[] }>((r) => {
      const g = store.get("workSet");
      g.onsuccess = () => r(g.result);
    });
    ws.sites.unshift({ ...ws.sites[0], id: "00000000-0000-4000-8000-00000000dead", name: "已注销的小作坊" });
    store.put(ws, "workSet");
    await new Promise((r) => (tx.oncomplete = r));
  });
  const text = `已注销作坊仍在生产 ${Date.now().toString(36)}`;
  await page.goto(`${suite.server.url}/m/sites/00000000-0000-4000-8000-00000000dead`);
  await page.getByTestId("site-report").click();
  await page.getByTestId("report-locate").click();
  await page.locator(".field-hint", { hasText: "GPS 定位，精度" }).waitFor();
  await fillReport(page, { description: text, photos: 0, seed: 0 });
  await page.getByTestId("report-submit").click();
  await page.getByTestId("outbox-offline").waitFor();
  await context.setOffline(false);
  await expect
    .poll(async () => (await drain(), (await outboxStatuses(page)).at(-1)), { timeout: 60_000 })
    .toBe("sent");
  await page.getByTestId("outbox-sent").first().waitFor();
  expect(await page.getByTestId("outbox-sent").first().innerText()).toContain("原场所已删除或调整");
  await shot(page, "13-outbox-site-gone");
  const cases = await casesWith(suite.server, token, text);
  expect(cases.length).toBe(1);
  expect(cases[0].siteId).toBeNull();
}, 120_000);

it("takes a 20 MB photo and a camera JPEG: small copies kept, EXIF GPS read then stripped", async () => {
  await context.setOffline(true);
  await openReport();
  const big = Buffer.concat([png(4000, 3000, 5), Buffer.alloc(20 * 1024 * 1024)]);
  const camera = await jpegWithGps(page, 35.7901, 104.1532);
  await page.getByTestId("report-photos-file").setInputFiles([
    { name: "IMG_big.png", mimeType: "image/png", buffer: big },
    { name: "IMG_gps.jpg", mimeType: "image/jpeg", buffer: camera },
  ]);
  await expect.poll(() => page.locator(".thumb img").count(), { timeout: 60_000 }).toBe(2);
  const dims = await page
    .locator(".thumb img")
    .evaluateAll((imgs) =>
      imgs.map((i) => Math.max((i as HTMLImageElement).naturalWidth, (i as HTMLImageElement).naturalHeight)),
    );
  expect(dims).toEqual([1600, 1600]);
  await fillReport(page, {
    description: `大照片与带定位照片 ${Date.now().toString(36)}`,
    photos: 0,
    seed: 0,
  });
  await page.getByTestId("report-submit").click();
  await page.getByTestId("outbox-offline").waitFor();
  // Only this unsent item's photos are on the phone (a sent item's photos are dropped).
  const files = await storedFiles(page);
  expect(files.map((f) => f.type)).toEqual(["image/jpeg", "image/jpeg"]);
  expect(files.every((f) => f.size < 1024 * 1024 && !f.hasExif)).toBe(true);
  const gps = files.find((f) => f.exif)?.exif;
  expect(gps?.lat).toBeCloseTo(35.7901, 3);
  expect(gps?.lng).toBeCloseTo(104.1532, 3);
  await context.setOffline(false);
  await expect
    .poll(async () => (await drain(), (await outboxStatuses(page)).at(-1)), { timeout: 60_000 })
    .toBe("sent");
}, 120_000);

it("says in plain Chinese when the phone is full, and keeps the form", async () => {
  await openReport();
  await fillReport(page, { description: "安全出口上锁无法打开", photos: 1, seed: 120 });
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === "outbox") throw new DOMException("full", "QuotaExceededError");
      return put.apply(this, args);
    };
  });
  await page.getByTestId("report-submit").click();
  await expect.poll(() => page.getByTestId("report-error").innerText()).toContain("手机存储空间不足");
  expect(await page.getByTestId("report-description").inputValue()).toBe("安全出口上锁无法打开");
  expect(await page.locator(".thumb img").count()).toBe(1);
  await shot(page, "14-report-storage-full");
  await page.reload();
}, 60_000);

it("explains a missing GPS and a phone clock a year off", async () => {
  await context.clearPermissions();
  await openReport(false);
  await page.getByTestId("report-locate").click();
  await expect
    .poll(() => page.locator(".field-hint", { hasText: "定位" }).first().innerText())
    .toMatch(/未允许使用定位|无法定位/);
  await shot(page, "15-report-no-gps");
  await context.grantPermissions(["geolocation"]);
  await page.clock.setSystemTime(new Date(Date.now() - 365 * 86_400_000));
  await page.goto(`${suite.server.url}/m/`);
  await page.getByTestId("banner-clock").waitFor({ timeout: 15_000 });
  expect(await page.getByTestId("banner-clock").innerText()).toContain("365 天");
  await shot(page, "16-home-clock-off");
}, 60_000);
