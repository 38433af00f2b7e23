import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { serviceWorkerSource } from "./sw-template";

const fieldRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Emits /m/sw.js: the hand-written service worker (sw-template.ts) with the list of every file of this
 * build to pre-cache and a version made from their names, so a new build replaces the old cache.
 */
function fieldServiceWorker(): Plugin {
  return {
    name: "safegrid-field-sw",
    apply: "build",
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith(".map"));
      const assets = [
        "/m/",
        "/m/manifest.webmanifest",
        "/m/manifest.en.webmanifest",
        "/m/icon-192.png",
        "/m/icon-512.png",
      ].concat(files.filter((f) => f !== "index.html").map((f) => `/m/${f}`));
      const version = createHash("sha256").update(files.sort().join("\n")).digest("hex").slice(0, 12);
      this.emitFile({ type: "asset", fileName: "sw.js", source: serviceWorkerSource(version, assets) });
    },
  };
}

/** The field app (/m): its own entry and bundle, React only — the console's libraries stay out. */
export default defineConfig({
  root: fieldRoot,
  base: "/m/",
  plugins: [react(), fieldServiceWorker()],
  build: {
    outDir: "../dist/m",
    emptyOutDir: true,
    chunkSizeWarningLimit: 400,
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
});
