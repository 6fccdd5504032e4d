// The OPAC's service worker does one thing: when a page cannot be loaded (no connection), it
// shows the offline page instead of the browser's error. Nothing else is cached here, so a new
// build of the app is never held back by an old copy (the API's caching rules do the rest).
const CACHE = `shiori-offline-1:${self.registration.scope}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.add(new Request('offline.html', { cache: 'reload' })))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('shiori-offline-') && k.endsWith(self.registration.scope) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  if (event.request.mode !== 'navigate') return;
  event.respondWith(fetch(event.request).catch(() => caches.open(CACHE).then((cache) => cache.match('offline.html'))));
});
