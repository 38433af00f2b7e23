import { Alert, App as AntApp, Button, Empty, Input, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { fetchTipThread, replyToInformant, type TipThread } from "../../api/tips";
import { errorMessage } from "../../components/error-message";
import { ItemList, ListRow } from "../../components/item-list";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

/** The protected thread of a case from a public tip: replies and questions to the informant, and answers. */
export function CaseTipThread({ caseId }: { caseId: string }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [thread, setThread] = useState<TipThread | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const load = useCallback(async () => {
    try {
      setThread(await fetchTipThread(caseId));
    } catch (err) {
      setError(err);
    }
  }, [caseId]);
  useEffect(() => {
    load();
  }, [load]);
  if (error && !thread) return <Alert type="error" showIcon title={errorMessage(error, t)} />;
  if (!thread) return null;
  const send = async () => {
    setSending(true);
    try {
      setThread(await replyToInformant(caseId, text));
      setText("");
      message.success(t("tips.sent"));
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setSending(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid="tip-thread">
      <Typography.Text type="secondary">{t("tips.intro")}</Typography.Text>
      <Space wrap>
        <Tag color={thread.realName ? "gold" : "default"}>
          {thread.realName ? t("tips.realName") : t("tips.anonymous")}
        </Tag>
        {thread.address && (
          <span>
            {t("tips.address")}：{thread.address}
          </span>
        )}
        {thread.happenedAt && (
          <span>
            {t("tips.happenedAt")}：{formatDateTime(thread.happenedAt, lang)}
          </span>
        )}
      </Space>
      {thread.messages.length === 0 ? (
        <Empty description={t("tips.none")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ItemList
          size="small"
          dataSource={thread.messages}
          renderItem={(m) => (
            <ListRow data-direction={m.direction}>
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>
                  {m.direction === "official" ? t("tips.official") : t("tips.informant")}{" "}
                  <Typography.Text type="secondary">{formatDateTime(m.at, lang)}</Typography.Text>
                </Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>
                  {m.body}
                </Typography.Paragraph>
              </Space>
            </ListRow>
          )}
        />
      )}
      {thread.canReply && (
        <>
          <Input.TextArea
            data-testid="tip-reply"
            rows={3}
            maxLength={1000}
            value={text}
            placeholder={t("tips.replyPlaceholder")}
            onChange={(e) => setText(e.target.value)}
          />
          <Button
            type="primary"
            data-testid="tip-reply-send"
            loading={sending}
            disabled={text.trim().length < 2}
            onClick={send}
          >
            {t("tips.send")}
          </Button>
        </>
      )}
    </Space>
  );
}
