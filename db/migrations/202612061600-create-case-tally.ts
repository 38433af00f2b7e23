import type { Kysely } from "kysely";
import { tallyMetrics } from "../../domain/indicators/case-tally";

/**
 * The case rollup (issue 13.2): per region (province, city, county and township prefixes of the case's
 * region) × day and × month × dimension (all, category, type, source) the counters of
 * domain/indicators/case-tally, kept current in the case commands' own transaction. Dashboards read a few
 * of these rows, never the cases. `case_record.late_steps` counts a case's steps done after their deadline
 * (按期结案 needs "no step was late").
 */
const snake = (m: string) => m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export async function up(db: Kysely<unknown>): Promise<void> {
  let t = db.schema
    .createTable("case_tally")
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("grain", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("dim", "text", (c) => c.notNull())
    .addColumn("dim_value", "text", (c) => c.notNull());
  for (const m of tallyMetrics)
    t = t.addColumn(snake(m), m.endsWith("Hours") ? "double precision" : "integer", (c) =>
      c.notNull().defaultTo(0),
    );
  await t
    .addPrimaryKeyConstraint("case_tally_pk", ["region_code", "grain", "dim", "period", "dim_value"])
    .execute();
  await db.schema
    .createIndex("case_tally_children")
    .on("case_tally")
    .columns(["grain", "dim", "level", "region_code", "period"])
    .execute();
  await db.schema
    .alterTable("case_record")
    .addColumn("late_steps", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // The dashboards' escalated list (open escalated cases by deadline) without scanning the cases.
  await db.schema
    .createIndex("case_escalated_open_idx")
    .on("case_record")
    .columns(["escalated", "open", "deadline"])
    .execute();
}
