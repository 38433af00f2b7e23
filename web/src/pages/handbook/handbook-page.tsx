import { DownloadOutlined, SaveOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Input,
  InputNumber,
  Row,
  Space,
  Table,
  Typography,
} from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { parseHandbook } from "../../../../domain/print/handbook-markup";
import {
  downloadHandbook,
  fetchHandbook,
  fetchHandbookVersion,
  type HandbookVersion,
  type HandbookVersionSummary,
  saveHandbook,
} from "../../api/print";
import { errorMessage } from "../../components/error-message";
import { RegionToolbar, useRegionData, useRegionParam } from "../../components/region-toolbar";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { HandbookPreview } from "./handbook-preview";

/**
 * /handbook (网格手册, R10): a township's or county's own norms in a small safe rich text (headings, lists,
 * bold) with a live preview; each save is a new version; versions are listed, viewable and downloadable.
 */
export function HandbookPage() {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const { user } = useSignedIn();
  const [region, setRegion] = useRegionParam();
  const { data, error, reload } = useRegionData(region, fetchHandbook);
  const [title, setTitle] = useState("");
  const [source, setSource] = useState("");
  const [maxPages, setMaxPages] = useState<number | null>(null);
  const [viewing, setViewing] = useState<HandbookVersion | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement | null>(null);

  const home = user.scope.find((s) => s.length === 9 || s.length === 6) ?? user.scope[0]?.slice(0, 9);
  useEffect(() => {
    if (!region && home && home.length >= 6) setRegion(home.length > 9 ? home.slice(0, 9) : home);
  }, [region, home, setRegion]);
  useEffect(() => {
    setViewing(null);
    setTitle(data?.current?.title ?? (data ? `${data.regionName}安全生产网格化监管工作手册` : ""));
    setSource(data?.current?.source ?? "");
    setMaxPages(data?.current?.maxPages ?? data?.defaultMaxPages ?? null);
  }, [data]);

  const shown = viewing ? viewing.source : source;
  const blocks = useMemo(() => parseHandbook(shown), [shown]);
  const canEdit = (data?.abilities.manage ?? false) && !viewing;

  /** Wraps the selection (bold) or prefixes the selected lines (headings, lists). */
  const tool = (kind: "h1" | "h2" | "list" | "ordered" | "bold") => {
    const el = area.current;
    const [a, b] = el ? [el.selectionStart, el.selectionEnd] : [source.length, source.length];
    let next: string;
    if (kind === "bold") next = `${source.slice(0, a)}**${source.slice(a, b) || "加粗"}**${source.slice(b)}`;
    else {
      const start = source.lastIndexOf("\n", a - 1) + 1;
      const lines = source.slice(start, b).split("\n");
      const prefix = (i: number) => ({ h1: "# ", h2: "## ", list: "- ", ordered: `${i + 1}. ` })[kind];
      const body = lines.map((l, i) => prefix(i) + l.replace(/^(#{1,2}\s+|[-*•]\s+|\d{1,3}[.、)]\s*)/, ""));
      next = source.slice(0, start) + body.join("\n") + source.slice(b);
    }
    setSource(next);
    requestAnimationFrame(() => el?.focus());
  };

  const save = async () => {
    if (!region) return;
    if (!title.trim()) return void message.error(t("handbook.titleRequired"));
    setBusy(true);
    try {
      const next = await saveHandbook(region, {
        title: title.trim(),
        source,
        ...(maxPages ? { maxPages } : {}),
      });
      message.success(
        t("handbook.saved", { n: next.current?.version ?? 0, pages: next.current?.pages ?? 0 }),
      );
      reload();
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  const download = async (version?: number) => {
    if (!region) return;
    const hide = message.loading(t("print.downloading"), 0);
    try {
      await downloadHandbook(region, version);
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      hide();
    }
  };
  const view = async (v: HandbookVersionSummary) => {
    if (!region) return;
    if (v.version === data?.current?.version) return setViewing(null);
    try {
      setViewing(await fetchHandbookVersion(region, v.version));
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Card title={t("handbook.title")} className="page-card" data-testid="handbook-page">
      <Typography.Paragraph type="secondary">{t("handbook.intro")}</Typography.Paragraph>
      <RegionToolbar
        label={t("handbook.region")}
        maxLevel="township"
        anyLevel
        value={region}
        onChange={setRegion}
        placeholder={t("handbook.pickRegion")}
        onRefresh={reload}
      >
        {data && (
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void download(viewing?.version)}
            data-testid="handbook-download"
          >
            {t("handbook.download")}
          </Button>
        )}
      </RegionToolbar>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {data && !data.abilities.manage && (
        <Alert type="info" showIcon title={t("handbook.readOnly")} style={{ marginBottom: 16 }} />
      )}
      {data && !data.current && (
        <Alert type="info" title={t("handbook.noVersion")} style={{ marginBottom: 16 }} />
      )}
      {viewing && (
        <Alert
          type="warning"
          title={t("handbook.viewing", { n: viewing.version })}
          action={
            <Button size="small" onClick={() => setViewing(null)}>
              {t("handbook.backToLatest")}
            </Button>
          }
          style={{ marginBottom: 16 }}
          data-testid="handbook-viewing"
        />
      )}
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Space orientation="vertical" style={{ width: "100%" }}>
              <Input
                addonBefore={t("handbook.docTitle")}
                value={viewing ? viewing.title : title}
                onChange={(e) => setTitle(e.target.value)}
                disabled={!canEdit}
                maxLength={60}
                data-testid="handbook-title"
              />
              {canEdit && (
                <Space wrap size={4}>
                  {(["h1", "h2", "list", "ordered", "bold"] as const).map((k) => (
                    <Button key={k} size="small" onClick={() => tool(k)} data-testid={`handbook-tool-${k}`}>
                      {t(`handbook.tool.${k}`)}
                    </Button>
                  ))}
                </Space>
              )}
              <Input.TextArea
                ref={(r) => {
                  area.current = r?.resizableTextArea?.textArea ?? null;
                }}
                value={shown}
                onChange={(e) => setSource(e.target.value)}
                disabled={!canEdit}
                autoSize={{ minRows: 12, maxRows: 30 }}
                aria-label={t("handbook.source")}
                data-testid="handbook-source"
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("handbook.syntax")}
              </Typography.Text>
              {canEdit && (
                <Space wrap>
                  <span>{t("handbook.maxPages")}</span>
                  <InputNumber
                    min={1}
                    max={500}
                    value={maxPages}
                    onChange={(v) => setMaxPages(v)}
                    data-testid="handbook-max-pages"
                  />
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    loading={busy}
                    onClick={() => void save()}
                    data-testid="handbook-save"
                  >
                    {t("handbook.save")}
                  </Button>
                </Space>
              )}
            </Space>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t("handbook.preview")}>
              <HandbookPreview blocks={blocks} empty={t("handbook.emptyPreview")} />
            </Card>
          </Col>
          <Col span={24}>
            <Typography.Title level={5}>{t("handbook.versions")}</Typography.Title>
            <Table
              size="small"
              rowKey="version"
              dataSource={data.versions}
              pagination={false}
              scroll={{ x: 760 }}
              data-testid="handbook-versions"
              columns={[
                { title: t("handbook.version"), dataIndex: "version", width: 70 },
                { title: t("handbook.docTitle"), dataIndex: "title", width: 240 },
                { title: t("handbook.pages"), dataIndex: "pages", width: 60 },
                { title: t("handbook.by"), dataIndex: "createdByName", width: 110 },
                {
                  title: t("handbook.at"),
                  dataIndex: "createdAt",
                  width: 150,
                  render: (v: string) => formatDateTime(v, lang),
                },
                {
                  title: "",
                  key: "actions",
                  width: 150,
                  render: (_: unknown, v: HandbookVersionSummary) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        type="link"
                        onClick={() => void view(v)}
                        data-testid={`handbook-view-${v.version}`}
                      >
                        {t("handbook.view")}
                      </Button>
                      <Button size="small" type="link" onClick={() => void download(v.version)}>
                        PDF
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
