import { useState } from "react";
import { ApiError, postJson } from "../api/http";
import { Button, Field, Notice } from "../components/ui";
import { chooseLang, currentLang, t } from "../i18n/i18n";
import { drain } from "../outbox/sync";
import { navigate } from "../router";
import { type FieldSession, type FieldUser, saveSession, sessionNow } from "../session/session";
import { refreshWorkSet } from "../work-set/work-set";

interface LoginAnswer {
  token: string;
  user: FieldUser;
  expiresAt: string;
  stage: "full" | "mfa_verify" | "mfa_enrol";
}

/** Sign-in (POST /auth/login). Administrators' second factor and password changes belong to the console. */
export function SignIn() {
  const previous = sessionNow();
  const [username, setUsername] = useState(previous?.user.username ?? "");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) return setError(t("signin.required"));
    setBusy(true);
    setError(undefined);
    try {
      const out = await postJson<LoginAnswer>("/auth/login", { username: username.trim(), password });
      if (out.stage !== "full") {
        setError(t("signin.mfa"));
        return;
      }
      const session: FieldSession = { token: out.token, user: out.user, expiresAt: out.expiresAt };
      await saveSession(session);
      if (location.pathname === "/m/signin") navigate("/outbox", true);
      try {
        await refreshWorkSet();
      } catch {
        // the work set loads again when the network is back
      }
      void drain();
    } catch (err) {
      if (err instanceof ApiError && err.network) setError(t("signin.offline"));
      else setError(err instanceof Error ? err.message : t("signin.failed"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="signin">
      <div className="signin-brand">
        <img src="/m/icon-192.png" alt="" width={64} height={64} />
        <h1>{t("signin.title")}</h1>
        <p>{t("signin.tagline")}</p>
      </div>
      {previous?.expired ? (
        <Notice kind="warn" testId="session-expired">
          {t("signin.expired")}
        </Notice>
      ) : null}
      <form onSubmit={submit} className="signin-form">
        <Field label={t("signin.username")}>
          <input
            className="input"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="field-username"
          />
        </Field>
        <Field label={t("signin.password")}>
          <input
            className="input"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="field-password"
          />
        </Field>
        {error ? (
          <Notice kind="error" testId="signin-error">
            {error}
          </Notice>
        ) : null}
        <Button type="submit" block disabled={busy} data-testid="field-signin">
          {busy ? t("signin.busy") : t("signin.submit")}
        </Button>
      </form>
      <p className="signin-foot">
        {t("signin.officePrefix")}
        <a href="/">{t("signin.console")}</a>
        {" · "}
        <button
          type="button"
          className="link"
          onClick={() => void chooseLang(currentLang() === "en" ? "zh" : "en")}
          data-testid="signin-lang"
        >
          {t("signin.otherLang")}
        </button>
      </p>
    </div>
  );
}
