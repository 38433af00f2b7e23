import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expectSuccess, type OutboundSettings, outboundRequest } from "../outbound/outbound-request";

/** One sealed root as the witnesses keep it (a JSON line in the file, the body of the webhook). */
export interface WitnessLine {
  /** The root's id in `trail_root`. */
  id: number;
  at: string;
  root: string;
  /** Chains and events the root covers (for people reading the file). */
  chains: number;
  events: number;
}

/**
 * Appends one line to the witness file and fsyncs it before returning: the file is append-only
 * (opened with O_APPEND, never rewritten), and kept beside the data directory, not in it.
 */
export function appendWitnessFile(file: string, line: WitnessLine): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, "a", 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(line)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The lines of a witness file; a line that is not a root (a torn last write) is reported, not skipped. */
export function readWitnessFile(file: string): { lines: WitnessLine[]; unreadable: number[] } {
  const lines: WitnessLine[] = [];
  const unreadable: number[] = [];
  fs.readFileSync(file, "utf8")
    .split("\n")
    .forEach((text, i) => {
      if (!text.trim()) return;
      try {
        const l = JSON.parse(text) as WitnessLine;
        if (Number.isInteger(l.id) && typeof l.root === "string") lines.push(l);
        else unreadable.push(i + 1);
      } catch {
        unreadable.push(i + 1);
      }
    });
  return { lines, unreadable };
}

/** The signature header of the external witness: hex HMAC-SHA256 of the body with the shared key. */
export function witnessSignature(key: string, body: string): string {
  return createHmac("sha256", key).update(body).digest("hex");
}

/** POSTs the root to the external witness under the outbound rules (C32); a non-2xx answer throws. */
export async function postWitness(
  url: string,
  key: string,
  line: WitnessLine,
  outbound: OutboundSettings,
): Promise<void> {
  const body = JSON.stringify(line);
  await expectSuccess(
    outboundRequest(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-safegrid-signature": `sha256=${witnessSignature(key, body)}`,
        },
        body,
      },
      outbound,
    ),
  );
}
