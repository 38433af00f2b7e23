import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import { type PolicyActor, residual, scopePrefixes, type Term } from "../domain/policies/policy-term";
import { inScope } from "./scope";

// biome-ignore lint/suspicious/noExplicitAny: a policy filter applies to any table's expression builder
type AnyEb = ExpressionBuilder<any, any>;

const yes = sql<SqlBool>`1 = 1`;
const no = sql<SqlBool>`1 = 0`;

/**
 * The SQL side of a policy term (`domain/policies/policy-term.ts`): the same rule `evaluate` decides on one
 * row, as a `where` for lists and exports. What the actor alone decides (role, scope width) is resolved
 * first (`residual`), so the SQL holds only row conditions; every value is a parameter. `columns` maps a
 * term's field to a column of the query (default: the field name on `table`).
 */
export function policyFilter(eb: AnyEb, term: Term, actor: PolicyActor, table: string): Expression<SqlBool> {
  const open = residual(term, actor);
  if (open === true) return yes;
  if (open === false) return no;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return compile(eb, open, actor, table) as any;
}

function compile(eb: AnyEb, term: Term, actor: PolicyActor, table: string): Expression<SqlBool> {
  const col = (field: string) => eb.ref(`${table}.${field}`);
  switch (term.op) {
    case "all":
      return eb.and(term.terms.map((t) => compile(eb, t, actor, table)));
    case "any":
      return eb.or(term.terms.map((t) => compile(eb, t, actor, table)));
    case "inScope":
      return inScope(eb, `${table}.${term.field}`, actor.scope);
    case "aboveScope": {
      // The row's code is a prefix of one of the actor's scope prefixes: one of a short list of codes.
      const codes = new Set<string>();
      for (const p of scopePrefixes(actor)) for (let n = 0; n <= p.length; n++) codes.add(p.slice(0, n));
      return codes.size ? eb(col(term.field), "in", [...codes]) : no;
    }
    case "eqActor": {
      const mine = actor[term.actor];
      return mine ? eb(col(term.field), "=", mine) : no;
    }
    case "blank":
      return eb(col(term.field), "=", "");
    case "role":
      return term.roles.includes(actor.role) ? yes : no;
    case "wideScope":
      return scopePrefixes(actor).some((p) => p.length <= term.length) ? yes : no;
    case "always":
      return yes;
  }
}
