import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { restoreClockOffset } from "./api/http";
import { App } from "./app";
import { applyLang, initialLang } from "./i18n/i18n";
import { enqueue, listOutbox } from "./outbox/outbox";
import { drain, startSync } from "./outbox/sync";
import { registerBuiltInScreens } from "./screens";
import { loadSession } from "./session/session";
import { kvGet } from "./store/db";
import { refreshWorkSet } from "./work-set/work-set";
import "./styles.css";

registerBuiltInScreens();

/** For tests, the bench and support: the same functions the screens use. */
Object.assign(window, {
  safegridField: {
    enqueue,
    listOutbox,
    drain,
    // the capture path of a photo (resize, EXIF dropped, hash, compact copy), loaded when first used
    preparePhoto: (file: File) => import("./photos/prepare-photo").then((m) => m.preparePhoto(file)),
  },
});

if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/m/sw.js", { scope: "/m/" }).catch(() => undefined);
  });
}

// The language first (English loads its dictionary chunk), so the first paint is already in it.
void Promise.all([loadSession(), kvGet<number>("clockOffsetMs"), applyLang(initialLang())]).then(
  ([session, offset]) => {
    restoreClockOffset(offset);
    // Online with a session: refresh the offline work set in the background.
    if (session && !session.expired && navigator.onLine) void refreshWorkSet().catch(() => undefined);
    startSync();
    void drain();
    createRoot(document.getElementById("root")!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  },
);
