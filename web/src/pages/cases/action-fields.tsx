import { Col, DatePicker, Form, Input, Radio, Row, Select, Typography } from "antd";
import dayjs from "dayjs";
import { type CaseAction, caseTypeLabel, caseTypes } from "../../../../domain/case/case-types";
import { recheckNeedsLocation } from "../../../../domain/case/recheck-evidence";
import type { CaseDetail } from "../../api/cases";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { DepartmentSelect } from "./department-select";
import { EvidenceUpload } from "./evidence-upload";
import { AcceptFields } from "./handler-select";
import { LocationInput } from "./location-input";
import { MergeFields } from "./merge-fields";
import { reasonLabel } from "./reason-label";
import { useCaseCategories } from "./use-case-categories";

interface ActionFieldsProps {
  action: CaseAction;
  detail: CaseDetail;
  onBusyChange: (busy: boolean) => void;
}

const notPast = (d: dayjs.Dayjs) => d.isBefore(dayjs().startOf("day"));
const planItems = [
  "objectives",
  "measures",
  "fundsMaterials",
  "responsiblePeople",
  "safetyMeasures",
] as const;

/** The inputs of one action's dialog; validation is the domain's zod schema of the action. */
export function ActionFields({ action, detail, onBusyChange }: ActionFieldsProps) {
  const { t, pick } = useI18n();
  const { user } = useSignedIn();
  const kase = detail.case;
  const county = kase.regionCode.slice(0, 6);
  // The county's active categories, and the case's own even if the county deactivated it since.
  const categories = useCaseCategories(county).filter((c) => c.active !== false || c.code === kase.category);
  const reason = (label = reasonLabel(action, t), rows = 3) => (
    <Form.Item name="reason" label={label} required>
      <Input.TextArea rows={rows} maxLength={2000} showCount data-testid="action-reason" />
    </Form.Item>
  );
  const note = (label = t("action.note")) => (
    <Form.Item name="note" label={label}>
      <Input.TextArea rows={2} maxLength={2000} data-testid="action-note" />
    </Form.Item>
  );
  const suggestion = detail.suggestion && (
    <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
      {t("action.suggestionFrom", {
        name: detail.suggestion.departmentName,
        explanation: detail.suggestion.explanation,
      })}
    </Typography.Paragraph>
  );
  const evidence = (
    <Form.Item name="evidence" label={t("action.evidence")} required={action === "feedback"}>
      <EvidenceUpload data-testid="action-evidence" onBusyChange={onBusyChange} />
    </Form.Item>
  );
  // a grid worker, committee member or township station re-checks on site: the location is required
  // (the server answers 422 recheck_location_required without it)
  const locationRequired = action === "recheck" && recheckNeedsLocation(user.role);
  const location = (
    <Form.Item name="location" label={t("action.location")} required={locationRequired}>
      <LocationInput />
    </Form.Item>
  );
  const passed = (
    <Form.Item name="passed" label={t("action.passed")} required>
      <Radio.Group
        data-testid="action-passed"
        optionType="button"
        buttonStyle="solid"
        options={[
          { value: "pass", label: t("action.pass") },
          { value: "fail", label: t("action.fail") },
        ]}
      />
    </Form.Item>
  );

  switch (action) {
    case "triage":
      return (
        <>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="type" label={t("cases.type")} required>
                <Select options={caseTypes.map((v) => ({ value: v, label: pick(caseTypeLabel[v]) }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="category" label={t("cases.category")} required>
                <Select
                  showSearch={{ optionFilterProp: "label" }}
                  options={categories.map((c) => ({ value: c.code, label: pick(c) }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="suggestedDepartmentId" label={t("action.suggestedDepartment")}>
            <DepartmentSelect county={county} allowClear />
          </Form.Item>
          {suggestion}
          {note()}
        </>
      );
    case "dispatch":
    case "forward":
      return (
        <>
          <Form.Item name="departmentId" label={t("cases.owner")} required>
            <DepartmentSelect
              county={county}
              exclude={action === "forward" ? [kase.ownerDepartmentId] : []}
              data-testid="action-department"
            />
          </Form.Item>
          {suggestion}
          {action === "forward" ? reason() : note()}
        </>
      );
    case "return":
      return (
        <>
          {reason()}
          <Form.Item
            name="suggestedDepartmentId"
            label={t("action.suggestedDepartment")}
            extra={t("action.suggestedHint")}
          >
            <DepartmentSelect county={county} allowClear exclude={[kase.ownerDepartmentId]} />
          </Form.Item>
        </>
      );
    case "merge":
      return <MergeFields detail={detail} note={note()} />;
    case "accept":
      return <AcceptFields departmentId={kase.ownerDepartmentId} />;
    case "submit_plan":
      return (
        <>
          {planItems.map((item) => (
            <Form.Item key={item} name={["plan", item]} label={t(`plan.${item}`)} required>
              <Input.TextArea rows={2} maxLength={2000} data-testid={`plan-${item}`} />
            </Form.Item>
          ))}
          <Form.Item name={["plan", "timeLimit"]} label={t("plan.timeLimit")} required>
            <DatePicker disabledDate={notPast} data-testid="plan-timeLimit" />
          </Form.Item>
        </>
      );
    case "feedback":
      return (
        <>
          <Typography.Paragraph type="secondary">{t("action.feedbackHint")}</Typography.Paragraph>
          <Form.Item name="result" label={t("action.result")} required>
            <Radio.Group
              data-testid="action-result"
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: "fixed", label: t("action.fixed") },
                { value: "partial", label: t("action.partial") },
              ]}
            />
          </Form.Item>
          {note()}
          {evidence}
          {location}
        </>
      );
    case "recheck":
    case "accept_onsite":
      return (
        <>
          <Typography.Paragraph type="secondary">{t("action.recheckHint")}</Typography.Paragraph>
          {passed}
          {note()}
          {action === "accept_onsite" && (
            <Form.Item name="experts" label={t("action.experts")}>
              <Input maxLength={500} />
            </Form.Item>
          )}
          {location}
          {evidence}
        </>
      );
    case "request_park":
      return (
        <>
          {reason()}
          <Form.Item name="until" label={t("action.until")}>
            <DatePicker disabledDate={notPast} />
          </Form.Item>
        </>
      );
    case "reject":
    case "deny_park":
    case "reopen":
    case "escalate":
      return reason();
    default:
      return note();
  }
}
