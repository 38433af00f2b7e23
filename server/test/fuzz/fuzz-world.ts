import type { FastifyInstance } from "fastify";
import { fixtureGrids, siteBody } from "../../routes/grid-test-fixtures";
import type { FuzzWorld } from "./openapi-fuzz";

async function created(
  app: FastifyInstance,
  token: string,
  method: "POST" | "PUT",
  url: string,
  payload: unknown,
) {
  const res = await app.inject({
    method,
    url,
    payload: payload as object,
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.statusCode >= 300) throw new Error(`fuzz world: ${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * Real rows for the fuzzer to aim at, created through the API as the county office: a grid, a site, a case,
 * and the ids of a plain user (not one the fuzzer signs in as) and a department.
 */
export async function buildFuzzWorld(
  app: FastifyInstance,
  countyToken: string,
  known: { userId: string; departmentId: string; regionCode: string },
): Promise<FuzzWorld> {
  const grid = await created(app, countyToken, "POST", "/api/v1/grids", fixtureGrids.B);
  const site = await created(
    app,
    countyToken,
    "POST",
    "/api/v1/sites",
    siteBody({ regionCode: "620123100002", lon: 104.03, lat: 35.81 }),
  );
  const kase = await created(app, countyToken, "POST", "/api/v1/cases", {
    source: "grid_worker",
    type: "general_hazard",
    category: "gas",
    description: "餐馆后厨液化气钢瓶放在地下室",
    location: { lng: 104.1146, lat: 35.8457 },
    regionCode: "620123100001",
  });
  const caseId = (kase.case ?? kase).id as string;
  return {
    regionCode: known.regionCode,
    ids: {
      cases: caseId,
      caseId,
      targetCaseId: caseId,
      grids: grid.id,
      gridId: grid.id,
      sites: site.id,
      siteId: site.id,
      users: known.userId,
      userId: known.userId,
      departments: known.departmentId,
      departmentId: known.departmentId,
    },
  };
}
