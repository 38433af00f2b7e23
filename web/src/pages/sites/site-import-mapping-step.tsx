import { Alert, Input, Select, Space, Table, Tag, Typography } from "antd";
import { type SiteKind, siteKindLabel, siteKinds } from "../../../../domain/site/site-kinds";
import type { SiteImportAnswers, SiteImportPreview } from "../../api/sites";
import { useI18n } from "../../i18n/i18n-context";
import { IndustryPicker } from "./industry-picker";

/** Fields a whole file may be given one value for when it has no column for them. */
const constantFields = ["kind", "ownership", "status"];

/**
 * The mapping step of a site import (issue 11): the sheet (a second sheet with data asks), the header row
 * found below the title rows, each column with the field suggested (by the county's remembered mapping or
 * the header synonyms) to confirm or correct, one value for the whole file where a field has no column
 * (类型 = 企业), and the 行业类别 texts nobody could match, each mapped once to a GB/T 4754 code.
 */
export function SiteImportMappingStep(props: {
  preview: SiteImportPreview;
  answers: Required<Omit<SiteImportAnswers, "sheet">> & { sheet?: string };
  onChange: (answers: SiteImportMappingStepProps["answers"]) => void;
}) {
  const { t, pick } = useI18n();
  const { preview: p, answers } = props;
  const set = (patch: Partial<SiteImportMappingStepProps["answers"]>) =>
    props.onChange({ ...answers, ...patch });
  const labelOf = (field: string) => p.fields.find((f) => f.field === field)?.label ?? field;
  const chosen = p.columns.map((c) => answers.mapping[c.header] ?? c.field ?? "");
  const twice = new Set(chosen.filter((f, i) => f && chosen.indexOf(f) !== i));
  const mapped = new Set(chosen.filter(Boolean));
  const requiredMissing = p.fields.filter(
    (f) => f.required && !mapped.has(f.field) && !answers.constants[f.field],
  );
  const withData = p.sheets.filter((s) => s.hasData);

  return (
    <div data-testid="site-import-mapping">
      {withData.length > 1 && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text>{t("siteMapping.sheet")}</Typography.Text>
          <Select
            style={{ minWidth: 200 }}
            data-testid="mapping-sheet"
            value={answers.sheet ?? p.sheet ?? undefined}
            placeholder={t("siteMapping.sheetPick")}
            onChange={(sheet: string) => set({ sheet })}
            options={withData.map((s) => ({ value: s.name, label: s.name }))}
          />
        </Space>
      )}
      {!p.needsSheet && (
        <>
          <Typography.Paragraph type="secondary" data-testid="mapping-found">
            {t("siteMapping.found", {
              sheet: p.sheet ?? "",
              row: p.headerRow ?? 1,
              rows: p.rows,
              ignored: p.sheets.filter((s) => !s.hasData).length,
            })}
            {p.remembered && (
              <Tag color="blue" style={{ marginLeft: 8 }} data-testid="mapping-remembered">
                {t("siteMapping.remembered")}
              </Tag>
            )}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="index"
            data-testid="mapping-table"
            pagination={false}
            tableLayout="fixed"
            scroll={{ x: 640 }}
            dataSource={p.columns}
            columns={[
              { title: t("siteMapping.header"), dataIndex: "header", width: 130 },
              {
                title: t("siteMapping.field"),
                width: 190,
                render: (_, c, i) => (
                  <Select
                    style={{ width: 170 }}
                    status={twice.has(chosen[i]) ? "error" : undefined}
                    data-testid={`mapping-field-${c.header}`}
                    value={chosen[i]}
                    onChange={(field: string) => set({ mapping: { ...answers.mapping, [c.header]: field } })}
                    options={[
                      { value: "", label: t("siteMapping.skip") },
                      ...p.fields.map((f) => ({
                        value: f.field,
                        label: f.required ? `${f.label} *` : f.label,
                      })),
                    ]}
                  />
                ),
              },
              {
                title: t("siteMapping.source"),
                width: 110,
                render: (_, c, i) =>
                  answers.mapping[c.header] !== undefined && answers.mapping[c.header] !== (c.field ?? "") ? (
                    <Tag color="gold">{t("siteMapping.source.changed")}</Tag>
                  ) : c.source ? (
                    <Tag color={c.source === "mapping" ? "blue" : "green"}>
                      {t(`siteMapping.source.${c.source}`)}
                    </Tag>
                  ) : chosen[i] ? null : (
                    <Typography.Text type="secondary">{t("siteMapping.source.none")}</Typography.Text>
                  ),
              },
              {
                title: t("siteMapping.samples"),
                width: 210,
                render: (_, c) => (
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 190 }}>
                    {p.samples
                      .map((r) => r[p.columns.indexOf(c)])
                      .filter(Boolean)
                      .join("；")}
                  </Typography.Text>
                ),
              },
            ]}
          />
          {twice.size > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 8 }}
              title={t("siteMapping.twice", { fields: [...twice].map(labelOf).join("、") })}
            />
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t("siteMapping.constants")}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t("siteMapping.constantsHint")}</Typography.Paragraph>
          <Space wrap>
            {p.fields
              .filter((f) => !mapped.has(f.field) && (f.required || constantFields.includes(f.field)))
              .map((f) => (
                <Space key={f.field} size={4}>
                  <Typography.Text>{f.label}</Typography.Text>
                  {f.field === "kind" ? (
                    <Select
                      allowClear
                      style={{ width: 170 }}
                      data-testid="constant-kind"
                      placeholder={t("siteMapping.kindInferred")}
                      value={(answers.constants.kind as SiteKind | undefined) || undefined}
                      onChange={(kind?: SiteKind) =>
                        set({ constants: { ...answers.constants, kind: kind ?? "" } })
                      }
                      options={siteKinds.map((k) => ({ value: k, label: pick(siteKindLabel[k]) }))}
                    />
                  ) : (
                    <Input
                      style={{ width: 170 }}
                      data-testid={`constant-${f.field}`}
                      value={answers.constants[f.field] ?? ""}
                      onChange={(e) =>
                        set({ constants: { ...answers.constants, [f.field]: e.target.value } })
                      }
                    />
                  )}
                </Space>
              ))}
          </Space>
          {requiredMissing.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 8 }}
              title={t("siteMapping.requiredMissing", {
                fields: requiredMissing.map((f) => f.label).join("、"),
              })}
            />
          )}
          {p.unmatchedIndustries.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t("siteMapping.industries")}
              </Typography.Title>
              <Typography.Paragraph type="secondary">{t("siteMapping.industriesHint")}</Typography.Paragraph>
              <Table
                size="small"
                rowKey="text"
                data-testid="mapping-industries"
                pagination={false}
                dataSource={p.unmatchedIndustries}
                columns={[
                  {
                    title: t("siteMapping.industryText"),
                    render: (_, u) => `${u.text}（${t("siteMapping.industryRows", { n: u.rows })}）`,
                  },
                  {
                    title: t("siteMapping.industryCode"),
                    render: (_, u) => (
                      <Space orientation="vertical" size={4} style={{ width: "100%" }}>
                        <div style={{ maxWidth: 320 }}>
                          <IndustryPicker
                            data-testid={`industry-answer-${u.text}`}
                            value={answers.industries[u.text] || null}
                            onChange={(code) =>
                              set({ industries: { ...answers.industries, [u.text]: code ?? "" } })
                            }
                          />
                        </div>
                        {u.suggestions.length > 0 && (
                          <Space wrap size={4}>
                            {u.suggestions.slice(0, 4).map((s) => (
                              <Tag.CheckableTag
                                key={s.code}
                                checked={answers.industries[u.text] === s.code}
                                onChange={() =>
                                  set({ industries: { ...answers.industries, [u.text]: s.code } })
                                }
                              >
                                {s.code} {s.label}
                              </Tag.CheckableTag>
                            ))}
                          </Space>
                        )}
                      </Space>
                    ),
                  },
                ]}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}

type SiteImportMappingStepProps = Parameters<typeof SiteImportMappingStep>[0];
