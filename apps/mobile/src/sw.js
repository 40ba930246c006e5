// The phone app's service worker (DESIGN §7): it keeps the app shell — the page, its hashed
// scripts and styles, the icons — so that the app opens without a connection. It never stores
// an answer of the API: those belong to one person and must not outlive their session.
// The build (build/service-worker.ts) writes in the shell's files and a version named after them.
const SHELL = 'jyxc-mobile-shell-__SHELL_VERSION__';
const SCOPE = new URL(self.registration.scope).pathname; // '/m/'
const PRECACHE = JSON.parse('__SHELL_FILES__');

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Only the app's own files; the API (/api/…) and everything else go to the network untouched.
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;

  if (request.mode === 'navigate') {
    // The page: the network first, so a new version shows at once; the kept copy offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(SHELL).then((cache) => cache.put(SCOPE, copy));
          }
          return response;
        })
        .catch(() => caches.match(SCOPE).then((cached) => cached ?? Response.error())),
    );
    return;
  }

  // Hashed assets and icons never change under one name: the kept copy first.
  event.respondWith(
    caches.match(request).then(
      (cached) =>
        cached ??
        fetch(request).then((response) => {
          if (response.ok && response.type === 'basic') {
            const copy = response.clone();
            void caches.open(SHELL).then((cache) => cache.put(request, copy));
          }
          return response;
        }),
    ),
  );
});
