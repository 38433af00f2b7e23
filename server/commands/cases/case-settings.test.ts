import { expect, it } from "vitest";
import { readCaseSettings } from "./case-settings";

it("reads the closed-loop settings from the environment, with defaults for missing or bad values", () => {
  expect(readCaseSettings({})).toEqual({
    recheckMaxDistanceM: 300,
    recurrenceWindowDays: 90,
    recurrenceThreshold: 3,
  });
  expect(
    readCaseSettings({
      SAFEGRID_RECHECK_MAX_DISTANCE_M: "150",
      SAFEGRID_RECURRENCE_DAYS: "30",
      SAFEGRID_RECURRENCE_COUNT: "-2",
    }),
  ).toEqual({ recheckMaxDistanceM: 150, recurrenceWindowDays: 30, recurrenceThreshold: 3 });
});
