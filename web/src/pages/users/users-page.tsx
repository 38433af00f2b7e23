import { PlusOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Card, Input, Select, Table } from "antd";
import { useCallback, useEffect, useState } from "react";
import { type Role, roleLabel, roles } from "../../../../domain/auth/roles";
import type { User } from "../../api/types";
import { fetchUsers, type UserFilter, updateUser } from "../../api/users";
import { errorMessage } from "../../components/error-message";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { AccountSecurityDrawer } from "./account-security-drawer";
import { PasswordDialog } from "./password-dialog";
import { userColumns } from "./user-columns";
import { UserDialog } from "./user-dialog";
import { UserPhotoDialog } from "./user-photo-dialog";

/** /users: filter by region, role and text; create, edit, disable/enable and reset passwords. */
export function UsersPage() {
  const { t, pick, lang } = useI18n();
  const { user: me } = useSignedIn();
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState<UserFilter>({ page: 1, pageSize: 20 });
  const [items, setItems] = useState<User[]>([]);
  const [total, setTotal] = useState(0);
  const [canManage, setCanManage] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<{ user: User | null } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [photoOf, setPhotoOf] = useState<User | null>(null);
  const [securing, setSecuring] = useState<User | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const res = await fetchUsers(filter);
      setItems(res.items);
      setTotal(res.total);
      setCanManage(res.abilities.create);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [filter]);

  useEffect(() => {
    load();
  }, [load]);

  const change = (patch: Partial<UserFilter>) => setFilter((f) => ({ ...f, page: 1, ...patch }));

  const toggleStatus = async (u: User) => {
    const status = u.status === "active" ? "disabled" : "active";
    try {
      await updateUser(u.id, { status });
      message.success(status === "active" ? t("users.enabled") : t("users.disabled"));
      load();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Card title={t("users.title")} className="page-card">
      <div className="toolbar">
        <RegionCascader
          maxLevel="township"
          anyLevel
          allowClear
          value={filter.region}
          onChange={(region) => change({ region })}
          placeholder={t("users.filterRegion")}
        />
        <Select<Role>
          allowClear
          style={{ width: 180 }}
          placeholder={t("users.filterRole")}
          value={filter.role}
          onChange={(role) => change({ role })}
          options={roles.map((r) => ({ value: r, label: pick(roleLabel[r]) }))}
        />
        <Input.Search
          allowClear
          style={{ width: 240 }}
          placeholder={t("users.filterText")}
          onSearch={(q) => change({ q: q.trim() || undefined })}
        />
        <span className="toolbar-spacer" />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })}>
            {t("users.new")}
          </Button>
        )}
      </div>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<User>
        data-testid="user-table"
        rowKey="id"
        loading={loading}
        dataSource={items}
        scroll={{ x: 1330 }}
        columns={userColumns({
          t,
          pick,
          lang,
          meId: me.id,
          canManage,
          onEdit: (u) => setEditing({ user: u }),
          onToggle: toggleStatus,
          onResetPassword: setResetting,
          onPhoto: setPhotoOf,
          onSecurity: me.role === "security_admin" ? setSecuring : undefined,
        })}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total,
          showSizeChanger: true,
          showTotal: (n) => t("common.total", { n }),
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
      <UserDialog
        open={editing !== null}
        user={editing?.user ?? null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          message.success(t("common.saved"));
          load();
        }}
      />
      <AccountSecurityDrawer user={securing} onClose={() => setSecuring(null)} />
      <UserPhotoDialog user={photoOf} onClose={() => setPhotoOf(null)} onChanged={load} />
      <PasswordDialog
        user={resetting}
        onClose={() => setResetting(null)}
        onSaved={() => message.success(t("users.passwordReset"))}
      />
    </Card>
  );
}
