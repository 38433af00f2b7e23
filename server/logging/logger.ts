import pino from "pino";
import { createLineFormatter } from "./log-lines";

export type LogFormat = "json" | "pretty" | "short";
export const logFormats: readonly LogFormat[] = ["json", "pretty", "short"];

export interface LogSettings {
  /** pino level (LOG_LEVEL). */
  level: string;
  /** What the terminal (stdout) shows (SAFEGRID_LOG_FORMAT). */
  format: LogFormat;
  /** Every record as JSON lines appended to this file, whatever the terminal shows (SAFEGRID_LOG_FILE). */
  file: string | undefined;
}

interface Sink {
  write(chunk: string): unknown;
}

/** A stream that prints pino's JSON records as readable lines (see log-lines.ts). */
function lineStream(format: "short" | "pretty", out: Sink, color: boolean): Sink {
  const toLine = createLineFormatter(format, { color });
  return {
    write(chunk: string) {
      let text: string | null;
      try {
        text = toLine(JSON.parse(chunk));
      } catch {
        text = chunk.trimEnd();
      }
      if (text !== null) out.write(`${text}\n`);
    },
  };
}

/**
 * The server's logger: JSON to SAFEGRID_LOG_FILE when set, and to the terminal either JSON or a
 * readable summary. Tokens, cookies and passwords are redacted everywhere.
 */
export function createLogger(settings: LogSettings, terminal: Sink & { isTTY?: boolean } = process.stdout) {
  const color = Boolean(terminal.isTTY) && !process.env.NO_COLOR;
  const streams: pino.StreamEntry[] = [
    {
      level: settings.level as pino.Level,
      stream: settings.format === "json" ? terminal : lineStream(settings.format, terminal, color),
    },
  ];
  if (settings.file)
    streams.push({
      level: settings.level as pino.Level,
      stream: pino.destination({ dest: settings.file, mkdir: true, append: true, sync: true }),
    });
  return pino(
    {
      level: settings.level,
      redact: ["req.headers.authorization", "req.headers.cookie", "res.headers['set-cookie']"],
    },
    pino.multistream(streams),
  );
}
