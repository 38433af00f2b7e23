import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { verifyTrail } from "../../db/queries/event-queries";
import { eachCaseWorld } from "../commands/cases/case-command-kit";
import { checkWitness } from "./check-witness";
import { sealSettled } from "./seal-trail";
import { readWitnessFile } from "./witness";

eachCaseWorld("a major hazard is witnessed at once", (w) => {
  it("reporting a major hazard seals the trail into the witness file without waiting for the job", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "witness-")), "w.jsonl");
    w.deps.config.trail = { witnessFile: file, witnessUrl: null, witnessKey: null };
    await w.report({ type: "general_hazard" });
    await sealSettled(w.deps);
    expect(fs.existsSync(file)).toBe(false);
    const id = await w.report({ type: "major_hazard" });
    await sealSettled(w.deps);
    const [line] = readWitnessFile(file).lines;
    const head = await w.deps.db
      .selectFrom("event")
      .select(["chain", "seq"])
      .where("subjectId", "=", id)
      .executeTakeFirstOrThrow();
    const root = await w.deps.db
      .selectFrom("trailRoot")
      .select("leaves")
      .where("id", "=", line.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(root.leaves)).toContainEqual(
      expect.objectContaining({ chain: head.chain, seq: head.seq }),
    );
    expect(await checkWitness(w.deps.db, file)).toMatchObject({ ok: true, matched: 1 });
    expect((await verifyTrail(w.deps.db)).ok).toBe(true);
  });
});
