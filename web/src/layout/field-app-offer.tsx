import { Alert, Button, Space } from "antd";
import { useState } from "react";
import type { Role } from "../../../domain/auth/roles";
import { useI18n } from "../i18n/i18n-context";

/** Roles whose day is in the field: on a phone the console offers them the field app at /m. */
const fieldAppRoles: readonly Role[] = ["grid_worker", "committee_member"];
const dismissedKey = "sg.fieldAppOfferDismissed";

/**
 * A grid worker or committee member signed in to the office console on a phone is offered the field app
 * (/m, built for phones and offline use). Dismissed for the rest of the browser session.
 */
export function FieldAppOffer({ role, phone }: { role: Role; phone: boolean }) {
  const { t } = useI18n();
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem(dismissedKey) === "1");
  if (!phone || dismissed || !fieldAppRoles.includes(role)) return null;
  const dismiss = () => {
    sessionStorage.setItem(dismissedKey, "1");
    setDismissed(true);
  };
  return (
    <Alert
      data-testid="field-app-offer"
      type="info"
      showIcon
      className="field-app-offer"
      message={t("phone.fieldAppOffer")}
      action={
        <Space orientation="vertical" size={4}>
          <Button type="primary" href="/m" data-testid="field-app-open">
            {t("phone.openFieldApp")}
          </Button>
          <Button size="small" type="text" onClick={dismiss}>
            {t("phone.dismiss")}
          </Button>
        </Space>
      }
    />
  );
}
