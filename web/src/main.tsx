import "./zod-without-eval";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router-dom";
import { router } from "./app-router";
import { I18nProvider, useI18n } from "./i18n/i18n-context";
import { SessionProvider } from "./session/session-context";
import "./styles.css";

/** CJK-capable font stack: system UI fonts first, then the common Simplified Chinese families. */
const fontFamily = [
  "-apple-system",
  "BlinkMacSystemFont",
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  '"Helvetica Neue"',
  "Arial",
  "sans-serif",
].join(", ");

function Root() {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === "en" ? enUS : zhCN}
      theme={{ token: { colorPrimary: "#1554ad", fontFamily, borderRadius: 6 } }}
    >
      <AntApp>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider>
      <Root />
    </I18nProvider>
  </StrictMode>,
);
