const formats = new Map<string, Intl.DateTimeFormat>();

/** An ISO timestamp shown in China time (Asia/Shanghai), e.g. "2026-11-29 18:30". Empty input gives "—". */
export function formatDateTime(iso: string | null | undefined, lang: "zh" | "en" = "zh"): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const key = lang;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === "en" ? "en-CA" : "zh-CN", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formats.set(key, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
