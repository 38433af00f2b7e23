import { Button, Result } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { NavSection } from "../api/types";
import { useI18n } from "../i18n/i18n-context";
import { useSignedIn } from "../session/session-context";

/** Shows the page only when the server lists its section in `nav`; otherwise a "no access" result. */
export function RequireSection({ section, children }: { section: NavSection; children: ReactNode }) {
  const { nav } = useSignedIn();
  const { t } = useI18n();
  if (!nav.includes(section)) {
    return (
      <Result
        status="403"
        title={t("forbidden.title")}
        subTitle={t("forbidden.subtitle")}
        extra={
          <Link to="/">
            <Button type="primary">{t("notFound.home")}</Button>
          </Link>
        }
      />
    );
  }
  return <>{children}</>;
}
