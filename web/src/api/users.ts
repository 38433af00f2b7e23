import type { Role } from "../../../domain/auth/roles";
import { api, queryString } from "./client";
import { putForm } from "./file-transfer";
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

/** A grid worker's duty-card photo (JPEG/PNG ≤ 2 MB; the server strips its metadata). */
export async function putUserPhoto(id: string, file: File) {
  const form = new FormData();
  form.append("file", file, file.name);
  return putForm<{ photoEvidenceId: string }>(`/users/${encodeURIComponent(id)}/photo`, form);
}
export const removeUserPhoto = (id: string) => api.delete(`/users/${encodeURIComponent(id)}/photo`);
export const userPhotoUrl = (id: string) => `/api/v1/users/${encodeURIComponent(id)}/photo`;
