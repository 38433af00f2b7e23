import { Alert, Form, Modal } from "antd";
import { useEffect, useRef, useState } from "react";
import { caseActionInputs } from "../../../../domain/case/case-schemas";
import {
  type CaseAction,
  type CaseStage,
  caseActionLabel,
  caseStageLabel,
} from "../../../../domain/case/case-types";
import { newIdempotencyKey } from "../../api/case-files";
import { type ActionResult, type CaseDetail, fetchCase, postCaseAction } from "../../api/cases";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../components/error-message";
import { type FieldIssue, serverIssues, showIssues, zodIssues } from "../../components/form-issues";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { type ActionValues, actionBody, actionFields } from "./action-body";
import { ActionFields } from "./action-fields";
import { IdempotentRequest } from "./report-defaults";

interface ActionDialogProps {
  action: CaseAction | null;
  detail: CaseDetail;
  onClose: () => void;
  onDone: (result: ActionResult) => void;
  /** The case changed under us (409): reload it so the buttons are right again. */
  onStale: () => void;
}

/** Actions that turn a case away: their confirm button is red, as in the header. */
const dangerous: CaseAction[] = ["reject", "return", "deny_park"];

const formFields = (action: CaseAction) => [
  ...actionFields[action].map((f) => (f === "evidenceIds" ? "evidence" : f)),
  ...(action === "submit_plan"
    ? ["objectives", "measures", "fundsMaterials", "responsiblePeople", "timeLimit", "safetyMeasures"].map(
        (k) => ["plan", k],
      )
    : []),
  ...(action === "merge" ? ["targetNumber"] : []),
];

function initialValues(action: CaseAction, detail: CaseDetail, selfId: string): ActionValues {
  const k = detail.case;
  const suggested = detail.suggestion?.departmentId ?? k.suggestedDepartmentId ?? undefined;
  switch (action) {
    case "triage":
      return { type: k.type, category: k.category, suggestedDepartmentId: suggested };
    case "dispatch":
      return { departmentId: suggested };
    case "accept":
      return { handlerId: selfId };
    case "feedback":
      return { result: "fixed", evidence: [] };
    case "recheck":
    case "accept_onsite":
      return { passed: "pass", evidence: [] };
    default:
      return {};
  }
}

/**
 * The dialog of one case action: checks the input with the domain's schema, sends it with an
 * idempotency key (a retry of the same input is recorded once), and explains a 409 with the actions the
 * stage allows now.
 */
export function ActionDialog({ action, detail, onClose, onDone, onStale }: ActionDialogProps) {
  const { t, pick } = useI18n();
  const { user } = useSignedIn();
  const [form] = Form.useForm<ActionValues>();
  const [submitting, setSubmitting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const idempotent = useRef(new IdempotentRequest(newIdempotencyKey));
  // the values the dialog opened with; a reload of the case (after a 409) must not wipe the form or the error
  const [initial, setInitial] = useState<ActionValues>({});
  const detailRef = useRef(detail);
  detailRef.current = detail;

  useEffect(() => {
    if (!action) return;
    const values = initialValues(action, detailRef.current, user.id);
    idempotent.current = new IdempotentRequest(newIdempotencyKey);
    setErrors(null);
    setBusy(false);
    setInitial(values);
    form.resetFields();
    form.setFieldsValue(values);
  }, [action, form, user.id]);

  if (!action) return null;
  const label = pick(caseActionLabel[action]);
  const fields = formFields(action);

  const conflictText = (err: ApiError): string[] => {
    if (err.code === "invalid_transition") {
      const d = (err.details ?? {}) as { stage?: CaseStage; allowed?: CaseAction[] };
      const allowed = (d.allowed ?? []).map((a) => pick(caseActionLabel[a], a));
      return [
        t("action.notAllowed", { stage: d.stage ? pick(caseStageLabel[d.stage], d.stage) : "" }),
        allowed.length ? t("action.allowedNow", { actions: allowed.join("、") }) : t("action.noneAllowed"),
      ];
    }
    if (err.code === "conflict") return [t("action.conflict")];
    return [errorMessage(err, t)];
  };

  const submit = async () => {
    const values = form.getFieldsValue(true) as ActionValues;
    const issues: FieldIssue[] = [];
    if (action === "merge" && !values.targetCaseId && values.targetNumber?.trim()) {
      try {
        const target = await fetchCase(values.targetNumber.trim());
        values.targetCaseId = target.case.id;
      } catch {
        issues.push({
          path: ["targetNumber"],
          message: t("action.caseNotFound", { number: values.targetNumber.trim() }),
        });
      }
    }
    const body = actionBody(action, values);
    const parsed = caseActionInputs[action].safeParse(body);
    if (!parsed.success) issues.push(...zodIssues(parsed.error));
    form.setFields(
      fields.map((name) => ({ name: Array.isArray(name) ? name : [name], errors: [] })) as never,
    );
    if (issues.length > 0) {
      const rest = showIssues(form, issues, fields);
      setErrors(rest.length ? rest : null);
      return;
    }
    setSubmitting(true);
    setErrors(null);
    try {
      const key = idempotent.current.keyFor(body);
      const result = await postCaseAction(detail.case.id, action, { ...body, idempotencyKey: key });
      onDone(result);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setErrors(conflictText(err));
        onStale();
      } else {
        const rest = showIssues(form, serverIssues(err), fields);
        setErrors([errorMessage(err, t), ...rest]);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={`${label} · ${detail.case.number}`}
      width={action === "submit_plan" ? 720 : 560}
      okText={label}
      cancelText={t("common.cancel")}
      confirmLoading={submitting}
      okButtonProps={{
        disabled: busy || !detail.abilities[action],
        danger: dangerous.includes(action),
        ...{ "data-testid": "action-submit" },
      }}
      onOk={submit}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <div data-testid={`action-dialog-${action}`}>
        {errors && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={errors[0]}
            description={errors.length > 1 ? errors.slice(1).join("；") : undefined}
            data-testid="action-error"
          />
        )}
        <Form<ActionValues> form={form} layout="vertical" initialValues={initial}>
          <ActionFields action={action} detail={detail} onBusyChange={setBusy} />
        </Form>
      </div>
    </Modal>
  );
}
