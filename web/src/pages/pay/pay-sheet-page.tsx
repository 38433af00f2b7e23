import { Alert, Button, Card, Descriptions, Input, Popover, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import {
  approvePaySheet,
  excludePayLine,
  exportPaySheet,
  fetchPaySheet,
  type PayLine,
  type PaySheetDetail,
} from "../../api/pay";
import { errorMessage } from "../../components/error-message";
import { ExportButton } from "../../components/export-button";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { statusColor } from "./pay-page";

/** Workers blocking publication first (no bank account, not excluded), so they are on the first page. */
const blocked = (l: PayLine) => (l.problem !== null && l.excludedReason === null ? 1 : 0);
const yuan = (v: number) => v.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** One pay sheet: its lines and totals, the workers blocking publication, approval and the finance export. */
export function PaySheetPage() {
  const { id = "" } = useParams();
  const { t, pick, lang } = useI18n();
  const [sheet, setSheet] = useState<PaySheetDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const load = useCallback(
    () =>
      fetchPaySheet(id)
        .then((s) => {
          setSheet(s);
          setError(null);
        })
        .catch(setError),
    [id],
  );
  useEffect(() => {
    load();
  }, [load]);
  const run = async (f: () => Promise<PaySheetDetail>) => {
    try {
      setSheet(await f());
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  const na = <Typography.Text type="secondary">{t("pay.unavailable")}</Typography.Text>;
  const s = sheet;
  return (
    <Card
      className="page-card"
      title={
        s
          ? `${t("pay.title")} · ${s.regionName ?? s.regionCode} · ${s.month} · v${s.version}`
          : t("pay.title")
      }
      extra={<Link to="/pay">{t("pay.back")}</Link>}
      data-testid="pay-sheet"
    >
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 12 }} />
      )}
      {s && (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Space wrap>
            <Tag color={statusColor[s.status]} data-testid="pay-sheet-status">
              {pick(s.statusLabel)}
            </Tag>
            {s.abilities.approve && (
              <Button
                type="primary"
                data-testid="pay-approve"
                onClick={() => run(() => approvePaySheet(s.id))}
              >
                {t("pay.approve")}
              </Button>
            )}
            {s.abilities.export && (
              <ExportButton
                kind="paySheet"
                label={t("pay.export")}
                testId="pay-export"
                download={(reason) => exportPaySheet(s, reason)}
              />
            )}
          </Space>
          {s.status === "draft" && <Typography.Text type="secondary">{t("pay.approveHint")}</Typography.Text>}
          {s.performanceNote && (
            <Alert
              type="warning"
              showIcon
              title={pick(s.performanceNote)}
              data-testid="pay-performance-note"
            />
          )}
          {s.blocking.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="pay-blocking"
              title={t("pay.blocking", { names: s.blocking.map((b) => b.name).join("、") })}
            />
          )}
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered data-testid="pay-totals">
            <Descriptions.Item label={t("pay.base")}>{yuan(s.totals.base)}</Descriptions.Item>
            <Descriptions.Item label={t("pay.performance")}>
              {s.totals.performance === null ? na : yuan(s.totals.performance)}
            </Descriptions.Item>
            <Descriptions.Item label={t("pay.rewards")}>{yuan(s.totals.rewards)}</Descriptions.Item>
            <Descriptions.Item label={t("pay.deductions")}>{yuan(s.totals.deductions)}</Descriptions.Item>
            <Descriptions.Item label={t("pay.total")}>
              <b data-testid="pay-total">{yuan(s.totals.total)}</b>
            </Descriptions.Item>
            <Descriptions.Item label={t("pay.approvedBy")}>
              {s.approvedByName ? `${s.approvedByName} ${formatDateTime(s.approvedAt, lang)}` : "—"}
            </Descriptions.Item>
          </Descriptions>
          <Table<PayLine>
            size="small"
            rowKey="id"
            pagination={{ pageSize: 50, showSizeChanger: false }}
            dataSource={[...s.lines].sort((a, b) => blocked(b) - blocked(a))}
            scroll={{ x: 980 }}
            data-testid="pay-lines"
            columns={[
              { title: t("pay.name"), dataIndex: "name", width: 110, fixed: "left" },
              {
                title: t("pay.employment"),
                dataIndex: "employment",
                width: 80,
                render: (v: string) => t(`grids.employment.${v}` as "grids.employment.full_time"),
              },
              { title: t("pay.score"), dataIndex: "score", width: 70, render: (v: number | null) => v ?? na },
              { title: t("pay.base"), dataIndex: "base", width: 90, align: "right", render: yuan },
              {
                title: t("pay.performance"),
                dataIndex: "performance",
                width: 90,
                align: "right",
                render: (v: number | null) => (v === null ? na : yuan(v)),
              },
              {
                title: t("pay.rewards"),
                width: 100,
                align: "right",
                render: (_, l) => `${yuan(l.rewards)}（${l.rewardCount}）`,
              },
              {
                title: t("pay.deductions"),
                dataIndex: "deductions",
                width: 80,
                align: "right",
                render: yuan,
              },
              {
                title: t("pay.lineTotal"),
                dataIndex: "total",
                width: 100,
                align: "right",
                render: (v: number, l) => (l.excludedReason ? <s>{yuan(v)}</s> : <b>{yuan(v)}</b>),
              },
              {
                title: t("pay.bank"),
                width: 230,
                render: (_, l) =>
                  l.excludedReason ? (
                    <Tag>{t("pay.excluded", { reason: l.excludedReason })}</Tag>
                  ) : l.accountMasked ? (
                    `${l.bankName ?? ""} ${l.accountMasked}`
                  ) : (
                    <Space wrap size={4}>
                      <Tag color="red">{t("pay.noBank")}</Tag>
                      {s.abilities.exclude && (
                        <Popover
                          trigger="click"
                          content={
                            <Space.Compact>
                              <Input
                                placeholder={t("pay.excludeReason")}
                                value={reasons[l.id] ?? ""}
                                data-testid={`pay-exclude-reason-${l.name}`}
                                onChange={(e) => setReasons({ ...reasons, [l.id]: e.target.value })}
                              />
                              <Button
                                type="primary"
                                data-testid={`pay-exclude-ok-${l.name}`}
                                onClick={() => run(() => excludePayLine(s.id, l.id, reasons[l.id] ?? ""))}
                              >
                                {t("common.save")}
                              </Button>
                            </Space.Compact>
                          }
                        >
                          <Typography.Link data-testid={`pay-exclude-${l.name}`}>
                            {t("pay.exclude")}
                          </Typography.Link>
                        </Popover>
                      )}
                    </Space>
                  ),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
