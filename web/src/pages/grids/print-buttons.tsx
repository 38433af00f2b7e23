import { PrinterOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Dropdown } from "antd";
import { printPolicy } from "../../../../domain/policies/print-policy";
import { downloadDutyCard, downloadDutyCards, downloadGridMap } from "../../api/print";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";

/** Runs a PDF download with a "making the PDF" note and the server's message on failure (e.g. 422). */
function useDownload() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  return async (run: () => Promise<void>) => {
    const hide = message.loading(t("print.downloading"), 0);
    try {
      await run();
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      hide();
    }
  };
}

/**
 * The region printables (grid map A4/A3, all duty cards) of the township or county chosen (a village's
 * township), else of the user's own township or county, when the user may print there.
 */
export function RegionPrintButton({ region: chosen }: { region: string | undefined }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const download = useDownload();
  const home = user.scope.find((s) => s.length === 6 || s.length === 9);
  const region = chosen
    ? chosen.length >= 9
      ? chosen.slice(0, 9)
      : chosen.length === 6
        ? chosen
        : undefined
    : home;
  if (!region || !printPolicy.print(user, region)) return null;
  return (
    <Dropdown
      menu={{
        items: [
          { key: "A4", label: t("print.gridMapA4") },
          { key: "A3", label: t("print.gridMapA3") },
          { key: "cards", label: t("print.dutyCards") },
        ],
        onClick: ({ key }) =>
          void download(() =>
            key === "cards" ? downloadDutyCards(region) : downloadGridMap(region, key as "A3" | "A4"),
          ),
      }}
    >
      <Button icon={<PrinterOutlined />} data-testid="region-print">
        {t("print.regionButton")}
      </Button>
    </Dropdown>
  );
}

/** A grid worker's duty card (A6, or an A4 sheet of four), for those who may print in the worker's region. */
export function DutyCardButton({ userId, regionCode }: { userId: string; regionCode: string }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const download = useDownload();
  if (!printPolicy.print(user, regionCode)) return null;
  return (
    <Dropdown
      menu={{
        items: [
          { key: "a6", label: t("print.dutyCardA6") },
          { key: "a4x4", label: t("print.dutyCardSheet") },
        ],
        onClick: ({ key }) => void download(() => downloadDutyCard(userId, key as "a6" | "a4x4")),
      }}
    >
      <Button size="small" type="link" icon={<PrinterOutlined />} data-testid={`duty-card-${userId}`}>
        {t("print.dutyCard")}
      </Button>
    </Dropdown>
  );
}
