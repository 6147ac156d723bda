// GAN Werkstatt's service worker. It does one thing: it gives the site's responses the two
// headers that make a page cross-origin isolated (COOP and COEP), which a static host such as
// GitHub Pages cannot send itself. Isolated, the page may share memory with its workers, and
// the CPU trainer runs on every core instead of one. It caches nothing and changes no body.
'use strict';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Only this site's own files: anything else keeps its own headers (there is nothing else,
  // but a browser extension's requests may pass here).
  if (new URL(request.url).origin !== self.location.origin) return;
  // A request that may only come from the cache cannot be fetched again.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(
    fetch(request).then((response) => {
      // Opaque and error responses pass as they are.
      if (response.status === 0) return response;
      const headers = new Headers(response.headers);
      headers.set('Cross-Origin-Opener-Policy', 'same-origin');
      headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    }),
  );
});
