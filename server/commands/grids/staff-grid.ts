import { insertEvent } from "../../../db/queries/event-queries";
import { findGrid, touchGrid } from "../../../db/queries/grid-queries";
import { listGridStaff, replaceGridWorkers } from "../../../db/queries/grid-worker-queries";
import { findUserStandings } from "../../../db/queries/user-queries";
import { type Actor, covers } from "../../../domain/auth/actor";
import { AppError, invalid } from "../../../domain/errors";
import { gridPolicy } from "../../../domain/policies/grid-policy";
import type { Employment } from "../../../domain/schemas/grid-schemas";
import type { Deps } from "../../deps";
import { invalidateMapStats } from "./map-stats";
import { findVisibleGrid } from "./save-grid";

/**
 * Sets a grid's workers (R3): active users with the grid_worker role in the actor's jurisdiction. A worker
 * may serve several grids. Sites pick up the new default worker at the next reassignment.
 */
export async function setGridWorkers(
  deps: Deps,
  actor: Actor,
  id: string,
  workers: { userId: string; employment: Employment }[],
) {
  const now = deps.clock.now();
  const ids = [...new Set(workers.map((w) => w.userId))];
  if (ids.length !== workers.length) throw invalid("网格员重复", "A worker is listed twice");
  await deps.db.transaction().execute(async (tx) => {
    const grid = await findVisibleGrid(tx, actor, id);
    if (!gridPolicy.manage(actor, grid) || grid.status !== "active") throw new AppError("forbidden");
    const users = ids.length ? await findUserStandings(tx, ids) : [];
    for (const w of workers) {
      const u = users.find((x) => x.id === w.userId);
      if (u?.role !== "grid_worker" || u.status !== "active" || !covers(actor, u.regionCode))
        throw invalid(
          "所选人员不是管辖范围内的在岗网格员",
          "Not an active grid worker in your jurisdiction",
          { userId: w.userId },
        );
    }
    const before = await listGridStaff(tx, id);
    await replaceGridWorkers(
      tx,
      id,
      workers.map((w) => ({
        gridId: id,
        userId: w.userId,
        employment: w.employment,
        createdAt: now.toISOString(),
      })),
    );
    await touchGrid(tx, id, now.toISOString());
    await insertEvent(
      tx,
      actor,
      {
        action: "grid.staffed",
        subjectType: "grid",
        subjectId: id,
        regionCode: grid.code,
        data: { before, after: workers },
      },
      now,
    );
  });
  invalidateMapStats(deps.db);
  return (await findGrid(deps.db, id))!;
}
