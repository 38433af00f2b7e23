/**
 * The field app's service worker, as text (the build writes it to /m/sw.js with its file list). Scope /m/:
 * - install: pre-cache the app shell and every built file, so /m opens with no network;
 * - navigations under /m/: the cached /m/ (single-page app shell of this version), else the network;
 * - /m/ static files: cache first;
 * - /api/ is never cached here (the app keeps its own offline data in IndexedDB).
 */
export function serviceWorkerSource(version: string, assets: string[]): string {
  return `// SafeGrid field app service worker ${version}
const CACHE = "safegrid-field-${version}";
const ASSETS = ${JSON.stringify(assets)};
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(ASSETS)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("safegrid-field-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith("/m")) return;
  if (req.mode === "navigate") {
    // Cache first: the shell of this version opens at once, online or not; a new build brings a new
    // sw.js, which replaces the cache and takes over (skipWaiting + claim).
    event.respondWith(caches.open(CACHE).then(async (cache) => (await cache.match("/m/")) || fetch(req)));
    return;
  }
  event.respondWith(
    caches.open(CACHE).then(async (cache) => (await cache.match(req)) || fetch(req)),
  );
});
`;
}
