import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type GridRow, listGrids } from "../../db/queries/grid-queries";
import { listGridWorkers, listWorkerCandidates } from "../../db/queries/grid-worker-queries";
import { findRegions } from "../../db/queries/region-queries";
import type { Actor } from "../../domain/auth/actor";
import { AppError } from "../../domain/errors";
import type { Areal } from "../../domain/geo/geometry";
import type { GeometryProblem } from "../../domain/geo/geometry-problem";
import { validateGridGeometry } from "../../domain/geo/validate-geometry";
import { gridGate, gridPolicy } from "../../domain/policies/grid-policy";
import { gridWorkerGate } from "../../domain/policies/grid-worker-policy";
import { idParams, regionCodeSchema } from "../../domain/schemas/common-schemas";
import {
  createGridInput,
  gridListQuery,
  gridWorkerListQuery,
  gridWorkersInput,
  mergeGridsInput,
  splitGridInput,
  splitPreviewInput,
  updateGridInput,
  validateGridInput,
} from "../../domain/schemas/grid-schemas";
import { geometryWarnings, problemView } from "../commands/grids/grid-geometry";
import { gridLayer } from "../commands/grids/grid-layer";
import { gridProblems } from "../commands/grids/grid-problems";
import { createGrid, findVisibleGrid, updateGrid } from "../commands/grids/save-grid";
import { mergeGrids, splitGrid, splitPreview } from "../commands/grids/split-merge-grids";
import { setGridWorkers } from "../commands/grids/staff-grid";
import type { Deps } from "../deps";
import { actorOf, type RouteGate } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { gridSummaryView, gridView, presentGrid, presentGridSummary, problemSchema } from "./grid-presenter";
import { presentGridWorker } from "./grid-staff-presenter";

const access = (policy: RouteGate) => ({ access: "signed_in" as const, policy });

