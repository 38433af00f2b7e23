import { useEffect, useState } from "react";
import { clockOffset } from "./api/http";
import { TabBar } from "./components/tab-bar";
import { Notice } from "./components/ui";
import { t, useLang } from "./i18n/i18n";
import { navigate, useLocation } from "./router";
import { matchScreen } from "./screens/registry";
import { SignIn } from "./screens/sign-in";
import { useSession } from "./session/session";

function useOnline() {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
    };
  }, []);
  return online;
}

/** The shell: sign-in until there is a session (also an expired one: work goes on offline), top bar, screen, tabs. */
export function App() {
  const { session, ready } = useSession();
  const { path, query } = useLocation();
  const online = useOnline();
  // Re-render the whole shell (and so every screen) when the language changes.
  useLang();
  if (!ready) return null;
  if (!session || (session.expired && path === "/signin")) return <SignIn />;
  const key = path.replace(/^\/+|\/+$/g, "");
  const found = matchScreen(key);
  const Screen = found?.screen.component;
  const skewDays = Math.abs(clockOffset()) / 86_400_000;
  return (
    <div className="app">
      <header className="topbar">
        {found?.screen.back ? (
          <button
            type="button"
            className="topbar-back"
            onClick={() => history.back()}
            aria-label={t("app.back")}
          >
            ‹
          </button>
        ) : null}
        <h1>{found ? t(found.screen.title) : t("app.notFound")}</h1>
        <span className={`net ${online ? "net-on" : "net-off"}`} data-testid="net-state">
          {online ? t("app.online") : t("app.offline")}
        </span>
      </header>
      {session.expired ? (
        <Notice kind="warn" testId="banner-expired">
          {t("app.expired")}
          <button
            type="button"
            className="link"
            onClick={() => navigate("/signin")}
            data-testid="banner-signin"
          >
            {t("app.signInAgain")}
          </button>
        </Notice>
      ) : null}
      {Math.abs(clockOffset()) > 10 * 60_000 ? (
        <Notice kind="warn" testId="banner-clock">
          {t("app.clockSkew", {
            amount:
              skewDays >= 1
                ? t("app.days", { n: Math.round(skewDays) })
                : t("app.minutes", { n: Math.round(Math.abs(clockOffset()) / 60_000) }),
          })}
        </Notice>
      ) : null}
      <main className="content">
        {Screen && found ? <Screen params={found.params} query={query} /> : <p>{t("app.pageMissing")}</p>}
      </main>
      <TabBar current={key} />
    </div>
  );
}
