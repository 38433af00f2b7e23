import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { runDeadlineJob } from "../jobs/deadline-job";
import { eachApi } from "../test/api-harness";
import { act, as, caseAt, report, useTempDataDir } from "./case-test-kit";

interface Indicator {
  key: string;
  value: number | null;
  unavailable: string | null;
  formula: string;
  numerator: number | null;
  denominator: number | null;
}

/**
 * Region dashboard (issue 13.2) through the API: figures come from the rollup the commands kept, each with
 * its formula; a rate nothing happened for is unavailable (null), not 0; a figure drills down to its rows
 * (the same number of rows as the figure) and exports them; another county's dashboard is not found.
 */
eachApi("region dashboard", (ctx) => {
  useTempDataDir(ctx);
  const get = (user: string, url: string) => as(ctx, user, { method: "GET", url });
  beforeAll(async () => {
    await caseAt(ctx, "reported");
    await caseAt(ctx, "triaged");
    await caseAt(ctx, "closed");
    const late = await caseAt(ctx, "dispatched");
    ctx.deps.clock.advance({ days: 20 });
    await act(ctx, "market", late, "accept", {});
    // One case in the other county of the same city (城关区): the province and city read both counties.
    const other = await report(ctx, "province", { regionCode: "620102" });
    expect(other.statusCode, other.body).toBe(201);
  }, 120_000);

  it("shows the county's figures with formulas; counts equal the rows behind them", async () => {
    const res = await get("county", "/api/v1/dashboard?region=620123&period=year");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const by = Object.fromEntries((body.indicators as Indicator[]).map((i) => [i.key, i]));
    expect(by.reported.value).toBe(4);
    // Three triage decisions (one case is still reported), all made at once, on time: 3 ÷ 3.
    expect(by.triage_on_time_rate).toMatchObject({ value: 1, numerator: 3, denominator: 3 });
    expect(by.triage_on_time_rate.formula).toContain("按时受理率 =");
    // The late acceptance (20 days after dispatch) is one overdue step.
    expect(by.overdue_steps.value).toBe(1);
    expect(by.closing_on_time_rate.value).toBe(1);
    // The county keeps the default patrol plan but has no registered site: nothing owed, unavailable, never 0.
    expect(by.patrol_coverage_rate).toMatchObject({ value: null, unavailable: "no_denominator" });
    expect(body.funnel[0]).toMatchObject({ key: "reported", count: 4 });
    expect(body.children.length).toBeGreaterThan(0);
    // every case is in the township 620123100; its neighbours count none
    const children = body.children as { code: string; reported: number }[];
    expect(children.find((c) => c.code === "620123100")).toMatchObject({ reported: 4 });
    expect(children.filter((c) => c.code !== "620123100").every((c) => c.reported === 0)).toBe(true);
    const rows = await get("county", "/api/v1/dashboard/rows?region=620123&period=year&metric=reported");
    expect(rows.statusCode, rows.body).toBe(200);
    expect(rows.json().rows.length).toBe(4);
    const late = await get("county", "/api/v1/dashboard/rows?region=620123&period=year&metric=late");
    expect(late.json().rows.map((r: { action: string }) => r.action)).toEqual(["case.accepted"]);
    // The other filtered figures select in SQL too: nothing recurring, re-worked or escalated here.
    for (const metric of ["recurring", "reworked", "escalated"]) {
      const none = await get("county", `/api/v1/dashboard/rows?region=620123&period=year&metric=${metric}`);
      expect(none.statusCode, none.body).toBe(200);
      expect(none.json().rows).toEqual([]);
    }
  });

  it("a province and a city are the sums of their counties (no rows of their own)", async () => {
    const reported = async (region: string) => {
      const res = await get("province", `/api/v1/dashboard?region=${region}&period=year`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const [province, city, county] = await Promise.all(["62", "6201", "620123"].map(reported));
    // patrol plans are a county's: a province or a city does not sum the figure
    for (const b of [province, city])
      expect((b.indicators as Indicator[]).find((i) => i.key === "patrol_coverage_rate")?.unavailable).toBe(
        "by_county",
      );
    const count = (b: { funnel: { count: number }[] }) => b.funnel[0].count;
    expect([count(province), count(city), count(county)]).toEqual([5, 5, 4]);
    const children = (b: { children: { code: string; reported: number }[] }) =>
      Object.fromEntries(b.children.filter((c) => c.reported).map((c) => [c.code, c.reported]));
    expect(children(province)).toEqual({ "6201": 5 });
    expect(children(city)).toEqual({ "620102": 1, "620123": 4 });
    const bySource = (b: { bySource: { value: string; count: number }[] }) =>
      Object.fromEntries(b.bySource.map((d) => [d.value, d.count]));
    expect(bySource(province)).toEqual({ grid_worker: 5 });
    const trend = (b: { trend: { reported: number }[] }) => b.trend.reduce((n, m) => n + m.reported, 0);
    expect([trend(province), trend(city)]).toEqual([5, 5]);
  });

  it("exports the rows behind a figure as .xlsx", async () => {
    const res = await get(
      "county",
      "/api/v1/dashboard/rows/export?region=620123&period=year&metric=reported",
    );
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets[0].rowCount).toBe(2 + 4);
  });

  it("an empty period shows rates as unavailable; bad periods and other regions are refused", async () => {
    const res = await get(
      "county",
      "/api/v1/dashboard?region=620123&period=custom&from=2020-01-01&to=2020-01-31",
    );
    expect(res.statusCode, res.body).toBe(200);
    const rate = (res.json().indicators as Indicator[]).find((i) => i.key === "handling_on_time_rate");
    expect(rate).toMatchObject({ value: null, unavailable: "no_denominator" });
    expect((await get("county", "/api/v1/dashboard?region=620123&period=custom")).statusCode).toBe(422);
    expect((await get("county", "/api/v1/dashboard?region=620102")).statusCode).toBe(404);
    expect((await get("worker", "/api/v1/dashboard?region=620123")).statusCode).toBe(403);
  });

  it("lists a township's overdue cases, and none of them under a neighbouring township", async () => {
    // 20 days on, the reported and triaged cases are past their deadlines once the deadline job has run.
    await runDeadlineJob(ctx.deps);
    const numbers = async (region: string) => {
      const res = await get("county", `/api/v1/dashboard?region=${region}&period=year`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().overdue as { number: string; regionCode: string }[]).map((c) => c.regionCode);
    };
    const county = await numbers("620123");
    expect(county.length).toBeGreaterThan(0);
    // the cases are in the village 620123100001: its township lists the same cases, the next one none
    expect(await numbers("620123100")).toEqual(county);
    expect(await numbers("620123101")).toEqual([]);
  });
});