export function gridRoutes(deps: Deps): FastifyPluginAsyncZod {
  async function full(g: GridRow, actor: Actor, en: boolean, warnings?: GeometryProblem[]) {
    const workers = await listGridWorkers(deps.db, [g.id]);
    const villages = (await findRegions(deps.db, JSON.parse(g.villageCodes))).map((r) => ({
      code: r.code,
      name: r.name,
    }));
    return presentGrid(
      g,
      actor,
      workers,
      villages,
      en,
      warnings?.map((w) => problemView(w, en)),
    );
  }

  return async (app) => {
    app.get(
      "/grids",
      {
        config: access(gridGate.read),
        schema: {
          tags: ["grids"],
          summary: "网格列表",
          querystring: gridListQuery,
          response: {
            200: z.object({
              items: z.array(gridSummaryView),
              total: z.number(),
              abilities: z.object({ create: z.boolean(), import: z.boolean() }),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const { items, total } = await listGrids(deps.db, actor, req.query);
        const create = actor.scope.some((s) => gridPolicy.create(actor, s));
        return {
          items: items.map((g) => presentGridSummary(g, actor, wantsEnglish(req))),
          total,
          abilities: { create, import: create },
        };
      },
    );

    app.get(
      "/grids/problems",
      {
        config: access(gridGate.problems),
        schema: {
          tags: ["grids"],
          summary: "网格几何检查：重叠、未覆盖区域、超出县界",
          querystring: z.strictObject({ region: regionCodeSchema }),
          response: {
            200: z.object({
              checkedGrids: z.number(),
              overlaps: z.array(problemSchema),
              gaps: z.object({ uncoveredShare: z.number(), problems: z.array(problemSchema) }).nullable(),
              outsideBoundary: z.array(problemSchema),
            }),
          },
        },
      },
      async (req) => gridProblems(deps, actorOf(req), req.query.region, wantsEnglish(req)),
    );

    app.get(
      "/grids/:id",
      {
        config: access(gridGate.read),
        schema: { tags: ["grids"], summary: "网格详情", params: idParams, response: { 200: gridView } },
      },
      async (req) => {
        const actor = actorOf(req);
        return full(await findVisibleGrid(deps.db, actor, req.params.id), actor, wantsEnglish(req));
      },
    );

    app.post(
      "/grids",
      {
        config: access(gridGate.manage),
        schema: {
          tags: ["grids"],
          summary: "新建网格（绘制）",
          body: createGridInput,
          response: { 201: gridView },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { grid, warnings } = await createGrid(deps, actor, req.body);
        return reply.status(201).send(await full(grid, actor, wantsEnglish(req), warnings));
      },
    );

    app.patch(
      "/grids/:id",
      {
        config: access(gridGate.manage),
        schema: {
          tags: ["grids"],
          summary: "修改网格",
          params: idParams,
          body: updateGridInput,
          response: { 200: gridView },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const { grid, warnings } = await updateGrid(deps, actor, req.params.id, req.body);
        return full(grid, actor, wantsEnglish(req), warnings);
      },
    );

    app.post(
      "/grids/validate",
      {
        config: access(gridGate.manage),
        schema: {
          tags: ["grids"],
          summary: "检查网格边界（不保存）",
          body: validateGridInput,
          response: { 200: z.object({ errors: z.array(problemSchema), warnings: z.array(problemSchema) }) },
        },
      },
      async (req) => {
        const en = wantsEnglish(req);
        const actor = actorOf(req);
        if (!gridPolicy.create(actor, req.body.regionCode)) throw new AppError("forbidden");
        const geometry = req.body.geometry as Areal;
        const errors = validateGridGeometry(geometry);
        if (errors.length) return { errors: errors.map((p) => problemView(p, en)), warnings: [] };
        const layer = await gridLayer(deps.db);
        const code = `${req.body.regionCode.padEnd(12, "0")}999`;
        const exclude = req.body.excludeId ? [req.body.excludeId] : [];
        const warnings = await geometryWarnings(deps.db, layer, code, geometry, exclude, actor);
        return { errors: [], warnings: warnings.map((p) => problemView(p, en)) };
      },
    );

    app.post(
      "/grids/:id/split-preview",
      {
        config: access(gridGate.manage),
        schema: {
          tags: ["grids"],
          summary: "拆分预览（按面积均分）",
          params: idParams,
          body: splitPreviewInput,
          response: {
            200: z.object({
              pieces: z.array(z.object({ type: z.string(), coordinates: z.array(z.unknown()) })),
            }),
          },
        },
      },
      async (req) => ({ pieces: await splitPreview(deps, actorOf(req), req.params.id, req.body.parts) }),
    );

    app.post(
      "/grids/:id/split",
      {
        config: access(gridGate.manage),
        schema: {
          tags: ["grids"],
          summary: "拆分网格",
          params: idParams,
          body: splitGridInput,
          response: { 201: z.object({ grids: z.array(gridView) }) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const en = wantsEnglish(req);
        const { grids, warnings } = await splitGrid(
          deps,
          actor,
          req.params.id,
          req.body as { version: number; pieces: { name: string; geometry: Areal }[] },
        );
        const out = [];
        for (const g of grids)
          out.push(
            await full(
              g,
              actor,
              en,
              warnings.filter((w) => w.grids?.includes(g.code)),
            ),
          );
        return reply.status(201).send({ grids: out });
      },
    );

    app.post(
      "/grids/merge",
      {
        config: access(gridGate.manage),
        schema: { tags: ["grids"], summary: "合并网格", body: mergeGridsInput, response: { 201: gridView } },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { grid, warnings } = await mergeGrids(deps, actor, req.body);
        return reply.status(201).send(await full(grid, actor, wantsEnglish(req), warnings));
      },
    );

    app.put(
      "/grids/:id/workers",
      {
        config: access(gridGate.manage),
        schema: {
          tags: ["grids"],
          summary: "配备网格员",
          params: idParams,
          body: gridWorkersInput,
          response: { 200: gridView },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return full(
          await setGridWorkers(deps, actor, req.params.id, req.body.workers),
          actor,
          wantsEnglish(req),
        );
      },
    );

    app.get(
      "/grid-workers",
      {
        config: access(gridWorkerGate.read),
        schema: {
          tags: ["grids"],
          summary: "网格员（可选人员）",
          querystring: gridWorkerListQuery,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  displayName: z.string(),
                  phone: z.string().nullable(),
                  regionCode: z.string(),
                  grids: z.array(
                    z.object({ id: z.string(), code: z.string(), name: z.string(), employment: z.string() }),
                  ),
                }),
              ),
              total: z.number(),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const { items, total } = await listWorkerCandidates(deps.db, actor, req.query);
        return { items: items.map((w) => presentGridWorker(actor, w)), total };
      },
    );
  };
}
