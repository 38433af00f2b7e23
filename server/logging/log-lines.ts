/**
 * Turns pino's JSON records into readable terminal lines (no pino-pretty):
 * - `short` (the default): startup and other non-request records, and one line per failing request
 *   (status ≥ 400, or an error logged while serving it) — nothing for the thousands that succeed;
 * - `pretty`: one line per record and per completed request.
 * Each line is a single line: messages are folded, stacks stay in the JSON log (SAFEGRID_LOG_FILE).
 */
export type LineFormat = "short" | "pretty";

export interface LogRecord {
  level: number;
  time: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { type?: string; message?: string; code?: string; stack?: string };
}

const levelNames: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO ",
  40: "WARN ",
  50: "ERROR",
  60: "FATAL",
};
const levelColors: Record<number, string> = { 40: "\x1b[33m", 50: "\x1b[31m", 60: "\x1b[35m" };
const clock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Shanghai",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});
/** Requests whose "incoming" line was seen but not their completion (aborted ones are dropped). */
const maxOpenRequests = 10_000;

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ⏎ ");

export function createLineFormatter(format: LineFormat, opts: { color?: boolean } = {}) {
  const open = new Map<string, { route: string; reported: boolean }>();

  const line = (level: number, time: number, text: string) => {
    const name = levelNames[level] ?? String(level);
    const color = opts.color ? levelColors[level] : undefined;
    const label = color ? `${color}${name}\x1b[0m` : name;
    return `${clock.format(new Date(time))} ${label} ${oneLine(text)}`;
  };

  return (rec: LogRecord): string | null => {
    const reqId = rec.reqId;
    if (reqId && rec.req && rec.msg === "incoming request") {
      if (open.size >= maxOpenRequests) open.delete(open.keys().next().value as string);
      open.set(reqId, { route: `${rec.req.method} ${rec.req.url}`, reported: false });
      return null;
    }
    const request = reqId ? open.get(reqId) : undefined;
    const route = request?.route ?? (reqId ? `[${reqId}]` : "");
    if (reqId && rec.res && rec.responseTime !== undefined) {
      open.delete(reqId);
      const status = rec.res.statusCode ?? 0;
      const failed = status >= 400;
      if (format === "short" && (!failed || request?.reported)) return null;
      const level = status >= 500 ? 50 : failed ? 40 : rec.level;
      return line(level, rec.time, `${route} ${status} ${rec.responseTime.toFixed(1)} ms`);
    }
    const err = rec.err
      ? `: ${rec.err.type ?? "Error"} ${rec.err.code ? `${rec.err.code} ` : ""}${rec.err.message ?? ""}`
      : "";
    if (reqId) {
      if (format === "short" && rec.level < 40) return null;
      if (request) request.reported = true;
      return line(rec.level, rec.time, `${route} ${rec.msg ?? ""}${err}`);
    }
    return line(rec.level, rec.time, `${rec.msg ?? ""}${err}`);
  };
}
