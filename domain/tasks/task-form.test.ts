import { describe, expect, it } from "vitest";
import { taskFields, taskValuesSchema } from "./task-form";
import { builtInTaskKinds, taskKindInput } from "./task-kinds";
import { attendanceInput, inAttendanceWindow, locationCheck } from "./training";

const outreach = builtInTaskKinds.find((k) => k.code === "outreach")!;

describe("task form builder (one schema for the phone and the server)", () => {
  it("accepts a complete outreach record and trims text", () => {
    const v = taskValuesSchema(outreach.fields).parse({
      place: " 和平镇文化广场 ",
      audience: "居民群众",
      headcount: 45,
      topic: "燃气安全",
    });
    expect(v.place).toBe("和平镇文化广场");
  });

  it("names a missing required field, a wrong type, an unknown option and an unknown key in Chinese", () => {
    const s = taskValuesSchema(outreach.fields);
    const msgs = (v: unknown) => (s.safeParse(v).error?.issues ?? []).map((i) => i.message);
    expect(msgs({ audience: "居民群众", headcount: 3, topic: "x" })).toContain("请填写“宣传地点”");
    expect(msgs({ place: "  ", audience: "居民群众", headcount: 3, topic: "x" })).toContain(
      "请填写“宣传地点”",
    );
    expect(msgs({ place: "p", audience: "居民群众", headcount: "很多", topic: "x" })).toContain(
      "“参加人数”须为数字",
    );
    expect(msgs({ place: "p", audience: "游客", headcount: 3, topic: "x" })[0]).toMatch(
      /^“宣传对象”须为以下之一/,
    );
    expect(msgs({ place: "p", audience: "居民群众", headcount: 3, topic: "x", extra: 1 })[0]).toBe(
      "表单中没有这些字段：extra",
    );
  });

  it("checks dates and booleans, and leaves optional fields out", () => {
    const s = taskValuesSchema([
      { key: "day", label: { zh: "日期" }, type: "date", required: true },
      { key: "ok", label: { zh: "是否整改" }, type: "boolean", required: false },
    ]);
    expect(s.safeParse({ day: "2026-12-05" }).success).toBe(true);
    expect(s.safeParse({ day: "2026-13-45" }).success).toBe(false);
    expect(s.safeParse({ day: "2026-12-05", ok: "是" }).success).toBe(false);
    expect(s.safeParse({ day: "2026-12-05", ok: true }).success).toBe(true);
  });

  it("refuses a form with repeated keys, a choice without options or options on a text field", () => {
    const bad = (fields: unknown) => taskFields.safeParse(fields).error?.issues.map((i) => i.message) ?? [];
    const text = { key: "a", label: { zh: "甲" }, type: "text" };
    expect(bad([text, text])).toContain("字段标识重复：a");
    expect(bad([{ ...text, type: "select" }])).toContain("选项字段“甲”须列出选项");
    expect(bad([{ ...text, options: ["x"] }])).toContain("只有选项字段可以列出选项");
    expect(bad([])).toContain("至少要有一个字段");
  });

  it("keeps county kinds off the built-in codes", () => {
    const r = taskKindInput.safeParse({
      regionCode: "620123",
      code: "outreach",
      zh: "宣传",
      fields: [{ key: "a", label: { zh: "甲" }, type: "text" }],
    });
    expect(r.error?.issues[0].message).toBe("该标识已被内置任务类型使用");
  });
});

describe("training check-in rules", () => {
  const t = { startsAt: "2026-12-05T01:00:00.000Z", endsAt: "2026-12-05T03:00:00.000Z" };
  it("opens the window 30 minutes before the start and closes it 30 minutes after the end", () => {
    expect(inAttendanceWindow(t, "2026-12-05T00:30:00.000Z")).toBe(true);
    expect(inAttendanceWindow(t, "2026-12-05T00:29:59.000Z")).toBe(false);
    expect(inAttendanceWindow(t, "2026-12-05T03:30:00.000Z")).toBe(true);
    expect(inAttendanceWindow(t, "2026-12-05T03:30:01.000Z")).toBe(false);
  });
  it("counts a location within the radius (plus up to 100 m of the phone's accuracy)", () => {
    const place = { lng: 104.1146, lat: 35.8457 };
    // ~0.0027° of latitude is ~300 m
    expect(locationCheck(place, 300, { lng: 104.1146, lat: 35.8484 }).within).toBe(true);
    expect(locationCheck(place, 300, { lng: 104.1146, lat: 35.852 }).within).toBe(false);
    expect(locationCheck(place, 300, { lng: 104.1146, lat: 35.852, accuracy: 500 }).within).toBe(false);
  });
  it("normalises a typed code and asks for one with the QR method", () => {
    const base = { id: "2b0f5f6e-8d0e-4c1a-9a57-6f8a0f1d2c3b", at: "2026-12-05T01:00:00Z" };
    expect(attendanceInput.parse({ ...base, method: "qr", token: "abcd-efgh" }).token).toBe("ABCDEFGH");
    expect(attendanceInput.safeParse({ ...base, method: "qr" }).error?.issues[0].message).toBe(
      "扫码签到须提供签到码",
    );
    expect(attendanceInput.safeParse({ ...base, method: "location" }).error?.issues[0].message).toBe(
      "定位签到须提供位置",
    );
  });
});
