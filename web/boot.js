// The app page's start-up script: Emscripten's Module settings, the WebGL2 probe and the offline service worker.
// A file, not inline, so the page runs under `script-src 'self' 'wasm-unsafe-eval'` (docs/security.md). Loaded before
// llmcalc_app.js; the offline single-file page inlines it (cmake/web.cmake).
var Module = {
  canvas: (function () {
    var c = document.getElementById('canvas');
    c.addEventListener('contextmenu', function (e) { e.preventDefault(); });
    c.addEventListener('webglcontextlost', function (e) {
      document.getElementById('status').textContent = 'WebGL context lost: reload the page.';
      e.preventDefault();
    }, false);
    return c;
  })(),
  print: function (text) { console.log(text); },
  printErr: function (text) { console.warn(text); },
  setStatus: function (text) {
    var s = document.getElementById('status');
    if (s && !s.classList.contains('error')) s.textContent = text;
  },
  onRuntimeInitialized: function () {
    var s = document.getElementById('status');
    if (s) s.style.display = 'none';
  },
  onAbort: function (what) {
    var s = document.getElementById('status');
    s.style.display = 'block';
    s.className = 'error';
    s.textContent = 'llmcalc stopped: ' + what + ' (WebGL2 is required)';
  }
};
(function () {
  var probe = document.createElement('canvas');
  if (!probe.getContext('webgl2')) Module.onAbort('this browser has no WebGL2');
})();
// Offline after one visit (docs/offline.md): manifest and service worker, only when served over http(s).
if (/^https?:$/.test(location.protocol)) {
  var manifest = document.createElement('link');
  manifest.rel = 'manifest';
  manifest.href = 'manifest.webmanifest';
  document.head.appendChild(manifest);
  if ('serviceWorker' in navigator) {
    window.addEventListener('load', function () {
      navigator.serviceWorker.register('sw.js').catch(function (e) { console.warn('llmcalc: no offline support: ' + e); });
    });
  }
}
