import { expect, it } from "vitest";
import { eachDialect } from "./test-db";
import { onceInTx } from "./tx-memo";

eachDialect("reference data read once per transaction", (ctx) => {
  it("loads once within a transaction, again in the next one, and every time outside one", async () => {
    const { db } = ctx.database;
    let loads = 0;
    const load = async () => {
      loads++;
      return [loads];
    };
    await db.transaction().execute(async (tx) => {
      expect(await onceInTx(tx, "k", load)).toEqual([1]);
      expect(await onceInTx(tx, "k", load)).toEqual([1]);
      expect(await onceInTx(tx, "other", load)).toEqual([2]);
    });
    await db.transaction().execute(async (tx) => {
      expect(await onceInTx(tx, "k", load)).toEqual([3]);
    });
    await onceInTx(db, "k", load);
    await onceInTx(db, "k", load);
    expect(loads).toBe(5);
  });

  it("does not keep a failed load", async () => {
    const { db } = ctx.database;
    let calls = 0;
    await db.transaction().execute(async (tx) => {
      const flaky = async () => {
        calls++;
        if (calls === 1) throw new Error("transient");
        return "ok";
      };
      await expect(onceInTx(tx, "f", flaky)).rejects.toThrow("transient");
      expect(await onceInTx(tx, "f", flaky)).toBe("ok");
    });
  });
});
