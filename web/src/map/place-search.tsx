import { SearchOutlined } from "@ant-design/icons";
import { AutoComplete, Input } from "antd";
import { useEffect, useRef, useState } from "react";
import type { BBox } from "../../../domain/geo/geometry";
import { api, queryString } from "../api/client";
import { fetchBoundary, fetchGrid, fetchGrids } from "../api/grids";
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

/** Where a region is: its boundary's box when one is loaded, else the box of its grids; null if neither. */
async function regionBox(code: string): Promise<BBox | null> {
  const boundary = await fetchBoundary(code).catch(() => null);
  if (boundary) {
    let box: BBox = [180, 90, -180, -90];
    const walk = (v: unknown): void => {
      if (Array.isArray(v) && typeof v[0] === "number" && typeof v[1] === "number") {
        box = [
          Math.min(box[0], v[0]),
          Math.min(box[1], v[1]),
          Math.max(box[2], v[0]),
          Math.max(box[3], v[1]),
        ];
      } else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(boundary);
    if (box[0] <= box[2]) return box;
  }
  const grids = await fetchGrids({ region: code, page: 1, pageSize: 20 }).catch(() => null);
  if (!grids?.items.length) return null;
  const full = await Promise.all(grids.items.map((g) => fetchGrid(g.id)));
  return full.reduce<BBox>(
    (b, g) => [
      Math.min(b[0], g.bbox[0]),
      Math.min(b[1], g.bbox[1]),
      Math.max(b[2], g.bbox[2]),
      Math.max(b[3], g.bbox[3]),
    ],
    [180, 90, -180, -90],
  );
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

  const options = [
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
  ];

  const choose = async (value: string) => {
    if (value.startsWith("s:")) {
      const s = sites.find((x) => x.id === value.slice(2));
      if (s?.lon != null && s.lat != null) onPlace({ kind: "point", lng: s.lon, lat: s.lat, label: s.name });
    } else {
      const r = regions.find((x) => x.code === value.slice(2));
      const box = r ? await regionBox(r.code) : null;
      if (r && box) onPlace({ kind: "box", bbox: box, label: r.name });
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
      data-testid="place-search"
    >
      <Input prefix={<SearchOutlined />} placeholder={t("locate.search")} allowClear />
    </AutoComplete>
  );
}
