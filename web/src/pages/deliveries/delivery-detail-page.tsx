import { ArrowLeftOutlined, PaperClipOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Card, Descriptions, Grid, Segmented, Table, Typography } from "antd";
import { useCallback, useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { deliveryStatusLabel } from "../../../../domain/schemas/delivery-schemas";
import {
  type DeliveryTarget,
  deliveryFileUrl,
  exportDelivery,
  fetchDelivery,
  removeDeliveryTarget,
} from "../../api/deliveries";
import { errorMessage } from "../../components/error-message";
import { ExportButton } from "../../components/export-button";
import { RegionName } from "../../components/region-name";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { DeliveryProgressBar } from "./delivery-progress";
import { targetColumns } from "./delivery-target-columns";
import { DeliveryTargetList } from "./delivery-target-list";

type Show = "all" | DeliveryTarget["status"];

/** /deliveries/:id: a delivery's progress per site — who delivered when and where, who refused and why. */
export function DeliveryDetailPage() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const { id = "" } = useParams();
  const { data: d, loading, error, reload } = useLoad(useCallback(() => fetchDelivery(id), [id]));
  const [show, setShow] = useState<Show>("all");
  const narrow = !Grid.useBreakpoint().md;
  const rows = useMemo(
    () => (d?.targets ?? []).filter((x) => show === "all" || (x.status === show && !x.removed)),
    [d, show],
  );
  const remove = async (target: DeliveryTarget) => {
    try {
      await removeDeliveryTarget(id, target.siteId);
      reload();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Card
      className="page-card"
      loading={loading && !d}
      title={
        <span>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate("/deliveries")}
            aria-label={t("delivery.back")}
          />
          <span data-testid="delivery-heading">{d?.title ?? t("deliveries.title")}</span>
        </span>
      }
      extra={
        d?.abilities.export && (
          <ExportButton
            kind="deliveries"
            download={(reason) => exportDelivery(id, d.title, reason)}
            label={t("delivery.export")}
            testId="delivery-export"
          />
        )
      }
    >
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {d && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t("deliveries.colRegion")}>
              <RegionName code={d.regionCode} />
            </Descriptions.Item>
            <Descriptions.Item label={t("deliveries.colDue")}>{d.dueDate ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={t("deliveries.colCreated")}>
              {formatDateTime(d.createdAt, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t("delivery.body")} span={3}>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
                {d.body}
              </Typography.Paragraph>
            </Descriptions.Item>
            {d.documentEvidenceId && (
              <Descriptions.Item label={t("delivery.document")}>
                <a href={deliveryFileUrl(d.id, d.documentEvidenceId)} target="_blank" rel="noreferrer">
                  <PaperClipOutlined /> {t("delivery.open")}
                </a>
              </Descriptions.Item>
            )}
          </Descriptions>
          <div style={{ maxWidth: 520, marginBottom: 12 }} data-testid="delivery-progress">
            <DeliveryProgressBar progress={d.progress} />
          </div>
          <Segmented<Show>
            value={show}
            onChange={setShow}
            style={{ marginBottom: 12 }}
            options={[
              { value: "all", label: `${t("delivery.filterAll")} ${d.targets.length}` },
              ...(["delivered", "refused", "pending"] as const).map((s) => ({
                value: s,
                label: `${i18n.pick(deliveryStatusLabel[s])} ${d.progress[s]}`,
              })),
            ]}
          />
          {narrow ? (
            <DeliveryTargetList deliveryId={d.id} targets={rows} />
          ) : (
            <Table<DeliveryTarget>
              data-testid="delivery-targets"
              rowKey="siteId"
              size="small"
              dataSource={rows}
              scroll={{ x: 1240 }}
              pagination={{ pageSize: 50, showTotal: (n) => t("delivery.total", { n }) }}
              columns={targetColumns({
                i18n,
                deliveryId: d.id,
                canManage: d.abilities.manage,
                onRemove: remove,
              })}
            />
          )}
        </>
      )}
    </Card>
  );
}
