import ExcelJS from "exceljs";
import { shanghaiDateTime } from "../../../domain/calendar/shanghai-time";
import { deliveryFlagLabel, deliveryStatusLabel } from "../../../domain/schemas/delivery-schemas";
import { fieldFlagLabel } from "../../../domain/schemas/field-schemas";
import { watermarkedBuffer } from "../exports/export-watermark";
import type { DeliveryDetail } from "./read-delivery";

const flagLabels: Record<string, { zh: string }> = { ...fieldFlagLabel, ...deliveryFlagLabel };
const when = (iso: string | null | undefined) => (iso ? shanghaiDateTime(new Date(iso)) : "");

/** The progress of one delivery per site, as a watermarked workbook (the fields of `dataExports.deliveries`). */
export function deliveryWorkbook(d: DeliveryDetail, watermark: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("送达情况");
  ws.columns = [
    { header: "文件标题", key: "title", width: 24 },
    { header: "场所名称", key: "siteName", width: 28 },
    { header: "行政区划代码", key: "regionCode", width: 14 },
    { header: "地址", key: "address", width: 30 },
    { header: "送达状态", key: "status", width: 10 },
    { header: "登记人", key: "recorder", width: 12 },
    { header: "送达时间（北京时间）", key: "at", width: 20 },
    { header: "经度", key: "lng", width: 12 },
    { header: "纬度", key: "lat", width: 12 },
    { header: "距场所（米）", key: "distance", width: 12 },
    { header: "拒收原因", key: "reason", width: 30 },
    { header: "提示", key: "flags", width: 24 },
    { header: "照片/签名数", key: "files", width: 12 },
  ];
  for (const t of d.targets) {
    const r = t.record;
    ws.addRow({
      title: d.title,
      siteName: t.siteName,
      regionCode: t.regionCode,
      address: t.address ?? "",
      status: t.removed ? "已移出" : deliveryStatusLabel[t.status].zh,
      recorder: r?.recordedBy.displayName ?? "",
      at: when(r?.at),
      lng: r?.location?.lng ?? "",
      lat: r?.location?.lat ?? "",
      distance: r?.distanceM ?? "",
      reason: r?.reason ?? "",
      flags: (r?.flags ?? []).map((f) => flagLabels[f]?.zh ?? f).join("、"),
      files: r ? r.evidenceIds.length : "",
    });
  }
  ws.getRow(1).font = { bold: true };
  return watermarkedBuffer(wb, watermark);
}
