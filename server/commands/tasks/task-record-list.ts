import type { Writable } from "node:stream";
import {
  countTaskRecords,
  listTaskRecords,
  type TaskRecordFilter,
  type TaskRecordRow,
} from "../../../db/queries/task-record-queries";
import type { Actor } from "../../../domain/auth/actor";
import { shanghaiDateTime } from "../../../domain/calendar/shanghai-time";
import { fieldFlagLabel } from "../../../domain/schemas/field-schemas";
import type { TaskRecordView } from "../../../domain/tasks/task-views";
import type { Deps } from "../../deps";
import { type SheetColumn, streamedSheet } from "../exports/streamed-sheet";

export const presentTaskRecord = (r: TaskRecordRow): TaskRecordView => ({
  id: r.id,
  kindCode: r.kindCode,
  kindZh: r.kindZh,
  kindVersion: r.kindVersion,
  regionCode: r.regionCode,
  regionName: r.regionName,
  siteId: r.siteId,
  siteName: r.siteName,
  recordedBy: r.recordedBy,
  recorderName: r.recorderName,
  clientAt: r.clientAt,
  receivedAt: r.receivedAt,
  location: r.lng !== null && r.lat !== null ? { lng: r.lng, lat: r.lat, accuracy: r.accuracy } : null,
  distanceM: r.distanceM,
  flags: JSON.parse(r.flags),
  values: JSON.parse(r.fieldValues),
  evidenceIds: JSON.parse(r.evidenceIds),
});

/** The office's list of task records (R14, R16, R17) by region, kind and period: what taskRecord.read lets it see. */
export async function listTaskRecordViews(
  deps: Deps,
  actor: Actor,
  f: TaskRecordFilter,
  page: { page: number; pageSize: number },
) {
  const [rows, total] = await Promise.all([
    listTaskRecords(deps.db, actor, f, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize }),
    countTaskRecords(deps.db, actor, f),
  ]);
  return { items: rows.map(presentTaskRecord), total, page: page.page, pageSize: page.pageSize };
}

const valuesText = (v: Record<string, unknown>) =>
  Object.entries(v)
    .map(([k, x]) => `${k}: ${typeof x === "boolean" ? (x ? "是" : "否") : String(x)}`)
    .join("；");

/** The same list as a watermarked workbook (the recorded export writes it to its hashed file). */
export async function exportTaskRecordsXlsx(
  deps: Deps,
  actor: Actor,
  f: TaskRecordFilter,
  en: boolean,
  watermark: string,
  out: Writable,
): Promise<number> {
  const columns: SheetColumn[] = [
    ["任务类型", "Kind", 16],
    ["所在区划", "Region", 18],
    ["场所", "Site", 20],
    ["记录人", "Recorded by", 12],
    ["完成时间", "Done at", 17],
    ["接收时间", "Received at", 17],
    ["填写内容", "Values", 50],
    ["位置", "Location", 22],
    ["提示", "Flags", 24],
    ["照片数", "Photos", 8],
  ];
  const { ws, finish } = streamedSheet(out, { sheet: ["任务记录", "Task records"], columns, en, watermark });
  let rows = 0;
  const batch = 500;
  for (let offset = 0; offset < 50_000; offset += batch) {
    const part = await listTaskRecords(deps.db, actor, f, { limit: batch, offset }, "export");
    for (const r of part.map(presentTaskRecord)) {
      rows++;
      ws.addRow([
        r.kindZh,
        r.regionName ?? r.regionCode,
        r.siteName ?? "",
        r.recorderName ?? "",
        shanghaiDateTime(new Date(r.clientAt)),
        shanghaiDateTime(new Date(r.receivedAt)),
        valuesText(r.values),
        r.location ? `${r.location.lng.toFixed(6)}, ${r.location.lat.toFixed(6)}` : "",
        r.flags.map((x) => (en ? fieldFlagLabel[x].en : fieldFlagLabel[x].zh)).join("、"),
        r.evidenceIds.length,
      ]).commit();
    }
    if (part.length < batch) break;
  }
  await finish();
  return rows;
}
