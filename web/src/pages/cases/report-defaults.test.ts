import { expect, it } from "vitest";
import { defaultSource, IdempotentRequest } from "./report-defaults";

it("a retry or double click of the same report reuses its idempotency key; a changed report gets a new one", () => {
  let n = 0;
  const req = new IdempotentRequest(() => `k${++n}`);
  const body = { category: "gas", description: "钢瓶放在地下室" };
  expect(req.keyFor(body)).toBe("k1");
  expect(req.keyFor({ ...body })).toBe("k1");
  expect(req.keyFor({ ...body, description: "钢瓶已移出" })).toBe("k2");
  expect(req.keyFor(body)).toBe("k3");
});

it("a report's usual source follows the reporter's role", () => {
  expect(defaultSource("grid_worker")).toBe("grid_worker");
  expect(defaultSource("cooperating_department")).toBe("department");
  expect(defaultSource("township_station")).toBe("patrol");
  expect(defaultSource("county_office")).toBe("hotline");
});
