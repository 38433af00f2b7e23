import { addCalendarDays } from "../../domain/calendar/shanghai-time";
import type { Tx } from "../db";
import { readTally } from "./case-tally-queries";

/** Reported and closed cases of a day. */
export interface DayTotal {
  reported: number;
  closed: number;
}

/**
 * A region's reported and closed per day (the dashboard's daily series). A province or a city (2 or 4
 * digits; its rollup rows are its counties') takes the days settled — two days before `today` or earlier,
 * when no command can count a step on them any more — from `case_day_total`, summing its counties' rows
 * once for a settled day not kept yet and keeping the sum; the days after are summed from the counties'
 * rows at each request. A county or township reads its own rows.
 */
export async function readDayTotals(
  db: Tx,
  regionCode: string,
  days: readonly string[],
  today: string,
): Promise<Map<string, DayTotal>> {
  const out = new Map<string, DayTotal>();
  const sum = async (list: string[]) => {
    if (list.length === 0) return [];
    const rows = await readTally(db, {
      regionCode,
      span: { months: [], days: list },
      group: "day",
      metrics: ["reported", "closed"],
    });
    for (const r of rows) out.set(r.period, { reported: r.reported, closed: r.closed });
    return list.map((day) => ({ day, regionCode, reported: 0, closed: 0, ...out.get(day) }));
  };
  if (regionCode.length >= 6) {
    await sum([...days]);
    return out;
  }
  const settled = addCalendarDays(today, -2);
  const old = days.filter((d) => d <= settled).sort();
  await sum(days.filter((d) => d > settled));
  if (old.length === 0) return out;
  const kept = await db
    .selectFrom("caseDayTotal")
    .select(["day", "reported", "closed"])
    .where("regionCode", "=", regionCode)
    .where("day", ">=", old[0])
    .where("day", "<=", old[old.length - 1])
    .execute();
  for (const k of kept) out.set(k.day, { reported: Number(k.reported), closed: Number(k.closed) });
  const missing = old.filter((d) => !out.has(d));
  const made = await sum(missing);
  for (let i = 0; i < made.length; i += 500)
    await db
      .insertInto("caseDayTotal")
      .values(made.slice(i, i + 500))
      .onConflict((oc) => oc.doNothing())
      .execute();
  return out;
}

/** A county's rollup rebuilt: its province's and city's kept days are summed again when next read. */
export async function forgetCountyDayTotals(tx: Tx, county: string): Promise<void> {
  await tx
    .deleteFrom("caseDayTotal")
    .where("regionCode", "in", [county.slice(0, 2), county.slice(0, 4)])
    .execute();
}
