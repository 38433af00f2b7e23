import type { Tx } from "../../../db/db";
import { departmentNames, userNames } from "../../../db/queries/case-lookup-queries";

const str = (v: unknown) => (typeof v === "string" && v ? v : null);
/** The department suggested by an event: named in its input, or computed by the server (a return). */
const suggestedOf = (d: Record<string, unknown>) =>
  str(d.suggestedDepartmentId) ?? str((d.suggestion as { departmentId?: unknown } | undefined)?.departmentId);

/**
 * The data of a case's events with names beside the ids they recorded, so the timeline can say who was
 * named handler and which department a case went to or was suggested for: `handlerName`, `departmentName`,
 * `suggestedDepartmentName`. The stored data (and its hash) is unchanged. Also returns the actors' names.
 */
export async function timelineData(db: Tx, events: { actorId: string | null; data: string }[]) {
  const datas = events.map((e) => JSON.parse(e.data) as Record<string, unknown>);
  const [people, departments] = await Promise.all([
    userNames(db, [...events.map((e) => e.actorId), ...datas.map((d) => str(d.handlerId))]),
    departmentNames(
      db,
      datas.flatMap((d) => [str(d.departmentId), suggestedOf(d)]),
    ),
  ]);
  for (const d of datas) {
    const handler = str(d.handlerId);
    if (handler) d.handlerName = people.get(handler) ?? null;
    const department = str(d.departmentId);
    if (department) d.departmentName = departments.get(department) ?? null;
    const suggested = suggestedOf(d);
    if (suggested) d.suggestedDepartmentName = departments.get(suggested) ?? null;
  }
  return { datas, actors: people };
}
