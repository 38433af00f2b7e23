import { Button, DatePicker, Input, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { caseStageLabel, caseStages, caseTypeLabel, caseTypes } from "../../../../domain/case/case-types";
import type { CaseFilter } from "../../api/cases";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";
import { useCaseCategories } from "./use-case-categories";

/** Start (or end) of a China-time calendar day, as a UTC ISO timestamp for the API. */
export function chinaDayBoundary(day: Dayjs, end: boolean): string {
  const date = day.format("YYYY-MM-DD");
  return new Date(`${date}T${end ? "23:59:59.999" : "00:00:00.000"}+08:00`).toISOString();
}

function chinaDate(iso: string | undefined): Dayjs | null {
  if (!iso) return null;
  const shifted = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
  return dayjs(shifted);
}

interface CaseFiltersProps {
  value: CaseFilter;
  onChange: (patch: Partial<CaseFilter>) => void;
  onReset: () => void;
}

/** Filters of the work queues: category, type, stage, region, grid, deadline state, report dates, text. */
export function CaseFilters({ value, onChange, onReset }: CaseFiltersProps) {
  const { t, pick } = useI18n();
  const categories = useCaseCategories();
  const stages = value.stage ? value.stage.split(",").filter(Boolean) : [];
  const from = chinaDate(value.reportedFrom);
  const to = chinaDate(value.reportedTo);

  return (
    <div className="toolbar" data-testid="case-filters">
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        style={{ width: 150 }}
        placeholder={t("filter.category")}
        value={value.category}
        onChange={(category) => onChange({ category })}
        options={categories.map((c) => ({ value: c.code, label: pick(c) }))}
      />
      <Select
        allowClear
        style={{ width: 140 }}
        placeholder={t("filter.type")}
        value={value.type}
        onChange={(type) => onChange({ type })}
        options={caseTypes.map((v) => ({ value: v, label: pick(caseTypeLabel[v]) }))}
      />
      <Select
        allowClear
        mode="multiple"
        maxTagCount="responsive"
        style={{ width: 220 }}
        placeholder={t("filter.stage")}
        value={stages}
        onChange={(list: string[]) => onChange({ stage: list.length ? list.join(",") : undefined })}
        options={caseStages.map((v) => ({ value: v, label: pick(caseStageLabel[v]) }))}
      />
      <RegionCascader
        maxLevel="village"
        anyLevel
        allowClear
        style={{ minWidth: 220 }}
        value={value.region}
        onChange={(region) => onChange({ region })}
        placeholder={t("filter.region")}
      />
      <Input.Search
        allowClear
        style={{ width: 170 }}
        placeholder={t("filter.grid")}
        defaultValue={value.grid}
        onSearch={(grid) => onChange({ grid: grid.trim() || undefined })}
      />
      <Select
        allowClear
        style={{ width: 130 }}
        placeholder={t("filter.deadlineState")}
        value={value.deadlineState}
        onChange={(deadlineState) => onChange({ deadlineState })}
        options={(["on_time", "due_soon", "overdue"] as const).map((v) => ({
          value: v,
          label: t(`deadline.${v}`),
        }))}
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[t("filter.dateFrom"), t("filter.dateTo")]}
        value={[from, to]}
        onChange={(range) =>
          onChange({
            reportedFrom: range?.[0] ? chinaDayBoundary(range[0], false) : undefined,
            reportedTo: range?.[1] ? chinaDayBoundary(range[1], true) : undefined,
          })
        }
      />
      <Input.Search
        allowClear
        style={{ width: 220 }}
        placeholder={t("filter.q")}
        defaultValue={value.q}
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
        data-testid="case-search"
      />
      <Button onClick={onReset}>{t("filter.reset")}</Button>
    </div>
  );
}
