import { createHash } from "node:crypto";
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

/** A built export: the workbook and the number of data rows in it. */
export interface ExportFile {
  buffer: Buffer;
  rows: number;
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
  build: (watermark: string) => Promise<ExportFile>,
): Promise<ExportFile & { sha256: string; eventId: number }> {
  const reason = checkExportReason(req);
  const at = deps.clock.now();
  const file = await build(watermarkText(actor, at));
  const sha256 = createHash("sha256").update(file.buffer).digest("hex");
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
          rows: file.rows,
          reason,
          sha256,
          bytes: file.buffer.length,
        },
      },
      at,
    ),
  );
  return { ...file, sha256, eventId: event.id };
}

/** Collects a stream into one buffer (the file must be complete before it is hashed and recorded). */
export async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
