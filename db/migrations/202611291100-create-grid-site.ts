import type { Kysely } from "kysely";

/** Grids, grid workers and the site register (issue 3). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const real = "double precision" as const;
  await db.schema
    .createTable("grid")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("township_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("village_codes", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("geojson", "text", (c) => c.notNull())
    .addColumn("min_lon", real, (c) => c.notNull())
    .addColumn("min_lat", real, (c) => c.notNull())
    .addColumn("max_lon", real, (c) => c.notNull())
    .addColumn("max_lat", real, (c) => c.notNull())
    .addColumn("center_lon", real, (c) => c.notNull())
    .addColumn("center_lat", real, (c) => c.notNull())
    .addColumn("area_m2", real, (c) => c.notNull())
    .addColumn("officer_name", "text")
    .addColumn("officer_phone", "text")
    .addColumn("leader_name", "text")
    .addColumn("leader_phone", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("grid_township_idx").on("grid").columns(["township_code", "status"]).execute();
  await db.schema.createIndex("grid_status_idx").on("grid").columns(["status", "code"]).execute();

  await db.schema
    .createTable("grid_worker")
    .addColumn("grid_id", "text", (c) => c.notNull().references("grid.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("employment", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("grid_worker_pk", ["grid_id", "user_id"])
    .execute();
  await db.schema.createIndex("grid_worker_user_idx").on("grid_worker").column("user_id").execute();

  await db.schema
    .createTable("site")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("uscc", "text", (c) => c.unique())
    .addColumn("industry_code", "text")
    .addColumn("scale", "text")
    .addColumn("ownership", "text", (c) => c.notNull().defaultTo("other"))
    .addColumn("risk_level", "text")
    .addColumn("flag_large", "integer")
    .addColumn("flag_high_grade", "integer")
    .addColumn("flag_high_risk", "integer")
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("lon", real)
    .addColumn("lat", real)
    .addColumn("contact_name", "text")
    .addColumn("contact_phone", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("operating"))
    .addColumn("direct", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("direct_rule", "text", (c) => c.notNull().defaultTo("grid"))
    .addColumn("grid_id", "text", (c) => c.references("grid.id"))
    .addColumn("grid_rule", "text", (c) => c.notNull())
    .addColumn("grid_override", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("worker_id", "text", (c) => c.references("app_user.id"))
    .addColumn("worker_rule", "text", (c) => c.notNull())
    .addColumn("worker_override", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("department_id", "text", (c) => c.references("department.id"))
    .addColumn("department_rule", "text", (c) => c.notNull())
    .addColumn("department_rule_id", "text")
    .addColumn("department_reason", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("department_override", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("override_reason", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("site_region_idx").on("site").columns(["region_code", "status"]).execute();
  await db.schema.createIndex("site_grid_idx").on("site").column("grid_id").execute();
  await db.schema.createIndex("site_worker_idx").on("site").column("worker_id").execute();
  await db.schema.createIndex("site_lonlat_idx").on("site").columns(["lon", "lat"]).execute();
}
