import { expect, it } from "vitest";
import { ConfigError } from "../../config-schema";
import { readCaseSettings } from "./case-settings";

it("reads the closed-loop settings from the environment, with defaults for missing values", () => {
  expect(readCaseSettings({})).toEqual({
    recheckMaxDistanceM: 300,
    recurrenceWindowDays: 90,
    recurrenceThreshold: 3,
  });
  expect(
    readCaseSettings({
      SAFEGRID_RECHECK_MAX_DISTANCE_M: "150",
      SAFEGRID_RECURRENCE_DAYS: "30",
      SAFEGRID_RECURRENCE_COUNT: "",
    }),
  ).toEqual({ recheckMaxDistanceM: 150, recurrenceWindowDays: 30, recurrenceThreshold: 3 });
});

it("stops at a bad value, naming the variable", () => {
  expect(() => readCaseSettings({ SAFEGRID_RECURRENCE_COUNT: "-2" })).toThrow(ConfigError);
  expect(() => readCaseSettings({ SAFEGRID_RECURRENCE_COUNT: "-2" })).toThrow(/SAFEGRID_RECURRENCE_COUNT=-2/);
  expect(() => readCaseSettings({ SAFEGRID_RECURRENCE_DAYS: "ninety" })).toThrow(
    /SAFEGRID_RECURRENCE_DAYS=ninety/,
  );
});
