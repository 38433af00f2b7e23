import { describe, expect, it } from "vitest";
import { lockedUntil } from "./lockout";

const p = { maxFailures: 5, failureWindowMinutes: 15, lockMinutes: 30 };
const at = (m: number) => new Date(Date.UTC(2026, 10, 30, 2, m)).toISOString();

describe("lockedUntil", () => {
  it("locks for 30 minutes after the fifth failure within 15 minutes", () => {
    const f = [0, 1, 2, 3, 4].map(at);
    expect(lockedUntil(f, new Date(at(5)), p)?.toISOString()).toBe(at(34));
    expect(lockedUntil(f, new Date(at(34)), p)).toBeNull();
  });
  it("does not lock four failures, nor five spread over more than 15 minutes", () => {
    expect(lockedUntil([0, 1, 2, 3].map(at), new Date(at(5)), p)).toBeNull();
    expect(lockedUntil([0, 4, 8, 12, 16].map(at), new Date(at(17)), p)).toBeNull();
  });
});
