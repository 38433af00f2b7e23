import { Button, DatePicker, Input, Select } from "antd";
import { eventLabels, subjectTypeLabels } from "../../../../domain/trail/event-labels";
import type { TrailFilter } from "../../api/trail";
import { useI18n } from "../../i18n/i18n-context";
import { chinaDayBoundary } from "../cases/case-filters";

interface TrailFiltersProps {
  value: TrailFilter;
  onChange: (patch: Partial<TrailFilter>) => void;
  onReset: () => void;
}

/** Filters of the trail browser: person, subject (type and id), event kind, days (北京时间). */
export function TrailFilters({ value, onChange, onReset }: TrailFiltersProps) {
  const { t, pick } = useI18n();
  return (
    <div className="toolbar" data-testid="trail-filters">
      <Input.Search
        allowClear
        defaultValue={value.actor}
        placeholder={t("trailBrowse.actor")}
        style={{ width: 180 }}
        onSearch={(v) => onChange({ actor: v.trim() || undefined })}
        data-testid="trail-actor"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("trailBrowse.action")}
        style={{ width: 200 }}
        value={value.action}
        onChange={(v?: string) => onChange({ action: v })}
        options={Object.entries(eventLabels)
          .map(([code, label]) => ({ value: code, label: `${pick(label)}（${code}）` }))
          .sort((a, b) => a.value.localeCompare(b.value))}
        data-testid="trail-action"
      />
      <Select
        allowClear
        placeholder={t("trailBrowse.subjectType")}
        style={{ width: 140 }}
        value={value.subjectType}
        onChange={(v?: string) => onChange({ subjectType: v })}
        options={Object.entries(subjectTypeLabels).map(([code, label]) => ({
          value: code,
          label: pick(label),
        }))}
        data-testid="trail-subject-type"
      />
      <Input.Search
        allowClear
        defaultValue={value.subjectId}
        placeholder={t("trailBrowse.subjectId")}
        style={{ width: 200 }}
        onSearch={(v) => onChange({ subjectId: v.trim() || undefined })}
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[t("trailBrowse.dateFrom"), t("trailBrowse.dateTo")]}
        onChange={(range) =>
          onChange({
            from: range?.[0] ? chinaDayBoundary(range[0], false) : undefined,
            to: range?.[1] ? chinaDayBoundary(range[1], true) : undefined,
          })
        }
      />
      <Button onClick={onReset}>{t("trailBrowse.reset")}</Button>
    </div>
  );
}
