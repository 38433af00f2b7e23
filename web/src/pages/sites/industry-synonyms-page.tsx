import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { industryLabel } from "../../../../domain/site/industry";
import { builtInIndustrySynonyms } from "../../../../domain/site/industry-synonyms";
import {
  addSynonym,
  fetchSynonyms,
  type IndustryHit,
  type IndustrySynonym,
  removeSynonym,
  searchIndustries,
} from "../../api/industries";
import { errorMessage } from "../../components/error-message";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { IndustryPicker } from "./industry-picker";

/**
 * 行业俗称 (issue 11): the province office's own everyday words for GB/T 4754 industries (加油站 → 5265),
 * added and removed here (in the trail), used by the one industry look-up (`GET /industries?q=`) that the
 * site form, the report form and the import mapping share. A try box shows what the look-up finds.
 */
export function IndustrySynonymsPage() {
  const { t, lang, pick } = useI18n();
  const [builtInQuery, setBuiltInQuery] = useState("");
  const builtIn = useMemo(() => {
    const q = builtInQuery.trim();
    return builtInIndustrySynonyms
      .map((s) => {
        const label = industryLabel(s.code);
        return { term: s.term, code: s.code, label: label ? pick(label) : "" };
      })
      .filter((s) => !q || s.term.includes(q) || s.code.startsWith(q) || s.label.includes(q));
  }, [builtInQuery, pick]);
  const { message } = AntApp.useApp();
  const [list, setList] = useState<{ items: IndustrySynonym[]; abilities: { add: boolean } } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [term, setTerm] = useState("");
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState<{ q: string; hits: IndustryHit[] } | null>(null);

  const load = useCallback(() => {
    fetchSynonyms()
      .then((l) => {
        setList(l);
        setError(null);
      })
      .catch(setError);
  }, []);
  useEffect(load, [load]);

  const add = async () => {
    if (!term.trim() || !code) return;
    setBusy(true);
    try {
      await addSynonym({ term: term.trim(), code });
      message.success(t("synonyms.saved", { term: term.trim() }));
      setTerm("");
      setCode(null);
      load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (s: IndustrySynonym) => {
    try {
      await removeSynonym(s.id);
      load();
    } catch (err) {
      setError(err);
    }
  };
  const tryWord = async (q: string) => {
    if (!q.trim()) return setTried(null);
    try {
      setTried({ q, hits: (await searchIndustries(q.trim(), 5)).items });
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Card className="page-card" title={t("synonyms.title")} data-testid="industry-synonyms">
      <Typography.Paragraph type="secondary">{t("synonyms.intro")}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: "100%" }} size={12}>
        {error != null && (
          <Alert type="error" showIcon title={errorMessage(error, t)} data-testid="synonyms-error" />
        )}
        {list?.abilities.add && (
          <Space wrap align="start">
            <Input
              style={{ width: 200 }}
              maxLength={30}
              placeholder={t("synonyms.term")}
              aria-label={t("synonyms.term")}
              value={term}
              onChange={(e) => setTerm(e.target.value)}
              data-testid="synonym-term"
            />
            <div style={{ width: 320, maxWidth: "80vw" }}>
              <IndustryPicker value={code} onChange={setCode} data-testid="synonym-code" />
            </div>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              loading={busy}
              disabled={!term.trim() || !code}
              onClick={add}
              data-testid="synonym-add"
            >
              {t("synonyms.add")}
            </Button>
          </Space>
        )}
        <Table<IndustrySynonym>
          size="small"
          rowKey="id"
          loading={!list && error == null}
          data-testid="synonym-table"
          dataSource={list?.items ?? []}
          locale={{ emptyText: t("synonyms.empty") }}
          pagination={(list?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 520 }}
          columns={[
            { title: t("synonyms.term"), dataIndex: "term", width: 140 },
            {
              title: t("synonyms.industry"),
              render: (_, s) => (
                <span title={s.code}>
                  {s.code} {s.label}
                </span>
              ),
            },
            {
              title: t("synonyms.added"),
              dataIndex: "createdAt",
              width: 150,
              render: (at: string) => formatDateTime(at, lang),
            },
            {
              title: "",
              width: 90,
              fixed: "right",
              render: (_, s) =>
                s.abilities.remove && (
                  <Popconfirm
                    title={t("synonyms.removeConfirm", { term: s.term })}
                    onConfirm={() => remove(s)}
                    okText={t("synonyms.remove")}
                    cancelText={t("common.cancel")}
                  >
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      data-testid={`synonym-remove-${s.term}`}
                    >
                      {t("synonyms.remove")}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 8, marginBottom: 0 }}>
          {t("synonyms.builtIn", { n: builtInIndustrySynonyms.length })}
        </Typography.Title>
        <Input.Search
          allowClear
          style={{ width: 240 }}
          placeholder={t("synonyms.builtInFilter")}
          onChange={(e) => setBuiltInQuery(e.target.value)}
          data-testid="synonym-builtin-filter"
        />
        <Table
          size="small"
          rowKey={(s) => `${s.term}-${s.code}`}
          data-testid="synonym-builtin"
          dataSource={builtIn}
          pagination={{ pageSize: 10, showSizeChanger: false, size: "small" }}
          columns={[
            { title: t("synonyms.term"), dataIndex: "term", width: 140 },
            {
              title: t("synonyms.industry"),
              render: (_, s) => (
                <span title={s.code}>
                  {s.code} {s.label}
                </span>
              ),
            },
          ]}
        />
        <Space wrap>
          <Typography.Text>{t("synonyms.try")}</Typography.Text>
          <Input.Search
            style={{ width: 240 }}
            placeholder={t("synonyms.tryHint")}
            onSearch={tryWord}
            data-testid="synonym-try"
          />
        </Space>
        {tried && (
          <div data-testid="synonym-try-result">
            {tried.hits.length === 0 ? (
              <Typography.Text type="secondary">{t("synonyms.noHit")}</Typography.Text>
            ) : (
              <Space wrap>
                {tried.hits.map((h) => (
                  <Tag key={h.code} title={h.code}>
                    {h.code} {h.label}
                    {h.synonym ? `（${h.synonym}）` : ""}
                  </Tag>
                ))}
              </Space>
            )}
          </div>
        )}
      </Space>
    </Card>
  );
}
