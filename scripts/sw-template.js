// Postmortem Studio's service worker, written by scripts/post-build.mjs at build time.
// It keeps this build's files so the app loads and works with no network. A new deployment has
// a new cache version, so the browser installs the new worker on the next visit; the page then
// offers "a new version is available — reload", and the old cache is deleted once it takes over.
const CACHE = "postmortem-studio-__CACHE_VERSION__";
const ASSETS = __ASSETS__;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("postmortem-studio-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page asks the waiting worker to take over when the user chooses to reload.
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // The page itself: this build's copy, so its hashed files always match it. Updates arrive
    // through a new worker, not by mixing a new page with old files.
    event.respondWith(caches.match("./").then((cached) => cached || fetch(request)));
    return;
  }
  event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
});
