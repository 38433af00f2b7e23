export interface LockoutPolicy {
  maxFailures: number;
  failureWindowMinutes: number;
  lockMinutes: number;
}

const minute = 60_000;

/**
 * When is a username locked until, given its recent failure times (ISO, ascending)?
 * Locked when `maxFailures` failures fall within `failureWindowMinutes`; the lock lasts `lockMinutes`
 * from the failure that completed the run. Returns null when not locked at `now`.
 */
export function lockedUntil(failures: string[], now: Date, p: LockoutPolicy): Date | null {
  const times = failures.map((f) => new Date(f).getTime());
  let until: number | null = null;
  for (let i = p.maxFailures - 1; i < times.length; i++) {
    if (times[i] - times[i - p.maxFailures + 1] <= p.failureWindowMinutes * minute) {
      const end = times[i] + p.lockMinutes * minute;
      if (until === null || end > until) until = end;
    }
  }
  return until !== null && until > now.getTime() ? new Date(until) : null;
}

/** How far back failures matter for `lockedUntil`. */
export function lockoutLookback(now: Date, p: LockoutPolicy): Date {
  return new Date(now.getTime() - (p.failureWindowMinutes + p.lockMinutes) * minute);
}
