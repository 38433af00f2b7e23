import type { Role } from "../../../../domain/auth/roles";
import type { CaseSource } from "../../../../domain/case/case-types";

/** The usual source of a case reported by someone in this role (the reporter may change it). */
export function defaultSource(role: Role): CaseSource {
  switch (role) {
    case "grid_worker":
      return "grid_worker";
    case "committee_member":
      return "committee_member";
    case "lead_department":
    case "cooperating_department":
      return "department";
    case "township_station":
    case "service_provider":
      return "patrol";
    default:
      return "hotline";
  }
}

/** Keeps one idempotency key per distinct request: a retry or double click of the same body reuses it. */
export class IdempotentRequest {
  private last: { body: string; key: string } | null = null;
  constructor(private readonly newKey: () => string) {}

  keyFor(body: unknown): string {
    const text = JSON.stringify(body);
    if (!this.last || this.last.body !== text) this.last = { body: text, key: this.newKey() };
    return this.last.key;
  }
}
