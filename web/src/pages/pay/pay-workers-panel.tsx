import {
  Alert,
  App as AntApp,
  Button,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { fetchGridWorkers, type GridWorkerCandidate } from "../../api/grids";
import {
  type EquipmentItem,
  fetchEquipment,
  fetchPayProfile,
  issueEquipment,
  type PayProfile,
  returnEquipment,
  savePayProfile,
} from "../../api/pay";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A grid worker's bank account for pay (masked unless finance or the county office) and equipment register. */
export function PayWorkersPanel({ county }: { county: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [workers, setWorkers] = useState<GridWorkerCandidate[]>([]);
  const [userId, setUserId] = useState<string | undefined>();
  const [profile, setProfile] = useState<PayProfile | null>(null);
  const [equipment, setEquipment] = useState<{
    items: EquipmentItem[];
    abilities: { manage: boolean };
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [bank] = Form.useForm<{ bankName: string; bankAccount: string }>();
  const [issue] = Form.useForm<{ item: string; quantity: number; issuedOn: string }>();
  useEffect(() => {
    fetchGridWorkers({ region: county || undefined, pageSize: 200 })
      .then((r) => setWorkers(r.items))
      .catch(setError);
  }, [county]);
  const load = useCallback(
    async (id: string) => {
      try {
        const [p, e] = await Promise.all([fetchPayProfile(id), fetchEquipment(id)]);
        setProfile(p);
        setEquipment(e);
        bank.setFieldsValue({
          bankName: p.bankName ?? "",
          bankAccount: p.masked ? "" : (p.bankAccount ?? ""),
        });
        setError(null);
      } catch (err) {
        setError(err);
      }
    },
    [bank],
  );
  useEffect(() => {
    if (userId) load(userId);
  }, [userId, load]);
  const act = async (f: () => Promise<unknown>) => {
    try {
      await f();
      if (userId) await load(userId);
      message.success(t("common.saved"));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Select
        showSearch
        optionFilterProp="label"
        placeholder={t("pay.worker")}
        style={{ width: "100%", maxWidth: 360 }}
        value={userId}
        onChange={setUserId}
        data-testid="pay-worker-select"
        options={workers.map((w) => ({
          value: w.id,
          label: `${w.displayName}（${w.grids.map((g) => g.name).join("、")}）`,
        }))}
      />
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      {profile && (
        <Form
          form={bank}
          layout="inline"
          style={{ rowGap: 8 }}
          disabled={!profile.abilities.manage}
          onFinish={(v) => act(() => savePayProfile(profile.userId, v.bankName, v.bankAccount))}
        >
          <Form.Item name="bankName" label={t("pay.bankName")}>
            <Input style={{ width: 180 }} data-testid="pay-bank-name" />
          </Form.Item>
          <Form.Item name="bankAccount" label={t("pay.bankAccount")}>
            <Input
              style={{ width: 240 }}
              placeholder={profile.masked ? (profile.bankAccount ?? "") : ""}
              data-testid="pay-bank-account"
            />
          </Form.Item>
          {profile.abilities.manage && (
            <Button htmlType="submit" type="primary" data-testid="pay-bank-save">
              {t("pay.saveBank")}
            </Button>
          )}
          <Typography.Text type="secondary" style={{ width: "100%" }}>
            {profile.masked ? `${profile.bankAccount} · ` : ""}
            {t("pay.masked")}
          </Typography.Text>
        </Form>
      )}
      {equipment && userId && (
        <>
          <Typography.Title level={5}>{t("pay.equipment")}</Typography.Title>
          {equipment.abilities.manage && (
            <Form
              form={issue}
              layout="inline"
              style={{ rowGap: 8 }}
              initialValues={{ quantity: 1, issuedOn: today() }}
              onFinish={(v) =>
                act(async () => {
                  await issueEquipment({ userId, ...v });
                  issue.resetFields(["item"]);
                })
              }
            >
              <Form.Item name="item" label={t("pay.item")}>
                <Input style={{ width: 160 }} data-testid="pay-equipment-item" />
              </Form.Item>
              <Form.Item name="quantity" label={t("pay.quantity")}>
                <InputNumber min={1} max={1000} style={{ width: 80 }} />
              </Form.Item>
              <Form.Item name="issuedOn" label={t("pay.issuedOn")}>
                <Input type="date" style={{ width: 150 }} />
              </Form.Item>
              <Button htmlType="submit" data-testid="pay-equipment-issue">
                {t("pay.issue")}
              </Button>
            </Form>
          )}
          <Table<EquipmentItem>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={equipment.items}
            scroll={{ x: 560 }}
            data-testid="pay-equipment-table"
            columns={[
              { title: t("pay.item"), dataIndex: "item" },
              { title: t("pay.quantity"), dataIndex: "quantity", width: 60 },
              { title: t("pay.issuedOn"), dataIndex: "issuedOn", width: 110 },
              { title: t("pay.recordedBy"), dataIndex: "recordedByName", width: 110 },
              {
                title: t("pay.returnedOn"),
                width: 130,
                render: (_, e) =>
                  e.returnedOn ??
                  (equipment.abilities.manage ? (
                    <Typography.Link onClick={() => act(() => returnEquipment(e.id, today()))}>
                      {t("pay.return")}
                    </Typography.Link>
                  ) : (
                    t("pay.notReturned")
                  )),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
