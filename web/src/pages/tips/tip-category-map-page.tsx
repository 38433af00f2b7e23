import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Input, message, Select, Space, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { type CategoryMap, fetchCategoryMap, saveCategoryMap } from "../../api/tips";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";
import { CountyPicker, useFirstCounty } from "./tip-county-picker";

interface Row {
  key: number;
  categoryText: string;
  kind: string;
}

/**
 * 转办分类对照 (issue 12.6): the county maps a forwarding platform's category text (12345 hotline work
 * orders) to a tip kind. Edited as rows, saved as a whole table (PUT /tip-category-maps/:county).
 */
export function TipCategoryMapPage() {
  const { t } = useI18n();
  const [county, setCounty] = useState(useFirstCounty());
  const [map, setMap] = useState<CategoryMap | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [nextKey, setNextKey] = useState(0);
  const take = useCallback((m: CategoryMap) => {
    setMap(m);
    setRows(m.rows.map((r, i) => ({ key: i, categoryText: r.categoryText, kind: r.kind })));
    setNextKey(m.rows.length);
    setError(null);
  }, []);
  useEffect(() => {
    if (!county) return;
    setMap(null);
    fetchCategoryMap(county).then(take).catch(setError);
  }, [county, take]);
  const change = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const save = async () => {
    setBusy(true);
    try {
      take(
        await saveCategoryMap(
          county,
          rows.map(({ categoryText, kind }) => ({ categoryText, kind })),
        ),
      );
      message.success(t("catmap.saved"));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const kinds = (map?.kinds ?? []).map((k) => ({ value: k.code, label: k.label }));
  return (
    <Card className="page-card" title={t("catmap.title")} data-testid="tip-category-map">
      <Typography.Paragraph type="secondary">{t("catmap.intro")}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: "100%" }} size={12}>
        <CountyPicker value={county} onOpen={setCounty} />
        {error != null && (
          <Alert type="error" showIcon title={errorMessage(error, t)} data-testid="catmap-error" />
        )}
        {map && (
          <>
            {rows.length === 0 ? (
              <Empty description={t("catmap.empty")} />
            ) : (
              <div className="catmap-rows" data-testid="catmap-rows">
                <div className="catmap-head">
                  <Typography.Text type="secondary">{t("catmap.text")}</Typography.Text>
                  <Typography.Text type="secondary">{t("catmap.kind")}</Typography.Text>
                  <span />
                </div>
                {rows.map((r, i) => (
                  <div className="catmap-row" key={r.key} data-testid={`catmap-row-${i}`}>
                    <Input
                      value={r.categoryText}
                      maxLength={100}
                      placeholder={t("catmap.text")}
                      aria-label={t("catmap.text")}
                      onChange={(e) => change(r.key, { categoryText: e.target.value })}
                      data-testid={`catmap-text-${i}`}
                    />
                    <Select
                      value={r.kind || undefined}
                      options={kinds}
                      placeholder={t("catmap.kind")}
                      aria-label={t("catmap.kind")}
                      onChange={(kind: string) => change(r.key, { kind })}
                      data-testid={`catmap-kind-${i}`}
                      style={{ width: "100%" }}
                    />
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t("catmap.remove")}
                      onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                    />
                  </div>
                ))}
              </div>
            )}
            <Space wrap>
              <Button
                icon={<PlusOutlined />}
                onClick={() => {
                  setRows((rs) => [...rs, { key: nextKey, categoryText: "", kind: "" }]);
                  setNextKey((k) => k + 1);
                }}
                data-testid="catmap-add"
              >
                {t("catmap.add")}
              </Button>
              <Button type="primary" loading={busy} onClick={save} data-testid="catmap-save">
                {t("catmap.save")}
              </Button>
            </Space>
          </>
        )}
      </Space>
    </Card>
  );
}
