import { AppError } from "../../domain/errors";
import { assertCanonicalText } from "./canonical-input";

/**
 * What an error thrown while reading a multipart body means for the client: an `AppError` stands; an
 * error of the file system (it has a `syscall`) stays a server fault; anything else the parser raised
 * (no boundary, truncated body, malformed part headers, not multipart at all) is 400 `malformed_multipart`.
 */
export function multipartError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (err && typeof err === "object" && "syscall" in err) return err;
  return new AppError("malformed_multipart");
}

/** Field names, values and file names of a multipart part must be canonical text, like every JSON string. */
export function assertCanonicalPart(part: { fieldname: string; filename?: string; value?: unknown }): void {
  assertCanonicalText(part.fieldname, `multipart.${part.fieldname}`);
  if (typeof part.filename === "string")
    assertCanonicalText(part.filename, `multipart.${part.fieldname}.filename`);
  if (typeof part.value === "string") assertCanonicalText(part.value, `multipart.${part.fieldname}`);
}
