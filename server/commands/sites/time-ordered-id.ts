import { randomUUID } from "node:crypto";

let lastMs = 0;
let counter = 0;

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids made one after another
 * sort one after another. Bulk imports use it: index inserts then append instead of landing on random pages,
 * which keeps a 100,000-row import several times cheaper for the database. Monotonic within a process (a
 * 12-bit counter fills `rand_a` within one millisecond).
 */
export function timeOrderedId(now = Date.now()): string {
  if (now <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
  } else {
    lastMs = now;
    counter = 0;
  }
  // randomUUID draws from a cached entropy pool (much cheaper than randomBytes per id); its variant and
  // 62 random bits are kept, the time and counter replace the rest
  const t = lastMs.toString(16).padStart(12, "0");
  return `${t.slice(0, 8)}-${t.slice(8)}-7${counter.toString(16).padStart(3, "0")}-${randomUUID().slice(19)}`;
}
