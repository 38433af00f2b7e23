import { describe, expect, it } from "vitest";
import { infrastructureError } from "./errors";

const err = (code: string | undefined, message = "x") => Object.assign(new Error(message), { code });

describe("infrastructureError", () => {
  it.each([
    ["57P01", "database_unavailable"], // terminated / restarted
    ["57P02", "database_unavailable"],
    ["57P03", "database_unavailable"], // starting up
    ["08006", "database_unavailable"], // connection failure
    ["08001", "database_unavailable"],
    ["57014", "database_unavailable"], // statement_timeout
    ["55P03", "database_unavailable"], // lock_timeout
    ["53300", "database_unavailable"],
    ["ECONNREFUSED", "database_unavailable"],
    ["ECONNRESET", "database_unavailable"],
    ["SQLITE_BUSY", "database_unavailable"],
    ["SQLITE_BUSY_SNAPSHOT", "database_unavailable"],
    ["SQLITE_LOCKED", "database_unavailable"],
    ["SQLITE_FULL", "storage_full"],
    ["ENOSPC", "storage_full"],
    ["EDQUOT", "storage_full"],
    ["53100", "storage_full"], // PostgreSQL disk_full
  ])("maps %s to %s", (code, expected) => {
    expect(infrastructureError(err(code))?.code).toBe(expected);
  });

  it("maps node-postgres's messages without a code and a wrapped cause", () => {
    expect(infrastructureError(err(undefined, "Connection terminated unexpectedly"))?.code).toBe(
      "database_unavailable",
    );
    expect(infrastructureError(err(undefined, "timeout exceeded when trying to connect"))?.code).toBe(
      "database_unavailable",
    );
    const wrapped = Object.assign(new Error("import failed"), { cause: err("ENOSPC") });
    expect(infrastructureError(wrapped)?.code).toBe("storage_full");
  });

  it.each([
    ["23505"], // unique violation: a bug or a conflict, not an outage
    ["23503"],
    ["42601"], // syntax error
    ["42P01"], // undefined table
    ["40P01"], // deadlock: retried by the write batch, a 500 if it escapes
    ["SQLITE_CONSTRAINT_UNIQUE"],
    ["SQLITE_ERROR"],
    ["ENOENT"],
    [undefined],
  ])("leaves %s alone (a real bug stays a logged 500)", (code) => {
    expect(infrastructureError(err(code, "Cannot read properties of undefined"))).toBeNull();
  });
});
