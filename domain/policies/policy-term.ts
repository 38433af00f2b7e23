import type { Actor } from "../auth/actor";
import type { Role } from "../auth/roles";

/**
 * A rule of who may do what to a row, written once as a small declarative term and interpreted twice:
 * `evaluate` decides it on one row here (pure TypeScript), `db/policy-filter.ts` compiles the same term to
 * a SQL `where` for lists and exports. `gateOf` is its route-level part (what the role alone decides) and
 * `describe` renders it for `docs/access.md`.
 */
export type PolicyActor = Pick<Actor, "id" | "role" | "scope" | "departmentId">;
export type ActorField = "id" | "departmentId";
/** A route's gate: may this actor call the route at all (403 when not). */
export type RouteGate = (actor: Pick<Actor, "role" | "scope">) => boolean;

export type Term =
  | { op: "all"; terms: Term[] }
  | { op: "any"; terms: Term[] }
  | { op: "role"; roles: readonly Role[] }
  /** The row's code (region, grid code, region prefix) lies inside one of the actor's scope prefixes. */
  | { op: "inScope"; field: string }
  /** The row's region is the actor's scope or above it (a county reads the province's categories). */
  | { op: "aboveScope"; field: string }
  /** The row's column equals the actor's id or department (never matches a missing value). */
  | { op: "eqActor"; field: string; actor: ActorField }
  /** The row's column is the empty string (an everywhere-rule). */
  | { op: "blank"; field: string }
  /** The actor's scope holds a prefix of at most `length` digits (a province-wide account). */
  | { op: "wideScope"; length: number }
  | { op: "always" };

export const all = (...terms: Term[]): Term => ({ op: "all", terms });
export const anyOf = (...terms: Term[]): Term => ({ op: "any", terms });
export const roleIn = (roles: readonly Role[]): Term => ({ op: "role", roles });
export const inScope = (field: string): Term => ({ op: "inScope", field });
export const aboveScope = (field: string): Term => ({ op: "aboveScope", field });
export const eqActor = (field: string, actor: ActorField): Term => ({ op: "eqActor", field, actor });
export const blank = (field: string): Term => ({ op: "blank", field });
export const wideScope = (length: number): Term => ({ op: "wideScope", length });
export const always: Term = { op: "always" };

/** Region codes and scope prefixes are digits only; anything else never matches (same as the SQL side). */
export const scopePrefixes = (actor: Pick<PolicyActor, "scope">) =>
  actor.scope.filter((p) => /^\d+$/.test(p));

type Row = Record<string, unknown>;

export function evaluate(term: Term, actor: PolicyActor, row: Row): boolean {
  switch (term.op) {
    case "all":
      return term.terms.every((t) => evaluate(t, actor, row));
    case "any":
      return term.terms.some((t) => evaluate(t, actor, row));
    case "role":
      return term.roles.includes(actor.role);
    case "inScope": {
      const v = row[term.field];
      return typeof v === "string" && scopePrefixes(actor).some((p) => v.startsWith(p));
    }
    case "aboveScope": {
      const v = row[term.field];
      return typeof v === "string" && /^\d*$/.test(v) && scopePrefixes(actor).some((p) => p.startsWith(v));
    }
    case "eqActor": {
      const v = row[term.field];
      const mine = actor[term.actor];
      return typeof v === "string" && v !== "" && !!mine && v === mine;
    }
    case "blank":
      return row[term.field] === "";
    case "wideScope":
      return scopePrefixes(actor).some((p) => p.length <= term.length);
    case "always":
      return true;
  }
}

/**
 * The term with everything the actor alone decides (role, scope width) resolved, rows left open: `true`
 * when some row may pass, `false` when none can. A route's gate is this.
 */
export function residual(term: Term, actor: Pick<PolicyActor, "role" | "scope">): Term | boolean {
  switch (term.op) {
    case "role":
      return term.roles.includes(actor.role);
    case "wideScope":
      return scopePrefixes(actor).some((p) => p.length <= term.length);
    case "always":
      return true;
    case "all": {
      const parts = term.terms.map((t) => residual(t, actor));
      if (parts.includes(false)) return false;
      const open = parts.filter((p): p is Term => p !== true);
      return open.length === 0 ? true : open.length === 1 ? open[0] : all(...open);
    }
    case "any": {
      const parts = term.terms.map((t) => residual(t, actor));
      if (parts.includes(true)) return true;
      const open = parts.filter((p): p is Term => p !== false);
      return open.length === 0 ? false : open.length === 1 ? open[0] : anyOf(...open);
    }
    default:
      return term;
  }
}

/** The route-level gate of a rule: may this actor act on any row at all? */
export const gateOf =
  (term: Term) =>
  (actor: Pick<PolicyActor, "role" | "scope">): boolean =>
    residual(term, actor) !== false;

const fieldName: Record<string, string> = {
  regionCode: "region",
  code: "grid code",
  regionPrefix: "region prefix",
  countyCode: "county",
  reporterId: "reporter",
  ownerDepartmentId: "holding department",
  leadDepartmentId: "lead department",
  handlerId: "handler",
  uploadedBy: "uploader",
  ownerId: "owner",
  userId: "recipient",
  expertUserId: "engaged expert",
  id: "this record",
  subjectId: "assessed",
};
const named = (f: string) => fieldName[f] ?? f;

/** A person-readable rendering of what is left of a rule once the role is known (for `docs/access.md`). */
export function describe(term: Term | boolean): string {
  if (term === true) return "✓";
  if (term === false) return "—";
  switch (term.op) {
    case "all":
      return term.terms.map((t) => (t.op === "any" ? `(${describe(t)})` : describe(t))).join(" and ");
    case "any": {
      const [a, b] = term.terms;
      if (term.terms.length === 2 && a.op === "inScope" && b.op === "aboveScope" && a.field === b.field)
        return `${named(a.field)} within or above scope`;
      return term.terms.map((t) => (t.op === "all" ? `(${describe(t)})` : describe(t))).join(" or ");
    }
    case "inScope":
      return `${named(term.field)} in scope`;
    case "aboveScope":
      return `${named(term.field)} at or above scope`;
    case "eqActor":
      return term.actor === "id" ? `own (${named(term.field)})` : `own department (${named(term.field)})`;
    case "blank":
      return `${named(term.field)} empty`;
    case "wideScope":
      return `province-wide scope`;
    case "role":
      return term.roles.join("/");
    case "always":
      return "✓";
  }
}
