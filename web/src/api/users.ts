import type { Role } from "../../../domain/auth/roles";
import { api, queryString } from "./client";
import type { User } from "./types";

export interface UserFilter {
  region?: string;
  role?: Role;
  q?: string;
  page: number;
  pageSize: number;
}

export interface UserInput {
  username: string;
  displayName: string;
  role: Role;
  scope: string[];
  departmentId?: string | null;
  phone?: string | null;
  password: string;
}

export type UserPatch = Partial<Omit<UserInput, "username" | "password">> & { status?: User["status"] };

export const fetchUsers = (filter: UserFilter) =>
  api.get<{ items: User[]; total: number; abilities: { create: boolean } }>(
    `/users${queryString({ ...filter })}`,
  );

export const createUser = (input: UserInput) => api.post<{ user?: User }>("/users", input);

export const updateUser = (id: string, patch: UserPatch) =>
  api.patch<{ user?: User }>(`/users/${encodeURIComponent(id)}`, patch);

export const resetUserPassword = (id: string, password: string) =>
  api.post<void>(`/users/${encodeURIComponent(id)}/password`, { password });
