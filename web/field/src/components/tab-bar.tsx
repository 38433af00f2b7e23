import { t } from "../i18n/i18n";
import { isUnsent, useOutbox } from "../outbox/outbox";
import { navigate } from "../router";
import { tabs } from "../screens/registry";

/** The bottom tab bar (one-hand use): every registered screen with a `tab`, badge on the outbox. */
export function TabBar({ current }: { current: string }) {
  const unsent = useOutbox().filter(isUnsent).length;
  return (
    <nav className="tabbar">
      {tabs().map((s) => {
        const active =
          s.path === "" ? current === "" : current === s.path || current.startsWith(`${s.path}/`);
        return (
          <button
            type="button"
            key={s.path}
            className={`tab${active ? " tab-on" : ""}${s.path === "report" ? " tab-main" : ""}`}
            onClick={() => navigate(`/${s.path}`)}
            data-testid={`tab-${s.path || "home"}`}
          >
            <span className="tab-icon" aria-hidden>
              {s.tab?.icon}
            </span>
            <span className="tab-label">{s.tab ? t(s.tab.label) : null}</span>
            {s.path === "outbox" && unsent ? (
              <span className="tab-badge" data-testid="tab-outbox-badge">
                {unsent}
              </span>
            ) : null}
          </button>
        );
      })}
    </nav>
  );
}
