import { useEffect, useState } from "react";
import { Button, Card, formatTime, Notice } from "../components/ui";
import { chooseLang, type Lang, langNames, t, useLang } from "../i18n/i18n";
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
  const lang = useLang();
  const [mode, setMode] = useState<PhotoMode>("auto");
  useEffect(() => {
    void photoMode().then(setMode);
  }, []);
  const chooseMode = (m: PhotoMode) => {
    setMode(m);
    void setPhotoMode(m);
  };
  const refresh = async () => {
    setMessage(t("me.refreshing"));
    try {
      await refreshWorkSet();
      setMessage(t("me.refreshed"));
    } catch {
      setMessage(t("me.refreshFailed"));
    }
  };
  const out = async () => {
    if (unsent && !confirm(t("me.confirmSignOut", { n: unsent }))) return;
    await signOut();
    navigate("/", true);
  };
  return (
    <div className="screen">
      <Card>
        <div className="row-title">{session?.user.displayName}</div>
        <div className="row-sub">{t("me.username", { username: session?.user.username ?? "" })}</div>
      </Card>
      <Card>
        <div className="row-sub">
          {t("me.offlineData")}
          {workSet
            ? t("me.offlineSummary", {
                grids: workSet.grids.length,
                sites: workSet.sites.length,
                time: formatTime(workSet.fetchedAt),
              })
            : t("me.notDownloaded")}
        </div>
        <Button kind="default" onClick={() => void refresh()} data-testid="me-refresh">
          {t("me.refresh")}
        </Button>
        {message ? <div className="row-sub">{message}</div> : null}
      </Card>
      <Card>
        <label className="row-sub" htmlFor="photo-mode">
          {t("me.photoUpload")}
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
              {t(m.label)}
            </option>
          ))}
        </select>
        <div className="row-sub">{t("me.photoHint")}</div>
      </Card>
      <Card>
        <div className="row-sub">{t("me.language")}</div>
        <div className="chips">
          {(Object.entries(langNames) as [Lang, string][]).map(([code, name]) => (
            <button
              type="button"
              key={code}
              aria-pressed={lang === code}
              className={`chip${lang === code ? " chip-on" : ""}`}
              onClick={() => void chooseLang(code)}
              data-testid={`me-lang-${code}`}
            >
              {name}
            </button>
          ))}
        </div>
      </Card>
      <Card onClick={() => navigate("/reports")}>{t("me.myReports")}</Card>
      <Card onClick={() => navigate("/handbook")}>
        <span data-testid="me-handbook">{t("me.handbook")}</span>
      </Card>
      {/* My pay is a grid worker's own (the access table's payLine.mine) */}
      {session?.user.role === "grid_worker" && (
        <Card onClick={() => navigate("/pay")}>
          <span data-testid="me-pay">{t("me.myPay")}</span>
        </Card>
      )}
      {/* My assessment: the assessed's own published results (the access table's assessmentResult.mine) */}
      {(session?.user.role === "grid_worker" || session?.user.role === "township_station") && (
        <Card onClick={() => navigate("/assessment")}>
          <span data-testid="me-assessment">{t("me.myAssessment")}</span>
        </Card>
      )}
      <Card onClick={() => navigate("/outbox")}>{t("me.outbox", { n: unsent })}</Card>
      {session?.expired ? <Notice kind="warn">{t("me.expired")}</Notice> : null}
      <Button kind="danger" block onClick={() => void out()} data-testid="me-signout">
        {t("me.signOut")}
      </Button>
      <p className="signin-foot">
        <a href="/">{t("me.console")}</a>
      </p>
    </div>
  );
}
