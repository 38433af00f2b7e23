import ExcelJS from "exceljs";
import { browseTrail, type TrailEventRow, type TrailFilter } from "../../../db/queries/trail-browse-queries";
import type { Actor } from "../../../domain/auth/actor";
import { type Role, roleLabel } from "../../../domain/auth/roles";
import { shanghaiDateTime } from "../../../domain/calendar/shanghai-time";
import { AppError } from "../../../domain/errors";
import { trailPolicy } from "../../../domain/policies/trail-policy";
import { eventLabel } from "../../../domain/trail/event-labels";
import type { Deps } from "../../deps";
import { watermarkedBuffer } from "../exports/export-watermark";
import type { ExportFile } from "../exports/recorded-export";

/** Most rows one trail export holds. */
export const maxTrailExportRows = 50_000;

/** A trail row as the browser shows it: the event kind with its readable label, the data parsed. */
export function presentTrailEvent(r: TrailEventRow, en = false) {
  const label = eventLabel(r.action);
  return {
    id: r.id,
    at: r.at,
    actorId: r.actorId,
    actorRole: r.actorRole,
    actorUsername: r.actorUsername,
    actorName: r.actorName,
    action: r.action,
    actionLabel: label ? (en ? label.en : label.zh) : null,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    regionCode: r.regionCode,
    data: JSON.parse(r.data) as unknown,
    hash: r.hash,
  };
}

/** One page of the trail in the actor's jurisdiction (scoped in SQL), filtered. */
export async function trailPage(
  deps: Deps,
  actor: Actor,
  filter: TrailFilter,
  page: number,
  pageSize: number,
  en = false,
) {
  if (!trailPolicy.read(actor)) throw new AppError("forbidden");
  const found = await browseTrail(deps.db, actor.scope, filter, {
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  return { items: found.items.map((r) => presentTrailEvent(r, en)), total: found.total, page, pageSize };
}

/** The filtered trail rows as a workbook (newest first, at most `maxTrailExportRows`). */
export async function trailWorkbook(
  deps: Deps,
  actor: Actor,
  filter: TrailFilter,
  watermark: string,
): Promise<ExportFile> {
  if (!trailPolicy.export(actor)) throw new AppError("forbidden");
  const { items } = await browseTrail(deps.db, actor.scope, filter, { offset: 0, limit: maxTrailExportRows });
  const wb = new ExcelJS.Workbook();
  wb.creator = "SafeGrid";
  const ws = wb.addWorksheet("留痕记录");
  ws.columns = [
    { header: "记录编号", key: "id", width: 10 },
    { header: "时间（北京时间）", key: "at", width: 20 },
    { header: "操作人", key: "who", width: 22 },
    { header: "角色", key: "role", width: 14 },
    { header: "事件", key: "label", width: 18 },
    { header: "事件代码", key: "action", width: 24 },
    { header: "对象类型", key: "subjectType", width: 14 },
    { header: "对象编号", key: "subjectId", width: 28 },
    { header: "行政区划", key: "regionCode", width: 14 },
    { header: "详情", key: "data", width: 60 },
    { header: "哈希", key: "hash", width: 20 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of items) {
    ws.addRow({
      id: r.id,
      at: shanghaiDateTime(new Date(r.at), { seconds: true }),
      who: r.actorUsername ? `${r.actorName ?? ""}（${r.actorUsername}）` : (r.actorId ?? "系统"),
      role: r.actorRole ? (roleLabel[r.actorRole as Role]?.zh ?? r.actorRole) : "",
      label: eventLabel(r.action)?.zh ?? "",
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      regionCode: r.regionCode ?? "",
      data: r.data,
      hash: r.hash,
    });
  }
  return watermarkedBuffer(wb, watermark);
}
