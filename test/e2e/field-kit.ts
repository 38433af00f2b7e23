import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { png } from "./case-e2e-kit";
import { apiSignIn, demoPassword, type E2eServer, shotsDir } from "./e2e-harness";

/** Helpers of the field app's browser tests (test/e2e/field-*.e2e.ts): a phone, sign-in, a report, the API. */

export const phoneViewport = { width: 390, height: 844 };
/** Near the demo grid worker's village (兴隆路社区, 榆中县). */
export const demoPosition = { latitude: 35.7887, longitude: 104.1549 };

export async function newPhone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: phoneViewport,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    geolocation: demoPosition,
    permissions: ["geolocation"],
  });
}

export async function shot(page: Page, name: string) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `field-${name}.png`), fullPage: true });
}

/** Signs in on /m and waits for the work set (my sites) and the service worker's cache. */
export async function fieldSignIn(page: Page, url: string, username = "worker") {
  await page.goto(`${url}/m/`);
  await page.getByTestId("field-username").fill(username);
  await page.getByTestId("field-password").fill(demoPassword);
  await page.getByTestId("field-signin").click();
  await page.getByTestId("count-sites").waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    () => !/^0/.test(document.querySelector("[data-testid=count-sites]")?.textContent ?? "0"),
    null,
    {
      timeout: 30_000,
    },
  );
  await waitForOfflineShell(page);
}

/** The service worker is active and has the app shell in its cache. */
export async function waitForOfflineShell(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    for (let i = 0; i < 100; i++) {
      const keys = await caches.keys();
      if (keys.length && (await (await caches.open(keys[0])).match("/m/"))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("service worker cache not ready");
  });
}

/** A photo as a phone would take it (3000×2000, larger than the 1600 px the app keeps). */
export function photo(seed: number) {
  return { name: `IMG_${seed}.png`, mimeType: "image/png", buffer: png(3000, 2000, seed) };
}

/** Fills and submits the report form (already open). */
export async function fillReport(
  page: Page,
  opts: { description: string; photos: number; seed: number; site?: boolean; category?: string },
) {
  await page.getByTestId("report-category").selectOption(opts.category ?? "fire");
  await page.getByTestId("report-type-general_hazard").click();
  if (opts.photos) {
    await page
      .getByTestId("report-photos-file")
      .setInputFiles(Array.from({ length: opts.photos }, (_, i) => photo(opts.seed + i)));
    await expect.poll(() => page.locator(".thumb img").count(), { timeout: 30_000 }).toBe(opts.photos);
  }
  if (opts.site === false) {
    await page.getByTestId("report-locate").click();
    await expect.poll(() => page.locator(".field-hint").first().innerText()).toBeTruthy();
  }
  await page.getByTestId("report-description").fill(opts.description);
}

export interface CaseSeen {
  id: string;
  number: string;
  evidence: number;
  siteId: string | null;
}

/** The cases whose description contains `text`, as the county office sees them through the API. */
export async function casesWith(server: E2eServer, token: string, text: string): Promise<CaseSeen[]> {
  const res = await fetch(`${server.url}/api/v1/cases?pageSize=50&q=${encodeURIComponent(text)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const list = (await res.json()) as { items: { id: string; number: string; description: string }[] };
  const out: CaseSeen[] = [];
  for (const item of list.items.filter((c) => c.description.includes(text))) {
    const detail = (await (
      await fetch(`${server.url}/api/v1/cases/${item.id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { case: { siteId: string | null }; evidence: unknown[] };
    out.push({
      id: item.id,
      number: item.number,
      evidence: detail.evidence.length,
      siteId: detail.case.siteId,
    });
  }
  return out;
}

export const countyToken = (server: E2eServer) => apiSignIn(server.url, "county");

/** Items of the outbox by status, read from IndexedDB through the page's own module. */
export async function outboxStatuses(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const field = (window as unknown as { safegridField: { listOutbox(): Promise<{ status: string }[]> } })
      .safegridField;
    return (await field.listOutbox()).map((i) => i.status);
  });
}

/** An EXIF APP1 segment with GPS latitude/longitude (big-endian TIFF, IFD0 → GPS IFD). */
function exifGps(lat: number, lng: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4 + 2 + 4 * 12 + 4 + 48);
  tiff.write("MM", 0, "ascii");
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8); // IFD0: one entry, the GPS IFD pointer
  tiff.writeUInt16BE(0x8825, 10);
  tiff.writeUInt16BE(4, 12);
  tiff.writeUInt32BE(1, 14);
  const gpsIfd = 8 + 2 + 12 + 4;
  tiff.writeUInt32BE(gpsIfd, 18);
  tiff.writeUInt32BE(0, 22);
  const values = gpsIfd + 2 + 4 * 12 + 4;
  tiff.writeUInt16BE(4, gpsIfd);
  const entry = (i: number, tag: number, type: number, count: number, value: (at: number) => void) => {
    const at = gpsIfd + 2 + i * 12;
    tiff.writeUInt16BE(tag, at);
    tiff.writeUInt16BE(type, at + 2);
    tiff.writeUInt32BE(count, at + 4);
    value(at + 8);
  };
  const rational = (at: number, deg: number) => {
    const d = Math.floor(deg);
    const m = Math.floor((deg - d) * 60);
    const s = Math.round(((deg - d) * 60 - m) * 60 * 1000);
    for (const [i, v] of [d, 1, m, 1, s, 1000].entries()) tiff.writeUInt32BE(v, at + i * 4);
  };
  entry(0, 1, 2, 2, (at) => tiff.write("N\0", at, "ascii"));
  entry(1, 2, 5, 3, (at) => tiff.writeUInt32BE(values, at));
  entry(2, 3, 2, 2, (at) => tiff.write("E\0", at, "ascii"));
  entry(3, 4, 5, 3, (at) => tiff.writeUInt32BE(values + 24, at));
  rational(values, lat);
  rational(values + 24, lng);
  const body = Buffer.concat([Buffer.from("Exif\0\0", "binary"), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** A real JPEG (made by the page's canvas) carrying EXIF GPS, as a phone camera writes it. */
export async function jpegWithGps(page: Page, lat: number, lng: number): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const c = document.createElement("canvas");
    c.width = 2400;
    c.height = 1800;
    const ctx = c.getContext("2d")!;
    const g = ctx.createLinearGradient(0, 0, 2400, 1800);
    g.addColorStop(0, "#3a6");
    g.addColorStop(1, "#a63");
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 2400, 1800);
    return c.toDataURL("image/jpeg", 0.9).split(",")[1];
  });
  const jpeg = Buffer.from(base64, "base64");
  return Buffer.concat([jpeg.subarray(0, 2), exifGps(lat, lng), jpeg.subarray(2)]);
}

/** The photos kept in the outbox's IndexedDB store (size, type, EXIF read, whether the bytes hold "Exif"). */
export async function storedFiles(page: Page) {
  return page.evaluate(async () => {
    const req = indexedDB.open("safegrid-field");
    const db: IDBDatabase = await new Promise((r) => {
      req.onsuccess = () => r(req.result);
    });
    const all: { blob: Blob; exif?: { lat?: number; lng?: number } }[] = await new Promise((r) => {
      const g = db.transaction("files").objectStore("files").getAll();
      g.onsuccess = () => r(g.result);
    });
    db.close();
    return Promise.all(
      all.map(async (f) => {
        const bytes = new Uint8Array(await f.blob.arrayBuffer());
        const text = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
        return { size: f.blob.size, type: f.blob.type, exif: f.exif, hasExif: text.includes("Exif") };
      }),
    );
  });
}
