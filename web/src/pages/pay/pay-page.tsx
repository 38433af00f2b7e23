import { Alert, Button, Card, Form, Input, Space, Table, Tabs, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { fetchPaySheets, generatePaySheet, type PaySheet } from "../../api/pay";
import { errorMessage } from "../../components/error-message";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { PaySettingsPanel } from "./pay-settings-panel";
import { PayWorkersPanel } from "./pay-workers-panel";

export const statusColor: Record<PaySheet["status"], string> = {
  draft: "gold",
  approved: "green",
  superseded: "default",
};

/** The county the signed-in user works for (a county office's or finance's scope), else empty. */
export const countyOfUser = (scope: string[]) => (scope[0]?.length >= 6 ? scope[0].slice(0, 6) : "");
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

/** 网格员报酬 (R20): pay sheets by county and month, the county's pay settings, accounts and equipment. */
export function PayPage() {
  const { t, pick, lang } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const [county, setCounty] = useState(countyOfUser(user.scope));
  const [month, setMonth] = useState(thisMonth());
  const [items, setItems] = useState<PaySheet[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () =>
      fetchPaySheets(county || undefined)
        .then((r) => {
          setItems(r.items);
          setError(null);
        })
        .catch(setError),
    [county],
  );
  useEffect(() => {
    load();
  }, [load]);
  const generate = async () => {
    setBusy(true);
    try {
      const s = await generatePaySheet(county, month);
      navigate(`/pay/${s.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const sheets = (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t("pay.county")}>
          <Input
            value={county}
            maxLength={6}
            style={{ width: 110 }}
            data-testid="pay-county"
            onChange={(e) => setCounty(e.target.value.trim())}
          />
        </Form.Item>
        <Form.Item label={t("pay.month")}>
          <Input
            type="month"
            value={month}
            style={{ width: 160 }}
            data-testid="pay-month"
            onChange={(e) => setMonth(e.target.value)}
          />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={generate} data-testid="pay-generate">
          {t("pay.generate")}
        </Button>
      </Form>
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      <Table<PaySheet>
        size="small"
        rowKey="id"
        loading={items === null && error === null}
        dataSource={items ?? []}
        locale={{ emptyText: t("pay.none") }}
        scroll={{ x: 720 }}
        pagination={false}
        columns={[
          { title: t("pay.month"), dataIndex: "month", width: 90 },
          {
            title: t("pay.county"),
            dataIndex: "regionCode",
            width: 110,
            render: (code: string, s: PaySheet) => s.regionName ?? code,
          },
          { title: t("pay.version"), dataIndex: "version", width: 60 },
          {
            title: t("pay.status"),
            dataIndex: "status",
            width: 130,
            render: (_, s) => <Tag color={statusColor[s.status]}>{pick(s.statusLabel)}</Tag>,
          },
          {
            title: t("pay.total"),
            dataIndex: "total",
            width: 120,
            align: "right",
            render: (v: number) => v.toLocaleString("zh-CN", { minimumFractionDigits: 2 }),
          },
          { title: t("pay.lines"), dataIndex: "lineCount", width: 60 },
          {
            title: t("pay.problems"),
            dataIndex: "problemCount",
            width: 70,
            render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0),
          },
          {
            title: t("pay.createdBy"),
            render: (_, s) => (
              <Typography.Text type="secondary">
                {s.createdByName} {formatDateTime(s.createdAt, lang)}
              </Typography.Text>
            ),
          },
          {
            title: t("common.actions"),
            width: 70,
            fixed: "right",
            render: (_, s) => (
              <Link to={`/pay/${s.id}`} data-testid={`pay-open-${s.month}-v${s.version}`}>
                {t("pay.open")}
              </Link>
            ),
          },
        ]}
      />
    </Space>
  );
  return (
    <Card className="page-card" title={t("pay.title")} data-testid="pay-page">
      <Typography.Paragraph type="secondary">{t("pay.intro")}</Typography.Paragraph>
      <Tabs
        items={[
          { key: "sheets", label: t("pay.tab.sheets"), children: sheets },
          {
            key: "settings",
            label: <span data-testid="pay-tab-settings">{t("pay.tab.settings")}</span>,
            children: <PaySettingsPanel county={county} />,
          },
          {
            key: "workers",
            label: <span data-testid="pay-tab-workers">{t("pay.tab.workers")}</span>,
            children: <PayWorkersPanel county={county} />,
          },
        ]}
      />
    </Card>
  );
}
