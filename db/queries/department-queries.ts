import type { Tx } from "../db";
import type { DepartmentTable } from "../schema/core-tables";
import { inScope } from "../scope";

export function findDepartment(db: Tx, id: string) {
  return db.selectFrom("department").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Departments in the actor's scope; `region` narrows to one locality and the levels above it. */
export function listDepartments(db: Tx, scope: string[], region?: string) {
  let q = db.selectFrom("department").selectAll();
  if (region) {
    // A locality sees its own departments; county-level-or-higher ones above it are listed by their own region.
    q = q.where("regionCode", "=", region);
  }
  return q
    .where((eb) => inScope(eb, "regionCode", scope))
    .orderBy("regionCode")
    .orderBy("gridRole")
    .orderBy("name")
    .execute();
}

export function findLeadDepartment(db: Tx, regionCode: string) {
  return db
    .selectFrom("department")
    .selectAll()
    .where("regionCode", "=", regionCode)
    .where("gridRole", "=", "lead")
    .where("status", "=", "active")
    .executeTakeFirst();
}

export function findDepartmentByKind(db: Tx, regionCode: string, kind: string) {
  return db
    .selectFrom("department")
    .selectAll()
    .where("regionCode", "=", regionCode)
    .where("kind", "=", kind)
    .where("status", "=", "active")
    .orderBy("name")
    .executeTakeFirst();
}

export function insertDepartment(db: Tx, row: DepartmentTable) {
  return db.insertInto("department").values(row).execute();
}

export function updateDepartmentRow(db: Tx, id: string, patch: Partial<DepartmentTable>) {
  return db.updateTable("department").set(patch).where("id", "=", id).execute();
}

export function findDepartmentByName(db: Tx, regionCode: string, name: string) {
  return db
    .selectFrom("department")
    .select("id")
    .where("regionCode", "=", regionCode)
    .where("name", "=", name)
    .executeTakeFirst();
}

/** Every active department, by name (routing: the first of a locality and kind wins). */
export function listActiveDepartments(db: Tx) {
  return db
    .selectFrom("department")
    .select(["id", "name", "regionCode", "kind"])
    .where("status", "=", "active")
    .orderBy("name")
    .execute();
}
