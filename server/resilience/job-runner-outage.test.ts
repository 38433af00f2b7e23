import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type Database, openDatabase } from "../../db/db";
import { createTestDatabase } from "../../db/test-db";
import type { Deps } from "../deps";
import { startJobRunner } from "../jobs/job-runner";
import { testDeps } from "../test/fixtures";

/**
 * The background jobs while the database is gone: a failed pass is logged, the next passes back off
 * (1, 2, 4… intervals), and the runner carries on by itself once the database answers again.
 */
describe("the job runner when the database goes away [sqlite]", () => {
  let good: Database;
  let gone: Database;
  let deps: Deps;
  beforeAll(async () => {
    good = await createTestDatabase("sqlite");
    gone = openDatabase({ file: ":memory:" });
    await gone.close(); // every query on it fails: "The database connection is not open"
    deps = testDeps(good);
  });
  afterAll(() => good.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it("logs each failed pass, backs off, and recovers without a restart", async () => {
    vi.useFakeTimers();
    const logs: string[] = [];
    let current = gone;
    const runner = startJobRunner(
      {
        ...deps,
        get db() {
          return current.db;
        },
      } as Deps,
      // The minute jobs' backoff (the delivery loop has its own, off here).
      { intervalMs: 1_000, deliveryPollMs: 0, log: (msg) => logs.push(msg) },
    );
    const failedAt: number[] = [];
    for (let second = 1; second <= 12; second++) {
      const before = logs.length;
      await vi.advanceTimersByTimeAsync(1_000);
      if (logs.length > before && logs.at(-1)?.includes("failed")) failedAt.push(second);
    }
    // Passes at 1, then after skipping 1, 2, 4 intervals: 1, 3, 6, 11.
    expect(failedAt).toEqual([1, 3, 6, 11]);
    expect(logs[0]).toMatch(/jobs: pass failed \(1 in a row\)/);

    current = good;
    for (let second = 13; second <= 22 && !logs.at(-1)?.includes("succeeded"); second++)
      await vi.advanceTimersByTimeAsync(1_000);
    expect(logs.at(-1)).toBe("jobs: pass succeeded again after 4 failed");
    await runner.stop();
  });
});
