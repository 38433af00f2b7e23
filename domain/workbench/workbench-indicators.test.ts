import { describe, expect, it } from "vitest";
import { casesClosed, casesReported, overdueRate, shanghaiMonth } from "./month-figures";
import { indicatorsFor, openingQueue } from "./workbench-indicators";

describe("workbench indicators", () => {
  it("a role sees the counts of its own queues, due soon with overdue", () => {
    expect(
      indicatorsFor(["to_approve", "overdue", "escalated", "to_triage", "mine", "all"]).map((i) => i.key),
    ).toEqual(["to_triage", "due_soon", "overdue", "escalated", "to_approve"]);
    expect(indicatorsFor(["mine", "all"])).toEqual([]);
  });

  it("a list opens on the default tab when it has items, else the first work queue with items", () => {
    expect(
      openingQueue([
        { queue: "a", count: 2 },
        { queue: "b", count: 5 },
      ]),
    ).toBe("a");
    expect(
      openingQueue([
        { queue: "to_approve", count: 0 },
        { queue: "overdue", count: 163 },
        { queue: "all", count: 400 },
      ]),
    ).toBe("overdue");
    expect(
      openingQueue([
        { queue: "to_recheck", count: 0 },
        { queue: "mine", count: 0 },
        { queue: "all", count: 4 },
      ]),
    ).toBe("all");
    expect(openingQueue([{ queue: "x", count: 0 }])).toBe("x");
    expect(openingQueue([])).toBeUndefined();
  });
});

describe("month figures", () => {
  // 2026-12-01 00:00 Shanghai = 2026-11-30T16:00Z.
  const now = new Date("2026-12-05T02:00:00Z");
  const month = shanghaiMonth(now);
  it("the month is the Shanghai calendar month", () => {
    expect(month).toEqual({
      from: "2026-11-30T16:00:00.000Z",
      to: "2026-12-31T16:00:00.000Z",
      label: "2026-12",
    });
    expect(shanghaiMonth(new Date("2026-11-30T16:30:00Z")).label).toBe("2026-12");
    expect(shanghaiMonth(new Date("2026-11-30T15:59:00Z")).label).toBe("2026-11");
  });
  it("reported and closed count the instants inside the month", () => {
    const at = [
      "2026-11-30T15:59:59.999Z",
      "2026-11-30T16:00:00.000Z",
      "2026-12-20T00:00:00.000Z",
      "2026-12-31T16:00:00.000Z",
    ];
    expect(casesReported(at, month)).toBe(2);
    expect(casesClosed([null, ...at], month)).toBe(2);
  });
  it("overdue rate = overdue / reported, none when nothing was reported", () => {
    expect(overdueRate(8, 2)).toBe(0.25);
    expect(overdueRate(3, 1)).toBe(0.333);
    expect(overdueRate(0, 0)).toBeNull();
  });
});

describe("seen state", () => {
  it("new without a marker, changed when updated after it, else seen", async () => {
    const { seenState } = await import("./seen-state");
    expect(seenState("2026-12-05T01:00:00.000Z", undefined)).toBe("new");
    expect(seenState("2026-12-05T01:00:00.000Z", "2026-12-05T00:59:00.000Z")).toBe("changed");
    expect(seenState("2026-12-05T01:00:00.000Z", "2026-12-05T01:00:00.000Z")).toBeNull();
  });
});
