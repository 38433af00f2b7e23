import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, api, setUnauthorizedHandler } from "../api/client";
import type { Me, User } from "../api/types";
import { setBaseMapSettings } from "../map/base-map-settings-store";

export type SessionState =
  | { status: "loading" }
  | { status: "signed-out"; reason?: string }
  /** Password accepted; the second factor is still to be given (`mfa_verify`) or enrolled (`mfa_enrol`). */
  | { status: "second-factor"; stage: "mfa_verify" | "mfa_enrol"; user: User }
  | {
      status: "signed-in";
      user: User;
      nav: string[];
      passwordChangeRequired: string | null;
      twoFactor: Me["twoFactor"];
    };

export interface Session {
  state: SessionState;
  /** Reloads /auth/me (after login, or to pick up changed permissions). */
  refresh: () => Promise<SessionState>;
  login: (username: string, password: string) => Promise<SessionState>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

async function loadMe(): Promise<SessionState> {
  try {
    const me = await api.get<Me>("/auth/me");
    setBaseMapSettings(me.baseMap ?? { kind: "offline" });
    if (me.stage !== "full") return { status: "second-factor", stage: me.stage, user: me.user };
    return {
      status: "signed-in",
      user: me.user,
      nav: me.nav,
      passwordChangeRequired: me.passwordChangeRequired,
      twoFactor: me.twoFactor,
    };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return { status: "signed-out", reason: err.code };
    throw err;
  }
}

/** Holds who is signed in; any 401 from the API drops the session so the login page shows. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  const refresh = useCallback(async () => {
    const next = await loadMe();
    setState(next);
    return next;
  }, []);

  useEffect(() => {
    setUnauthorizedHandler((error) => setState({ status: "signed-out", reason: error.code }));
    refresh().catch(() => setState({ status: "signed-out", reason: "network_error" }));
  }, [refresh]);

  const login = useCallback(
    async (username: string, password: string) => {
      await api.post<{ token: string; user: User }>("/auth/login", { username, password });
      return refresh();
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    try {
      await api.post<void>("/auth/logout");
    } finally {
      setState({ status: "signed-out", reason: "logged_out" });
    }
  }, []);

  const value = useMemo<Session>(() => ({ state, refresh, login, logout }), [state, refresh, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** The signed-in user and nav; only for pages rendered inside the console layout. */
export function useSignedIn(): Extract<SessionState, { status: "signed-in" }> {
  const { state } = useSession();
  if (state.status !== "signed-in") throw new Error("useSignedIn without a session");
  return state;
}
