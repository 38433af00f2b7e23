import { z } from "zod";
import { idSchema } from "./common-schemas";

const code = z
  .string({ error: "请填写验证码" })
  .trim()
  .min(6, { error: "请输入 6 位动态验证码或恢复码" })
  .max(20, { error: "验证码过长" });

export const codeInput = z.strictObject({ code });

export const enrolmentView = z.object({
  /** Base32 secret for typing into the app by hand; answered only here, once per enrolment. */
  secret: z.string(),
  otpauthUrl: z.string(),
  /** PNG data URL of the QR code. */
  qrDataUrl: z.string(),
});

export const recoveryCodesView = z.object({ recoveryCodes: z.array(z.string()) });

export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1, { error: "请填写当前密码" }).max(256),
  newPassword: z.string().min(1, { error: "请填写新密码" }).max(256, { error: "密码过长" }),
});

export const sessionStage = z.enum(["full", "mfa_verify", "mfa_enrol"]);

export const sessionView = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  stage: sessionStage,
  current: z.boolean(),
});

export const sessionParams = z.strictObject({ sessionId: idSchema });
export const userSessionParams = z.strictObject({ id: idSchema, sessionId: idSchema });

export const accountSecurityView = z.object({
  lockedUntil: z.string().nullable(),
  recentFailures: z.number(),
  twoFactorEnrolled: z.boolean(),
  twoFactorRequired: z.boolean(),
  passwordChangeRequired: z.string().nullable(),
  sessions: z.array(sessionView),
});

const isoTime = z.iso.datetime({ offset: true, error: "时间格式应为 ISO 8601" });

export const securityLogQuery = z.strictObject({
  username: z.string().max(100).optional(),
  kind: z.string().max(40).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const securityEventView = z.object({
  id: z.number(),
  at: z.string(),
  kind: z.string(),
  username: z.string().nullable(),
  userId: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
