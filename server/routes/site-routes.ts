import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { findSiteByUscc, listSites } from "../../db/queries/site-queries";
import { covers } from "../../domain/auth/actor";
import { siteGate, sitePolicy } from "../../domain/policies/site-policy";
import { idParams } from "../../domain/schemas/common-schemas";
import {
  checkUsccInput,
  createSiteInput,
  overrideAssignmentInput,
  siteListQuery,
  updateSiteInput,
} from "../../domain/schemas/site-schemas";
import { createSite } from "../commands/sites/create-site";
import { overrideAssignment } from "../commands/sites/override-assignment";
import { usccProblem } from "../commands/sites/site-fields";
import { siteFile } from "../commands/sites/site-file";
import { findVisibleSite, updateSite } from "../commands/sites/update-site";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { presentSite, siteView } from "./site-presenter";

const fileEvent = z.object({
  id: z.number(),
  at: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  actor: z.object({ id: z.string(), displayName: z.string(), role: z.string() }).nullable(),
  summary: z.string(),
  links: z.array(
    z.object({
      kind: z.string(),
      id: z.string(),
      href: z.string().nullable(),
      label: z.object({ zh: z.string(), en: z.string() }),
    }),
  ),
  data: z.record(z.string(), z.unknown()),
});

export function siteRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/sites",
      {
        config: { access: "signed_in", policy: siteGate.read },
        schema: {
          tags: ["sites"],
          summary: "监督管理对象列表",
          querystring: siteListQuery,
          response: {
            200: z.object({
              items: z.array(siteView),
              total: z.number(),
              abilities: z.object({ create: z.boolean(), import: z.boolean(), export: z.boolean() }),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const { items, total } = await listSites(deps.db, actor, req.query);
        const en = wantsEnglish(req);
        return {
          items: items.map((s) => presentSite(s, actor, en)),
          total,
          abilities: {
            create: actor.scope.some((s) => sitePolicy.create(actor, s)),
            import: actor.scope.some((s) => sitePolicy.import(actor, s)),
            export: sitePolicy.export(actor),
          },
        };
      },
    );

    app.get(
      "/sites/:id",
      {
        config: { access: "signed_in", policy: siteGate.read },
        schema: {
          tags: ["sites"],
          summary: "监督管理对象详情",
          params: idParams,
          response: { 200: siteView },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return presentSite(await findVisibleSite(deps.db, actor, req.params.id), actor, wantsEnglish(req));
      },
    );

    app.post(
      "/sites",
      {
        config: { access: "signed_in", policy: siteGate.create },
        schema: {
          tags: ["sites"],
          summary: "登记监督管理对象（自动分配网格、网格员、监管部门）",
          body: createSiteInput,
          response: { 201: siteView },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const site = await createSite(deps, actor, req.body);
        return reply.status(201).send(presentSite(site, actor, wantsEnglish(req)));
      },
    );

    app.patch(
      "/sites/:id",
      {
        config: { access: "signed_in", policy: siteGate.create },
        schema: {
          tags: ["sites"],
          summary: "修改监督管理对象",
          params: idParams,
          body: updateSiteInput,
          response: { 200: siteView },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return presentSite(await updateSite(deps, actor, req.params.id, req.body), actor, wantsEnglish(req));
      },
    );

    app.post(
      "/sites/:id/assignment",
      {
        config: { access: "signed_in", policy: siteGate.override },
        schema: {
          tags: ["sites"],
          summary: "人工调整网格、网格员或监管部门（须填写理由）",
          params: idParams,
          body: overrideAssignmentInput,
          response: { 200: siteView },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return presentSite(
          await overrideAssignment(deps, actor, req.params.id, req.body),
          actor,
          wantsEnglish(req),
        );
      },
    );

    app.post(
      "/sites/check-uscc",
      {
        config: { access: "signed_in", policy: siteGate.read },
        schema: {
          tags: ["sites"],
          summary: "校验统一社会信用代码（GB 32100-2015）并查重",
          body: checkUsccInput,
          response: {
            200: z.object({
              ok: z.boolean(),
              problem: z.string().optional(),
              message: z.string(),
              suggestion: z.string().optional(),
              duplicateOf: z.object({ id: z.string(), name: z.string() }).optional(),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const en = wantsEnglish(req);
        const p = usccProblem(req.body.uscc) ?? (req.body.uscc.trim() ? null : usccProblem(" "));
        if (p)
          return {
            ok: false,
            problem: String(p.details?.problem ?? p.code),
            message: en ? p.en : p.zh,
            suggestion: (p.details?.suggestion as string | undefined) ?? undefined,
          };
        const taken = await findSiteByUscc(deps.db, req.body.uscc);
        if (taken)
          return {
            ok: false,
            problem: "duplicate",
            message: en ? "Already registered" : "该代码已登记",
            duplicateOf: covers(actor, taken.regionCode) ? { id: taken.id, name: taken.name } : undefined,
          };
        return { ok: true, message: en ? "Valid" : "代码有效" };
      },
    );

    app.get(
      "/sites/:id/file",
      {
        config: { access: "signed_in", policy: siteGate.read },
        schema: {
          tags: ["sites"],
          summary: "监督管理对象动态监管档案（全过程留痕）",
          params: idParams,
          response: { 200: z.object({ site: siteView, events: z.array(fileEvent) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const en = wantsEnglish(req);
        const file = await siteFile(deps, actor, req.params.id, en);
        return { site: presentSite(file.site, actor, en), events: file.events };
      },
    );
  };
}
