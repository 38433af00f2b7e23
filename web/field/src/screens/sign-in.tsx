import { useState } from "react";
import { ApiError, postJson } from "../api/http";
import { Button, Field, Notice } from "../components/ui";
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
    if (!username.trim() || !password) return setError("请输入用户名和密码");
    setBusy(true);
    setError(undefined);
    try {
      const out = await postJson<LoginAnswer>("/auth/login", { username: username.trim(), password });
      if (out.stage !== "full") {
        setError("管理员账号需要动态验证码，请在电脑端控制台登录；手机端供网格员、村/居委会成员等使用。");
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
      if (err instanceof ApiError && err.network) setError("没有网络：首次登录需要联网。");
      else setError(err instanceof Error ? err.message : "登录失败");
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="signin">
      <div className="signin-brand">
        <img src="/m/icon-192.png" alt="" width={64} height={64} />
        <h1>安全生产网格员</h1>
        <p>巡查 · 上报 · 离线也能用</p>
      </div>
      {previous?.expired ? (
        <Notice kind="warn" testId="session-expired">
          登录已过期。请重新登录，手机上待发送的记录会在登录后自动发送，不会丢失。
        </Notice>
      ) : null}
      <form onSubmit={submit} className="signin-form">
        <Field label="用户名">
          <input
            className="input"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="field-username"
          />
        </Field>
        <Field label="密码">
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
          {busy ? "正在登录…" : "登录"}
        </Button>
      </form>
      <p className="signin-foot">
        办公人员请使用 <a href="/">电脑端控制台</a>
      </p>
    </div>
  );
}
