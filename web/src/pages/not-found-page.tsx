import { Button, Result } from "antd";
import { Link } from "react-router-dom";
import { useI18n } from "../i18n/i18n-context";

/** Any path the console does not know. */
export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="page-center" data-testid="not-found">
      <Result
        status="404"
        title="404"
        subTitle={t("notFound.subtitle")}
        extra={
          <Link to="/">
            <Button type="primary">{t("notFound.home")}</Button>
          </Link>
        }
      />
    </div>
  );
}
