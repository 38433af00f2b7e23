import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listDepartments } from "../../db/queries/department-queries";
import type { DepartmentTable } from "../../db/schema/core-tables";
import type { Actor } from "../../domain/auth/actor";
import {
  type DepartmentKind,
  departmentKindLabel,
  departmentKinds,
} from "../../domain/department/department-kinds";
import { departmentGate, departmentPolicy } from "../../domain/policies/department-policy";
import { regionGate } from "../../domain/policies/region-policy";
import { errorBody, idParams } from "../../domain/schemas/common-schemas";
import {
  createDepartmentInput,
  departmentListQuery,
  departmentMemberView,
  departmentView,
  updateDepartmentInput,
} from "../../domain/schemas/department-schemas";
import { departmentMembers } from "../commands/departments/department-members";
import { createDepartment, updateDepartment } from "../commands/departments/save-department";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";

export function presentDepartment(d: DepartmentTable, actor: Actor, en = false) {
  const label = departmentKindLabel[d.kind as DepartmentKind];
  return {
    id: d.id,
    regionCode: d.regionCode,
    name: d.name,
    kind: d.kind,
    kindLabel: label ? (en ? label.en : label.zh) : d.kind,
    gridRole: d.gridRole,
    status: d.status,
    abilities: { update: departmentPolicy.manage(actor, d) },
  };
}

export function departmentRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/department-kinds",
      {
        config: { access: "signed_in", policy: regionGate.read },
        schema: {
          tags: ["departments"],
          summary: "部门类别",
          response: {
            200: z.object({ items: z.array(z.object({ kind: z.string(), zh: z.string(), en: z.string() })) }),
          },
        },
      },
      async () => ({ items: departmentKinds.map((kind) => ({ kind, ...departmentKindLabel[kind] })) }),
    );

    app.get(
      "/departments",
      {
        config: { access: "signed_in", policy: departmentGate.read },
        schema: {
          tags: ["departments"],
          summary: "部门列表",
          querystring: departmentListQuery,
          response: {
            200: z.object({ items: z.array(departmentView), abilities: z.object({ create: z.boolean() }) }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        // Departments above the actor's region (e.g. the county's, for a township user) are visible too.
        const widened = [
          ...new Set(actor.scope.flatMap((s) => [s, s.slice(0, 6), s.slice(0, 4), s.slice(0, 2)])),
        ];
        const rows = await listDepartments(deps.db, widened, req.query.region);
        const visible = rows.filter((d) => departmentPolicy.read(actor, d));
        return {
          items: visible.map((d) => presentDepartment(d, actor, wantsEnglish(req))),
          abilities: {
            create: actor.scope.some(
              (s) => s.length <= 6 && departmentPolicy.manage(actor, { regionCode: s }),
            ),
          },
        };
      },
    );

    app.get(
      "/departments/:id/members",
      {
        config: { access: "signed_in", policy: departmentGate.members },
        schema: {
          tags: ["departments"],
          summary: "部门在岗人员（姓名）",
          params: idParams,
          response: { 200: z.object({ items: z.array(departmentMemberView) }) },
        },
      },
      async (req) => ({ items: await departmentMembers(deps, actorOf(req), req.params.id) }),
    );

    app.post(
      "/departments",
      {
        config: { access: "signed_in", policy: departmentGate.manage },
        schema: {
          tags: ["departments"],
          summary: "新建部门",
          description: "409 duplicate：本辖区已有同名部门。",
          body: createDepartmentInput,
          response: { 201: departmentView, 409: errorBody },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const d = await createDepartment(deps, actor, req.body);
        return reply.status(201).send(presentDepartment(d, actor, wantsEnglish(req)));
      },
    );

    app.patch(
      "/departments/:id",
      {
        config: { access: "signed_in", policy: departmentGate.manage },
        schema: {
          tags: ["departments"],
          summary: "修改部门",
          params: idParams,
          body: updateDepartmentInput,
          response: { 200: departmentView, 409: errorBody },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const d = await updateDepartment(deps, actor, req.params.id, req.body);
        return presentDepartment(d, actor, wantsEnglish(req));
      },
    );
  };
}
