import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/db";
import { insertEvidence } from "../../db/queries/case-evidence-queries";
import { createTestDatabase, testDialects } from "../../db/test-db";
import { AppError } from "../../domain/errors";
import { testConfig } from "../config";
import { loadTestRegions, seedTestWorld, testDeps } from "../test/fixtures";
import { DatabaseEvidenceStore } from "./database-evidence-store";
import { loadEvidenceSettings } from "./evidence-settings";
import { type EvidenceStore, readAll } from "./evidence-store";
import { deleteUnreferenced, requireStored } from "./evidence-stores";
import { LocalEvidenceStore } from "./local-evidence-store";
import { S3EvidenceStore } from "./s3-evidence-store";
import { startS3rver } from "./s3rver-for-tests";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const bytes = (label: string) => Buffer.from(`%PDF-1.4\n${label} ${randomUUID()}\n`);

/** What every evidence store promises (server/storage/evidence-store.ts), run against each of them. */
function contract(name: string, setup: () => Promise<{ store: EvidenceStore; database: Database }>) {
  describe(`evidence store contract: ${name}`, () => {
    let store: EvidenceStore;
    let database: Database;
    let uploader: string;
    beforeAll(async () => {
      ({ store, database } = await setup());
      uploader = (await seedTestWorld(testDeps(database))).users.worker.id;
    });

    it("stores bytes under their sha256 and gives them back whole, as bytes and as a stream", async () => {
      const data = bytes("put");
      const key = sha(data);
      expect(await store.has(key)).toBe(false);
      await store.put(key, data, "application/pdf");
      expect(await store.has(key)).toBe(true);
      expect((await store.get(key))?.equals(data)).toBe(true);
      const opened = await store.open(key);
      expect(opened?.size).toBe(data.length);
      expect((await readAll(opened!.body)).equals(data)).toBe(true);
    });

    it("answers a missing object with null and false, never an error", async () => {
      const key = sha(bytes("never stored"));
      expect(await store.has(key)).toBe(false);
      expect(await store.get(key)).toBeNull();
      expect(await store.open(key)).toBeNull();
    });

    it("treats a second put of the same bytes as a no-op", async () => {
      const data = bytes("twice");
      const key = sha(data);
      await store.put(key, data, "application/pdf");
      await store.put(key, data, "application/pdf");
      expect((await store.get(key))?.equals(data)).toBe(true);
    });

    it("refuses a key that is not a sha256 (no path or key injection)", async () => {
      await expect(store.put("../secret", Buffer.from("x"), "application/pdf")).rejects.toThrow(/sha256/);
      await expect(store.has("A".repeat(64))).rejects.toThrow(/sha256/);
      await expect(store.open("../../etc/passwd")).rejects.toThrow(/sha256/);
    });

    it("deletes content only when no evidence row references it", async () => {
      const data = bytes("delete");
      const key = sha(data);
      await store.put(key, data, "application/pdf");
      await insertEvidence(database.db, {
        id: randomUUID(),
        sha256: key,
        fileName: "a.pdf",
        mimeType: "application/pdf",
        size: data.length,
        uploadedBy: uploader,
        uploadedAt: "2026-12-04T00:00:00.000Z",
        caseId: null,
        regionCode: null,
      });
      expect(await deleteUnreferenced(store, database.db, key)).toBe(false);
      expect(await store.has(key)).toBe(true);
      const orphan = bytes("orphan");
      await store.put(sha(orphan), orphan, "application/pdf");
      expect(await deleteUnreferenced(store, database.db, sha(orphan))).toBe(true);
      expect(await store.has(sha(orphan))).toBe(false);
    });

    it("refuses to let a row reference content the store does not hold (evidence_missing)", async () => {
      const data = bytes("held");
      await store.put(sha(data), data, "application/pdf");
      await expect(requireStored(store, [{ id: "e1", sha256: sha(data) }])).resolves.toBeUndefined();
      const err = await requireStored(store, [{ id: "e2", sha256: sha(bytes("absent")) }]).catch((e) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: "evidence_missing", status: 422, details: { evidenceId: "e2" } });
    });
  });
}

