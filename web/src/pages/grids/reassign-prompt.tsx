import { Alert, Button, Space } from "antd";
import { useState } from "react";
import { useI18n } from "../../i18n/i18n-context";
import { ReassignmentDialog } from "../coverage/reassignment-dialog";

/**
 * After a grid was drawn, split, merged or restaffed: sites keep their assignment until the user has
 * reviewed the changes (the reassignment preview) and applied them.
 */
export function ReassignPrompt(props: { region: string; onDismiss: () => void; onApplied: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <>
      <Alert
        type="info"
        showIcon
        data-testid="reassign-prompt"
        title={t("map.reassignTitle")}
        description={
          <Space orientation="vertical" size={8}>
            <span>{t("map.reassignText")}</span>
            <Space>
              <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid="reassign-open">
                {t("map.reassignPreview")}
              </Button>
              <Button size="small" onClick={props.onDismiss}>
                {t("map.reassignLater")}
              </Button>
            </Space>
          </Space>
        }
      />
      <ReassignmentDialog
        region={open ? props.region : null}
        onClose={() => {
          setOpen(false);
          if (done) props.onDismiss();
        }}
        onApplied={() => {
          setDone(true);
          props.onApplied();
        }}
      />
    </>
  );
}
