import { api, queryString } from "./client";

/** Filters of the security log (`from`/`to` ISO-8601). */
export interface SecurityLogFilter {
  username?: string;
  kind?: string;
  from?: string;
  to?: string;
}

/** One entry of the security log (sign-in failures, lockouts, two-factor events), kept apart from the trail. */
export interface SecurityLogEntry {
  id: string | number;
  at: string;
  kind: string;
  username: string | null;
  userId: string | null;
  ip: string | null;
  detail: unknown;
}

/** `GET /security-log`: the contract of the security log route (served by the sign-in work of issue 8). */
export const fetchSecurityLog = (filter: SecurityLogFilter, page: number, pageSize: number) =>
  api.get<{ items: SecurityLogEntry[]; total: number }>(
    `/security-log${queryString({ ...filter, page, pageSize })}`,
  );
