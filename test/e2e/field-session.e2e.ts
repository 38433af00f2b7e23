import { expect, it } from "vitest";
import { demoPassword } from "./e2e-harness";
import { fieldSuite } from "./field-harness";
import { casesWith, countyToken, fieldSignIn, fillReport, newPhone, outboxStatuses, shot } from "./field-kit";

/**
 * The phone stays offline longer than the session's idle timeout (1 minute here): back online the outbox
 * pauses on the 401 and asks to sign in again; after the sign-in it drains (one case). Sign-out asks first
 * while items wait, and clears the phone's offline data once the outbox is empty.
 */
const suite = fieldSuite({ env: { SAFEGRID_IDLE_MINUTES: "1" } });

it("pauses on an expired session, drains after signing in again, and clears the phone at sign-out", async () => {
  const context = await newPhone(suite.browser);
  const page = await context.newPage();
  await fieldSignIn(page, suite.server.url);
  await context.setOffline(true);
  const text = `仓库堆放易燃物无人看管 ${Date.now().toString(36)}`;
  await page.getByTestId("tab-report").click();
  await fillReport(page, { description: text, photos: 1, seed: 200, site: false });
  await page.getByTestId("report-submit").click();
  await page.getByTestId("outbox-offline").waitFor();

  // Sign-out with an unsent item asks first; saying no keeps everything.
  await page.getByTestId("tab-me").click();
  let asked = "";
  page.once("dialog", (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await page.getByTestId("me-signout").click();
  await expect.poll(() => asked).toContain("1 条记录未发送");
  expect(await page.getByTestId("me-signout").isVisible()).toBe(true);

  await page.waitForTimeout(65_000); // past the 1-minute idle timeout, still offline
  await context.setOffline(false);
  await page.getByTestId("banner-expired").waitFor({ timeout: 30_000 });
  expect(await outboxStatuses(page)).toEqual(["waiting"]);
  await page.getByTestId("tab-outbox").click();
  await shot(page, "17-outbox-session-expired");
  await page.getByTestId("banner-signin").click();
  await page.getByTestId("session-expired").waitFor();
  expect(await page.getByTestId("field-username").inputValue()).toBe("worker");
  await shot(page, "18-sign-in-again");
  await page.getByTestId("field-password").fill(demoPassword);
  await page.getByTestId("field-signin").click();
  await expect.poll(() => outboxStatuses(page), { timeout: 60_000 }).toEqual(["sent"]);
  const cases = await casesWith(suite.server, await countyToken(suite.server), text);
  expect(cases.map((c) => c.evidence)).toEqual([1]);

  // Empty outbox: sign-out clears every offline datum.
  await page.getByTestId("tab-me").click();
  await page.getByTestId("me-signout").click();
  await page.getByTestId("field-signin").waitFor();
  const left = await page.evaluate(async () => {
    const req = indexedDB.open("safegrid-field");
    const db: IDBDatabase = await new Promise((r) => {
      req.onsuccess = () => r(req.result);
    });
    const count = (store: string) =>
      new Promise<number>((r) => {
        const c = db.transaction(store).objectStore(store).count();
        c.onsuccess = () => r(c.result);
      });
    const out = { kv: await count("kv"), outbox: await count("outbox"), files: await count("files") };
    db.close();
    return out;
  });
  expect(left).toEqual({ kv: 0, outbox: 0, files: 0 });
  await context.close();
}, 240_000);
