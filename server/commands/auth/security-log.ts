import { insertSecurityEvent } from "../../../db/queries/security-event-queries";
import type { SecurityEventKind } from "../../../domain/auth/security-event-kinds";
import type { Deps } from "../../deps";

/** Appends one row to the security log (never the case trail), at the injected clock's time. */
export function logSecurityEvent(
  deps: Deps,
  e: {
    kind: SecurityEventKind;
    username: string | null;
    user?: { id: string; regionCode: string } | null;
    ip: string | null;
    detail?: Record<string, unknown>;
  },
) {
  return insertSecurityEvent(deps.db, {
    at: deps.clock.now().toISOString(),
    kind: e.kind,
    // A username as typed may be anything: bounded, and well-formed (a lone surrogate becomes U+FFFD).
    username: e.username === null ? null : e.username.slice(0, 200).replace(/[\uD800-\uDFFF]/gu, "\uFFFD"),
    userId: e.user?.id ?? null,
    ip: e.ip,
    regionCode: e.user?.regionCode ?? null,
    detail: e.detail ?? {},
  });
}
