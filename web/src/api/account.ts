import { api } from "./client";

/** One sign-in session of a user (the current one marked). */
export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  stage: "full" | "mfa_verify" | "mfa_enrol";
  current: boolean;
}

export interface Enrolment {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface AccountSecurity {
  lockedUntil: string | null;
  recentFailures: number;
  twoFactorEnrolled: boolean;
  twoFactorRequired: boolean;
  passwordChangeRequired: string | null;
  sessions: SessionInfo[];
}

const user = (id: string) => `/users/${encodeURIComponent(id)}`;

export const verifySecondFactor = (code: string) => api.post<void>("/auth/totp/verify", { code });
export const startEnrolment = () => api.post<Enrolment>("/auth/totp/enrol");
export const confirmEnrolment = (code: string) =>
  api.post<{ recoveryCodes: string[] }>("/auth/totp/confirm", { code });
export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<void>("/auth/password", { currentPassword, newPassword });
export const fetchMySessions = () => api.get<{ items: SessionInfo[] }>("/auth/sessions");
export const revokeMySession = (id: string) => api.delete(`/auth/sessions/${encodeURIComponent(id)}`);

export const fetchAccountSecurity = (id: string) => api.get<AccountSecurity>(`${user(id)}/security`);
export const unlockAccount = (id: string) => api.post<void>(`${user(id)}/unlock`);
export const resetTwoFactor = (id: string) => api.post<void>(`${user(id)}/totp/reset`);
export const endUserSessions = (id: string) => api.delete(`${user(id)}/sessions`);
