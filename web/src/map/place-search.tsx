import { SearchOutlined } from "@ant-design/icons";
import { AutoComplete, Input } from "antd";
import { useEffect, useRef, useState } from "react";
import type { BBox } from "../../../domain/geo/geometry";
import { api, queryString } from "../api/client";
import { fetchRegionExtent } from "../api/regions";
import { useI18n } from "../i18n/i18n-context";

export type Place =
  | { kind: "point"; lng: number; lat: number; label: string }
  | { kind: "box"; bbox: BBox; label: string };

interface SiteHit {
  id: string;
  name: string;
  address: string;
  regionName: string | null;
  lon: number | null;
  lat: number | null;
}
interface RegionHit {
  code: string;
  name: string;
  path: { name: string }[];
}

/**
 * Address search among the register's sites (name, address, credit code: `GET /sites?q=`) and the region
 * names (`GET /regions?q=`), for locating on a map (issue 11): a site gives its point, a region its area.
 */
export function PlaceSearch({
  onPlace,
  style,
}: {
  onPlace: (p: Place) => void;
  style?: React.CSSProperties;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const [sites, setSites] = useState<SiteHit[]>([]);
  const [regions, setRegions] = useState<RegionHit[]>([]);
  const seq = useRef(0);
  useEffect(() => {
    const text = q.trim();
    const n = ++seq.current;
    if (!text) {
      setSites([]);
      setRegions([]);
      return;
    }
    const timer = setTimeout(() => {
      Promise.all([
        api
          .get<{ items: SiteHit[] }>(`/sites${queryString({ q: text, pageSize: 8 })}`)
          .catch(() => ({ items: [] })),
        api
          .get<{ items: RegionHit[] }>(`/regions${queryString({ q: text, limit: 8 })}`)
          .catch(() => ({ items: [] })),
      ]).then(([s, r]) => {
        if (n !== seq.current) return;
        setSites(s.items.filter((x) => x.lon != null && x.lat != null));
        setRegions(r.items);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);

  // the regions first: few, and a name typed in full is most often a township's or a village's
  const options = [
    ...(regions.length
      ? [
          {
            label: t("locate.searchRegions"),
            options: regions.map((r) => ({
              value: `r:${r.code}`,
              label: r.path.map((p) => p.name).join(" / ") || r.name,
            })),
          },
        ]
      : []),
    ...(sites.length
      ? [
          {
            label: t("locate.searchSites"),
            options: sites.map((s) => ({
              value: `s:${s.id}`,
              label: (
                <span>
                  {s.name}
                  <small style={{ color: "#8c8c8c", marginLeft: 6 }}>{s.address || s.regionName}</small>
                </span>
              ),
            })),
          },
        ]
      : []),
  ];

  const choose = async (value: string) => {
    if (value.startsWith("s:")) {
      const s = sites.find((x) => x.id === value.slice(2));
      if (s?.lon != null && s.lat != null) onPlace({ kind: "point", lng: s.lon, lat: s.lat, label: s.name });
    } else {
      const r = regions.find((x) => x.code === value.slice(2));
      const extent = r ? await fetchRegionExtent(r.code) : null;
      if (r && extent) onPlace({ kind: "box", bbox: extent.bbox, label: r.name });
    }
    setQ("");
  };

  return (
    <AutoComplete
      options={options}
      value={q}
      onSearch={setQ}
      onSelect={(v: string) => void choose(v)}
      style={{ width: "100%", ...style }}
      notFoundContent={q.trim() ? t("locate.noResult") : null}
      // at most 16 options: all of them in the list (none left out of the page for a virtual list)
      virtual={false}
      data-testid="place-search"
    >
      <Input prefix={<SearchOutlined />} placeholder={t("locate.search")} allowClear />
    </AutoComplete>
  );
}
