import { Form, type FormInstance, Radio, Typography } from "antd";
import type { GeoPoint } from "../../../../domain/case/case-types";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";
import { CaseMap } from "./case-map";
import { LocationInput } from "./location-input";
import { type SiteOption, SiteSelect } from "./site-select";

type Where = "site" | "location";

/** Where the problem is: a site from the register, or a village/township and a point. */
export function ReportWhereFields({
  form,
  where,
  onSite,
}: {
  form: FormInstance;
  where: Where;
  onSite: (site: SiteOption | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="where" label={t("report.where")}>
        <Radio.Group
          data-testid="report-where"
          optionType="button"
          options={[
            { value: "site", label: t("report.bySite") },
            { value: "location", label: t("report.byLocation") },
          ]}
        />
      </Form.Item>
      {where === "site" ? (
        <Form.Item name="siteId" label={t("report.site")} required>
          <SiteSelect
            data-testid="report-site"
            onChange={(id, s) => {
              form.setFieldValue("siteId", id);
              onSite(s);
            }}
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="regionCode" label={t("report.regionCode")} required>
            <RegionCascader
              maxLevel="village"
              anyLevel
              onChange={(code) => form.setFieldValue("regionCode", code)}
              data-testid="report-region"
            />
          </Form.Item>
          <Form.Item name="location" label={t("report.location")} required extra={t("report.mapHint")}>
            <LocationInput />
          </Form.Item>
        </>
      )}
    </>
  );
}

/** The map beside the form: the chosen site, or the point being marked (a click marks it). */
export function ReportWhereMap({
  form,
  where,
  site,
  location,
  region,
}: {
  form: FormInstance;
  where: Where;
  site: SiteOption | undefined;
  location: GeoPoint | undefined;
  /** The village or township chosen for a report by location: the map goes there. */
  region?: string;
}) {
  const { t } = useI18n();
  const sitePoint =
    site?.lon != null && site.lat != null
      ? [{ lng: site.lon, lat: site.lat, colour: "#1554ad", label: site.name }]
      : [];
  const pickedPoint =
    location?.lng != null && location.lat != null
      ? [{ ...location, colour: "#cf1322", label: t("report.location") }]
      : [];
  return (
    <>
      <CaseMap
        className="case-map-picker"
        data-testid="report-map"
        points={where === "site" ? sitePoint : pickedPoint}
        focusRegion={where === "location" ? region : undefined}
        search={where === "location"}
        onPick={
          where === "location"
            ? (p) => {
                form.setFieldValue("location", p);
                form.validateFields(["location"]).catch(() => undefined);
              }
            : undefined
        }
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {where === "site"
          ? site
            ? [site.regionName, site.address, site.assignment?.grid?.name].filter(Boolean).join(" · ")
            : ""
          : t("report.mapHint")}
      </Typography.Text>
    </>
  );
}
