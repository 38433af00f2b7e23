import { emitChange, useTopic } from "../store/changes";
import { kvDelete, kvGet, kvSet } from "../store/db";

export interface FieldUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  scope: string[];
}

export interface FieldSession {
  token: string;
  user: FieldUser;
  expiresAt: string;
  /** The server said this session is no longer valid (401): the outbox pauses until the worker signs in. */
  expired?: boolean;
}

let current: FieldSession | undefined;
let loaded = false;

export async function loadSession(): Promise<FieldSession | undefined> {
  if (!loaded) {
    current = await kvGet<FieldSession>("session");
    loaded = true;
  }
  return current;
}

export function sessionNow(): FieldSession | undefined {
  return current;
}

export async function saveSession(session: FieldSession | undefined): Promise<void> {
  current = session;
  loaded = true;
  if (session) await kvSet("session", session);
  else await kvDelete("session");
  emitChange("session");
}

/** On a 401: keep the user (and everything offline), mark the token as expired. */
export async function markExpired(): Promise<void> {
  if (!current || current.expired) return;
  await saveSession({ ...current, expired: true });
}

export function useSession(): { session: FieldSession | undefined; ready: boolean } {
  const value = useTopic("session", async () => ({ session: await loadSession(), ready: true }), {
    session: current,
    ready: loaded,
  });
  return value;
}
