import fc from "fast-check";
import type { Kysely } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { roles } from "../domain/auth/roles";
import { accessTable } from "../domain/policies/access-table";
import { evaluate, type PolicyActor, type Term } from "../domain/policies/policy-term";
import { policyFilter } from "./policy-filter";
import { eachDialect } from "./test-db";

/**
 * The point check and the list filter are one rule read twice: for every rule of the access table, random
 * actors × random rows, the rows SQL returns are exactly the rows `evaluate` accepts — on both databases.
 */
const codes = [
  "",
  "62",
  "6201",
  "620123",
  "620123100",
  "620123100001",
  "620123101201",
  "620102",
  "620102001001",
  "6301",
  "62x",
];
const ids = ["u1", "u2", "d1", "d2", ""];
/** Every column a rule of the table reads (a new rule's column is probed without a change here). */
function termFields(t: Term, codes: boolean): string[] {
  if (t.op === "all" || t.op === "any") return t.terms.flatMap((u) => termFields(u, codes));
  if (!("field" in t)) return [];
  return (t.op === "eqActor") === !codes ? [t.field] : [];
}
const tableFields = (codes: boolean) =>
  Object.values(accessTable).flatMap((actions) =>
    Object.values(actions as Record<string, Term>).flatMap((t) => termFields(t, codes)),
  );
/** Columns holding region codes (scope rules) and columns compared with the actor's id or department. */
const codeFields = new Set(tableFields(true));
const fields = [...new Set(["id", ...codeFields, ...tableFields(false)])];

type Row = Record<string, string | number | null>;
const rowArb = fc.record(
  Object.fromEntries(
    fields.map((f) => [
      f,
      f === "id"
        ? fc.constantFrom(...ids)
        : fc.option(fc.constantFrom(...(codeFields.has(f) ? codes : ids)), { nil: null }),
    ]),
  ) as Record<string, fc.Arbitrary<string | null>>,
);
const actorArb: fc.Arbitrary<PolicyActor> = fc.record({
  id: fc.constantFrom("u1", "u2"),
  role: fc.constantFrom(...roles),
  scope: fc.array(fc.constantFrom(...codes), { maxLength: 2 }),
  departmentId: fc.option(fc.constantFrom("d1", "d2"), { nil: null }),
});
const rules = Object.entries(accessTable).flatMap(([resource, actions]) =>
  Object.entries(actions as Record<string, Term>).map(([action, term]) => ({
    name: `${resource}.${action}`,
    term,
  })),
);

eachDialect("policy filter = point check", (ctx) => {
  // biome-ignore lint/suspicious/noExplicitAny: a scratch table outside the app's schema
  let db: Kysely<any>;
  let rows: (Row & { key: number })[] = [];
  beforeAll(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: as above
    db = ctx.database.db as unknown as Kysely<any>;
    let t = db.schema.createTable("policyProbe").addColumn("key", "integer", (c) => c.primaryKey());
    for (const f of fields) t = t.addColumn(f, "text");
    await t.execute();
    const sample = fc.sample(rowArb, { numRuns: 300, seed: 20261204 }) as Row[];
    rows = sample.map((r, key) => ({ ...r, key }));
    await db.insertInto("policyProbe").values(rows).execute();
  });

  it("returns exactly the rows the point check accepts, for every rule, actor and row", async () => {
    let checks = 0;
    await fc.assert(
      fc.asyncProperty(actorArb, async (actor) => {
        for (const { name, term } of rules) {
          const got = (
            await db
              .selectFrom("policyProbe")
              .select("key")
              .where((eb) => policyFilter(eb, term, actor, "policyProbe"))
              .orderBy("key")
              .execute()
          ).map((r) => Number(r.key));
          const want = rows.filter((r) => evaluate(term, actor, r)).map((r) => r.key);
          expect(got, `${name} for ${JSON.stringify(actor)}`).toEqual(want);
          checks++;
        }
      }),
      { numRuns: 40, seed: 8 },
    );
    expect(checks).toBe(40 * rules.length);
  }, 120_000);
});
