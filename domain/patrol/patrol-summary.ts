import { type FieldFlag, fieldFlagLabel } from "../schemas/field-schemas";

/** One line about a patrol check-in for the site file: distance, flags and note. */
export function patrolSummary(data: Record<string, unknown>, en: boolean): string {
  const distance = typeof data.distanceM === "number" ? data.distanceM : null;
  const flags = (Array.isArray(data.flags) ? data.flags : []) as FieldFlag[];
  const labels = flags.map((f) => (en ? fieldFlagLabel[f]?.en : fieldFlagLabel[f]?.zh) ?? f);
  const parts = [
    en ? "Checked in on site" : "现场巡查签到",
    distance === null
      ? en
        ? "distance unknown"
        : "距离未知"
      : en
        ? `${distance} m from the site`
        : `距场所 ${distance} m`,
  ];
  if (labels.length) parts.push(en ? `flagged: ${labels.join(", ")}` : `标记：${labels.join("、")}`);
  if (typeof data.note === "string" && data.note)
    parts.push(en ? `note: ${data.note}` : `备注：${data.note}`);
  return parts.join(en ? "; " : "；");
}
