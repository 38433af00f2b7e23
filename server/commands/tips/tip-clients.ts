import { createHash, randomBytes, randomUUID } from "node:crypto";
import { insertEvent } from "../../../db/queries/event-queries";
import { insertWebhook, updateWebhookRow } from "../../../db/queries/notification-webhook-queries";
import { findRegions } from "../../../db/queries/region-queries";
import {
  findTipClient,
  findTipClientByKeyHash,
  insertTipClient,
  listCategoryMap,
  listTipClients,
  replaceCategoryMap,
  revokeTipClientRow,
} from "../../../db/queries/tip-channel-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import { categoryMapInput, open311ClientInput, platformInput } from "../../../domain/tip/tip-channel-schemas";
import { type TipKind, tipKinds } from "../../../domain/tip/tip-kinds";
import type { Deps } from "../../deps";
import { checkWebhookUrl } from "../notifications/save-webhook";

export type ClientKind = "open311" | "hotline";

/** The events a platform's callback webhook takes: none of the case events, only its own status updates. */
export const platformEvent = "tip.platform_status";

/** sha-256 hex of a key: the only form a key is kept in. */
export const apiKeyHash = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

const newKey = (kind: ClientKind) =>
  `${kind === "open311" ? "o311" : "plat"}_${randomBytes(32).toString("base64url")}`;

/** The client a key belongs to (active only); undefined for a wrong, revoked or other kind of key. */
export async function clientOfKey(deps: Deps, kind: ClientKind, key: unknown) {
  if (typeof key !== "string" || key.length < 10 || key.length > 200) return undefined;
  const row = await findTipClientByKeyHash(deps.db, apiKeyHash(key));
  return row?.kind === kind ? row : undefined;
}

async function checkCounty(deps: Deps, actor: Actor, countyCode: string) {
  const [region] = await findRegions(deps.db, [countyCode]);
  if (!region || !can(actor, "tipClient", "manage", { regionCode: countyCode }))
    throw new AppError("forbidden", { zh: "只能为本辖区的县区签发密钥", en: "Not your county" });
}

/** The clients of a kind in the actor's counties (the key's last four characters, never the key). */
export async function listClients(deps: Deps, actor: Actor, kind: ClientKind) {
  const rows = await listTipClients(deps.db, kind, actor.scope);
  return {
    items: rows
      .filter((r) => can(actor, "tipClient", "manage", { regionCode: r.countyCode }))
      .map((r) => ({
        id: r.id,
        countyCode: r.countyCode,
        name: r.name,
        keyHint: r.keyHint,
        callbackUrl: kind === "hotline" ? (r.callbackUrl ?? null) : null,
        createdAt: r.createdAt,
        revokedAt: r.revokedAt,
      })),
  };
}

/**
 * Issues a key to an Open311 client or a forwarding platform (shown once; kept as a hash). A platform's
 * callback URL is checked by the outbound rules and kept as a webhook row of its own (with a signing secret,
 * also shown once), so its status updates are signed, retried and limited like every webhook.
 */
