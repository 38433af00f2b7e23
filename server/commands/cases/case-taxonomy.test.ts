import { type KyselyPlugin, type RootOperationNode, TableNode } from "kysely";
import { expect, it } from "vitest";
import { eachCaseWorld } from "./case-command-kit";
import { reportCase } from "./report-case";
import { createCaseCategory } from "./save-case-category";

/** Counts the SELECTs that read the case_category table. */
function countingCategoryReads() {
  const counter = { reads: 0 };
  const plugin: KyselyPlugin = {
    transformQuery({ node }): RootOperationNode {
      if (node.kind === "SelectQueryNode")
        for (const from of node.from?.froms ?? [])
          if (TableNode.is(from) && ["caseCategory", "case_category"].includes(from.table.identifier.name))
            counter.reads++;
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { counter, plugin };
}

eachCaseWorld("the county taxonomy in case commands", (w) => {
  it("reads the taxonomy once per group-commit transaction, not once per case", async () => {
    await createCaseCategory(w.deps, w.actors.county, {
      regionPrefix: "620123",
      code: "orchard",
      zh: "果园农机",
      defaultDepartmentKind: "agriculture",
    });
    const { counter, plugin } = countingCategoryReads();
    const deps = { ...w.deps, db: w.deps.db.withPlugin(plugin) };
    const input = {
      source: "grid_worker",
      type: "general_hazard",
      category: "orchard",
      description: "果园内农用三轮车刹车失灵仍在使用",
      location: { lng: 104.1146, lat: 35.8457 },
      regionCode: "620123100001",
    };
    const n = 8;
    const results = await Promise.all(
      Array.from({ length: n }, () => reportCase(deps, w.actors.worker, input)),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results[0].body.case.categoryLabel).toBe("果园农机");
    expect(results[0].body.case.suggestedDepartmentId).toBe(w.departments.agriculture);
    expect(counter.reads).toBeGreaterThanOrEqual(1);
    // each transaction reads the taxonomy once (for the check, the suggestion and the notification title)
    if (w.dialect === "sqlite") expect(counter.reads).toBeLessThan(n);
    else expect(counter.reads).toBeLessThanOrEqual(n);
  });
});
