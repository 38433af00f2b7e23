import { Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { regionLevelLabel } from "../../../domain/region/region-code";
import { regionPath } from "../api/regions";
import type { Region } from "../api/types";
import { useI18n } from "../i18n/i18n-context";

/** Each scope prefix of the user with its level and full path (甘肃省 / 兰州市 / 榆中县). */
export function ScopeSummary({ scope }: { scope: string[] }) {
  const { t, pick } = useI18n();
  const [paths, setPaths] = useState<Map<string, Region[]>>(new Map());

  useEffect(() => {
    let alive = true;
    Promise.all(scope.map(async (code) => [code, await regionPath(code).catch(() => [])] as const)).then(
      (list) => alive && setPaths(new Map(list)),
    );
    return () => {
      alive = false;
    };
  }, [scope]);

  if (scope.length === 0) return <Typography.Text type="secondary">{t("dashboard.noScope")}</Typography.Text>;
  return (
    <div className="scope-summary">
      {scope.map((code) => {
        const path = paths.get(code) ?? [];
        const region = path[path.length - 1];
        return (
          <div key={code} className="scope-summary-item">
            <Typography.Text strong>{region ? region.name : code}</Typography.Text>
            {region && <Tag>{pick(regionLevelLabel[region.level])}</Tag>}
            <Typography.Text type="secondary">
              {path.length > 1 ? `${path.map((r) => r.name).join(" / ")} · ` : ""}
              {code}
            </Typography.Text>
          </div>
        );
      })}
    </div>
  );
}
