import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import type { S3Settings } from "./evidence-settings";

/** An S3-compatible server (s3rver) on 127.0.0.1, an ephemeral port and a temporary directory. */
export async function startS3rver(bucket = "safegrid-evidence") {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "sg-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const settings: S3Settings = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: "us-east-1",
    // s3rver's fixed development credentials.
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
    prefix: "evidence/",
    connectTimeoutMs: 2000,
    requestTimeoutMs: 10_000,
  };
  return {
    settings,
    directory,
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
