import { useEffect, useState } from "react";
import { Button, Card, formatTime, Notice } from "../components/ui";
import { isUnsent, useOutbox } from "../outbox/outbox";
import { type PhotoMode, photoMode, photoModes, setPhotoMode } from "../photos/compact-photo";
import { navigate } from "../router";
import { useSession } from "../session/session";
import { signOut } from "../session/sign-out";
import { refreshWorkSet, useWorkSet } from "../work-set/work-set";

/** Me: who is signed in, the offline data's age (refresh), my reports, sign out. */
export function Me() {
  const { session } = useSession();
  const workSet = useWorkSet();
  const outbox = useOutbox();
  const [message, setMessage] = useState<string>();
  const unsent = outbox.filter(isUnsent).length;
  const [mode, setMode] = useState<PhotoMode>("auto");
  useEffect(() => {
    void photoMode().then(setMode);
  }, []);
  const chooseMode = (m: PhotoMode) => {
    setMode(m);
    void setPhotoMode(m);
  };
  const refresh = async () => {
    setMessage("正在更新…");
    try {
      await refreshWorkSet();
      setMessage("离线数据已更新");
    } catch {
      setMessage("更新失败：请检查网络");
    }
  };
  const out = async () => {
    if (
      unsent &&
      !confirm(`还有 ${unsent} 条记录未发送。退出后它们仍保存在手机上，重新登录后继续发送。确定退出？`)
    )
      return;
    await signOut();
    navigate("/", true);
  };
  return (
    <div className="screen">
      <Card>
        <div className="row-title">{session?.user.displayName}</div>
        <div className="row-sub">用户名 {session?.user.username}</div>
      </Card>
      <Card>
        <div className="row-sub">
          离线数据：
          {workSet
            ? `${workSet.grids.length} 个网格、${workSet.sites.length} 个场所，更新于 ${formatTime(workSet.fetchedAt)}`
            : "尚未下载"}
        </div>
        <Button kind="default" onClick={() => void refresh()} data-testid="me-refresh">
          更新离线数据
        </Button>
        {message ? <div className="row-sub">{message}</div> : null}
      </Card>
      <Card>
        <label className="row-sub" htmlFor="photo-mode">
          照片上传
        </label>
        <select
          id="photo-mode"
          className="input"
          value={mode}
          onChange={(e) => chooseMode(e.target.value as PhotoMode)}
          data-testid="me-photo-mode"
        >
          {photoModes.map((m) => (
            <option key={m.mode} value={m.mode}>
              {m.label}
            </option>
          ))}
        </select>
        <div className="row-sub">网络慢时把照片压缩到 1024 像素再发送，几秒发完一张；原图不会上传。</div>
      </Card>
      <Card onClick={() => navigate("/reports")}>我上报的案件 ›</Card>
      <Card onClick={() => navigate("/handbook")}>
        <span data-testid="me-handbook">网格手册（可离线阅读） ›</span>
      </Card>
      <Card onClick={() => navigate("/outbox")}>待发送 {unsent} 条 ›</Card>
      {session?.expired ? <Notice kind="warn">登录已过期：退出后重新登录即可继续发送。</Notice> : null}
      <Button kind="danger" block onClick={() => void out()} data-testid="me-signout">
        退出登录
      </Button>
      <p className="signin-foot">
        <a href="/">打开电脑端控制台</a>
      </p>
    </div>
  );
}
