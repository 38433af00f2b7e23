import { Select } from "antd";
import { useMemo, useState } from "react";
import {
  industryDivisions,
  industryLabel,
  industrySectionLetters,
  industrySections,
  isIndustryCode,
  namedIndustryCodes,
} from "../../../../domain/site/industry";
import { useI18n } from "../../i18n/i18n-context";

/**
 * GB/T 4754-2017 industry (国民经济行业分类): the 97 divisions and the groups/classes SafeGrid names,
 * grouped by section; any other valid 3- or 4-digit code can be typed in. Value: the digits.
 */
export function IndustryPicker(props: {
  value?: string | null;
  onChange?: (code: string | null) => void;
  "data-testid"?: string;
}) {
  const { t, pick } = useI18n();
  const [typed, setTyped] = useState("");
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
      data-testid={props["data-testid"]}
      value={value}
      onChange={(code?: string) => props.onChange?.(code ?? null)}
      placeholder={t("sites.industryPlaceholder")}
      showSearch={{
        onSearch: setTyped,
        filterOption: (input, option) => {
          const q = input.trim().toLowerCase();
          const label = String((option as { label?: unknown })?.label ?? "").toLowerCase();
          return label.includes(q);
        },
      }}
      options={[...current, ...extra, ...groups]}
      listHeight={320}
    />
  );
}
