import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Grid, Space, Table, Typography } from "antd";
import { useCallback, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { deliveryGate } from "../../../../domain/policies/delivery-policy";
import { type DeliverySummary, fetchDeliveries } from "../../api/deliveries";
import { errorMessage } from "../../components/error-message";
import { ItemList, ListRow } from "../../components/item-list";
import { RegionName } from "../../components/region-name";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { DeliveryProgressBar } from "./delivery-progress";

/** /deliveries: the documents sent to sites (R15), newest first, with delivery progress. */
export function DeliveriesPage() {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, loading, error } = useLoad(
    useCallback(() => fetchDeliveries(paging.page, paging.pageSize), [paging]),
  );
  const canSend = deliveryGate.create(user);
  const narrow = !Grid.useBreakpoint().md;
  const pagination = {
    current: paging.page,
    pageSize: paging.pageSize,
    total: data?.total ?? 0,
    showTotal: (n: number) => t("common.total", { n }),
    onChange: (page: number, pageSize: number) => setPaging({ page, pageSize }),
  };
  return (
    <Card
      title={t("deliveries.title")}
      className="page-card"
      extra={
        canSend && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate("/deliveries/new")}
            data-testid="delivery-new"
          >
            {t("deliveries.new")}
          </Button>
        )
      }
    >
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {narrow ? (
        <ItemList<DeliverySummary>
          data-testid="delivery-table"
          loading={loading}
          dataSource={data?.items ?? []}
          empty={t("deliveries.empty")}
          pagination={{ ...pagination, size: "small" }}
          renderItem={(d) => (
            <ListRow key={d.id}>
              <Space orientation="vertical" size={4} style={{ width: "100%" }}>
                <Link to={`/deliveries/${d.id}`}>{d.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {d.departmentName ?? t("deliveries.office")} · {formatDateTime(d.createdAt, lang)}
                  {d.dueDate && ` · ${t("deliveries.colDue")} ${d.dueDate}`}
                </Typography.Text>
                <DeliveryProgressBar progress={d.progress} />
              </Space>
            </ListRow>
          )}
        />
      ) : (
        <Table<DeliverySummary>
          data-testid="delivery-table"
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t("deliveries.empty") }}
          scroll={{ x: 900 }}
          columns={[
            {
              title: t("deliveries.colTitle"),
              dataIndex: "title",
              render: (title: string, d) => <Link to={`/deliveries/${d.id}`}>{title}</Link>,
            },
            {
              title: t("deliveries.colSender"),
              dataIndex: "departmentName",
              width: 140,
              render: (name: string | null) => name ?? t("deliveries.office"),
            },
            {
              title: t("deliveries.colRegion"),
              dataIndex: "regionCode",
              width: 140,
              render: (code: string) => <RegionName code={code} />,
            },
            {
              title: t("deliveries.colDue"),
              dataIndex: "dueDate",
              width: 110,
              render: (d: string | null) => d ?? "—",
            },
            {
              title: t("deliveries.colCreated"),
              dataIndex: "createdAt",
              width: 150,
              render: (at: string) => formatDateTime(at, lang),
            },
            {
              title: t("deliveries.colProgress"),
              key: "progress",
              width: 260,
              render: (_: unknown, d) => <DeliveryProgressBar progress={d.progress} />,
            },
          ]}
          pagination={pagination}
        />
      )}
    </Card>
  );
}
