import { randomUUID } from "node:crypto";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  expertsOfOrgs,
  findOrg,
  insertExpert,
  insertOrg,
  listOrgs,
} from "../../../db/queries/provider-queries";
import { findUserById } from "../../../db/queries/user-queries";
import type { ServiceExpertTable, ServiceOrgTable } from "../../../db/schema/provider-tables";
import type { Actor } from "../../../domain/auth/actor";
import { shanghaiDate } from "../../../domain/calendar/shanghai-time";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import { assertDateOrder, qualificationValid } from "../../../domain/provider/provider-rules";
import { serviceExpertInput, serviceOrgInput } from "../../../domain/provider/provider-schemas";
import type { Deps } from "../../deps";

export const presentExpert = (e: ServiceExpertTable, today: string) => ({
  id: e.id,
  orgId: e.orgId,
  name: e.name,
  userId: e.userId,
  qualification: e.qualification,
  certificateNo: e.certificateNo,
  validFrom: e.validFrom,
  validUntil: e.validUntil,
  qualificationValid: qualificationValid(e, today),
});

const presentOrg = (actor: Actor, o: ServiceOrgTable, experts: ServiceExpertTable[], today: string) => ({
  id: o.id,
  regionCode: o.regionCode,
  name: o.name,
  uscc: o.uscc,
  qualification: o.qualification,
  contactName: o.contactName,
  contactPhone: o.contactPhone,
  createdAt: o.createdAt,
  experts: experts.filter((e) => e.orgId === o.id).map((e) => presentExpert(e, today)),
  abilities: { manage: can(actor, "serviceOrg", "manage", o) },
});

/** The organisations the actor reads (in or above the scope), each with its experts. */
export async function listServiceOrgs(deps: Deps, actor: Actor) {
  const orgs = await listOrgs(deps.db, actor);
  const experts = await expertsOfOrgs(
    deps.db,
    orgs.map((o) => o.id),
  );
  const today = shanghaiDate(deps.clock.now());
  return { items: orgs.map((o) => presentOrg(actor, o, experts, today)) };
}

/** Registers a service organisation in a region of the actor's scope. */
export async function createServiceOrg(deps: Deps, actor: Actor, raw: unknown) {
  const input = parseInput(serviceOrgInput, raw);
  if (!can(actor, "serviceOrg", "manage", input)) throw new AppError("forbidden");
  const now = deps.clock.now();
  const row: ServiceOrgTable = {
    id: randomUUID(),
    regionCode: input.regionCode,
    name: input.name,
    uscc: input.uscc || null,
    qualification: input.qualification,
    contactName: input.contactName || null,
    contactPhone: input.contactPhone || null,
    createdBy: actor.id,
    createdAt: now.toISOString(),
  };
  await deps.db.transaction().execute(async (tx) => {
    await insertOrg(tx, row);
    await insertEvent(
      tx,
      actor,
      {
        action: "service_org.created",
        subjectType: "service_org",
        subjectId: row.id,
        regionCode: row.regionCode,
        data: { name: row.name, qualification: row.qualification },
      },
      now,
    );
  });
  return presentOrg(actor, row, [], shanghaiDate(now));
}

/** Adds an expert to an organisation the actor keeps; a linked account must be a service-provider account. */
export async function addServiceExpert(deps: Deps, actor: Actor, orgId: string, raw: unknown) {
  const org = await findOrg(deps.db, orgId);
  if (!org || !can(actor, "serviceOrg", "read", org)) throw new AppError("not_found");
  if (!can(actor, "serviceOrg", "manage", org)) throw new AppError("forbidden");
  const input = parseInput(serviceExpertInput, raw);
  assertDateOrder(input.validFrom, input.validUntil, "qualification");
  if (input.userId) {
    const user = await findUserById(deps.db, input.userId);
    if (user?.role !== "service_provider")
      throw new AppError("validation_failed", {
        zh: "关联的账号不存在或不是第三方服务机构账号",
        en: "The linked account is missing or not a service-provider account",
      });
  }
  const now = deps.clock.now();
  const row: ServiceExpertTable = {
    id: randomUUID(),
    orgId: org.id,
    regionCode: org.regionCode,
    name: input.name,
    userId: input.userId || null,
    qualification: input.qualification,
    certificateNo: input.certificateNo,
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    createdAt: now.toISOString(),
  };
  await deps.db.transaction().execute(async (tx) => {
    await insertExpert(tx, row);
    await insertEvent(
      tx,
      actor,
      {
        action: "service_expert.created",
        subjectType: "service_org",
        subjectId: org.id,
        regionCode: org.regionCode,
        data: {
          expertId: row.id,
          name: row.name,
          qualification: row.qualification,
          validFrom: row.validFrom,
          validUntil: row.validUntil,
        },
      },
      now,
    );
  });
  return presentExpert(row, shanghaiDate(now));
}
