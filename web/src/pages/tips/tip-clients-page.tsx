import { Alert, Button, Card, Form, Input, Popconfirm, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import {
  type ClientKind,
  fetchClients,
  type IssuedClient,
  issueClient,
  revokeClient,
  type TipClient,
} from "../../api/tips";
import { errorMessage } from "../../components/error-message";
import { ItemList, ListRow } from "../../components/item-list";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";

function ClientSection({ kind }: { kind: ClientKind }) {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const [items, setItems] = useState<TipClient[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [issued, setIssued] = useState<IssuedClient | null>(null);
  const [busy, setBusy] = useState(false);
  const county = user?.scope.find((c) => c.length === 6) ?? "";
  const load = useCallback(
    () =>
      fetchClients(kind)
        .then((r) => {
          setItems(r.items);
          setError(null);
        })
        .catch(setError),
    [kind],
  );
  useEffect(() => {
    load();
  }, [load]);
  const issue = async (values: Record<string, string>) => {
    setBusy(true);
    try {
      setIssued(await issueClient(kind, values));
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      className="page-card"
      size="small"
      title={t(kind === "open311" ? "clients.open311" : "clients.platforms")}
      data-testid={`clients-${kind}`}
    >
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      {issued && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setIssued(null)}
          title={t("clients.issued")}
          description={
            <Space orientation="vertical" size={0} style={{ wordBreak: "break-all" }}>
              <Typography.Text copyable data-testid="issued-key">
                {t("clients.key")}：{issued.key}
              </Typography.Text>
              {issued.callbackSecret && (
                <Typography.Text copyable>
                  {t("clients.secret")}：{issued.callbackSecret}
                </Typography.Text>
              )}
            </Space>
          }
        />
      )}
      <Form
        layout="vertical"
        onFinish={issue}
        initialValues={{ countyCode: county }}
        style={{ maxWidth: 520 }}
      >
        <Form.Item name="name" label={t("clients.name")} rules={[{ required: true }]}>
          <Input maxLength={60} data-testid={`client-name-${kind}`} />
        </Form.Item>
        <Form.Item name="countyCode" label={t("clients.county")} rules={[{ required: true }]}>
          <Input maxLength={6} />
        </Form.Item>
        {kind === "platforms" && (
          <Form.Item name="callbackUrl" label={t("clients.callback")} rules={[{ required: true }]}>
            <Input maxLength={500} placeholder="https://" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid={`client-issue-${kind}`}>
          {t("clients.issue")}
        </Button>
      </Form>
      <ItemList
        style={{ marginTop: 12 }}
        loading={items === null && error === null}
        dataSource={items ?? []}
        renderItem={(c) => (
          <ListRow
            actions={
              c.revokedAt
                ? []
                : [
                    <Popconfirm
                      key="revoke"
                      title={t("clients.revokeConfirm")}
                      onConfirm={async () => {
                        await revokeClient(kind, c.id).catch(setError);
                        await load();
                      }}
                    >
                      <Button size="small" danger>
                        {t("clients.revoke")}
                      </Button>
                    </Popconfirm>,
                  ]
            }
          >
            <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
              <Space wrap>
                <Typography.Text strong>{c.name}</Typography.Text>
                <Tag color={c.revokedAt ? "default" : "green"}>
                  {t(c.revokedAt ? "clients.revoked" : "clients.active")}
                </Tag>
              </Space>
              <Typography.Text type="secondary">
                {c.countyCode} · {t("clients.keyHint")} …{c.keyHint} · {formatDateTime(c.createdAt, lang)}
              </Typography.Text>
              {c.callbackUrl && (
                <Typography.Text type="secondary" style={{ wordBreak: "break-all" }}>
                  {c.callbackUrl}
                </Typography.Text>
              )}
            </Space>
          </ListRow>
        )}
      />
    </Card>
  );
}

/** 举报接口密钥: Open311 client keys and 12345/forwarding platform keys, issued and revoked by the offices. */
export function TipClientsPage() {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid="tip-clients">
      <Card className="page-card" title={t("clients.title")}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t("clients.intro")}
        </Typography.Paragraph>
      </Card>
      <ClientSection kind="open311" />
      <ClientSection kind="platforms" />
    </Space>
  );
}
