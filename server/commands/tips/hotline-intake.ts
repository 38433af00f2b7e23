import { findCategoryMapping, findTipByExternal } from "../../../db/queries/tip-channel-queries";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { workOrderInput } from "../../../domain/tip/tip-channel-schemas";
import { type TipKind, tipKinds } from "../../../domain/tip/tip-kinds";
import type { Deps } from "../../deps";
import { fileTip } from "./submit-tip";
import { clientOfKey } from "./tip-clients";

/** The platform a request's key belongs to (`Authorization: Bearer <key>` or `X-Api-Key`); 401 otherwise. */
export async function platformOfRequest(deps: Deps, headers: Record<string, unknown>) {
  const auth = typeof headers.authorization === "string" ? headers.authorization : "";
  // X-Api-Key first: a caller may carry its own session's Authorization for something else.
  const key = headers["x-api-key"] ?? /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  const platform = await clientOfKey(deps, "hotline", key);
  if (!platform) throw new AppError("invalid_api_key");
  return platform;
}

/**
 * A work order forwarded by the 12345 hotline or another platform (R28): its category text is mapped to a
 * tip kind by the county's table (unmapped: "other"), the caller's contact becomes a sealed identity, and it
 * becomes a tip of the platform's county (source "hotline"). A work order sent again with the same number
 * is the same tip (answered 200 with the same case; the first answer is 201).
 */
export async function receiveWorkOrder(deps: Deps, headers: Record<string, unknown>, raw: unknown) {
  const platform = await platformOfRequest(deps, headers);
  const input = parseInput(workOrderInput, raw);
  if ((input.lng === undefined) !== (input.lat === undefined))
    throw new AppError("validation_failed", {
      zh: "经纬度须同时提供",
      en: "lng and lat go together",
      details: { issues: [{ path: "lng", message: "经纬度须同时提供" }] },
    });
  if (input.lng === undefined && !input.address)
    throw new AppError("validation_failed", {
      zh: "请提供地址或经纬度",
      en: "An address or coordinates are needed",
      details: { issues: [{ path: "address", message: "请提供地址或经纬度" }] },
    });
  const known = await findTipByExternal(deps.db, platform.id, input.number);
  if (known)
    return { created: false, body: answer(input.number, known.number, known.open === 1, known.stage) };
  const mapped = await findCategoryMapping(deps.db, platform.countyCode, input.category);
  const kind: TipKind = mapped && Object.hasOwn(tipKinds, mapped.kind) ? (mapped.kind as TipKind) : "other";
  try {
    const made = await fileTip(deps, {
      kind,
      description: input.description,
      regionCode: platform.countyCode,
      ...(input.address ? { address: input.address } : {}),
      ...(input.lng !== undefined && input.lat !== undefined
        ? { location: { lng: input.lng, lat: input.lat } }
        : {}),
      ...(input.receivedAt ? { happenedAt: input.receivedAt } : {}),
      ...(input.caller ? { identity: { name: input.caller.name, phone: input.caller.phone } } : {}),
      channel: "hotline",
      clientId: platform.id,
      externalNumber: input.number,
    });
    return { created: true, body: answer(input.number, made.number, true, "reported") };
  } catch (err) {
    // Two sends of one order at once: the unique (platform, number) index lets one in; the other reads it.
    const again = await findTipByExternal(deps.db, platform.id, input.number);
    if (again)
      return { created: false, body: answer(input.number, again.number, again.open === 1, again.stage) };
    throw err;
  }
}

const answer = (workOrder: string, caseNumber: string, open: boolean, stage: string) => ({
  workOrderNumber: workOrder,
  caseNumber,
  status: open ? ("open" as const) : ("closed" as const),
  stage,
});
