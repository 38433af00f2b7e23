/** Where evidence files are kept (README "Configuration", docs/operations.md "Evidence storage"). */
export const evidenceStoreKinds = ["local", "database", "s3"] as const;
export type EvidenceStoreKind = (typeof evidenceStoreKinds)[number];

/** An S3-compatible object store (AWS S3, MinIO, Ceph RGW, OSS/COS/OBS in S3 mode…). */
export interface S3Settings {
  /** Unset: AWS's own endpoint for the region. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** Unset: the SDK's default chain (AWS_ACCESS_KEY_ID…, instance role). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (most self-hosted stores). */
  forcePathStyle: boolean;
  /** Prepended to the sha256 to make the object key. */
  prefix: string;
  /** Per request: establishing the connection, and the whole request. */
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface EvidenceSettings {
  store: EvidenceStoreKind;
  /** Set when `store` is `s3`. */
  s3: S3Settings | null;
}

const positive = (name: string, v: string | undefined, fallback: number) => {
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} 须为正整数 / must be a positive integer: ${v}`);
  return n;
};

const flag = (name: string, v: string | undefined, fallback: boolean) => {
  if (v === undefined || v === "") return fallback;
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  throw new Error(`${name} 须为 1 或 0 / must be 1 or 0: ${v}`);
};

/**
 * `SAFEGRID_EVIDENCE_STORE` = local | database | s3. Default: `database` when `DATABASE_URL` is set (so
 * several processes on one PostgreSQL database share the files), else `local` (`<data>/evidence/`).
 * A wrong value, or `s3` without a bucket, stops the start.
 */
export function loadEvidenceSettings(env: NodeJS.ProcessEnv): EvidenceSettings {
  const value = env.SAFEGRID_EVIDENCE_STORE || (env.DATABASE_URL ? "database" : "local");
  if (!(evidenceStoreKinds as readonly string[]).includes(value))
    throw new Error(
      `SAFEGRID_EVIDENCE_STORE=${value}：应为 ${evidenceStoreKinds.join(" | ")} / must be one of ${evidenceStoreKinds.join(", ")}`,
    );
  const store = value as EvidenceStoreKind;
  if (store !== "s3") return { store, s3: null };
  const bucket = env.SAFEGRID_S3_BUCKET;
  if (!bucket)
    throw new Error("SAFEGRID_EVIDENCE_STORE=s3 需要 SAFEGRID_S3_BUCKET / needs SAFEGRID_S3_BUCKET");
  const endpoint = env.SAFEGRID_S3_ENDPOINT || undefined;
  return {
    store,
    s3: {
      endpoint,
      bucket,
      region: env.SAFEGRID_S3_REGION || "us-east-1",
      accessKeyId: env.SAFEGRID_S3_ACCESS_KEY_ID || undefined,
      secretAccessKey: env.SAFEGRID_S3_SECRET_ACCESS_KEY || undefined,
      forcePathStyle: flag("SAFEGRID_S3_FORCE_PATH_STYLE", env.SAFEGRID_S3_FORCE_PATH_STYLE, !!endpoint),
      prefix: env.SAFEGRID_S3_PREFIX ?? "evidence/",
      connectTimeoutMs: positive("SAFEGRID_S3_CONNECT_TIMEOUT_MS", env.SAFEGRID_S3_CONNECT_TIMEOUT_MS, 3000),
      requestTimeoutMs: positive("SAFEGRID_S3_TIMEOUT_MS", env.SAFEGRID_S3_TIMEOUT_MS, 30_000),
    },
  };
}
