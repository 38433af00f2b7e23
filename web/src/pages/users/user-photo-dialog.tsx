import { UploadOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Modal, Popconfirm, Space, Typography, Upload } from "antd";
import { useEffect, useState } from "react";
import type { User } from "../../api/types";
import { putUserPhoto, removeUserPhoto, userPhotoUrl } from "../../api/users";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";

const maxBytes = 2 * 1024 * 1024;

/** A grid worker's ID photo for the duty card (明白卡): shows it, replaces it (JPEG/PNG ≤ 2 MB) or removes it. */
export function UserPhotoDialog(props: { user: User | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { user } = props;
  const [has, setHas] = useState(false);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  useEffect(() => setHas(!!user?.hasPhoto), [user]);

  const upload = async (file: File) => {
    if (!user) return;
    if (!["image/jpeg", "image/png"].includes(file.type)) return message.error(t("users.photoType"));
    if (file.size > maxBytes) return message.error(t("users.photoTooLarge"));
    setBusy(true);
    try {
      await putUserPhoto(user.id, file);
      setHas(true);
      setVersion((v) => v + 1);
      message.success(t("users.photoSaved"));
      props.onChanged();
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!user) return;
    try {
      await removeUserPhoto(user.id);
      setHas(false);
      message.success(t("users.photoRemoved"));
      props.onChanged();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Modal
      open={user !== null}
      title={t("users.photoOf", { name: user?.displayName ?? "" })}
      onCancel={props.onClose}
      footer={<Button onClick={props.onClose}>{t("users.photoDone")}</Button>}
      destroyOnHidden
    >
      <Space align="start" size="large" wrap>
        <div
          data-testid="user-photo-frame"
          style={{
            width: 108,
            height: 144,
            border: "1px dashed #bbb",
            display: "flex",
            alignItems: "center",
            justifyContent: "center",
            overflow: "hidden",
          }}
        >
          {has && user ? (
            <img
              key={version}
              src={userPhotoUrl(user.id)}
              alt={t("users.photo")}
              data-testid="user-photo"
              style={{ maxWidth: "100%", maxHeight: "100%" }}
            />
          ) : (
            <Typography.Text type="secondary">{t("users.photoNone")}</Typography.Text>
          )}
        </div>
        <Space orientation="vertical" style={{ maxWidth: 300 }}>
          <Typography.Paragraph type="secondary">{t("users.photoHint")}</Typography.Paragraph>
          <Upload
            accept="image/jpeg,image/png"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="user-photo-upload">
              {t("users.photoUpload")}
            </Button>
          </Upload>
          {has && (
            <Popconfirm title={t("users.photoRemove")} onConfirm={remove}>
              <Button danger>{t("users.photoRemove")}</Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
    </Modal>
  );
}
