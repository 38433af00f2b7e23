import { Form, type FormInstance, Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { checkUscc } from "../../../../domain/site/uscc";
import { usccRegionFit, usccRegionWarning } from "../../../../domain/site/uscc-region";
import { cachedRegion } from "../../api/regions";
import { checkUsccRemote, type UsccCheckResult } from "../../api/sites";
import { useI18n } from "../../i18n/i18n-context";

/**
 * The unified social credit code with instant feedback from the same GB 32100-2015 check the server
 * runs (length, characters, check character; lower case or full-width shown with the corrected code to
 * take), and, when the field is left, the server's answer about duplicates. The server decides.
 */
export function UsccField(props: { form: FormInstance; required: boolean; siteId?: string }) {
  const { t, pick } = useI18n();
  const [remote, setRemote] = useState<UsccCheckResult | null>(null);
  const value: string | undefined = Form.useWatch("uscc", props.form);
  const local = value?.trim() ? checkUscc(value) : null;
  const suggestion = local && !local.ok ? local.suggestion : undefined;
  // the registration region (chars 3–8) against the site's region: a warning, never a refusal
  const regionCode: string | undefined = Form.useWatch("regionCode", props.form);
  const fit = local?.ok && value ? usccRegionFit(value, regionCode) : null;
  const [names, setNames] = useState<Record<string, string>>({});
  const far = fit && (fit.fit === "other_city" || fit.fit === "other_province") ? fit : null;
  const farKey = far ? `${far.usccRegion},${far.siteCounty}` : "";
  useEffect(() => {
    if (!farKey) return;
    for (const code of farKey.split(","))
      cachedRegion(code)
        .then((d) => setNames((n) => ({ ...n, [code]: d.region.name })))
        .catch(() => undefined);
  }, [farKey]);
  const regionWarning = fit ? usccRegionWarning(fit, (c) => names[c]) : null;
  const duplicate = remote?.duplicateOf && remote.duplicateOf.id !== props.siteId ? remote.duplicateOf : null;

  const onBlur = () => {
    setRemote(null);
    if (!value?.trim() || !local?.ok) return;
    checkUsccRemote(value.trim())
      .then(setRemote)
      .catch(() => undefined);
  };

  return (
    <Form.Item
      name="uscc"
      label={t("sites.uscc")}
      tooltip={t("help.uscc")}
      validateFirst
      rules={[
        { required: props.required, message: t("sites.usccRequired") },
        {
          validator: (_, v?: string) => {
            if (!v?.trim()) return Promise.resolve();
            const r = checkUscc(v);
            return r.ok ? Promise.resolve() : Promise.reject(new Error(pick(r)));
          },
        },
      ]}
      extra={
        <>
          {local?.ok && (
            <Typography.Text type="success" data-testid="uscc-ok">
              {t("sites.usccValid", { authority: pick(local.authority), category: pick(local.category) })}
            </Typography.Text>
          )}
          {suggestion && (
            <Typography.Link
              onClick={() => {
                props.form.setFieldValue("uscc", suggestion);
                props.form.validateFields(["uscc"]).catch(() => undefined);
              }}
            >
              {t("sites.usccUse", { code: suggestion })}
            </Typography.Link>
          )}
          {regionWarning && (
            <Typography.Text type="warning" style={{ display: "block" }} data-testid="uscc-region-warning">
              {pick(regionWarning)}
            </Typography.Text>
          )}
          {duplicate && (
            <Typography.Text type="danger" style={{ display: "block" }}>
              {t("sites.usccDuplicate", { name: duplicate.name })}
            </Typography.Text>
          )}
        </>
      }
    >
      <Input maxLength={40} onBlur={onBlur} data-testid="site-uscc" placeholder="91620123MA7XXXXXXX" />
    </Form.Item>
  );
}
