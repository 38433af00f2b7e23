import { expect, it } from "vitest";
import { formatDateTime } from "./date-time";

it("shows an instant in China time whatever the machine's time zone, midnight and year end included", () => {
  expect(formatDateTime("2026-11-29T10:30:00.000Z")).toBe("2026-11-29 18:30");
  expect(formatDateTime("2026-12-31T16:00:00.000Z")).toBe("2027-01-01 00:00");
  expect(formatDateTime("2026-10-01T15:59:00Z", "en")).toBe("2026-10-01 23:59");
});

it("shows a dash for nothing and leaves text that is not a date as it is", () => {
  expect(formatDateTime(null)).toBe("—");
  expect(formatDateTime("")).toBe("—");
  expect(formatDateTime("不是日期")).toBe("不是日期");
});
