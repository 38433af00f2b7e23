import { randomUUID } from "node:crypto";
import { createUser } from "../commands/users/create-user";
import type { ApiContext } from "./api-harness";
import { testPassword } from "./fixtures";

/**
 * Issue 13.4–13.5 fixtures: a grid in the home village staffed by the test grid worker (full-time) and a
 * second worker (part-time), and a second county office account (the reviewer / approver).
 */
export async function seedOversight(ctx: ApiContext) {
  const now = ctx.deps.clock.now().toISOString();
  const worker2 = await createUser(ctx.deps, null, {
    username: "worker2",
    displayName: "测试worker2",
    role: "grid_worker",
    scope: ["620123100001"],
    departmentId: null,
    password: testPassword,
  });
  const county2 = await createUser(ctx.deps, null, {
    username: "county2",
    displayName: "测试county2",
    role: "county_office",
    scope: ["620123"],
    departmentId: null,
    password: testPassword,
  });
  const gridId = randomUUID();
  await ctx.deps.db
    .insertInto("grid")
    .values({
      id: gridId,
      code: "620123100001001",
      regionCode: "620123100001",
      townshipCode: "620123100",
      name: "考核测试网格",
      kind: "village",
      status: "active",
      villageCodes: JSON.stringify(["620123100001"]),
      geojson: JSON.stringify({ type: "Polygon", coordinates: [] }),
      minLon: 104.1,
      minLat: 35.84,
      maxLon: 104.12,
      maxLat: 35.85,
      centerLon: 104.11,
      centerLat: 35.845,
      areaM2: 1,
      officerName: null,
      officerPhone: null,
      leaderName: null,
      leaderPhone: null,
      source: "test",
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await ctx.deps.db
    .insertInto("gridWorker")
    .values([
      { gridId, userId: ctx.users.worker.id, employment: "full_time", createdAt: now },
      { gridId, userId: worker2.id, employment: "part_time", createdAt: now },
    ])
    .execute();
  return { gridId, worker2Id: worker2.id as string, county2Id: county2.id as string };
}
