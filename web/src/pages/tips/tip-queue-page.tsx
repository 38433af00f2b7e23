import { Alert, Button, Card, Descriptions, Input, Modal, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import {
  fetchTipQueue,
  type InformantIdentity,
  readInformantIdentity,
  type TipQueueItem,
} from "../../api/tips";
import { errorMessage } from "../../components/error-message";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

/** 举报受理: the tip officer's queue and the identity view (a reason each time; audited). */
export function TipQueuePage() {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<TipQueueItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [asking, setAsking] = useState<TipQueueItem | null>(null);
  const [reason, setReason] = useState("");
  const [shown, setShown] = useState<InformantIdentity | null>(null);
  const [askError, setAskError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    fetchTipQueue()
      .then((r) => setItems(r.items))
      .catch(setError);
  }, []);
  const close = () => {
    setAsking(null);
    setShown(null);
    setReason("");
    setAskError(null);
  };
  const reveal = async () => {
    if (!asking) return;
    setBusy(true);
    try {
      setShown(await readInformantIdentity(asking.id, reason));
      setAskError(null);
    } catch (err) {
      setAskError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="page-card" title={t("tips.queue")} data-testid="tip-queue">
      <Typography.Paragraph type="secondary">{t("tips.queueIntro")}</Typography.Paragraph>
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      <Table<TipQueueItem>
        rowKey="id"
        size="small"
        loading={items === null && error === null}
        dataSource={items ?? []}
        tableLayout="fixed"
        pagination={false}
        columns={[
          {
            title: t("tips.number"),
            dataIndex: "number",
            // the tip officer's own page of the tip (the case page is not theirs to read)
            render: (n, r) => (
              <Link to={`/tips/${r.id}`} data-testid={`tip-link-${n}`}>
                {n}
              </Link>
            ),
          },
          { title: t("tips.kind"), dataIndex: "kindLabel", responsive: ["md"] },
          { title: t("tips.stage"), dataIndex: "stageLabel" },
          {
            title: t("tips.createdAt"),
            responsive: ["lg"],
            dataIndex: "createdAt",
            render: (v: string) => formatDateTime(v, lang),
          },
          {
            title: t("tips.identity"),
            key: "identity",
            render: (_v, r) =>
              r.realName ? (
                <Button size="small" data-testid={`tip-identity-${r.number}`} onClick={() => setAsking(r)}>
                  {t("tips.showIdentity")}
                </Button>
              ) : (
                <Tag>{t("tips.anonymous")}</Tag>
              ),
          },
        ]}
      />
      <Modal
        open={asking !== null}
        title={`${t("tips.identity")} · ${asking?.number ?? ""}`}
        onCancel={close}
        footer={
          shown ? (
            <Button onClick={close}>{t("common.cancel")}</Button>
          ) : (
            <Button
              type="primary"
              data-testid="tip-identity-submit"
              loading={busy}
              disabled={reason.trim().length < 5}
              onClick={reveal}
            >
              {t("tips.showIdentity")}
            </Button>
          )
        }
        destroyOnHidden
      >
        {shown ? (
          <Descriptions column={1} size="small" data-testid="tip-identity">
            <Descriptions.Item label={t("tips.name")}>{shown.name}</Descriptions.Item>
            <Descriptions.Item label={t("tips.phone")}>{shown.phone}</Descriptions.Item>
            <Descriptions.Item label={t("tips.readAt")}>
              {formatDateTime(shown.readAt, lang)}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t("tips.queueIntro")}</Typography.Paragraph>
            <Input.TextArea
              data-testid="tip-identity-reason"
              rows={3}
              maxLength={500}
              value={reason}
              placeholder={t("tips.reasonPlaceholder")}
              onChange={(e) => setReason(e.target.value)}
            />
            {askError != null && (
              <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorMessage(askError, t)} />
            )}
          </>
        )}
      </Modal>
    </Card>
  );
}
