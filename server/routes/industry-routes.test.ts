import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";

eachApi("industries: one look-up with everyday words, the province's own synonyms", (ctx) => {
  const search = async (q: string, user = "worker") =>
    (await ctx.as(user, { method: "GET", url: `/api/v1/industries?q=${encodeURIComponent(q)}` })).json();

  it("finds 5265 机动车燃油零售 for 加油站, 加油 and jyz", async () => {
    for (const q of ["加油站", "加油", "jyz"]) {
      const { items } = await search(q);
      expect(items[0], q).toMatchObject({ code: "5265", label: "机动车燃油零售" });
    }
    expect((await search("加油站")).items[0]).toMatchObject({ synonym: "加油站", matchedBy: "synonym" });
    expect((await search("液化气站")).items[0].code).toBe("4512");
  });

  it("the province office adds a word (in the trail); others may not; removing it forgets it", async () => {
    expect((await search("撬装站")).items).toEqual([]);
    const denied = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/industry-synonyms",
      payload: { term: "撬装站", code: "5265" },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await ctx.as("province", {
      method: "POST",
      url: "/api/v1/industry-synonyms",
      payload: { term: "撬装站", code: "9999" },
    });
    expect(bad.statusCode).toBe(422);
    const added = await ctx.as("province", {
      method: "POST",
      url: "/api/v1/industry-synonyms",
      payload: { term: "撬装站", code: "5265", kind: "enterprise" },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect((await search("撬装站")).items[0]).toMatchObject({ code: "5265", synonym: "撬装站" });
    const again = await ctx.as("province", {
      method: "POST",
      url: "/api/v1/industry-synonyms",
      payload: { term: "撬装站", code: "5265" },
    });
    expect(again.statusCode).toBe(409);
    const list = (await ctx.as("province", { method: "GET", url: "/api/v1/industry-synonyms" })).json();
    expect(list.abilities.add).toBe(true);
    expect(list.items[0]).toMatchObject({
      term: "撬装站",
      label: "机动车燃油零售",
      abilities: { remove: true },
    });
    const removed = await ctx.as("province", {
      method: "DELETE",
      url: `/api/v1/industry-synonyms/${added.json().id}`,
    });
    expect(removed.statusCode).toBe(204);
    expect((await search("撬装站")).items).toEqual([]);
  });
});
