// Offline after one visit (docs/offline.md): a cache-first service worker for the app's own files.
// index.html registers it only when served over http(s) (a file:// page cannot have one; llmcalc-offline.html is
// the single file for that case). The build replaces __LLMCALC_BUILD__ with a hash of the precached files
// (cmake/pwa_stamp.cmake), so a new build is a new sw.js: the browser installs it, it precaches the new files into a
// new cache, and the old cache is deleted when it activates.
'use strict';
const CACHE = 'llmcalc-__LLMCALC_BUILD__';
// Everything the app needs to start; relative to this file, so the app works from any folder of a static host.
const PRECACHE = ['./index.html', './app.css', './boot.js', './llmcalc_app.js', './llmcalc_app.wasm', './manifest.webmanifest', './icon.svg'];
// The Chinese glyphs and strings (boot.js): precached for a Chinese browser; otherwise kept when the page first asks
// for them.
const ZH_FILES = ['./llmcalc-zh.ttf', './llmcalc-zh.json'];

self.addEventListener('install', (event) => {
  const files = /^zh/i.test(self.navigator.language || '') ? PRECACHE.concat(ZH_FILES) : PRECACHE;
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(files)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('llmcalc-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// Cache first; a miss goes to the network and same-origin successes are kept (e.g. llmcalc-core.js, example.html).
// Offline, a page navigation that misses (e.g. the folder URL "./") gets the cached index.html.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }).then((hit) => {
    if (hit) return hit;
    return fetch(request).then((response) => {
      if (response.ok && response.type === 'basic') cache.put(request, response.clone());
      return response;
    }).catch((err) => {
      if (request.mode === 'navigate') return cache.match('./index.html').then((page) => page || Promise.reject(err));
      throw err;
    });
  })));
});
