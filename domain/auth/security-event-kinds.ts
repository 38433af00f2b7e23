/** Kinds of rows in the security log (安全日志), with what the audit administrator reads for each. */
export const securityEventKindLabel = {
  sign_in_failed: { zh: "登录失败", en: "Sign-in failed" },
  sign_in_refused_locked: { zh: "账号锁定期间尝试登录", en: "Sign-in while locked" },
  account_locked: { zh: "账号被锁定", en: "Account locked" },
  temporary_password_expired: { zh: "临时密码过期", en: "Temporary password expired" },
  totp_failed: { zh: "动态验证码错误", en: "Wrong authentication code" },
  totp_replayed: { zh: "动态验证码重放", en: "Authentication code replayed" },
  recovery_code_failed: { zh: "恢复码错误", en: "Wrong recovery code" },
  rate_limited: { zh: "请求过于频繁被限流", en: "Rate limited" },
} as const;

export type SecurityEventKind = keyof typeof securityEventKindLabel;
export const securityEventKinds = Object.keys(securityEventKindLabel) as SecurityEventKind[];
