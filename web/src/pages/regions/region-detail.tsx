import { Alert, Breadcrumb, Descriptions, Empty, Spin, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { regionLevelLabel } from "../../../../domain/region/region-code";
import { cachedRegion } from "../../api/regions";
import type { RegionDetail as Detail, Region } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";

/** Code, level, parent, number of children and the children of the selected region. */
export function RegionDetail({ code, onPick }: { code: string | null; onPick: (code: string) => void }) {
  const { t, pick } = useI18n();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!code) return;
    let alive = true;
    setLoading(true);
    setError(null);
    cachedRegion(code)
      .then((d) => alive && setDetail(d))
      .catch((err) => alive && setError(err))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [code]);

  if (!code) return <Empty description={t("regions.pickHint")} />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error, t)} />;
  if (!detail || detail.region.code !== code) return <Spin />;

  const { region, ancestors, children } = detail;
  const parent = ancestors[ancestors.length - 1];
  const level = (r: Region) => pick(regionLevelLabel[r.level], r.level);
  const link = (r: Region) => <Typography.Link onClick={() => onPick(r.code)}>{r.name}</Typography.Link>;

  return (
    <Spin spinning={loading}>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[...ancestors.map((r) => ({ title: link(r) })), { title: region.name }]}
      />
      <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="region-detail-name">
        {region.name}
      </Typography.Title>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: "code",
            label: t("regions.code"),
            children: <Typography.Text copyable>{region.code}</Typography.Text>,
          },
          { key: "level", label: t("regions.level"), children: level(region) },
          {
            key: "parent",
            label: t("regions.parent"),
            children: parent ? (
              <span>
                {link(parent)} <Typography.Text type="secondary">{parent.code}</Typography.Text>
              </span>
            ) : (
              "—"
            ),
          },
          { key: "childCount", label: t("regions.childCount"), children: region.childCount },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t("regions.children")}
      </Typography.Title>
      <Table<Region>
        data-testid="region-children"
        size="small"
        rowKey="code"
        dataSource={children}
        pagination={children.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: t("regions.noChildren") }}
        columns={[
          { title: t("regions.name"), dataIndex: "name", render: (_, r) => link(r) },
          { title: t("regions.code"), dataIndex: "code" },
          { title: t("regions.level"), dataIndex: "level", render: (_, r) => level(r) },
          { title: t("regions.childCount"), dataIndex: "childCount", align: "right" },
        ]}
      />
    </Spin>
  );
}
