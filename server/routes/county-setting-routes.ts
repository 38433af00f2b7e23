import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { countySettingPolicy } from "../../domain/policies/county-setting-policy";
import { errorBody } from "../../domain/schemas/common-schemas";
import {
  countyCodeParams,
  countySettingsInput,
  readCountySettings,
  updateCountySettings,
} from "../commands/settings/county-settings";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";

const passThrough = () => (data: unknown) => ({ value: data });
const view = z.object({
  regionCode: z.string(),
  anotherPersonCloses: z.boolean(),
  hotline: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  abilities: z.object({ manage: z.boolean() }),
});

/** A county's settings: 同人不得闭环 (another person re-checks and closes), on by default. */
export function countySettingRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/county-settings/:regionCode",
      {
        config: { access: "signed_in", policy: countySettingPolicy.readGate },
        schema: {
          tags: ["cases"],
          summary: "县区设置（同人不得闭环）",
          params: countyCodeParams,
          response: { 200: view, 404: errorBody },
        },
      },
      async (req) => readCountySettings(deps, actorOf(req), req.params.regionCode),
    );

    app.patch(
      "/county-settings/:regionCode",
      {
        config: { access: "signed_in", policy: countySettingPolicy.manageGate },
        schema: {
          tags: ["cases"],
          summary: "修改县区设置（同人不得闭环、举报电话；县、市、省安委办）",
          description: "记入审计日志 county_setting.updated（新旧值）",
          params: countyCodeParams,
          body: countySettingsInput,
          response: { 200: view, 403: errorBody, 404: errorBody, 422: errorBody },
        },
        validatorCompiler: ({ httpPart }) =>
          httpPart === "body" ? passThrough() : (d: unknown) => ({ value: d }),
      },
      async (req) =>
        updateCountySettings(deps, actorOf(req), (req.params as { regionCode: string }).regionCode, req.body),
    );
  };
}
