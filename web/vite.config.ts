import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/**
 * Vendor chunks that change rarely get files of their own (long cache). Ant Design is left to the
 * bundler on purpose: pages are lazy routes, so the components only they use (Table, Tree, Cascader,
 * Modal...) load with those pages and the login page needs only the core.
 */
const vendorGroups = [
  {
    name: "vendor-react",
    test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/,
  },
  { name: "vendor-leaflet", test: /node_modules[\\/]leaflet[\\/]/ },
  { name: "vendor-icons", test: /node_modules[\\/]@ant-design[\\/]icons/ },
];

export default defineConfig({
  root: webRoot,
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // The console, and the public tip page (R28): a small entry of its own that loads no console code.
      input: { main: `${webRoot}index.html`, tip: `${webRoot}tip.html` },
      output: {
        codeSplitting: {
          groups: vendorGroups.map((group, i) => ({ ...group, priority: vendorGroups.length - i })),
        },
      },
    },
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: {
      "/api": { target: "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
});
