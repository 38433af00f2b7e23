import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { realUscc, siteBody } from "./grid-test-fixtures";

/**
 * Issue 11: the register's text search through the gram index (GIN on PostgreSQL, FTS5 on SQLite) keeps its
 * meaning: any part of a name or an address, one character too, the credit code, letters of any width and
 * case, the same on both databases; renamed sites are found by their new name only; scope still applies.
 */
eachApi("sites: text search", (ctx) => {
  const search = async (q: string, user = "county") => {
    const res = await ctx.as(user, {
      method: "GET",
      url: `/api/v1/sites?q=${encodeURIComponent(q)}&pageSize=50`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { name: string }[]; total: number };
    expect(body.items).toHaveLength(Math.min(body.total, 50));
    return body.items.map((s) => s.name).sort();
  };
  let station: { id: string; version: number };

  it("registers a gas station, a KTV written in full-width letters and a shop", async () => {
    const made = async (over: Record<string, unknown>) => {
      const res = await ctx.as("county", { method: "POST", url: "/api/v1/sites", payload: siteBody(over) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; version: number };
    };
    station = await made({ name: "中石化加油站", uscc: realUscc[2], address: "榆中县城关镇兴隆路 8 号" });
    await made({ name: "兰州ＫＴＶ娱乐城", uscc: realUscc[3], address: "榆中县城关镇文成路 2 号" });
    await made({ name: "王记五金店", kind: "small_shop", uscc: null, address: "榆中县城关镇栖云北路 5 号" });
  });

  it("finds a site by any part of its name or address, by one character, and by its credit code", async () => {
    expect(await search("加油")).toEqual(["中石化加油站"]);
    expect(await search("中石化加油站")).toEqual(["中石化加油站"]);
    expect(await search("栖云北路")).toEqual(["王记五金店"]);
    expect(await search("兴隆路 8")).toEqual(["中石化加油站"]);
    expect(await search("站")).toEqual(["中石化加油站"]);
    expect(await search(realUscc[3])).toEqual(["兰州ＫＴＶ娱乐城"]);
    expect(await search(realUscc[3].toLowerCase())).toEqual(["兰州ＫＴＶ娱乐城"]);
    expect(await search("城关镇")).toEqual(["中石化加油站", "兰州ＫＴＶ娱乐城", "王记五金店"]);
  });

  it("compares letters whatever their width and case, and treats % and _ as the characters they are", async () => {
    expect(await search("ktv")).toEqual(["兰州ＫＴＶ娱乐城"]);
    expect(await search("KTV娱乐")).toEqual(["兰州ＫＴＶ娱乐城"]);
    expect(await search("%")).toEqual([]);
    expect(await search("加_站")).toEqual([]);
    // every gram of the query is there, but not in this order: no match
    expect(await search("油站加")).toEqual([]);
  });

  it("finds a renamed site by its new name only", async () => {
    const res = await ctx.as("county", {
      method: "PATCH",
      url: `/api/v1/sites/${station.id}`,
      payload: { name: "中石油城关加气站", version: station.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await search("加油")).toEqual([]);
    expect(await search("加气")).toEqual(["中石油城关加气站"]);
    expect(await search("兴隆路")).toEqual(["中石油城关加气站"]);
  });

  it("keeps to the user's scope", async () => {
    expect(await search("城关镇", "other_county")).toEqual([]);
    expect(await search("加气", "other_county")).toEqual([]);
  });
});
