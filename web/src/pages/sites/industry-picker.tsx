import { Select } from "antd";
import { useEffect, useMemo, useState } from "react";
import {
  industryDivisions,
  industryLabel,
  industrySectionLetters,
  industrySections,
  isIndustryCode,
  namedIndustryCodes,
} from "../../../../domain/site/industry";
import { type IndustryHit, searchIndustries } from "../../api/industries";
import { useI18n } from "../../i18n/i18n-context";

/**
 * GB/T 4754-2017 industry (国民经济行业分类): the 97 divisions and the groups/classes SafeGrid names,
 * grouped by section; what is typed is looked up by the one industry route (`GET /industries?q=`: codes,
 * names, everyday words such as 加油站, pinyin initials), shown first. Value: the digits.
 */
export function IndustryPicker(props: {
  value?: string | null;
  onChange?: (code: string | null) => void;
  "data-testid"?: string;
}) {
  const { t, pick } = useI18n();
  const [typed, setTyped] = useState("");
  const [hits, setHits] = useState<IndustryHit[]>([]);
  useEffect(() => {
    const q = typed.trim();
    if (!q) {
      setHits([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      searchIndustries(q)
        .then((r) => live && setHits(r.items))
        .catch(() => live && setHits([]));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [typed]);
  const groups = useMemo(
    () =>
      industrySectionLetters.map((letter) => {
        const divisions = industryDivisions.filter((d) => d.section === letter);
        const codes = divisions.flatMap((d) => [
          { value: d.code, label: `${d.code} ${pick(d)}` },
          ...Object.entries(namedIndustryCodes)
            .filter(([code]) => code.startsWith(d.code))
            .map(([code, label]) => ({ value: code, label: `${code} ${pick(label)}` })),
        ]);
        return { label: `${letter} ${pick(industrySections[letter])}`, title: letter, options: codes };
      }),
    [pick],
  );

  // a valid code typed in that the lists do not name (e.g. 1391): offer it under its division's name
  const extra =
    /^\d{2,4}$/.test(typed) &&
    isIndustryCode(typed) &&
    !groups.some((g) => g.options.some((o) => o.value === typed))
      ? [
          {
            label: t("sites.industryTyped"),
            options: [{ value: typed, label: `${typed} ${pick(industryLabel(typed) ?? undefined)}` }],
          },
        ]
      : [];
  const found = hits.length
    ? [
        {
          label: t("sites.industryFound"),
          options: hits.map((h) => ({
            value: h.code,
            label: `${h.code} ${h.label}${h.synonym ? `（${h.synonym}）` : ""}`,
          })),
        },
      ]
    : [];
  const value = props.value ?? undefined;
  const current =
    value && !groups.some((g) => g.options.some((o) => o.value === value))
      ? [
          {
            label: t("sites.industryTyped"),
            options: [{ value, label: `${value} ${pick(industryLabel(value) ?? undefined)}` }],
          },
        ]
      : [];

  return (
    <Select
      allowClear
      style={{ width: "100%" }}
      data-testid={props["data-testid"]}
      value={value}
      onChange={(code?: string) => props.onChange?.(code ?? null)}
      placeholder={t("sites.industryPlaceholder")}
      showSearch={{
        onSearch: setTyped,
        // the route's hits are already the answer; the fixed lists are filtered by what is typed
        filterOption: (input, option) => {
          const q = input.trim().toLowerCase();
          if (hits.some((h) => h.code === (option as { value?: unknown })?.value)) return true;
          const label = String((option as { label?: unknown })?.label ?? "").toLowerCase();
          return label.includes(q);
        },
      }}
      options={typed.trim() && found.length ? [...found, ...extra] : [...current, ...extra, ...groups]}
      listHeight={320}
    />
  );
}
