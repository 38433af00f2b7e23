import { api, queryString } from "./client";
import type { Department, DepartmentKind, GridRole } from "./types";

export interface DepartmentInput {
  regionCode: string;
  name: string;
  kind: string;
  gridRole: GridRole;
}

export type DepartmentPatch = Partial<Omit<DepartmentInput, "regionCode">> & {
  status?: Department["status"];
};

export const fetchDepartments = (region: string) =>
  api.get<{ items: Department[]; abilities?: { create?: boolean } }>(
    `/departments${queryString({ region })}`,
  );

/** A department's active people (id and name), for its own members and the offices that keep it. */
export interface DepartmentMember {
  id: string;
  displayName: string;
}

export const fetchDepartmentMembers = (id: string) =>
  api
    .get<{ items: DepartmentMember[] }>(`/departments/${encodeURIComponent(id)}/members`)
    .then((r) => r.items);

export const createDepartment = (input: DepartmentInput) =>
  api.post<{ department?: Department }>("/departments", input);

export const updateDepartment = (id: string, patch: DepartmentPatch) =>
  api.patch<{ department?: Department }>(`/departments/${encodeURIComponent(id)}`, patch);

let kindsPromise: Promise<DepartmentKind[]> | null = null;

/** The department kinds (fetched once). */
export function fetchDepartmentKinds(): Promise<DepartmentKind[]> {
  if (!kindsPromise) {
    kindsPromise = api.get<{ items: DepartmentKind[] }>("/department-kinds").then((r) => r.items);
    kindsPromise.catch(() => {
      kindsPromise = null;
    });
  }
  return kindsPromise;
}
