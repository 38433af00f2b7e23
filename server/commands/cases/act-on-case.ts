import {
  type CaseRow,
  caseToColumns,
  findCaseRegion,
  findCaseRow,
  rowToCase,
  updateCaseVersioned,
} from "../../../db/queries/case-queries";
import { markCaseSeen } from "../../../db/queries/case-seen-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import type { Actor } from "../../../domain/auth/actor";
import { allowedActions, caseTargets, transition } from "../../../domain/case/case-machine";
import { authorizeCase, caseAbilities } from "../../../domain/case/case-policy";
import { type CaseActionInput, parseCaseInput } from "../../../domain/case/case-schemas";
import { type Case, type CaseAction, caseEventVerb } from "../../../domain/case/case-types";
import { samePersonRefusal } from "../../../domain/case/honest-closure";
import { AppError } from "../../../domain/errors";
import { chainOf } from "../../../domain/trail/trail-root";
import type { Deps } from "../../deps";
import { evidenceStore } from "../../storage/evidence-stores";
import { sealTrailSoon } from "../../trail/seal-trail";
import { attachChecked } from "../evidence/holder-evidence";
import { notifyCase } from "../notifications/notify-case";
import { anotherPersonCloses } from "../settings/county-settings";
import { prepareAction } from "./case-action-checks";
import { deadlineOfFor } from "./case-deadlines";
import { caseSettings } from "./case-settings";
import { tallyCaseStep } from "./case-step-tally";
import { type Outcome, requestHash, runIdempotent } from "./idempotent";
import { loadNames, presentCase } from "./present-case";

export interface ActOptions {
  /** The version the client saw (`If-Match`); a different current version is a 409 conflict. */
  ifMatch?: number;
  /** Idempotency key from the header (the body's `idempotencyKey` wins). */
  idempotencyKey?: string;
  en?: boolean;
  /**
   * The actor's seen marker of the case moves with the change, in the same transaction (issue 13.1: a
   * change the user made is not news to them); the console's routes ask for it.
   */
  markSeen?: boolean;
}

export interface ActionResult {
  case: ReturnType<typeof presentCase>;
  abilities: Record<CaseAction, boolean>;
  event: { id: number; action: string; from: string | null; to: string; at: string };
}

/** Escalation goes to the office of the level above: none -> county (6) -> city (4) -> province (2). */
export function levelAbove(level: number | null): number {
  if (level === null) return 6;
  return level > 4 ? 4 : 2;
}

/** 同人不得闭环: 409 `same_person_closure` before the role check, while the county's rule is on. */
function refuseSamePerson(actor: Actor, action: CaseAction, kase: Case, on: boolean) {
  const reason = samePersonRefusal(actor.id, action, kase, on);
  if (reason) throw new AppError("same_person_closure", { ...reason, details: { action } });
}

/** The comment of an event: the reason or the note of the input. */
const commentOf = (input: Record<string, unknown>) =>
  (typeof input.reason === "string" && input.reason) ||
  (typeof input.note === "string" && input.note) ||
  null;

/**
 * One action on a case: lock the row, authorize (404 out of scope, 409 `same_person_closure` under the
 * county's 同人不得闭环 rule, 403 not allowed), check the stage
 * (409 with the allowed actions), validate (422), apply the pure transition, write it under the version
 * check, record the event with from/to/comment/evidence hashes, and notify — all in one transaction.
 */
