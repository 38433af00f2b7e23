import { useEffect, useState } from "react";
import { clockOffset } from "./api/http";
import { TabBar } from "./components/tab-bar";
import { Notice } from "./components/ui";
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
          <button type="button" className="topbar-back" onClick={() => history.back()} aria-label="返回">
            ‹
          </button>
        ) : null}
        <h1>{found?.screen.title ?? "未找到"}</h1>
        <span className={`net ${online ? "net-on" : "net-off"}`} data-testid="net-state">
          {online ? "在线" : "离线"}
        </span>
      </header>
      {session.expired ? (
        <Notice kind="warn" testId="banner-expired">
          登录已过期，待发送记录已暂停。
          <button
            type="button"
            className="link"
            onClick={() => navigate("/signin")}
            data-testid="banner-signin"
          >
            重新登录
          </button>
        </Notice>
      ) : null}
      {Math.abs(clockOffset()) > 10 * 60_000 ? (
        <Notice kind="warn" testId="banner-clock">
          手机时间与服务器相差约{" "}
          {skewDays >= 1
            ? `${Math.round(skewDays)} 天`
            : `${Math.round(Math.abs(clockOffset()) / 60_000)} 分钟`}
          ，请在手机设置中校正时间。已记录的内容会保留，服务器以其时间为准并作标记。
        </Notice>
      ) : null}
      <main className="content">
        {Screen && found ? <Screen params={found.params} query={query} /> : <p>页面不存在</p>}
      </main>
      <TabBar current={key} />
    </div>
  );
}