export async function issueClient(deps: Deps, actor: Actor, kind: ClientKind, raw: unknown) {
  const input =
    kind === "open311"
      ? { ...parseInput(open311ClientInput, raw), callbackUrl: undefined }
      : parseInput(platformInput, raw);
  await checkCounty(deps, actor, input.countyCode);
  if (input.callbackUrl) checkWebhookUrl(deps, input.callbackUrl);
  const key = newKey(kind);
  const secret = kind === "hotline" ? randomBytes(32).toString("hex") : null;
  const now = deps.clock.now();
  const at = now.toISOString();
  const id = randomUUID();
  const webhookId = secret ? randomUUID() : null;
  await deps.db.transaction().execute(async (tx) => {
    if (webhookId && secret && input.callbackUrl)
      await insertWebhook(tx, {
        id: webhookId,
        regionCode: input.countyCode,
        departmentId: null,
        url: input.callbackUrl,
        secret,
        events: JSON.stringify([platformEvent]),
        active: 1,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      });
    await insertTipClient(tx, {
      id,
      kind,
      countyCode: input.countyCode,
      name: input.name,
      keyHash: apiKeyHash(key),
      keyHint: key.slice(-4),
      webhookId,
      createdBy: actor.id,
      createdAt: at,
      revokedAt: null,
    });
    await insertEvent(
      tx,
      actor,
      {
        action: "tip_client.issued",
        subjectType: "tip_client",
        subjectId: id,
        regionCode: input.countyCode,
        data: { kind, name: input.name, keyHint: key.slice(-4), callbackUrl: input.callbackUrl ?? null },
      },
      now,
    );
  });
  return {
    id,
    countyCode: input.countyCode,
    name: input.name,
    key,
    keyHint: key.slice(-4),
    callbackUrl: input.callbackUrl ?? null,
    callbackSecret: secret,
  };
}

/** Revokes a key at once (its platform's callback stops too). 404 out of scope; 409 already revoked. */
export async function revokeClient(deps: Deps, actor: Actor, kind: ClientKind, id: string) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const row = await findTipClient(tx, id);
    if (!row || row.kind !== kind || !can(actor, "tipClient", "manage", { regionCode: row.countyCode }))
      throw new AppError("not_found");
    if (row.revokedAt)
      throw new AppError("conflict", { status: 409, zh: "该密钥已被吊销", en: "Already revoked" });
    await revokeTipClientRow(tx, id, now.toISOString());
    if (row.webhookId) await updateWebhookRow(tx, row.webhookId, { active: 0, updatedAt: now.toISOString() });
    await insertEvent(
      tx,
      actor,
      {
        action: "tip_client.revoked",
        subjectType: "tip_client",
        subjectId: id,
        regionCode: row.countyCode,
        data: { kind, name: row.name, keyHint: row.keyHint },
      },
      now,
    );
    return { id, revokedAt: now.toISOString() };
  });
}

const countyOf = (actor: Actor, county: string) => {
  if (!/^\d{6}$/.test(county) || !can(actor, "tipClient", "categories", { regionCode: county }))
    throw new AppError("not_found");
};

/** A county's mapping table of platform category text → tip kind. */
export async function readCategoryMap(deps: Deps, actor: Actor, county: string) {
  countyOf(actor, county);
  const rows = await listCategoryMap(deps.db, county);
  return {
    countyCode: county,
    kinds: Object.entries(tipKinds).map(([code, k]) => ({ code, label: k.zh })),
    rows: rows.map((r) => ({
      categoryText: r.categoryText,
      kind: r.kind,
      kindLabel: tipKinds[r.kind as TipKind]?.zh ?? r.kind,
    })),
  };
}

/** Replaces a county's mapping table (recorded in the trail). */
export async function saveCategoryMap(deps: Deps, actor: Actor, county: string, raw: unknown) {
  countyOf(actor, county);
  const input = parseInput(categoryMapInput, raw);
  const texts = new Set<string>();
  for (const r of input.rows) {
    if (texts.has(r.categoryText))
      throw new AppError("validation_failed", {
        zh: `分类“${r.categoryText}”重复`,
        en: "A category text appears twice",
        details: { issues: [{ path: "rows", message: "duplicate" }] },
      });
    texts.add(r.categoryText);
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await replaceCategoryMap(
      tx,
      county,
      input.rows.map((r) => ({
        countyCode: county,
        categoryText: r.categoryText,
        kind: r.kind,
        updatedBy: actor.id,
        updatedAt: now.toISOString(),
      })),
    );
    await insertEvent(
      tx,
      actor,
      {
        action: "tip_category_map.saved",
        subjectType: "region",
        subjectId: county,
        regionCode: county,
        data: { rows: input.rows.length },
      },
      now,
    );
  });
  return readCategoryMap(deps, actor, county);
}
