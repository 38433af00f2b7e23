import { Popconfirm, Space, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { roleLabel } from "../../../../domain/auth/roles";
import type { User } from "../../api/types";
import { RegionName } from "../../components/region-name";
import { formatDateTime } from "../../format/date-time";
import type { I18n } from "../../i18n/i18n-context";

interface ColumnOptions {
  t: I18n["t"];
  pick: I18n["pick"];
  lang: I18n["lang"];
  meId: string;
  canManage: boolean;
  onEdit: (user: User) => void;
  onToggle: (user: User) => void;
  onResetPassword: (user: User) => void;
  /** A grid worker's duty-card photo (明白卡). */
  onPhoto?: (user: User) => void;
  /** The security administrator's account actions (unlock, reset 2FA, end sessions). */
  onSecurity?: (user: User) => void;
}

/** Columns of the users table; the action column only for those who may manage users. */
export function userColumns(o: ColumnOptions): ColumnsType<User> {
  const { t } = o;
  const columns: ColumnsType<User> = [
    { title: t("users.username"), dataIndex: "username", fixed: "left", width: 130 },
    { title: t("users.displayName"), dataIndex: "displayName", width: 120 },
    {
      title: t("users.role"),
      dataIndex: "role",
      width: 140,
      render: (_, u) => o.pick(roleLabel[u.role], u.role),
    },
    {
      title: t("users.scope"),
      dataIndex: "scope",
      width: 180,
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.scope.map((code) => (
            <Tag key={code}>
              <RegionName code={code} />
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t("users.department"),
      dataIndex: "departmentName",
      width: 180,
      render: (v: string | null) => v ?? "—",
    },
    { title: t("users.phone"), dataIndex: "phone", width: 130, render: (v: string | null) => v ?? "—" },
    {
      title: t("common.status"),
      dataIndex: "status",
      width: 90,
      render: (_, u) =>
        u.status === "active" ? (
          <Tag color="green">{t("status.active")}</Tag>
        ) : (
          <Tag color="red">{t("status.disabled")}</Tag>
        ),
    },
    {
      title: t("users.lastLogin"),
      dataIndex: "lastLoginAt",
      width: 150,
      render: (v: string | null) => formatDateTime(v, o.lang),
    },
  ];
  const { onSecurity } = o;
  if (!o.canManage && onSecurity) {
    columns.push({
      title: t("common.actions"),
      key: "actions",
      fixed: "right",
      width: 90,
      render: (_, u) => (
        <Typography.Link onClick={() => onSecurity(u)} data-testid={`user-security-${u.username}`}>
          {t("security.action")}
        </Typography.Link>
      ),
    });
  }
  if (!o.canManage) return columns;
  columns.push({
    title: t("common.actions"),
    key: "actions",
    fixed: "right",
    width: 260,
    render: (_, u) => (
      <Space wrap>
        <Typography.Link onClick={() => o.onEdit(u)}>{t("common.edit")}</Typography.Link>
        {u.id !== o.meId && (
          <Popconfirm
            title={u.status === "active" ? t("users.confirmDisable") : t("users.confirmEnable")}
            onConfirm={() => o.onToggle(u)}
          >
            <Typography.Link type={u.status === "active" ? "danger" : undefined}>
              {u.status === "active" ? t("users.disable") : t("users.enable")}
            </Typography.Link>
          </Popconfirm>
        )}
        <Typography.Link onClick={() => o.onResetPassword(u)}>{t("users.resetPassword")}</Typography.Link>
        {u.role === "grid_worker" && o.onPhoto && (
          <Typography.Link onClick={() => o.onPhoto?.(u)} data-testid={`photo-${u.username}`}>
            {u.hasPhoto ? t("users.photo") : t("users.photoAdd")}
          </Typography.Link>
        )}
      </Space>
    ),
  });
  return columns;
}
