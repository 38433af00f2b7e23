import type { DeliveryRow } from "../../db/queries/notification-delivery-queries";
import type { OutboundError } from "../outbound/outbound-request";

/** One receiving side: a webhook (by its id), or the SMS gateway (all SMS rows share it). */
export const endpointOf = (d: Pick<DeliveryRow, "channel" | "webhookId">): string =>
  d.channel === "sms" ? "sms" : `webhook:${d.webhookId ?? ""}`;

/** Failures that say the endpoint itself is in trouble (not this one row): they pause the endpoint. */
export function endpointTrouble(e: OutboundError): boolean {
  if (e.category === "http_status") return e.status === 429 || (e.status ?? 0) >= 500;
  return ["dns", "timeout", "refused", "tls", "network"].includes(e.category);
}

/**
 * Per-endpoint backoff, kept by a process across delivery passes: after a failure the endpoint is left
 * alone for `firstMs`, doubled with every further failure in a row up to `maxMs`; one success clears it.
 * Time comes from the injected clock (milliseconds since the epoch).
 */
export class EndpointHealth {
  private readonly state = new Map<string, { failures: number; pausedUntil: number }>();

  constructor(
    private readonly firstMs = 1_000,
    private readonly maxMs = 60_000,
  ) {}

  paused(endpoint: string, now: number): boolean {
    const s = this.state.get(endpoint);
    return s !== undefined && s.pausedUntil > now;
  }

  /** Endpoints paused at `now` (a claim leaves their rows alone). */
  pausedAt(now: number): string[] {
    return [...this.state].filter(([, s]) => s.pausedUntil > now).map(([k]) => k);
  }

  failed(endpoint: string, now: number): number {
    const failures = (this.state.get(endpoint)?.failures ?? 0) + 1;
    const pause = Math.min(this.maxMs, this.firstMs * 2 ** (failures - 1));
    this.state.set(endpoint, { failures, pausedUntil: now + pause });
    return pause;
  }

  succeeded(endpoint: string) {
    this.state.delete(endpoint);
  }
}
