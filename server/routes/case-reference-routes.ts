import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { configuredDeadlineRules } from "../../db/queries/case-deadline-queries";
import { defaultDeadlineRules } from "../../domain/case/deadline-rules";
import { AppError } from "../../domain/errors";
import { caseTaxonomyPolicy } from "../../domain/policies/case-taxonomy-policy";
import { deadlineRuleGate } from "../../domain/policies/deadline-rule-policy";
import {
  createDeadlineRule,
  deadlineRuleInput,
  removeDeadlineRule,
} from "../commands/cases/save-deadline-rule";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";

/** Deadline rules (工作时限); the categories are in case-category-routes. */
export function caseReferenceRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/case-deadline-rules",
      {
        config: { access: "signed_in", policy: deadlineRuleGate.read },
        schema: {
          tags: ["cases"],
          summary: "办理时限规则",
          querystring: z.strictObject({
            region: z
              .string()
              .regex(/^\d{2,12}$/, { error: "行政区划代码无效" })
              .optional(),
          }),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const region = req.query.region ?? actor.scope[0] ?? "";
        // Like the categories: the rules of a region in or above the actor's jurisdiction, 404 elsewhere.
        if (region && !caseTaxonomyPolicy.read(actor, region)) throw new AppError("not_found");
        const builtIn = defaultDeadlineRules.map((r, i) => ({ id: `builtin-${i + 1}`, ...r, builtIn: true }));
        const configured = region ? await configuredDeadlineRules(deps.db, region) : [];
        return { items: [...builtIn, ...configured.map((r) => ({ ...r, builtIn: false }))] };
      },
    );

    app.post(
      "/case-deadline-rules",
      {
        config: { access: "signed_in", policy: deadlineRuleGate.manage },
        schema: { tags: ["cases"], summary: "新增办理时限规则", body: deadlineRuleInput },
        validatorCompiler: () => (data: unknown) => ({ value: data }),
      },
      async (req, reply) => reply.status(201).send(await createDeadlineRule(deps, actorOf(req), req.body)),
    );

    app.delete(
      "/case-deadline-rules/:id",
      {
        config: { access: "signed_in", policy: deadlineRuleGate.manage },
        schema: {
          tags: ["cases"],
          summary: "删除办理时限规则",
          params: z.strictObject({ id: z.string().min(1).max(64) }),
        },
      },
      async (req, reply) => {
        await removeDeadlineRule(deps, actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
