// GAN Werkstatt's service worker. Two jobs:
//
// 1. Isolation. It gives the site's responses the two headers that make a page cross-origin
//    isolated (COOP and COEP), which a static host such as GitHub Pages cannot send itself.
//    Isolated, the page may share memory with its workers, and the CPU trainer runs on every
//    core instead of one.
// 2. The site's own cache, for a school network that comes and goes. Every file of the site
//    that a visit fetches (page, trainers, data, judge, trained model) is kept in one cache per
//    deployment; the network is asked first, so a new deployment arrives with the next load,
//    and when the network fails the cached copy answers, so a reload offline still trains.
//    Entries are keyed without the query string, so the cache holds at most one copy of each
//    file of the site; a new deployment's worker deletes every older deployment's cache.
'use strict';

// Written by the build (crates/gan-csp, Trunk's post_build hook): a digest of the site's files.
const BUILD = '__GAN_BUILD__';
const PREFIX = 'gan-werkstatt-';
const CACHE = PREFIX + BUILD;

self.addEventListener('install', () => self.skipWaiting());

// Which deployment's worker is active: one entry in a small cache of its own, written by each
// worker as it activates (before it deletes the older caches). An old worker may still be
// answering the page's requests when the new one deletes the old cache, and a copy it was still
// writing would bring that cache back (seen in chromium: the old deployment's cache outlived
// the update). So after each write a worker looks here, and a superseded one removes its own
// cache again. (Listening for `updatefound` cannot tell: a worker hears its own installation.)
const CURRENT = 'gan-werkstatt:current';
const CURRENT_KEY = 'deployment';

async function superseded() {
  const mark = await caches.match(CURRENT_KEY, { cacheName: CURRENT });
  return !!mark && (await mark.text()) !== BUILD;
}

self.addEventListener('activate', (event) =>
  event.waitUntil(
    (async () => {
      await (await caches.open(CURRENT)).put(CURRENT_KEY, new Response(BUILD));
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  ),
);

function isolated(response) {
  // Opaque and error responses pass as they are.
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// The cache key: the file, without the lesson's query string.
function key(request) {
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  return url.href;
}

async function answer(event) {
  const request = event.request;
  try {
    const response = await fetch(request);
    // Whole files only (no partial or error answers), kept beside the answer.
    if (response.status === 200 && request.method === 'GET') {
      const copy = response.clone();
      event.waitUntil(
        caches
          .open(CACHE)
          .then((cache) => cache.put(key(request), copy))
          .then(async () => {
            if (await superseded()) await caches.delete(CACHE);
          })
          .catch(() => {}), // a full disk only costs the offline copy
      );
    }
    return isolated(response);
  } catch (offline) {
    // match, not open: opening would bring back a cache that a newer deployment removed.
    const cached = await caches.match(key(request), { cacheName: CACHE });
    if (cached) return isolated(cached);
    throw offline;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Only this site's own files: anything else keeps its own headers (there is nothing else,
  // but a browser extension's requests may pass here).
  if (new URL(request.url).origin !== self.location.origin) return;
  // A request that may only come from the cache cannot be fetched again.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  if (request.method !== 'GET' || request.headers.has('range')) {
    event.respondWith(fetch(request).then(isolated));
    return;
  }
  event.respondWith(answer(event));
});
