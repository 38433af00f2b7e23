import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { AppError } from "../../domain/errors";
import type { S3Settings } from "./evidence-settings";
import { assertKey, type EvidenceStore, readAll, storeUnavailable } from "./evidence-store";

interface S3Failure {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

const isNotFound = (err: unknown) => {
  const e = err as S3Failure;
  return e.name === "NotFound" || e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404;
};

/** 507 `storage_full` when the store says it is full (HTTP 507, MinIO's `XMinioStorageFull`), else 503. */
function failure(err: unknown): AppError {
  const e = err as S3Failure;
  if (e.$metadata?.httpStatusCode === 507 || /StorageFull|InsufficientStorage/.test(e.name ?? "")) {
    const full = new AppError("storage_full", { details: { store: "s3" } });
    full.cause = err;
    return full;
  }
  return storeUnavailable("s3", err);
}

/** One client per settings object (its sockets are reused across requests). */
const clients = new WeakMap<S3Settings, S3Client>();

export function s3ClientFor(s: S3Settings): S3Client {
  let client = clients.get(s);
  if (!client) {
    client = new S3Client({
      endpoint: s.endpoint,
      region: s.region,
      forcePathStyle: s.forcePathStyle,
      credentials:
        s.accessKeyId && s.secretAccessKey
          ? { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey }
          : undefined,
      requestHandler: { connectionTimeout: s.connectTimeoutMs, requestTimeout: s.requestTimeoutMs },
      maxAttempts: 2,
      // Plain Content-MD5/length uploads: S3-compatible stores that predate the flexible checksums accept them.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    clients.set(s, client);
  }
  return client;
}

/**
 * An S3-compatible bucket, one object per content hash (`<prefix><sha256>`). A PutObject is atomic (the
 * object appears whole or not at all); a full store is 507 `storage_full`; every other failure than "no
 * such object" is 503 `evidence_store_unavailable` with the cause logged (an unreachable endpoint, a
 * wrong bucket or key).
 */
export class S3EvidenceStore implements EvidenceStore {
  readonly kind = "s3" as const;
  private readonly client: S3Client;
  constructor(private readonly s: S3Settings) {
    this.client = s3ClientFor(s);
  }

  private key(sha256: string) {
    assertKey(sha256);
    return `${this.s.prefix}${sha256}`;
  }

  async has(sha256: string) {
    const Key = this.key(sha256);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.s.bucket, Key }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw failure(err);
    }
  }

  async put(sha256: string, data: Buffer, mimeType: string) {
    const Key = this.key(sha256);
    if (await this.has(sha256)) return;
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.s.bucket,
          Key,
          Body: data,
          ContentType: mimeType,
          ContentLength: data.length,
        }),
      );
    } catch (err) {
      throw failure(err);
    }
  }

  async open(sha256: string) {
    const Key = this.key(sha256);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.s.bucket, Key }));
      return { body: out.Body as Readable, size: out.ContentLength };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw failure(err);
    }
  }

  async get(sha256: string) {
    const found = await this.open(sha256);
    if (!found) return null;
    try {
      return await readAll(found.body);
    } catch (err) {
      throw failure(err);
    }
  }

  async delete(sha256: string) {
    const Key = this.key(sha256);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.s.bucket, Key }));
    } catch (err) {
      throw failure(err);
    }
  }
}
