import { api, queryString } from "./client";
import type { RoutingRule } from "./types";

export type RoutingRuleInput = Omit<RoutingRule, "id" | "abilities">;

export const fetchRoutingRules = (region: string) =>
  api.get<{ items: RoutingRule[]; abilities: { update: boolean } }>(
    `/routing-rules${queryString({ region })}`,
  );

export const createRoutingRule = (input: RoutingRuleInput) => api.post<unknown>("/routing-rules", input);

export const updateRoutingRule = (id: string, patch: Partial<RoutingRuleInput>) =>
  api.patch<unknown>(`/routing-rules/${encodeURIComponent(id)}`, patch);

export const deleteRoutingRule = (id: string) => api.delete(`/routing-rules/${encodeURIComponent(id)}`);
