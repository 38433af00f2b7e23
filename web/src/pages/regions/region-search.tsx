import { LoadingOutlined, SearchOutlined } from "@ant-design/icons";
import { Alert, Empty, Input, Tag, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { regionLevelLabel } from "../../../../domain/region/region-code";
import { searchRegions } from "../../api/regions";
import type { Region } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";

interface Match {
  region: Region;
  path: { code: string; name: string }[];
}

/** Search by name or code prefix; each match shows its full path and selects the region when clicked. */
export function RegionSearch({ onPick }: { onPick: (code: string) => void }) {
  const { t, pick } = useI18n();
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  const run = async (raw: string) => {
    const q = raw.trim();
    const mine = ++seq.current;
    if (!q) {
      setMatches(null);
      setError(null);
      return;
    }
    setLoading(true);
    try {
      // higher levels first (榆中县 before 榆中街社区), then by code
      const items = (await searchRegions(q, 50)).sort(
        (a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code),
      );
      if (mine !== seq.current) return;
      setMatches(items.map(({ path, ...region }) => ({ region, path })));
      setError(null);
    } catch (err) {
      if (mine === seq.current) setError(err);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  };

  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    const id = window.setTimeout(() => runRef.current(query), 350);
    return () => window.clearTimeout(id);
  }, [query]);

  return (
    <div>
      <Input
        data-testid="region-search"
        allowClear
        prefix={<SearchOutlined />}
        suffix={loading ? <LoadingOutlined /> : null}
        placeholder={t("regions.searchPlaceholder")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onPressEnter={() => run(query)}
      />
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginTop: 8 }} />
      )}
      {matches && (
        <div className="region-search-results" data-testid="region-search-results">
          {matches.length === 0 && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("regions.noMatches")} />
          )}
          {matches.map((m) => (
            <button
              type="button"
              key={m.region.code}
              className="region-search-item"
              data-testid="region-search-result"
              data-code={m.region.code}
              onClick={() => onPick(m.region.code)}
            >
              <Typography.Text strong>{m.region.name}</Typography.Text>{" "}
              <Tag>{pick(regionLevelLabel[m.region.level], m.region.level)}</Tag>
              <Typography.Text type="secondary" className="region-search-path">
                {m.path.map((r) => r.name).join(" / ")} · {m.region.code}
              </Typography.Text>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
