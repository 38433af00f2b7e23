import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { industryPolicy } from "../../domain/policies/industry-policy";
import { errorBody } from "../../domain/schemas/common-schemas";
import {
  addSynonym,
  industrySearchQuery,
  industrySynonymInput,
  listSynonyms,
  removeSynonym,
  searchIndustries,
} from "../commands/industries/industry-lookup";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";

const passThrough = () => (data: unknown) => ({ value: data });
const hit = z.object({
  code: z.string(),
  label: z.string(),
  synonym: z.string().nullable(),
  matchedBy: z.enum(["code", "name", "synonym", "pinyin"]),
  kind: z.string().nullable(),
});
const synonymView = z.object({
  id: z.string(),
  term: z.string(),
  code: z.string(),
  label: z.string(),
  kind: z.string().nullable(),
  regionCode: z.string(),
  createdAt: z.string(),
  abilities: z.object({ remove: z.boolean() }),
});

/**
 * The one industry look-up (R6) the site form, the report form and the import mapping use, and the province
 * office's own synonyms.
 */
export function industryRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/industries",
      {
        config: { access: "signed_in", policy: industryPolicy.readGate },
        schema: {
          tags: ["sites"],
          summary: "查找国民经济行业分类（代码、名称、俗称如“加油站”、拼音首字母）",
          querystring: industrySearchQuery,
          response: { 200: z.object({ items: z.array(hit) }), 422: errorBody },
        },
      },
      async (req) => searchIndustries(deps, req.query, wantsEnglish(req)),
    );

    app.get(
      "/industry-synonyms",
      {
        config: { access: "signed_in", policy: industryPolicy.readGate },
        schema: {
          tags: ["sites"],
          summary: "省安委办维护的行业俗称",
          response: {
            200: z.object({ items: z.array(synonymView), abilities: z.object({ add: z.boolean() }) }),
          },
        },
      },
      async (req) => listSynonyms(deps, actorOf(req), wantsEnglish(req)),
    );

    app.post(
      "/industry-synonyms",
      {
        config: { access: "signed_in", policy: industryPolicy.manageGate },
        schema: {
          tags: ["sites"],
          summary: "新增行业俗称（省安委办），记入审计日志 industry_synonym.added",
          body: industrySynonymInput,
          response: {
            201: z.object({
              id: z.string(),
              term: z.string(),
              code: z.string(),
              kind: z.string().nullable(),
              regionCode: z.string(),
            }),
            403: errorBody,
            409: errorBody,
            422: errorBody,
          },
        },
        validatorCompiler: ({ httpPart }) =>
          httpPart === "body" ? passThrough() : (d: unknown) => ({ value: d }),
      },
      async (req, reply) => reply.code(201).send(await addSynonym(deps, actorOf(req), req.body)),
    );

    app.delete(
      "/industry-synonyms/:id",
      {
        config: { access: "signed_in", policy: industryPolicy.manageGate },
        schema: {
          tags: ["sites"],
          summary: "删除行业俗称（省安委办），记入审计日志 industry_synonym.removed",
          params: z.object({ id: z.string().min(1).max(64) }),
          response: { 204: z.null(), 403: errorBody, 404: errorBody },
        },
      },
      async (req, reply) => {
        await removeSynonym(deps, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
