import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough, Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { insertEvent } from "../../../db/queries/event-queries";
import type { Actor } from "../../../domain/auth/actor";
import {
  type DataExportKind,
  dataExports,
  exportClass,
  exportNeedsReason,
  validReason,
} from "../../../domain/classification/data-exports";
import { AppError } from "../../../domain/errors";
import type { Deps } from "../../deps";
import { watermarkText } from "./export-watermark";

/** What an export route asks for before it builds the file. */
export interface ExportRequest {
  kind: DataExportKind;
  /** The filter the export ran with (query string), recorded as given. */
  filter: Record<string, unknown>;
  reason: string | undefined;
}

/** A workbook built in memory (small exports) and the number of data rows in it. */
export interface ExportFile {
  buffer: Buffer;
  rows: number;
}

/** Writes the whole file into `out`, ends it, and resolves with the number of data rows written. */
export type ExportBuild = (watermark: string, out: Writable) => Promise<number>;

/** A recorded export waiting in a temporary file to be sent (and removed once sent). */
export interface RecordedExportFile {
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
  eventId: number;
}

/** An in-memory workbook as an export build's output. */
export async function endWith(out: Writable, file: Promise<ExportFile>): Promise<number> {
  const { buffer, rows } = await file;
  out.end(buffer);
  return rows;
}

/** Streams what `write` produces into `file`, hashing and counting on the way; a failure removes nothing itself. */
async function writeHashed(file: string, write: (out: Writable) => Promise<number>) {
  const hash = createHash("sha256");
  let bytes = 0;
  const out = new PassThrough();
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const written = pipeline(out, count, fs.createWriteStream(file, { flags: "wx", mode: 0o600 }));
  const writing = write(out);
  try {
    // A full disk fails the file first: do not wait for a builder that writes into a closed stream.
    const rows = await Promise.race([writing, written.then(() => writing)]);
    await written;
    return { rows, bytes, sha256: hash.digest("hex") };
  } catch (error) {
    out.destroy();
    await written.catch(() => {});
    throw error;
  }
}

/**
 * Refuses (422 `export_reason_required`) an export of personal or sensitive fields without a stated reason.
 * Runs before any row is read. Returns the trimmed reason (or null when the export needs none and has none).
 */
export function checkExportReason(req: ExportRequest): string | null {
  const reason = validReason(req.reason);
  if (!reason && exportNeedsReason(req.kind))
    throw new AppError("export_reason_required", {
      details: { export: req.kind, class: exportClass(req.kind), label: dataExports[req.kind].label },
    });
  return reason;
}

/** The region an export is filed under in the trail: the actor's jurisdiction when it is a single region. */
function exportRegion(actor: Actor, filter: Record<string, unknown>): string | null {
  const region = typeof filter.region === "string" ? filter.region : null;
  if (region && actor.scope.some((p) => region.startsWith(p))) return region;
  return actor.scope.length === 1 ? actor.scope[0] : null;
}

/**
 * Builds a watermarked export and records it in the trail (who, when, which export, filter, row count,
 * reason, sha256 of the file) before it is handed out: an export the trail cannot record is not sent.
 */
export async function recordedExport(
  deps: Deps,
  actor: Actor,
  req: ExportRequest,
  build: ExportBuild,
): Promise<RecordedExportFile> {
  const reason = checkExportReason(req);
  const at = deps.clock.now();
  // Written to a temporary file while hashed (memory holds a batch of rows, not the file), then sent from it.
  const file = path.join(os.tmpdir(), `safegrid-export-${randomUUID()}.xlsx`);
  try {
    const { rows, bytes, sha256 } = await writeHashed(file, (out) => build(watermarkText(actor, at), out));
    const filter = Object.fromEntries(
      Object.entries(req.filter).filter(([k, v]) => k !== "reason" && v !== undefined),
    );
    const event = await deps.db.transaction().execute((tx) =>
      insertEvent(
        tx,
        actor,
        {
          action: "data.exported",
          subjectType: "export",
          subjectId: req.kind,
          regionCode: exportRegion(actor, filter),
          data: {
            export: req.kind,
            class: exportClass(req.kind),
            username: actor.username,
            filter,
            rows,
            reason,
            sha256,
            bytes,
          },
        },
        at,
      ),
    );
    return { path: file, rows, bytes, sha256, eventId: event.id };
  } catch (error) {
    await fs.promises.rm(file, { force: true });
    throw error;
  }
}
