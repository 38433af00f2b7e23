import { Col, Form, Input, InputNumber, Row, Select, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { type Crs, checkInProvince, toWgs84 } from "../../../../domain/geo/coordinates";
import {
  ownershipLabel,
  ownerships,
  riskLevelLabel,
  riskLevels,
  siteKindLabel,
  siteKinds,
  siteScaleLabel,
  siteScales,
  siteStatuses,
  siteStatusLabel,
} from "../../../../domain/site/site-kinds";
import { createSite, type Site, updateSite } from "../../api/sites";
import { FormDialog } from "../../components/form-dialog";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";
import { LocationPicker } from "../../map/location-picker";
import { phonePattern } from "../grids/person-fields";
import { IndustryPicker } from "./industry-picker";
import {
  siteFormFields as fields,
  initialSiteValues,
  toSiteInput as toInput,
  type SiteFormValues as Values,
} from "./site-form-values";
import { UsccField } from "./uscc-field";

const toWgs = (lon: number, lat: number, crs: Crs | undefined) => {
  const [lng, la] = toWgs84(lon, lat, crs ?? "WGS84");
  return { lng, lat: la };
};

/** Registers or edits a site (R2, R13); the server assigns grid, grid worker and department at once. */
export function SiteFormDialog(props: {
  open: boolean;
  site: Site | null;
  defaultRegion?: string;
  onClose: () => void;
  onSaved: (site: Site) => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const { site } = props;
  const kind = Form.useWatch("kind", form);
  const lon = Form.useWatch("lon", form);
  const lat = Form.useWatch("lat", form);
  const crs = Form.useWatch("crs", form);
  const coord = typeof lon === "number" && typeof lat === "number" ? checkInProvince(lon, lat) : null;
  const masked = !!site && !site.abilities.viewContacts;
  // the region the user chooses (not the one the form opens with): the location map goes there
  const [chosenRegion, setChosenRegion] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: forgotten each time the form opens
  useEffect(() => setChosenRegion(null), [props.open, site]);

  const initialValues = useMemo(
    () => initialSiteValues(site, props.defaultRegion),
    [site, props.defaultRegion],
  );

  const flagSelect = (name: "large" | "highGrade" | "highRisk") => (
    <Form.Item
      name={name}
      label={t(`sites.flag.${name}`)}
      tooltip={`${t(`help.${name}`)} ${t("help.flags")}`}
    >
      <Select
        options={[
          { value: "default", label: t("sites.flagDefault") },
          { value: "yes", label: t("sites.flagYes") },
          { value: "no", label: t("sites.flagNo") },
        ]}
      />
    </Form.Item>
  );
  const opts = <T extends string>(list: readonly T[], labels: Record<T, { zh: string; en: string }>) =>
    list.map((v) => ({ value: v, label: pick(labels[v]) }));

  return (
    <FormDialog<Values>
      open={props.open}
      title={site ? t("sites.editTitle", { name: site.name }) : t("sites.new")}
      form={form}
      fields={fields}
      width={860}
      initialValues={initialValues}
      onClose={props.onClose}
      testId="site-form"
      onSubmit={async (v) => {
        const input = toInput(v, site);
        props.onSaved(
          site ? await updateSite(site.id, { ...input, version: site.version }) : await createSite(input),
        );
      }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="name"
            label={t("sites.name")}
            rules={[{ required: true, whitespace: true, max: 100 }]}
          >
            <Input data-testid="site-name" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="kind"
            label={t("sites.kind")}
            rules={[{ required: true }]}
            tooltip={t("help.kind")}
          >
            <Select options={opts(siteKinds, siteKindLabel)} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="status" label={t("common.status")} tooltip={t("help.status")}>
            <Select options={opts(siteStatuses, siteStatusLabel)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <UsccField form={form} required={kind === "enterprise"} siteId={site?.id} />
        </Col>
        <Col span={12}>
          <Form.Item name="industryCode" label={t("sites.industry")} tooltip={t("help.industry")}>
            <IndustryPicker data-testid="site-industry" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="scale" label={t("sites.scale")} tooltip={t("help.scale")}>
            <Select allowClear options={opts(siteScales, siteScaleLabel)} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="ownership" label={t("sites.ownership")} tooltip={t("help.ownership")}>
            <Select options={opts(ownerships, ownershipLabel)} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="riskLevel" label={t("sites.risk")} tooltip={t("help.risk")}>
            <Select
              allowClear
              placeholder={t("sites.riskUnrated")}
              options={opts(riskLevels, riskLevelLabel)}
            />
          </Form.Item>
        </Col>
        <Col span={8}>{flagSelect("large")}</Col>
        <Col span={8}>{flagSelect("highGrade")}</Col>
        <Col span={8}>{flagSelect("highRisk")}</Col>
        <Col span={12}>
          <Form.Item name="regionCode" label={t("sites.region")} tooltip={t("help.region")}>
            <RegionCascader
              maxLevel="village"
              anyLevel
              allowClear
              onChange={(code) => setChosenRegion(code ?? null)}
              style={{ width: "100%" }}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="address" label={t("sites.address")} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={t("report.location")} tooltip={t("help.location")}>
            <LocationPicker
              testId="site-location"
              height={260}
              region={chosenRegion}
              value={typeof lon === "number" && typeof lat === "number" ? toWgs(lon, lat, crs) : null}
              onChange={(p) =>
                form.setFieldsValue({ lon: p?.lng ?? null, lat: p?.lat ?? null, crs: "WGS84" })
              }
            />
          </Form.Item>
          <Form.Item name="lon" hidden>
            <InputNumber />
          </Form.Item>
          <Form.Item name="lat" hidden>
            <InputNumber />
          </Form.Item>
          <Form.Item name="crs" hidden>
            <Input />
          </Form.Item>
        </Col>
        {coord && !coord.ok && (
          <Col span={24}>
            <Typography.Text type="warning">{pick(coord)}</Typography.Text>
          </Col>
        )}
        <Col span={12}>
          <Form.Item
            name="contactName"
            label={t("sites.contactName")}
            tooltip={t("help.contact")}
            extra={masked ? t("sites.contactsMasked") : undefined}
          >
            <Input disabled={masked} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="contactPhone"
            label={t("sites.contactPhone")}
            rules={masked ? [] : [{ pattern: phonePattern, message: t("grids.phoneRule") }]}
          >
            <Input disabled={masked} />
          </Form.Item>
        </Col>
      </Row>
    </FormDialog>
  );
}
