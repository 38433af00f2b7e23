import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { categoryConfigsFor } from "../../db/queries/case-category-queries";
import type { Actor } from "../../domain/auth/actor";
import {
  type CategoryConfig,
  caseCategoryInput,
  caseCategoryPatch,
  effectiveCategories,
} from "../../domain/case/category-taxonomy";
import { departmentKindLabel } from "../../domain/department/department-kinds";
import { AppError } from "../../domain/errors";
import { caseTaxonomyPolicy, categoryGate } from "../../domain/policies/case-taxonomy-policy";
import { idParams, regionCodeSchema } from "../../domain/schemas/common-schemas";
import {
  categoryConfigView,
  createCaseCategory,
  deleteCaseCategory,
  updateCaseCategory,
} from "../commands/cases/save-case-category";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";

const configView = z.object({
  id: z.string(),
  regionPrefix: z.string(),
  code: z.string(),
  zh: z.string().nullable(),
  en: z.string().nullable(),
  defaultDepartmentKind: z.string().nullable(),
  active: z.boolean().nullable(),
});

const categoryView = z.object({
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  label: z.string(),
  defaultDepartmentKind: z.string(),
  defaultDepartmentKindLabel: z.string(),
  active: z.boolean(),
  builtIn: z.boolean(),
  regionPrefix: z.string().nullable(),
  /** The row configured at exactly the requested region (what PATCH / DELETE change), if any. */
  config: configView.nullable(),
  abilities: z.object({ manage: z.boolean() }),
});

const presentConfig = (c: CategoryConfig) => ({ id: c.id, ...categoryConfigView(c) });

/** The effective taxonomy of a region the actor may read (404 otherwise). */
async function taxonomyView(deps: Deps, actor: Actor, region: string, en: boolean) {
  if (!caseTaxonomyPolicy.read(actor, region)) throw new AppError("not_found");
  const configs = await categoryConfigsFor(deps.db, [region]);
  const here = region.slice(0, 6);
  const manage = caseTaxonomyPolicy.manage(actor, here);
  const items = effectiveCategories(configs, region).map((c) => {
    const kind = departmentKindLabel[c.defaultDepartmentKind];
    const config = configs.find((x) => x.regionPrefix === here && x.code === c.code);
    return {
      code: c.code,
      zh: c.zh,
      en: c.en,
      label: en ? c.en : c.zh,
      defaultDepartmentKind: c.defaultDepartmentKind,
      defaultDepartmentKindLabel: en ? kind.en : kind.zh,
      active: c.active,
      builtIn: c.builtIn,
      regionPrefix: c.regionPrefix,
      config: config ? presentConfig(config) : null,
      abilities: { manage },
    };
  });
  return { region, items, abilities: { manage } };
}

/** Case categories (行业类别): the effective taxonomy of a region and its configuration. */
export function caseCategoryRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/case-categories",
      {
        config: { access: "signed_in", policy: categoryGate.read },
        schema: {
          tags: ["cases"],
          summary: "案件行业类别（地区有效类别）",
          querystring: z.strictObject({ region: regionCodeSchema.optional() }),
          response: {
            200: z.object({
              region: z.string(),
              items: z.array(categoryView),
              abilities: z.object({ manage: z.boolean() }),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const region = req.query.region ?? actor.scope[0] ?? "";
        if (!region) return { region, items: [], abilities: { manage: false } };
        return taxonomyView(deps, actor, region, wantsEnglish(req));
      },
    );

    app.post(
      "/case-categories",
      {
        config: { access: "signed_in", policy: categoryGate.manage },
        schema: {
          tags: ["cases"],
          summary: "新增或覆盖地区的案件类别",
          body: caseCategoryInput,
          response: { 201: configView },
        },
        validatorCompiler: () => (data: unknown) => ({ value: data }),
      },
      async (req, reply) =>
        reply.status(201).send(presentConfig(await createCaseCategory(deps, actorOf(req), req.body))),
    );

    app.patch(
      "/case-categories/:id",
      {
        config: { access: "signed_in", policy: categoryGate.manage },
        schema: {
          tags: ["cases"],
          summary: "修改、停用或启用地区配置的案件类别",
          params: idParams,
          body: caseCategoryPatch,
          response: { 200: configView },
        },
        validatorCompiler: () => (data: unknown) => ({ value: data }),
      },
      async (req) => presentConfig(await updateCaseCategory(deps, actorOf(req), req.params.id, req.body)),
    );

    app.delete(
      "/case-categories/:id",
      {
        config: { access: "signed_in", policy: categoryGate.manage },
        schema: { tags: ["cases"], summary: "删除地区的案件类别配置", params: idParams },
      },
      async (req, reply) => {
        await deleteCaseCategory(deps, actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
