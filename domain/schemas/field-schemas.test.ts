import { describe, expect, it } from "vitest";
import { checkFieldRecord, fieldLocation } from "./field-schemas";

const site = { lng: 104.0, lat: 35.9 };
const received = "2026-12-05T08:00:00.000Z";

describe("checkFieldRecord", () => {
  it("flags nothing for a good check-in at the site", () => {
    const r = checkFieldRecord({
      clientAt: "2026-12-05T07:59:00.000Z",
      receivedAt: received,
      location: { lng: 104.0005, lat: 35.9, accuracy: 12 },
      site,
    });
    expect(r).toEqual({ flags: [], distanceM: 45 });
  });

  it("flags far, poor accuracy and mock locations with the distance", () => {
    const r = checkFieldRecord({
      clientAt: received,
      receivedAt: received,
      location: { lng: 104.01, lat: 35.9, accuracy: 500, mock: true },
      site,
    });
    expect(r.flags).toEqual(["far_from_site", "poor_accuracy", "mock_location"]);
    expect(r.distanceM).toBe(901);
  });

  it("flags a phone clock ahead of the server, but not an item sent a day late", () => {
    const ahead = checkFieldRecord({ clientAt: "2027-12-05T08:00:00.000Z", receivedAt: received });
    expect(ahead.flags).toEqual(["no_location", "clock_skew"]);
    const late = checkFieldRecord({ clientAt: "2026-12-04T08:00:00.000Z", receivedAt: received });
    expect(late.flags).toEqual(["no_location"]);
  });

  it("refuses a location out of range with a Chinese message", () => {
    const r = fieldLocation.safeParse({ lng: 200, lat: 35 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("经度超出范围");
    expect(fieldLocation.safeParse({ lng: 104, lat: 35, altitude: 3 }).success).toBe(false);
  });
});
