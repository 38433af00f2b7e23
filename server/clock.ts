/** The source of "now" for every command; tests inject a clock they can move. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: `clock.advance({ minutes: 31 })`. */
export function testClock(start = "2026-11-30T02:00:00.000Z") {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso: string) => {
      t = new Date(iso).getTime();
    },
    advance: ({ minutes = 0, hours = 0, days = 0 }: { minutes?: number; hours?: number; days?: number }) => {
      t += ((days * 24 + hours) * 60 + minutes) * 60_000;
    },
  };
}
