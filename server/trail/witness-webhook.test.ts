import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/db";
import { createTestDatabase } from "../../db/test-db";
import { parseAllowList } from "../../domain/outbound/outbound-rules";
import { appendTo, trailDeps } from "../test/trail-test-kit";
import { sealTrail } from "./seal-trail";
import { witnessSignature } from "./witness";

describe("external witness (signed webhook)", () => {
  let database: Database;
  let server: http.Server;
  let url = "";
  const received: { body: string; signature: string | undefined }[] = [];
  let status = 204;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        received.push({ body, signature: req.headers["x-safegrid-signature"] as string | undefined });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/roots`;
  });
  afterAll(async () => {
    await database.close();
    await new Promise((r) => server.close(r));
  });

  const deps = (allow: string) => {
    const d = trailDeps(database);
    const { invalid: _i, ...allowList } = parseAllowList(allow);
    d.config.trail = { witnessFile: d.witnessFile, witnessUrl: url, witnessKey: "k-123" };
    d.config.outbound = { ...d.config.outbound, allow: allowList };
    return d;
  };

  it("posts each new root, signed with HMAC-SHA256 of the body, besides the witness file", async () => {
    await appendTo(database, "620102", 2);
    const line = await sealTrail(deps("127.0.0.1"));
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0].body)).toEqual(line);
    expect(received[0].signature).toBe(`sha256=${witnessSignature("k-123", received[0].body)}`);
  });

  it("goes through the outbound rules: a loopback witness not on the allow list is refused", async () => {
    await appendTo(database, "620102", 1);
    await expect(sealTrail(deps(""))).rejects.toMatchObject({ category: "blocked_address" });
    expect(received).toHaveLength(1);
  });

  it("a witness that answers an error fails the seal (the job reports it and seals again next pass)", async () => {
    status = 500;
    await appendTo(database, "620102", 1);
    await expect(sealTrail(deps("127.0.0.1"))).rejects.toMatchObject({ category: "http_status" });
  });
});
