import { expect, it } from "vitest";
import { fieldSuite } from "./field-harness";
import { countyToken, fieldSignIn, newPhone, shot } from "./field-kit";

/**
 * The grid handbook on the phone (R10, R19, issue 9 item 9): the county office saves its handbook; the demo
 * grid worker opens 我的 → 网格手册 and reads it; offline, with the page reloaded, it is still there.
 */
const suite = fieldSuite();

it("shows the county's handbook and keeps it readable offline", async () => {
  const token = await countyToken(suite.server);
  const stamp = Date.now().toString(36);
  const saved = await fetch(`${suite.server.url}/api/v1/handbooks/620123`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      title: "榆中县网格手册",
      source: `# 网格员职责\n\n每月至少巡查一次**重点场所** ${stamp}\n\n- 发现隐患及时上报\n- 复查整改情况`,
    }),
  });
  expect(saved.status, await saved.clone().text()).toBeLessThan(300);
  const context = await newPhone(suite.browser);
  const page = await context.newPage();
  await fieldSignIn(page, suite.server.url);
  await page.getByTestId("tab-me").click();
  await page.getByTestId("me-handbook").click();
  await page.getByTestId("field-handbook").waitFor();
  await expect.poll(() => page.getByTestId("field-handbook").innerText()).toContain(stamp);
  expect(await page.locator(".handbook strong").first().innerText()).toBe("重点场所");
  await shot(page, "handbook-online");
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId("field-handbook").waitFor({ timeout: 20_000 });
  expect(await page.getByTestId("field-handbook").innerText()).toContain("离线副本");
  expect(await page.getByTestId("field-handbook").innerText()).toContain("发现隐患及时上报");
  await shot(page, "handbook-offline");
  await context.close();
});
