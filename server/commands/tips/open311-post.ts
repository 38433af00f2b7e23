import { AppError } from "../../../domain/errors";
import { type TipKind, tipKinds } from "../../../domain/tip/tip-kinds";
import type { Deps } from "../../deps";
import { fileTip } from "./submit-tip";
import { clientOfKey } from "./tip-clients";

/** An Open311 failure: the HTTP status and the description that goes into the spec's error array. */
export class Open311Failure extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const text = (v: unknown) => (typeof v === "string" ? v.trim() : Array.isArray(v) ? String(v[0]).trim() : "");
const number = (v: unknown) => {
  const s = text(v);
  if (s === "") return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};

/**
 * `POST requests` of GeoReport v2: files a tip for the client's county. The spec's fields: `api_key`
 * (required here), `jurisdiction_id` (the client's county if given), `service_code`, `lat`/`long` or
 * `address_string`/`address_id`, `description`, `first_name`/`last_name`/`phone`/`email` (a name and a phone
 * make it a real-name tip; the contact is sealed apart from the tip like every informant's), `media_url`
 * (not fetched: SafeGrid calls no address a client names). Answers the spec's array of one
 * `{service_request_id, service_notice, account_id}`.
 */
export async function open311PostRequest(deps: Deps, body: Record<string, unknown>) {
  const client = await clientOfKey(deps, "open311", text(body.api_key));
  if (!client) throw new Open311Failure(403, "api_key is missing, invalid or revoked");
  const jurisdiction = text(body.jurisdiction_id);
  if (jurisdiction && jurisdiction !== client.countyCode)
    throw new Open311Failure(404, `jurisdiction_id ${jurisdiction} not found for this api_key`);
  const code = text(body.service_code);
  if (!code) throw new Open311Failure(400, "service_code is required");
  if (!Object.hasOwn(tipKinds, code)) throw new Open311Failure(404, `service_code ${code} not found`);
  const lat = number(body.lat);
  const lng = number(body.long);
  if (lat === null || lng === null) throw new Open311Failure(400, "lat and long must be numbers");
  if ((lat === undefined) !== (lng === undefined))
    throw new Open311Failure(400, "lat and long must be given together");
  const address = text(body.address_string) || text(body.address_id);
  if (lat === undefined && !address)
    throw new Open311Failure(400, "a location is required: lat and long, or address_string");
  if (address.length > 200) throw new Open311Failure(400, "address_string may not exceed 200 characters");
  const description = text(body.description);
  if (description.length < 5)
    throw new Open311Failure(
      400,
      "description is required (at least 5 characters) / 请描述问题，至少 5 个字",
    );
  if (description.length > 2000) throw new Open311Failure(400, "description may not exceed 2000 characters");
  const name = `${text(body.last_name)}${text(body.first_name)}`.slice(0, 40);
  const phone = text(body.phone);
  if (phone && !/^[0-9+\-() ]{5,20}$/.test(phone))
    throw new Open311Failure(400, "phone is not a phone number");
  try {
    const made = await fileTip(deps, {
      kind: code as TipKind,
      description,
      regionCode: client.countyCode,
      ...(address ? { address } : {}),
      ...(lat !== undefined && lng !== undefined ? { location: { lng, lat } } : {}),
      ...(name.length >= 2 && phone ? { identity: { name, phone } } : {}),
      channel: "open311",
      clientId: client.id,
    });
    return [
      {
        service_request_id: made.number,
        service_notice: "已受理，将在规定时限内核查处理。",
        account_id: null,
      },
    ];
  } catch (err) {
    if (err instanceof AppError) {
      const issue = (err.details as { issues?: { path: string }[] } | undefined)?.issues?.[0];
      if (issue?.path === "location") throw new Open311Failure(400, "lat/long is outside this jurisdiction");
      if (err.status < 500) throw new Open311Failure(400, `${err.en} / ${err.zh}`);
    }
    throw err;
  }
}