export async function actOnCase(
  deps: Deps,
  actor: Actor,
  caseId: string,
  action: CaseAction,
  rawInput: unknown,
  opts: ActOptions = {},
): Promise<Outcome<ActionResult>> {
  const key = ((rawInput ?? {}) as { idempotencyKey?: unknown }).idempotencyKey;
  const idemKey = typeof key === "string" ? key : opts.idempotencyKey;
  const idem = idemKey ? { key: idemKey, hash: requestHash(`case.${caseId}.${action}`, rawInput) } : null;
  // On PostgreSQL the case's chain, read before the transaction (a case's region never changes), is
  // locked first, before the case row: batches of different counties then run side by side.
  const region = deps.dialect === "postgres" ? await findCaseRegion(deps.db, caseId) : undefined;
  const outcome = await runIdempotent(
    deps,
    actor,
    idem,
    async (tx) => {
      const now = deps.clock.now();
      const row = await findCaseRow(tx, caseId, true);
      if (!row) throw new AppError("not_found");
      const kase = rowToCase(row);
      authorizeCase(actor, "read", kase);
      const anotherPerson = await anotherPersonCloses(tx, kase.regionCode.slice(0, 6));
      if (caseTargets(kase.stage, action).length > 0) refuseSamePerson(actor, action, kase, anotherPerson);
      authorizeCase(actor, action, kase);
      if (caseTargets(kase.stage, action).length === 0)
        throw new AppError("invalid_transition", {
          details: { stage: kase.stage, action, allowed: allowedActions(kase.stage) },
        });
      if (opts.ifMatch !== undefined && opts.ifMatch !== row.version)
        throw new AppError("conflict", { details: { version: row.version } });
      const parsed = parseCaseInput(action, rawInput) as CaseActionInput<CaseAction> &
        Record<string, unknown>;
      const prepared = await prepareAction(tx, evidenceStore(deps, tx), actor, kase, action, parsed, now);
      const { idempotencyKey: _k, ...input } = prepared.input;
      const result = transition(kase, action, {
        actor,
        now,
        input: input as never,
        deadlineOf: await deadlineOfFor(deps, tx, kase.regionCode),
        maxRecheckDistanceM: caseSettings.recheckMaxDistanceM,
      });
      const next: Case = { ...kase, ...result.next };
      const columns = caseToColumns(result.next);
      if (action === "escalate")
        columns.escalationLevel = Math.min(
          prepared.escalationLevel ?? levelAbove(row.escalationLevel),
          row.escalationLevel ?? 6,
        );
      if (action === "triage" && next.escalated && row.escalationLevel === null) columns.escalationLevel = 6;
      const at = now.toISOString();
      if (!(await updateCaseVersioned(tx, caseId, row.version, columns, at)))
        throw new AppError("conflict", { details: { version: row.version } });
      await attachChecked(tx, prepared.evidence, { caseId }, kase.regionCode);
      // The deadline of the stage being left: the step is late when done after it (dashboards, issue 13.2).
      const due = result.event.from !== result.event.to ? kase.deadline : null;
      await tallyCaseStep(deps, tx, kase, {
        action,
        at,
        due,
        passed: typeof input.passed === "boolean" ? input.passed : undefined,
        lateBefore: row.lateSteps > 0,
      });
      const eventName = `case.${caseEventVerb[action]}`;
      const data = {
        ...result.event.data,
        idempotencyKey: undefined,
        from: result.event.from,
        to: result.event.to,
        comment: commentOf(input),
        evidence: prepared.evidence.map((e) => ({ id: e.id, sha256: e.sha256 })),
        ...prepared.eventData,
        ...(due ? { due } : {}),
      };
      delete data.idempotencyKey;
      await notifyCase(tx, {
        kase: next,
        kind: eventName,
        at: now,
        actorId: actor.id,
        escalationLevel: columns.escalationLevel ?? row.escalationLevel,
        passed: typeof input.passed === "boolean" ? input.passed : undefined,
        data: { from: result.event.from, to: result.event.to, comment: data.comment },
      });
      // The answer from what is known (no re-read), then the trail last: on PostgreSQL the trail's lock is
      // held only from here to the commit.
      const stored = { ...row, ...columns, version: row.version + 1, updatedAt: at } as CaseRow;
      const names = await loadNames(tx, [stored]);
      const ev = await insertEvent(
        tx,
        actor,
        { action: eventName, subjectType: "case", subjectId: caseId, regionCode: kase.regionCode, data },
        now,
      );
      for (const extra of prepared.relatedEvents)
        await insertEvent(tx, actor, { ...extra, subjectType: "case", regionCode: kase.regionCode }, now);
      if (opts.markSeen) await markCaseSeen(tx, actor.id, caseId, at);
      const body: ActionResult = {
        case: presentCase(stored, names, now, opts.en ?? false),
        abilities: caseAbilities(actor, rowToCase(stored), anotherPerson),
        event: { id: ev.id, action: eventName, from: result.event.from, to: result.event.to, at },
      };
      return { status: 200, body };
    },
    region === undefined ? [] : [chainOf(region)],
  );
  // An action on a major hazard is witnessed outside the database at once, not at the next job pass.
  if (!outcome.replay && outcome.body.case.type === "major_hazard") sealTrailSoon(deps);
  return outcome;
}
