import { type Database, type OpenOptions, openDatabase } from "../db/db";
import { migrateToLatest } from "../db/migrate";
import { countRegionsByLevel } from "../db/queries/region-queries";
import { loadCalendar } from "./calendar/load-calendar";
import { type Clock, systemClock } from "./clock";
import { loadRegions } from "./commands/regions/load-regions";
import { seedRoutingRules } from "./commands/routing/seed-routing-rules";
import type { Config } from "./config";
import type { Deps } from "./deps";

/** The province whose regions a new installation loads (SAFEGRID_PROVINCE to change). */
export const defaultProvince = process.env.SAFEGRID_PROVINCE || "62";

/** How the server opens its database: the configured location with the configured timeouts. */
export function databaseOptions(config: Config): OpenOptions {
  const r = config.resilience;
  return {
    url: config.databaseUrl,
    dataDir: config.dataDir,
    statementTimeoutMs: r.statementTimeoutMs,
    lockTimeoutMs: r.lockTimeoutMs,
    connectTimeoutMs: r.connectTimeoutMs,
    busyTimeoutMs: r.sqliteBusyTimeoutMs,
    applicationName: r.applicationName,
  };
}

/** Opens the database, applies migrations and loads the calendar: everything a command needs. */
export async function openDeps(
  config: Config,
  clock: Clock = systemClock,
  database?: Database,
): Promise<Deps & { close(): Promise<void> }> {
  const db = database ?? openDatabase(databaseOptions(config));
  await migrateToLatest(db);
  const calendar = await loadCalendar(config.calendarDir);
  return { db: db.db, dialect: db.dialect, clock, config, calendar, close: () => db.close() };
}

/** Reference data a working installation needs: the province's regions and the default routing table. */
export async function ensureReferenceData(deps: Deps, province = defaultProvince) {
  const counts = await countRegionsByLevel(deps.db, province);
  const loaded = counts.length > 0 ? null : await loadRegions(deps, province);
  const rules = await seedRoutingRules(deps);
  return { regionsLoaded: loaded, rulesSeeded: rules };
}