/** A fresh database with the regions (the contract seeds the test world: evidence rows need an uploader). */
async function worldDatabase(dialect: "sqlite" | "postgres") {
  const database = await createTestDatabase(dialect);
  await loadTestRegions(database);
  return database;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

contract("local directory", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-local-store-"));
  const database = await worldDatabase("sqlite");
  cleanups.push(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { store: LocalEvidenceStore.forDataDir(dir), database };
});

for (const dialect of testDialects())
  contract(`database [${dialect}]`, async () => {
    const database = await worldDatabase(dialect);
    cleanups.push(() => database.close());
    return { store: new DatabaseEvidenceStore(database.db), database };
  });

contract("S3 (s3rver)", async () => {
  const s3 = await startS3rver();
  const database = await worldDatabase("sqlite");
  cleanups.push(async () => {
    await database.close();
    await s3.close();
  });
  return { store: new S3EvidenceStore(s3.settings), database };
});

describe("evidence store failures", () => {
  it("local: leaves no partial file when the write fails, and a store it cannot use is 503 evidence_store_unavailable", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "sg-local-fail-"));
    try {
      // The store's directory is a file: every write fails with ENOTDIR.
      fs.writeFileSync(path.join(root, "evidence"), "not a directory");
      const store = LocalEvidenceStore.forDataDir(root);
      const data = bytes("fail");
      const err = await store.put(sha(data), data, "application/pdf").catch((e) => e);
      expect(err).toMatchObject({ code: "evidence_store_unavailable", status: 503 });
      expect(fs.readdirSync(root)).toEqual(["evidence"]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("s3: an unreachable endpoint is 503 evidence_store_unavailable, with the cause kept for the log", async () => {
    const s3 = await startS3rver();
    const settings = { ...s3.settings };
    await s3.close(); // nothing listens on the port any more
    const store = new S3EvidenceStore(settings);
    const data = bytes("down");
    const err = await store.put(sha(data), data, "application/pdf").catch((e) => e);
    expect(err).toMatchObject({ code: "evidence_store_unavailable", status: 503, details: { store: "s3" } });
    expect(err.cause).toBeDefined();
    const read = await store.has(sha(data)).catch((e) => e);
    expect(read).toMatchObject({ code: "evidence_store_unavailable" });
  });

  it("s3: a bucket that does not exist is 503 too (a wrong configuration, not a missing file)", async () => {
    const s3 = await startS3rver();
    try {
      const store = new S3EvidenceStore({ ...s3.settings, bucket: "no-such-bucket" });
      const data = bytes("nobucket");
      const err = await store.put(sha(data), data, "application/pdf").catch((e) => e);
      expect(err).toMatchObject({ code: "evidence_store_unavailable" });
    } finally {
      await s3.close();
    }
  });
});

describe("a full S3-compatible store", () => {
  it("answers 507 storage_full when the store reports it is full (HTTP 507, MinIO's XMinioStorageFull)", async () => {
    // A stand-in endpoint: no object exists, and every upload is refused as MinIO does on a full disk.
    const server = http.createServer((req, res) => {
      req.resume();
      if (req.method === "HEAD") return void res.writeHead(404).end();
      res.writeHead(507, { "content-type": "application/xml" });
      res.end(
        "<Error><Code>XMinioStorageFull</Code><Message>Storage backend has reached its minimum free drive threshold.</Message></Error>",
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      const settings = {
        ...loadEvidenceSettings({
          SAFEGRID_EVIDENCE_STORE: "s3",
          SAFEGRID_S3_BUCKET: "full",
          SAFEGRID_S3_ENDPOINT: `http://127.0.0.1:${port}`,
        }).s3!,
        accessKeyId: "test",
        secretAccessKey: "test",
      };
      const data = bytes("full");
      const err = await new S3EvidenceStore(settings).put(sha(data), data, "application/pdf").catch((e) => e);
      expect(err).toMatchObject({ code: "storage_full", status: 507 });
    } finally {
      server.close();
    }
  });
});

describe("evidence store configuration", () => {
  it("defaults to the database with DATABASE_URL, the local directory without", async () => {
    expect(loadEvidenceSettings({}).store).toBe("local");
    expect(loadEvidenceSettings({ DATABASE_URL: "postgres://x/y" }).store).toBe("database");
    expect(
      loadEvidenceSettings({ DATABASE_URL: "postgres://x/y", SAFEGRID_EVIDENCE_STORE: "local" }).store,
    ).toBe("local");
    expect(() => loadEvidenceSettings({ SAFEGRID_EVIDENCE_STORE: "ftp" })).toThrow(/SAFEGRID_EVIDENCE_STORE/);
    expect(() => loadEvidenceSettings({ SAFEGRID_EVIDENCE_STORE: "s3" })).toThrow(/SAFEGRID_S3_BUCKET/);
    const s3 = loadEvidenceSettings({
      SAFEGRID_EVIDENCE_STORE: "s3",
      SAFEGRID_S3_BUCKET: "b",
      SAFEGRID_S3_ENDPOINT: "http://minio:9000",
    }).s3;
    expect(s3).toMatchObject({
      bucket: "b",
      endpoint: "http://minio:9000",
      forcePathStyle: true,
      prefix: "evidence/",
    });
    expect(testConfig().evidence.store).toBe("local");
  });
});

describe("files left in the local directory after a switch", () => {
  it("are named at the start while the store is not local, and not once they are migrated away", async () => {
    const { localEvidenceLeftBehind } = await import("./local-leftovers");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-left-"));
    try {
      const data = bytes("old");
      await LocalEvidenceStore.forDataDir(dir).put(sha(data), data);
      const config = { ...testConfig(), dataDir: dir };
      expect(await localEvidenceLeftBehind(config)).toBeNull();
      const warning = await localEvidenceLeftBehind({ ...config, evidence: { store: "database", s3: null } });
      expect(warning).toContain("1 个证据文件未迁移");
      expect(warning).toContain("safegrid evidence migrate --to database");
      fs.rmSync(path.join(dir, "evidence"), { recursive: true });
      expect(
        await localEvidenceLeftBehind({ ...config, evidence: { store: "database", s3: null } }),
      ).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
