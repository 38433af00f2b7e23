import { expect, it } from "vitest";
import { eachDialect } from "../../../db/test-db";
import type { Deps } from "../../deps";
import { loadTestRegions, seedTestWorld, testDeps, testPassword } from "../../test/fixtures";
import { resolveSession } from "./resolve-session";
import { signIn } from "./sign-in";

eachDialect("resolveSession", (ctx) => {
  let deps: Deps;
  const sessions = () => ctx.database.db.selectFrom("session").select("id").execute();

  it("finds the actor, with the department's name, from the token in one read", async () => {
    await loadTestRegions(ctx.database);
    deps = testDeps(ctx.database);
    await seedTestWorld(deps);
    const { token } = await signIn(deps, { username: "market", password: testPassword }, null);
    const { actor, user } = await resolveSession(deps, token);
    expect(actor).toMatchObject({ username: "market", role: "cooperating_department" });
    expect(actor.scope).toEqual(["620123"]);
    expect(user.departmentName).toBeTruthy();
  });

  it("a user disabled behind the session's back is signed out and the session removed", async () => {
    const { token } = await signIn(deps, { username: "worker", password: testPassword }, null);
    const before = (await sessions()).length;
    await ctx.database.db
      .updateTable("appUser")
      .set({ status: "disabled" })
      .where("username", "=", "worker")
      .execute();
    await expect(resolveSession(deps, token)).rejects.toMatchObject({ code: "unauthenticated" });
    expect((await sessions()).length).toBe(before - 1);
  });

  it("an unknown token is unauthenticated", async () => {
    await expect(resolveSession(deps, "no-such-token")).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
