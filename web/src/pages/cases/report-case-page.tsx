import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Card, Col, Form, Grid, Input, Row, Select, Typography } from "antd";
import { useMemo, useRef, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { reportCaseInput } from "../../../../domain/case/case-schemas";
import {
  type CaseSource,
  type CaseType,
  caseSourceLabel,
  caseSources,
  caseTypeLabel,
  caseTypes,
  type GeoPoint,
} from "../../../../domain/case/case-types";
import { newIdempotencyKey } from "../../api/case-files";
import { type EvidenceView, type ReportCaseBody, reportCase } from "../../api/cases";
import { errorMessage } from "../../components/error-message";
import { serverIssues, showIssues, zodIssues } from "../../components/form-issues";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { EvidenceUpload } from "./evidence-upload";
import { defaultSource, IdempotentRequest } from "./report-defaults";
import { ReportWhereFields, ReportWhereMap } from "./report-where";
import type { SiteOption } from "./site-select";
import { useCaseCategories } from "./use-case-categories";
import "./cases.css";

interface ReportValues {
  source: CaseSource;
  type: CaseType;
  category?: string;
  where: "site" | "location";
  siteId?: string;
  regionCode?: string;
  location?: GeoPoint;
  description?: string;
  evidence?: EvidenceView[];
}

const fields = ["source", "type", "category", "siteId", "regionCode", "location", "description", "evidence"];

/** /cases/new: report a case at a site or a location, with photos; a retry never duplicates it. */
export function ReportCasePage() {
  const { t, pick } = useI18n();
  const { user } = useSignedIn();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ReportValues>();
  const [site, setSite] = useState<SiteOption | undefined>();
  // below lg the map follows the place fields (above the description and the submit button)
  const screens = Grid.useBreakpoint();
  const narrow = screens.lg === undefined ? window.innerWidth < 992 : !screens.lg;
  const [busy, setBusy] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const idempotent = useRef(new IdempotentRequest(newIdempotencyKey));
  const where = Form.useWatch("where", form) ?? "site";
  const location = Form.useWatch("location", form);
  const pickedRegion = Form.useWatch("regionCode", form);
  // The taxonomy of the county where the problem is (the site's, the chosen region's, else the reporter's).
  const categories = useCaseCategories(
    (where === "site" ? site?.regionCode : pickedRegion) ?? user.scope[0],
  ).filter((c) => c.active !== false);
  const initialValues = useMemo<Partial<ReportValues>>(
    () => ({
      source: defaultSource(user.role),
      type: "general_hazard",
      where: "site",
      evidence: [],
      // a grid worker or committee member works in one village or township: start there
      regionCode: user.scope.length === 1 && user.scope[0].length >= 9 ? user.scope[0] : undefined,
    }),
    [user.role, user.scope],
  );

  const submit = async () => {
    const values = form.getFieldsValue(true) as ReportValues;
    const body = {
      source: values.source,
      type: values.type,
      category: values.category,
      description: (values.description ?? "").trim(),
      ...(values.where === "site"
        ? { siteId: values.siteId }
        : { location: values.location, regionCode: values.regionCode }),
      evidenceIds: (values.evidence ?? []).map((e) => e.id),
    };
    const { regionCode: _r, ...checked } = body as typeof body & { regionCode?: string };
    const parsed = reportCaseInput.safeParse(checked);
    form.setFields(fields.map((name) => ({ name, errors: [] })) as never);
    const issues = (parsed.success ? [] : zodIssues(parsed.error)).filter(
      // in site mode the "site or location" rule is reported on the site field below
      (i) => !(values.where === "site" && i.path[0] === "location"),
    );
    if (values.where === "site" && !values.siteId)
      issues.push({ path: ["siteId"], message: t("form.choose", { label: t("report.site") }) });
    // zod checks "site or location" only once the other fields pass; say it now
    if (values.where === "location" && !values.location && !issues.some((i) => i.path[0] === "location"))
      issues.push({ path: ["location"], message: t("report.locationRequired") });
    if (values.where === "location" && (values.regionCode ?? "").length < 9)
      issues.push({ path: ["regionCode"], message: t("report.regionRequired") });
    if (issues.length > 0) {
      const rest = showIssues(form, issues, fields);
      setErrors(rest.length ? rest : null);
      return;
    }
    setSubmitting(true);
    setErrors(null);
    try {
      const key = idempotent.current.keyFor(body);
      const res = await reportCase({
        ...(body as Omit<ReportCaseBody, "idempotencyKey">),
        idempotencyKey: key,
      });
      message.success(t("report.done", { number: res.case.number }));
      navigate(`/cases/${res.case.id}`);
    } catch (err) {
      const rest = showIssues(form, serverIssues(err), fields);
      setErrors([errorMessage(err, t), ...rest]);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card
      className="page-card"
      title={t("report.title")}
      extra={
        <Link to="/cases">
          <Button icon={<ArrowLeftOutlined />}>{t("detail.back")}</Button>
        </Link>
      }
    >
      <Typography.Paragraph type="secondary">{t("report.intro")}</Typography.Paragraph>
      {errors && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={errors[0]}
          description={errors.length > 1 ? errors.slice(1).join("；") : undefined}
          data-testid="report-error"
        />
      )}
      <Form<ReportValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        data-testid="report-form"
        onValuesChange={() => setErrors(null)}
      >
        <Row gutter={24}>
          <Col xs={24} lg={13}>
            <Row gutter={16}>
              <Col xs={24} sm={8}>
                <Form.Item name="source" label={t("cases.source")} required>
                  <Select
                    data-testid="report-source"
                    options={caseSources.map((v) => ({ value: v, label: pick(caseSourceLabel[v]) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="type" label={t("cases.type")} required>
                  <Select
                    data-testid="report-type"
                    options={caseTypes.map((v) => ({ value: v, label: pick(caseTypeLabel[v]) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="category" label={t("cases.category")} required>
                  <Select
                    data-testid="report-category"
                    showSearch={{ optionFilterProp: "label" }}
                    placeholder={t("form.choose", { label: t("cases.category") })}
                    options={categories.map((c) => ({ value: c.code, label: pick(c) }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <ReportWhereFields form={form} where={where} onSite={setSite} />
            {narrow && (
              <div className="report-map-inline">
                <ReportWhereMap
                  form={form}
                  where={where}
                  site={site}
                  location={location}
                  region={pickedRegion}
                />
              </div>
            )}
            <Form.Item name="description" label={t("cases.description")} required>
              <Input.TextArea
                data-testid="report-description"
                rows={4}
                maxLength={2000}
                showCount
                placeholder={t("report.descriptionPlaceholder")}
              />
            </Form.Item>
            <Form.Item name="evidence" label={t("report.evidence")}>
              <EvidenceUpload data-testid="report-evidence" onBusyChange={setBusy} />
            </Form.Item>
            <Button
              type="primary"
              size="large"
              loading={submitting}
              disabled={busy}
              onClick={submit}
              data-testid="report-submit"
            >
              {t("report.submit")}
            </Button>
          </Col>
          {!narrow && (
            <Col lg={11}>
              <ReportWhereMap
                form={form}
                where={where}
                site={site}
                location={location}
                region={pickedRegion}
              />
            </Col>
          )}
        </Row>
      </Form>
    </Card>
  );
}
