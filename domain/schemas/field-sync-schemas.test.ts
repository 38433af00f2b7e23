import { describe, expect, it } from "vitest";
import { parseContentRange, uploadStartInput } from "./field-sync-schemas";

describe("field sync schemas", () => {
  it("reads Content-Range as the piece's first and last byte of the whole size", () => {
    expect(parseContentRange("bytes 0-99/300")).toEqual({ first: 0, last: 99, size: 300 });
    expect(parseContentRange("bytes 200-299/300")).toEqual({ first: 200, last: 299, size: 300 });
    for (const bad of [undefined, "", "bytes 0-99/*", "bytes 100-99/300", "bytes 0-300/300", "items 0-1/2"])
      expect(parseContentRange(bad), String(bad)).toBeNull();
  });

  it("takes an upload's announcement with a SHA-256 in either case, and refuses an empty file", () => {
    const sha = "AB".repeat(32);
    expect(
      uploadStartInput.parse({ sha256: sha, size: 5, fileName: "a.jpg", mimeType: "image/jpeg" }).sha256,
    ).toBe(sha.toLowerCase());
    expect(
      uploadStartInput.safeParse({ sha256: "x", size: 5, fileName: "a", mimeType: "image/jpeg" }).success,
    ).toBe(false);
    expect(
      uploadStartInput.safeParse({ sha256: sha, size: 0, fileName: "a", mimeType: "image/jpeg" }).success,
    ).toBe(false);
  });
});
