import type { Kysely } from "kysely";
import type { Dialect } from "../db/db";
import type { DB } from "../db/schema";
import type { WorkingCalendar } from "../domain/calendar/working-calendar";
import type { Clock } from "./clock";
import type { Config } from "./config";

/** What a command needs from the world, passed as an argument (no container, no globals). */
export interface Deps {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  config: Config;
  calendar: WorkingCalendar;
}
