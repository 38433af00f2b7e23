import { z } from "zod";
import { departmentKinds } from "../department/department-kinds";
import { regionCodeSchema } from "./common-schemas";

const kind = z.enum(departmentKinds, { error: "部门类别无效" });
const gridRole = z.enum(["lead", "cooperating", "none"], { error: "网格职责应为牵头、配合或无" });

export const departmentView = z.object({
  id: z.string(),
  regionCode: z.string(),
  name: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  gridRole,
  status: z.enum(["active", "inactive"]),
  abilities: z.object({ update: z.boolean() }),
});

/** A department's active member as a colleague sees them: no username, phone or scope. */
export const departmentMemberView = z.object({ id: z.string(), displayName: z.string() });
export type DepartmentMemberView = z.infer<typeof departmentMemberView>;

export const createDepartmentInput = z.strictObject({
  regionCode: regionCodeSchema.refine((c) => c.length <= 6, { error: "部门须设在县级及以上" }),
  name: z.string().trim().min(2, { error: "请填写部门名称" }).max(60),
  kind,
  gridRole: gridRole.default("cooperating"),
});
export type CreateDepartmentInput = z.infer<typeof createDepartmentInput>;

export const updateDepartmentInput = z.strictObject({
  name: z.string().trim().min(2).max(60).optional(),
  kind: kind.optional(),
  gridRole: gridRole.optional(),
  status: z.enum(["active", "inactive"]).optional(),
});
export type UpdateDepartmentInput = z.infer<typeof updateDepartmentInput>;

export const departmentListQuery = z.strictObject({ region: regionCodeSchema.optional() });
