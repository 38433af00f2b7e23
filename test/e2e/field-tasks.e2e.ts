import type { BrowserContext } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { type Api, apiAs } from "./case-e2e-kit";
import { fieldSuite, waitUntilSent } from "./field-harness";
import { demoPosition, fieldSignIn, newPhone, outboxStatuses, photo, shot } from "./field-kit";

/**
 * The phone's outreach and training (issue 9: R16, R19), offline: the worker records safety outreach from the
 * kind's form (checked on the phone by the same zod schema as the server), checks in to a training with the
 * code the trainer's screen shows (typed: no camera needed), all while offline; back online, both arrive
 * once (checked through the API).
 */
const timeout = 300_000;
const suite = fieldSuite({ timeout });
let phone: BrowserContext;
let county: Api;
let training: { id: string };

beforeAll(async () => {
  county = await apiAs(suite.server.url, "county");
  const worker = await apiAs(suite.server.url, "worker");
  const me = await worker<{ user: { scope: string[] } }>("GET", "/auth/me");
  const now = Date.now();
  training = await county("POST", "/trainings", {
    title: "E2E 手机签到培训",
    regionCode: me.user.scope[0],
    startsAt: new Date(now - 15 * 60_000).toISOString(),
    endsAt: new Date(now + 2 * 3_600_000).toISOString(),
    place: "兴隆路社区居委会",
    location: { lng: demoPosition.longitude, lat: demoPosition.latitude },
    trainer: "县应急管理局 赵股长",
  });
  phone = await newPhone(suite.browser);
}, timeout);

it(
  "records outreach and checks in to a training offline; both arrive once when the network is back",
  async () => {
    const page = await phone.newPage();
    await fieldSignIn(page, suite.server.url);
    await page.getByTestId("count-trainings").waitFor();
    await page.getByTestId("home-tasks").click();
    await page.getByTestId("task-kind-outreach").waitFor();
    await page.getByTestId("task-kind-gas_household").waitFor();
    await shot(page, "tasks-01-kinds");
    // the training list is cached once online
    await page.goto(`${suite.server.url}/m/trainings`);
    await page.getByTestId(`training-${training.id}`).waitFor();
    await page.goto(`${suite.server.url}/m/tasks/outreach`);
    await page.getByTestId("task-form").waitFor();

    await phone.setOffline(true);
    await page.getByTestId("task-field-place").fill("兴隆路社区广场");
    await page.getByTestId("task-field-audience").selectOption("居民群众");
    await page.getByTestId("task-field-topic").fill("冬季燃气安全");
    await page.getByTestId("task-submit").click();
    // the phone refuses what the server would (same schema): a missing required field, then the missing photo
    await expect.poll(() => page.getByTestId("task-error").textContent()).toContain("请填写“参加人数”");
    await page.getByTestId("task-field-headcount").fill("36");
    await page.getByTestId("task-submit").click();
    await expect.poll(() => page.getByTestId("task-error").textContent()).toContain("至少需要 1 张照片");
    await shot(page, "tasks-02-form-error");
    await page.getByTestId("task-photos-file").setInputFiles([photo(71)]);
    await expect.poll(() => page.locator(".thumb img").count(), { timeout: 30_000 }).toBe(1);
    await page.getByTestId("task-locate").click();
    await expect.poll(() => page.locator(".field-hint").last().textContent()).toContain("GPS");
    await page.getByTestId("task-submit").click();
    await page.waitForURL(/\/m\/outbox$/);

    // the trainer's code, typed in with a dash and in lower case
    const qr = await county<{ token: string }>("GET", `/trainings/${training.id}/qr`);
    await page.goto(`${suite.server.url}/m/trainings`).catch(() => undefined);
    await page
      .getByTestId(`training-code-${training.id}`)
      .fill(`${qr.token.slice(0, 4).toLowerCase()}-${qr.token.slice(4)}`);
    await page.getByTestId(`training-checkin-code-${training.id}`).click();
    await page.getByTestId(`training-${training.id}`).getByText("签到已记录，等待发送").waitFor();
    await shot(page, "tasks-03-training-checkin");
    expect((await outboxStatuses(page)).filter((s) => s !== "sent").length).toBe(2);

    await phone.setOffline(false);
    await waitUntilSent(page, 2);
    const records = await county<{
      items: { kindCode: string; values: Record<string, unknown>; evidenceIds: string[] }[];
    }>("GET", "/task-records?kind=outreach&pageSize=200");
    const mine = records.items.filter((r) => r.values.place === "兴隆路社区广场");
    expect(mine).toHaveLength(1);
    expect(mine[0].values).toEqual({
      place: "兴隆路社区广场",
      audience: "居民群众",
      headcount: 36,
      topic: "冬季燃气安全",
    });
    expect(mine[0].evidenceIds).toHaveLength(1);
    const attendance = await county<{ items: { userName: string; method: string }[] }>(
      "GET",
      `/trainings/${training.id}/attendance`,
    );
    expect(attendance.items.map((a) => [a.userName, a.method])).toEqual([["网格员 周明", "qr"]]);
    await page.goto(`${suite.server.url}/m/trainings`);
    await page.getByTestId(`training-${training.id}`).getByText("已签到").waitFor({ timeout: 15_000 });
    await shot(page, "tasks-04-training-done");
  },
  timeout,
);
