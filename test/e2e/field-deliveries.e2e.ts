import { expect, it } from "vitest";
import { apiAs } from "./case-e2e-kit";
import { fieldSuite, waitUntilSent } from "./field-harness";
import { fieldSignIn, newPhone, photo, shot } from "./field-kit";

/**
 * Document delivery on the phone (R15, /m at 390×844): the demo grid worker opens the village's inspection
 * notice, goes offline and records three sites — delivered with a photo, delivered with a signature drawn
 * on the screen, refused with a reason — then comes back online; the sending department sees each once.
 */
const suite = fieldSuite();

const title = "岁末年初安全生产大检查告知书";

it("records delivered (photo, signature) and refused offline, sent once when back online", async () => {
  const context = await newPhone(suite.browser);
  const problems: string[] = [];
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(e.message));
  await fieldSignIn(page, suite.server.url);
  await page.getByTestId("count-deliveries").click();
  await page.getByText(title).click();
  await page.getByTestId("delivery-record-open").first().waitFor();
  await shot(page, "delivery-01-sites");

  await context.setOffline(true);
  const cards = page
    .locator("[data-testid^=delivery-site-]")
    .filter({ has: page.getByTestId("delivery-record-open") });
  const names: string[] = [];
  // 1: delivered with a photo
  names.push((await cards.first().locator(".row-title").textContent()) ?? "");
  await cards.first().getByTestId("delivery-record-open").click();
  await page.getByTestId("delivery-photos-file").setInputFiles([photo(71)]);
  await expect
    .poll(() => page.locator("[data-testid=delivery-record-form] .thumb img").count(), { timeout: 30_000 })
    .toBe(1);
  await shot(page, "delivery-02-photo");
  await page.getByTestId("delivery-record-submit").click();
  await page.getByText("已登记，等待发送").first().waitFor();
  // 2: delivered with an on-screen signature
  names.push((await cards.first().locator(".row-title").textContent()) ?? "");
  await cards.first().getByTestId("delivery-record-open").click();
  await page.getByTestId("delivery-proof-signature").click();
  const pad = page.getByTestId("signature-pad-canvas");
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(box.x + 20 + i * 22, box.y + box.height * (0.6 - 0.3 * Math.sin(i / 2)));
  await page.mouse.up();
  await page.getByTestId("signature-pad-ok").click();
  await shot(page, "delivery-03-signature");
  await page.getByTestId("delivery-record-submit").click();
  await expect.poll(() => page.getByText("已登记，等待发送").count()).toBe(2);
  // 3: refused with the reason
  names.push((await cards.first().locator(".row-title").textContent()) ?? "");
  await cards.first().getByTestId("delivery-record-open").click();
  await page.getByTestId("delivery-outcome-refused").click();
  await page.getByTestId("delivery-record-submit").click();
  await page.getByTestId("delivery-record-error").getByText("请填写拒收原因").waitFor();
  await page.getByTestId("delivery-reason").fill("负责人外出，拒绝签字");
  await page.getByTestId("delivery-record-submit").click();
  await expect.poll(() => page.getByText("已登记，等待发送").count()).toBe(3);
  // the state reads in words (it once showed the dictionary key "delivery.delivered")
  const states = await page.getByTestId("delivery-site-state").allTextContents();
  expect(states.filter((s) => s === "已送达（已登记，等待发送）")).toHaveLength(2);
  expect(states.filter((s) => s === "拒收（已登记，等待发送）")).toHaveLength(1);
  await shot(page, "delivery-04-waiting");

  await context.setOffline(false);
  await waitUntilSent(page, 3);
  await shot(page, "delivery-05-sent");

  const lead = await apiAs(suite.server.url, "lead");
  const list = await lead<{ items: { id: string; title: string }[] }>("GET", "/deliveries");
  const id = list.items.find((d) => d.title === title)!.id;
  const detail = await lead<{
    targets: {
      siteName: string;
      status: string;
      record: { reason: string | null; evidenceIds: string[] } | null;
    }[];
  }>("GET", `/deliveries/${id}`);
  const byName = (n: string) => detail.targets.filter((t) => t.siteName === n);
  expect(byName(names[0]).map((t) => [t.status, t.record?.evidenceIds.length])).toEqual([["delivered", 1]]);
  expect(byName(names[1]).map((t) => [t.status, t.record?.evidenceIds.length])).toEqual([["delivered", 1]]);
  expect(byName(names[2]).map((t) => [t.status, t.record?.reason])).toEqual([
    ["refused", "负责人外出，拒绝签字"],
  ]);
  expect(problems).toEqual([]);
  await context.close();
}, 240_000);
