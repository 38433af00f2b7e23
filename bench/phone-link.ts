import type { CDPSession, Page } from "playwright-core";

/**
 * A phone on a slow link, as the field and tips benches measure pages: Chromium's emulated network
 * (400 kbit/s down and up, 400 ms round trip: "slow 3G") and the CPU slowed 4×.
 */
export const slow3g = {
  offline: false,
  latency: 400,
  downloadThroughput: 400_000 / 8,
  uploadThroughput: 400_000 / 8,
};

/** Slows the page's CPU 4× and, with `network`, its link to slow3g. */
export async function throttle(page: Page, network: boolean): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  if (network) await cdp.send("Network.emulateNetworkConditions", slow3g);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return cdp;
}

/**
 * An init script: the page marks when it could take input — the element `selector` names is in the
 * document, enabled, and the main thread has run one more task after it appeared (a key press would be
 * handled then). Kept in the page (performance.now(), ms from navigation start) so Playwright's own work
 * does not count: its first action injects a large script into the page, which under the 4× CPU slowdown
 * took 0.5–1 s by itself.
 */
export const interactiveMark = (selector: string) => `(() => {
  if (window !== window.top) return;
  const seen = () => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el || el.disabled) return false;
    setTimeout(() => { window.__interactiveAt = performance.now(); }, 0);
    return true;
  };
  const watch = () => {
    if (seen()) return;
    const mo = new MutationObserver(() => { if (seen()) mo.disconnect(); });
    mo.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
  };
  if (document.documentElement) watch(); else document.addEventListener("readystatechange", watch, { once: true });
})();`;

/**
 * ms from navigation start until the page takes input (its own mark from `interactiveMark(selector)`,
 * checked by typing into the element); `driverMs`: the same seen from outside, through Playwright's fill.
 */
export async function loadUntilInteractive(
  page: Page,
  url: string,
  selector: string,
): Promise<{ ms: number; driverMs: number }> {
  const t0 = Date.now();
  await page.goto(url, { waitUntil: "commit", timeout: 60_000 });
  await page.locator(selector).fill("x", { timeout: 60_000 });
  const driverMs = Date.now() - t0;
  await page.waitForFunction(
    () => (window as unknown as { __interactiveAt?: number }).__interactiveAt,
    null,
    { timeout: 60_000 },
  );
  const at = await page.evaluate(() => (window as unknown as { __interactiveAt: number }).__interactiveAt);
  return { ms: Math.round(at), driverMs };
}
