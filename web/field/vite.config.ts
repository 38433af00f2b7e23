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

/**
 * The field app (/m): its own entry and bundle — the console's libraries stay out. Its code is written
 * against React's API (typed with @types/react, unit-tested with React), but the phone build runs it on
 * Preact's compatibility layer: ≈ 10 KB instead of React DOM's ≈ 60 KB gzipped, and a fraction of the
 * start-up script evaluation on a cheap phone (docs/field-app.md, docs/performance.md).
 */
export default defineConfig({
  root: fieldRoot,
  base: "/m/",
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
      { find: /^react-dom$/, replacement: "preact/compat" },
      { find: /^react\/jsx-runtime$/, replacement: "preact/jsx-runtime" },
      { find: /^react\/jsx-dev-runtime$/, replacement: "preact/jsx-dev-runtime" },
      { find: /^react$/, replacement: "preact/compat" },
    ],
  },
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
