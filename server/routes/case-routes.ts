import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { caseQueues, countCases, listCases, queuesFor } from "../../db/queries/case-list-queries";
import { markCaseSeen, seenAtOf } from "../../db/queries/case-seen-queries";
import { caseActionInputs, reportCaseInput } from "../../domain/case/case-schemas";
import { type CaseAction, caseActions } from "../../domain/case/case-types";
import { type ClosureAction, closureActions } from "../../domain/case/honest-closure";
import { AppError } from "../../domain/errors";
import { caseGate } from "../../domain/policies/case-policy";
import { errorBody } from "../../domain/schemas/common-schemas";
import { seenState } from "../../domain/workbench/seen-state";
import { type ActionResult, actOnCase } from "../commands/cases/act-on-case";
import type { Outcome } from "../commands/cases/idempotent";
import { loadNames, presentCaseRow } from "../commands/cases/present-case";
import { caseDetail } from "../commands/cases/read-case";
import { reportCase } from "../commands/cases/report-case";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { caseBulkRoutes } from "./case-bulk-routes";
import { caseListQuery, caseQueueLabel, toFilter } from "./case-list-query";

/** Accept any body here: the command validates after authorization, so 404/403/409 come before 422. */
const passThrough = () => (data: unknown) => ({ value: data });

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `Idempotency-Key` header (the body's `idempotencyKey` wins). */
export function idempotencyHeader(req: FastifyRequest): string | undefined {
  const h = req.headers["idempotency-key"];
  if (typeof h !== "string" || h === "") return undefined;
  if (!uuid.test(h))
    throw new AppError("validation_failed", {
      zh: "幂等键 Idempotency-Key 须为 UUID",
      en: "Idempotency-Key must be a UUID",
    });
  return h;
}

/** `If-Match: 3` (quotes and W/ accepted): the case version the client saw. */
export function ifMatchHeader(req: FastifyRequest): number | undefined {
  const h = req.headers["if-match"];
  if (typeof h !== "string" || h === "") return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(h.trim());
  if (!m)
    throw new AppError("validation_failed", {
      zh: "If-Match 须为案件版本号",
      en: "If-Match must be a version",
    });
  return Number(m[1]);
}

export function sendOutcome(reply: FastifyReply, out: Outcome<unknown>) {
  if (out.replay) reply.header("Idempotent-Replay", "true");
  return reply.status(out.status).send(out.body);
}

const caseIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export function caseRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/cases",
      {
        config: { access: "signed_in", policy: caseGate.read },
        schema: { tags: ["cases"], summary: "案件列表与工作队列", querystring: caseListQuery },
      },
      async (req) => {
        const actor = actorOf(req);
        const now = deps.clock.now();
        const page = await listCases(deps.db, actor, toFilter(req.query), now);
        const names = await loadNames(deps.db, page.items);
        const en = wantsEnglish(req);
        const seen = await seenAtOf(
          deps.db,
          actor.id,
          page.items.map((r) => r.id),
        );
        return {
          ...page,
          items: page.items.map((r) => ({
            ...presentCaseRow(r, names, now, en),
            seen: seenState(r.updatedAt, seen.get(r.id)),
          })),
        };
      },
    );

    app.get(
      "/cases/queues",
      {
        config: { access: "signed_in", policy: caseGate.read },
        schema: { tags: ["cases"], summary: "本角色的工作队列及数量" },
      },
      async (req) => {
        const actor = actorOf(req);
        const now = deps.clock.now();
        const items = [];
        for (const queue of queuesFor(actor))
          items.push({
            queue,
            ...caseQueueLabel[queue],
            count: await countCases(deps.db, actor, { queue }, now),
          });
        return { items };
      },
    );

    app.get(
      "/cases/:id",
      {
        config: { access: "signed_in", policy: caseGate.read },
        schema: {
          tags: ["cases"],
          summary: "案件详情（含时间轴、附件、通知、建议部门、疑似重复）",
          params: caseIdParams,
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const detail = await caseDetail(deps, actor, req.params.id, wantsEnglish(req));
        // Opening a case marks it seen for this user (the list stops marking it new or changed).
        await markCaseSeen(deps.db, actor.id, detail.case.id, deps.clock.now().toISOString());
        return detail;
      },
    );

    app.post(
      "/cases",
      {
        config: { access: "signed_in", policy: caseGate.report },
        schema: {
          tags: ["cases"],
          summary: "上报案件（支持幂等键）",
          body: reportCaseInput.safeExtend({ regionCode: z.string().optional() }),
        },
        validatorCompiler: passThrough,
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const out = await reportCase(deps, actor, req.body, {
          idempotencyKey: idempotencyHeader(req),
          en: wantsEnglish(req),
          // A change the user made is not news to them: their seen marker moves with it (issue 13.1),
          // in the command's own transaction (no second commit).
          markSeen: true,
        });
        return sendOutcome(reply, out);
      },
    );

    for (const action of caseActions) {
      app.post(
        `/cases/:id/${action}`,
        {
          config: { access: "signed_in", policy: caseGate[action] },
          schema: {
            tags: ["cases"],
            summary: `案件操作：${action}`,
            description:
              [
                closureActions.includes(action as ClosureAction)
                  ? "同人不得闭环（县区设置，默认启用）：整改反馈人、经办人复查/验收/结案，或牵头部门自办案件的经办人结案 → 409 same_person_closure（先于 403 检查）"
                  : "",
                action === "recheck"
                  ? "现场复查：网格员、村/居委会成员、乡镇安监站复查须带 location → 否则 422 recheck_location_required；复查位置与场所比较（far_from_site 标记）；复查照片与本案此前照片（上报、整改反馈、此前复查）SHA-256 相同 → 422 recheck_photo_reused（details.earlier 指明是哪张）"
                  : "",
              ]
                .filter(Boolean)
                .join("\n") || undefined,
            params: caseIdParams,
            body: caseActionInputs[action as CaseAction],
            response: { 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
          },
          validatorCompiler: ({ httpPart }) => (httpPart === "body" ? passThrough() : caseIdValidator),
        },
        async (req, reply) => {
          const actor = actorOf(req);
          const out: Outcome<ActionResult> = await actOnCase(
            deps,
            actor,
            (req.params as { id: string }).id,
            action,
            req.body ?? {},
            {
              ifMatch: ifMatchHeader(req),
              idempotencyKey: idempotencyHeader(req),
              en: wantsEnglish(req),
              markSeen: true,
            },
          );
          return sendOutcome(reply, out);
        },
      );
    }

    await app.register(caseBulkRoutes(deps));
  };
}

function caseIdValidator(data: unknown) {
  const r = caseIdParams.safeParse(data);
  return r.success ? { value: r.data } : { error: new AppError("not_found") };
}

export { caseQueues };
