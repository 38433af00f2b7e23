import type { Kysely } from "kysely";
import type { DB } from "../db/schema";
import type { Dialect } from "../db/db";
import type { Clock } from "./clock";
import type { Config } from "./config";
import type { WorkingCalendar } from "../domain/calendar/working-calendar";

/** What a command needs from the world, passed as an argument (no container, no globals). */
export interface Deps {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  config: Config;
  calendar: WorkingCalendar;
}
