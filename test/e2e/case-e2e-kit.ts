import zlib from "node:zlib";
import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { apiSignIn, signIn } from "./e2e-harness";

/** Helpers of cases.e2e.ts: a real PNG, an API client per demo user, Ant Design select and action dialogs. */

/** A small real PNG (a coloured gradient), so evidence type sniffing and thumbnails work. */
export function png(width: number, height: number, seed: number): Buffer {
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
    for (let x = 0; x < width; x++)
      raw.set(
        [(x * 4 + seed) & 255, (y * 5 + seed * 2) & 255, (160 + seed) & 255],
        y * (width * 3 + 1) + 1 + x * 3,
      );
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export type Api = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** Signs in over HTTP as a demo user and returns a JSON client with its bearer token. */
export async function apiAs(baseUrl: string, username: string): Promise<Api> {
  const token = await apiSignIn(baseUrl, username);
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

export async function pageAs(browser: Browser, baseUrl: string, username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  await signIn(page, baseUrl, username);
  return page;
}

/**
 * Opens an Ant Design select (by test id) and picks the option whose text contains `text`; a searchable
 * select gets the text typed into it first.
 */
export async function choose(page: Page, testId: string, text: string) {
  const select = page.getByTestId(testId);
  // A list still closing (or one placed while its dialog zoomed in) can swallow the click: check that
  // the select shows the choice, and choose again if it does not.
  for (let attempt = 1; ; attempt++) {
    await select.click();
    const input = select.locator("input");
    if (await input.isEditable()) await input.fill(text);
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: text })
      .first()
      .click();
    const shown = await expect
      .poll(() => select.textContent(), { timeout: 3_000 })
      .toContain(text)
      .then(() => true)
      .catch(() => false);
    if (shown) return;
    if (attempt === 3) throw new Error(`${testId}: could not choose ${text}`);
    await page.keyboard.press("Escape");
  }
}

/** Clicks an action button of the case page, fills its dialog and submits it. */
export async function act(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByTestId(`action-dialog-${action}`);
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await settled(page);
  await page.getByTestId("action-submit").click();
  await closed(page, dialog);
}

/**
 * Waits until no antd dialog is still playing its opening (zoom) or any motion: a click that lands while
 * the dialog is still moving can miss its button, and the dialog then stays open with nothing sent (seen
 * on a loaded machine: "the dialog stayed open", submit enabled, no request made).
 */
export async function settled(page: Page) {
  // dialogs zoom (ant-zoom-appear/-enter), popconfirms and popovers zoom big (ant-zoom-big-appear/-enter)
  await page.waitForFunction(
    () =>
      !document.querySelector(".ant-motion-collapse") &&
      ![...document.querySelectorAll('[class*="ant-zoom"]')].some((el) =>
        /\bant-zoom(-big)?(-fast)?-(appear|enter)\b/.test(el.className),
      ),
    undefined,
    { timeout: 10_000 },
  );
}

/**
 * Waits for an action dialog to close after its submit. A dialog that stays open fails with what it shows
 * (the server's refusal, a field error), not only "timeout".
 */
export async function closed(page: Page, dialog: Locator) {
  try {
    await dialog.waitFor({ state: "detached", timeout: 20_000 });
  } catch (err) {
    const shown = await dialog.innerText().catch(() => "");
    const submit = await page
      .getByTestId("action-submit")
      .evaluate((b) => `${(b as HTMLButtonElement).disabled ? "disabled" : "enabled"} ${b.className}`)
      .catch(() => "gone");
    throw new Error(`the dialog stayed open; it shows: ${shown.replace(/\s+/g, " ")} (submit ${submit})`, {
      cause: err,
    });
  }
}

/** The stage shown in the case header. */
export const stageOf = (page: Page) =>
  page.getByTestId("case-stage").locator("[data-stage]").getAttribute("data-stage");

/** An InputNumber of the location input (the test id lands on the input itself or its wrapper). */
export const coordinate = (scope: Locator, which: "lng" | "lat") =>
  scope.locator(`input[data-testid=location-${which}], [data-testid=location-${which}] input`);

/** Types a case number into the queue's search box and waits for its row. */
export async function findInQueue(page: Page, number: string) {
  const box = page.locator("input[data-testid=case-search], [data-testid=case-search] input").first();
  await box.fill(number);
  await box.press("Enter");
  await page.getByTestId("case-table").getByText(number).waitFor();
}
