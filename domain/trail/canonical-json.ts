/**
 * The canonical text of the trail: every string is well-formed Unicode (a lone UTF-16 surrogate becomes
 * U+FFFD, exactly what both databases' drivers store when they encode the string as UTF-8), and JSON has
 * its object keys sorted at every depth. Hashing this text as UTF-8 therefore hashes the bytes that are
 * stored and read back, so no string can make a stored event unverifiable. Well-formed text is unchanged,
 * so rows hashed before this rule existed verify as they did.
 */

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const anySurrogateMismatch = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` holds no lone UTF-16 surrogate (it has one exact UTF-8 encoding). */
export function isWellFormed(s: string): boolean {
  return !anySurrogateMismatch.test(s);
}

/** `s` with every lone surrogate replaced by U+FFFD (what UTF-8 encoders store). */
export function canonicalText(s: string): string {
  return isWellFormed(s) ? s : s.replace(loneSurrogate, "\uFFFD");
}

/** The deepest value the trail and idempotency hashes accept (the edge refuses deeper input first). */
export const maxCanonicalDepth = 64;

/** JSON with object keys sorted at every depth and well-formed strings, so one value always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value, 0));
}

function canonicalValue(value: unknown, depth: number): unknown {
  if (depth > maxCanonicalDepth) throw new RangeError(`value nested deeper than ${maxCanonicalDepth}`);
  if (typeof value === "string") return canonicalText(value);
  if (Array.isArray(value)) return value.map((v) => canonicalValue(v, depth + 1));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    const entries = Object.keys(value as object).map((key) => [canonicalText(key), key] as const);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [canonicalKey, key] of entries) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[canonicalKey] = canonicalValue(v, depth + 1);
    }
    return out;
  }
  return value;
}
