// The app page's start-up script: Emscripten's Module settings, the WebGL2 probe and the offline service worker.
// A file, not inline, so the page runs under `script-src 'self' 'wasm-unsafe-eval'` (docs/security.md). It loads
// llmcalc_app.js after the first paint (below); the offline single-file page inlines both (cmake/web.cmake).
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
// The Chinese glyphs and strings are files of their own, llmcalc-zh.ttf and llmcalc-zh.json (the UI's and the core's
// Chinese text), so an English visit does not download them. The app calls Module.llmcalcLoadZh() when its UI is
// Chinese and polls the returned object (state 0 loading, 1 loaded, -1 failed; platform_web.cpp). It starts here
// already when the UI will start in Chinese (the same order as settings.cpp: browser language, then saved settings,
// then #lang= in the URL), in parallel with the wasm.
var llmcalcZhFiles = ['llmcalc-zh.ttf', 'llmcalc-zh.json'];
Module.llmcalcLoadZh = function () {
  var z = Module.llmcalcZh;
  if (z) return z;
  z = Module.llmcalcZh = { state: 0, bytes: null, text: null };
  Promise.all(llmcalcZhFiles.map(function (f) {
    return fetch(f).then(function (r) {
      if (!r.ok) throw new Error(f + ': HTTP ' + r.status);
      return r.arrayBuffer();
    });
  })).then(function (b) {
    z.bytes = new Uint8Array(b[0]);
    z.text = new Uint8Array(b[1]);
    z.state = 1;
    Module.llmcalcEvents++;
  }, function (e) {
    z.state = -1;
    Module.llmcalcEvents++;  // the app draws frames on demand: wake it to take the font (or the failure)
    console.warn('llmcalc: the Chinese font or strings could not be loaded: ' + e);
  });
  return z;
};
(function () {
  if (!/^https?:$/.test(location.protocol)) return;  // the offline single-file page embeds the font
  var zh = /^zh/i.test(navigator.language || '');
  try {
    var saved = JSON.parse(localStorage.getItem('llmcalc') || '{}');
    if (saved && typeof saved.lang === 'string') zh = saved.lang === 'zh';
  } catch (e) { /* corrupt or blocked storage: the app reports it */ }
  var m = /[#&]lang=(zh|en)(&|$)/.exec(location.hash);
  if (m) zh = m[1] === 'zh';
  if (zh) Module.llmcalcLoadZh();
})();
// Numbers before the wasm (issue #15): index.html carries the default scenario's answer in English (written at build
// time by the app's own results_text(), cmake/prerender_index.cmake), `hidden` until this check. It is shown
// only when this visit opens that scenario in English, by the same decisions as settings.cpp's settings_start: no
// inputs or compare= in the URL hash, no other saved scenario, neither the browser, the saved settings nor #lang= asking
// for Chinese. In any doubt (unreadable storage, a part of the hash this does not know) it is removed: the app writes
// the right text as soon as the core has run (main.cpp), before the WebGL context.
(function () {
  var el = document.getElementById('llmcalc-results-text');
  if (!el || !el.hasAttribute('data-prerendered')) return;
  var scenario = el.getAttribute('data-prerendered');
  var ok = true;
  var zh = /^zh/i.test(navigator.language || '');
  try {
    var stored = localStorage.getItem('llmcalc');
    if (stored !== null) {
      var saved = JSON.parse(stored);
      if (!saved || typeof saved !== 'object') ok = false;
      else {
        if (typeof saved.lang === 'string') zh = saved.lang === 'zh';
        if (saved.scenario !== undefined && saved.scenario !== '' && saved.scenario !== scenario) ok = false;
      }
    }
  } catch (e) { ok = false; }
  var parts = location.hash.replace(/^#/, '').split('&');
  for (var i = 0; i < parts.length; i++) {
    if (!parts[i]) continue;
    var eq = parts[i].indexOf('=');
    var key = eq < 0 ? parts[i] : parts[i].slice(0, eq), value = eq < 0 ? '' : parts[i].slice(eq + 1);
    if (key === 'lang') { if (value === 'zh' || value === 'en') zh = value === 'zh'; }
    else if (key !== 'embed' && key !== 'theme') ok = false;  // an input, compare=, or something to decode
  }
  if (ok && !zh) el.hidden = false;
  else { el.removeAttribute('data-prerendered'); el.textContent = ''; }  // stays hidden until the app writes
})();
// After the first paint, so that the numbers above are on screen first (issue #15): the app's script, which index.html
// names in this script's data-app (the offline page has it inline instead), and the WebGL2 probe. Loaded with the
// page, the script's run and the wasm's compile took both cores of a small machine while the text waited to be
// painted; the probe creates a context, over a second under software GL, blocking the main thread.
// A tab opened in the background paints nothing and runs no animation frame: there the timer loads the app, so the
// numbers are ready when the tab is shown.
var llmcalcAppScript = document.currentScript && document.currentScript.getAttribute('data-app');
function llmcalcLoadApp() {
  if (!llmcalcAppScript) return;
  var app = document.createElement('script');
  app.src = llmcalcAppScript;
  document.body.appendChild(app);
  llmcalcAppScript = null;  // once
}
setTimeout(llmcalcLoadApp, 1000);
requestAnimationFrame(function () {
  setTimeout(function () {
    llmcalcLoadApp();
    var probe = document.createElement('canvas');
    if (!probe.getContext('webgl2')) Module.onAbort('this browser has no WebGL2');
  }, 0);
});
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
    // The first visit fetched the Chinese font and strings before the worker controlled the page; once it does, they
    // are asked for again so that the worker keeps them (offline in Chinese after one visit).
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (Module.llmcalcZh) llmcalcZhFiles.forEach(function (f) { fetch(f).catch(function () {}); });
    });
  }
}
