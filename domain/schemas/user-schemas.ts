import { z } from "zod";
import { roles } from "../auth/roles";
import { pageQuery, regionCodeSchema } from "./common-schemas";

const username = z
  .string()
  .regex(/^[a-zA-Z0-9_.-]{3,40}$/, { error: "用户名为 3–40 位字母、数字、下划线、点或连字符" });
const password = z.string().min(1, { error: "请填写密码" }).max(256, { error: "密码过长" });
const phone = z
  .string()
  .regex(/^1\d{10}$/, { error: "手机号应为 11 位数字" })
  .nullable();

export const loginInput = z.strictObject({
  username: z.string().min(1, { error: "请填写用户名" }).max(100),
  password,
});

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  scope: z.array(z.string()),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  status: z.enum(["active", "disabled"]),
  phone: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  /** A grid worker's duty-card photo is on file. */
  hasPhoto: z.boolean().optional(),
});
export type UserView = z.infer<typeof userView>;

export const loginResult = z.object({ token: z.string(), user: userView, expiresAt: z.string() });

export const createUserInput = z.strictObject({
  username,
  displayName: z.string().trim().min(1, { error: "请填写姓名" }).max(50),
  role: z.enum(roles, { error: "角色无效" }),
  scope: z.array(regionCodeSchema).min(1, { error: "请至少选择一个管辖区域" }).max(50),
  departmentId: z.string().nullable().optional(),
  phone: phone.optional(),
  password,
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = z.strictObject({
  displayName: z.string().trim().min(1).max(50).optional(),
  role: z.enum(roles).optional(),
  scope: z.array(regionCodeSchema).min(1).max(50).optional(),
  departmentId: z.string().nullable().optional(),
  phone: phone.optional(),
  status: z.enum(["active", "disabled"]).optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const passwordInput = z.strictObject({ password });

export const userListQuery = z.strictObject({
  region: regionCodeSchema.optional(),
  role: z.enum(roles).optional(),
  q: z.string().max(50).optional(),
  ...pageQuery,
});
