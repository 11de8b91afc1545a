/*
 * llmcalc JS API (docs/js-api.md). UMD: `const llmcalc = require('./llmcalc.js')` in node, or
 * `<script src="llmcalc.js"></script>` in a page (global `llmcalc`). Both need llmcalc-core.js next to this file.
 *
 *   const api = await llmcalc.load();
 *   api.report({model: 'llama-3.1-8b', seq: 8192, kvHeads: 4})   // report object; throws on bad input
 *
 * No calculation happens here: inputs become a URL-hash string ("key=value&...") and the C++ core (embind,
 * llmcalc-core.js) parses, validates and computes exactly as the CLI and the web app do.
 */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module.exports) {
    module.exports = factory(root, true);
  } else {
    root.llmcalc = factory(root, false);
  }
})(typeof globalThis !== 'undefined' ? globalThis : this, function (root, isNode) {
  'use strict';

  // Where this script came from: the core is loaded from the same folder in the browser.
  var scriptBase = '';
  if (!isNode && typeof document !== 'undefined' && document.currentScript && document.currentScript.src) {
    scriptBase = document.currentScript.src.replace(/[^/]*$/, '');
  }

  function loadFactory(options) {
    if (isNode) {
      // eslint-disable-next-line global-require
      return Promise.resolve(require(options.corePath || './llmcalc-core.js'));
    }
    if (typeof root.createLlmcalcCore === 'function') return Promise.resolve(root.createLlmcalcCore);
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = options.coreUrl || scriptBase + 'llmcalc-core.js';
      s.async = true;
      s.onload = function () {
        if (typeof root.createLlmcalcCore === 'function') resolve(root.createLlmcalcCore);
        else reject(new Error('llmcalc: ' + s.src + ' did not define createLlmcalcCore'));
      };
      s.onerror = function () { reject(new Error('llmcalc: could not load ' + s.src)); };
      document.head.appendChild(s);
    });
  }

  // camelCase -> snake_case (kvHeads -> kv_heads); snake_case passes unchanged.
  function snakeKey(key) {
    return String(key).replace(/[A-Z]/g, function (c) { return '_' + c.toLowerCase(); });
  }

  // Inputs are checked here before anything reaches the core, each problem an LlmcalcInputError naming the key
  // (issue #14): only plain objects are read (a Map, Date, array or an object whose keys sit on its prototype would
  // otherwise give the default report), strings must be well-formed UTF-16 (a lone surrogate cannot be encoded),
  // `config` objects must be plain JSON (no cycles, at most kMaxJsonDepth levels, no Date/Map/NaN that
  // JSON.stringify would silently change) and config text at most the core's size cap.
  var kMaxJsonDepth = 64;  // json::kDefaultMaxDepth of the core: deeper text is refused there anyway
  var kMaxConfigBytes = 2 * 1024 * 1024;  // replaced by the core's limits::kMaxConfigBytes when it loads

  function isPlainObject(v) {
    if (v === null || typeof v !== 'object') return false;
    var proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  }

  function badInput(key, message) { return inputError([{ key: key, message: message }]); }

  var loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  function wellFormed(s) {
    return typeof s.isWellFormed === 'function' ? s.isWellFormed() : !loneSurrogate.test(s);
  }

  // UTF-8 length of a well-formed string, stopping once it passes `cap`.
  function utf8Length(s, cap) {
    if (s.length > cap) return s.length;  // at least one byte per UTF-16 unit
    if (s.length * 3 <= cap) return s.length;  // at most three bytes per unit
    var n = 0;
    for (var i = 0; i < s.length && n <= cap; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xD800 && c <= 0xDBFF) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }

  // A config object as JSON text, refusing what JSON.stringify would drop, change or fail on.
  function configText(key, v) {
    var path = [];
    function walk(x, depth) {
      if (x === null || typeof x === 'boolean') return;
      if (typeof x === 'string') {
        if (!wellFormed(x)) throw badInput(key, 'contains a string with a lone surrogate (not encodable as UTF-8)');
        return;
      }
      if (typeof x === 'number') {
        if (!isFinite(x)) throw badInput(key, 'contains ' + x + ', which JSON cannot represent');
        return;
      }
      if (typeof x !== 'object') throw badInput(key, 'contains a ' + typeof x + ', which is not JSON');
      if (depth >= kMaxJsonDepth) throw badInput(key, 'is nested deeper than ' + kMaxJsonDepth + ' levels');
      if (path.indexOf(x) >= 0) throw badInput(key, 'is cyclic (an object contains itself)');
      var arr = Array.isArray(x);
      if (!arr && !isPlainObject(x)) {
        throw badInput(key, 'contains a ' + (x.constructor && x.constructor.name || 'non-plain object') +
          ', which is not JSON (use plain objects, arrays, strings, numbers, booleans, null)');
      }
      path.push(x);
      var ks = Object.keys(x);
      for (var i = 0; i < ks.length; i++) {
        if (!arr && !wellFormed(ks[i])) throw badInput(key, 'has a key with a lone surrogate');
        if (x[ks[i]] !== undefined) walk(x[ks[i]], depth + 1);
      }
      path.pop();
    }
    walk(v, 0);
    return JSON.stringify(v);
  }

  function valueText(key, v) {
    var text;
    if (typeof v === 'boolean') text = v ? 'true' : 'false';
    else if (typeof v === 'number' || typeof v === 'string') text = String(v);
    else if (typeof v === 'object' && key === 'config') text = configText(key, v);
    else throw badInput(key, 'must be a string, number or boolean, got ' + (Array.isArray(v) ? 'an array' : 'a ' + typeof v));
    if (!wellFormed(text)) throw badInput(key, 'contains a lone surrogate (not encodable as UTF-8)');
    if (key === 'config' && utf8Length(text, kMaxConfigBytes) > kMaxConfigBytes) {
      throw badInput(key, 'is more than ' + kMaxConfigBytes + ' bytes; config.json text may be at most ' +
        kMaxConfigBytes + ' bytes');
    }
    return text;
  }

  // Object (or hash string) -> raw hash string. null/undefined values are skipped (= the default).
  function rawHash(inputs) {
    if (inputs === undefined || inputs === null) return '';
    if (typeof inputs === 'string') {
      if (!wellFormed(inputs)) throw badInput('hash', 'contains a lone surrogate (not encodable as UTF-8)');
      // a hash carries at most a config (3 bytes per byte when percent-encoded) and some short keys
      var maxHash = 3 * kMaxConfigBytes + 65536;
      if (inputs.length > maxHash) throw badInput('hash', 'is longer than ' + maxHash + ' characters');
      return inputs.replace(/^#/, '');
    }
    if (!isPlainObject(inputs)) {
      var what = Array.isArray(inputs) ? 'an array' : typeof inputs !== 'object' ? 'a ' + typeof inputs :
        'a ' + (inputs.constructor && inputs.constructor.name || 'non-plain object');
      throw badInput('inputs', 'must be a plain object {key: value} or a hash string, got ' + what);
    }
    var parts = [];
    Object.keys(inputs).forEach(function (k) {
      var v = inputs[k];
      if (v === undefined || v === null) return;
      if (!wellFormed(k)) throw badInput(k, 'key contains a lone surrogate');
      var key = snakeKey(k);
      parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(valueText(key, v)));
    });
    return parts.join('&');
  }

  function inputError(errors) {
    var msg = errors.map(function (e) { return e.key + ': ' + e.message; }).join('; ');
    var err = new Error('llmcalc: ' + (msg || 'bad input'));
    err.name = 'LlmcalcInputError';
    err.errors = errors;
    return err;
  }

  // Parses a JSON answer of the core; {"errors":[...]} becomes a thrown Error with .errors.
  function checked(json) {
    var obj = JSON.parse(json);
    if (obj && !Array.isArray(obj) && Array.isArray(obj.errors) && Object.keys(obj).length === 1) {
      throw inputError(obj.errors);
    }
    return obj;
  }

  // Every call into the core goes through here. A failure inside the wasm core (an abort, e.g. out of memory) would
  // leave that instance unusable and its memory held: it becomes an LlmcalcInputError naming 'inputs', the broken
  // instance is dropped and a fresh one is made (api.ready() resolves when it is in place; issue #14).
  function makeApi(core, factory) {
    var current = core;
    var restarting = null;
    function restart() {
      if (restarting || !factory) return;
      restarting = Promise.resolve().then(function () { return factory(); }).then(function (c) {
        current = c;
        api.core = c;
        restarting = null;
      }, function () { restarting = null; });
    }
    function call(fn, arg) {
      if (!current) {
        throw badInput('inputs', 'the calculator is restarting after an internal failure; await api.ready() and retry');
      }
      try {
        return arg === undefined ? current[fn]() : current[fn](arg);
      } catch (e) {
        current = null;
        restart();
        throw badInput('inputs', 'internal failure in the calculator (' + (e && e.message || e) +
          '); it was restarted: await api.ready() and retry');
      }
    }
    function list(fn) { return JSON.parse(call(fn)); }
    var api = {
      /** Report object for the inputs (INTERFACE.md paths). Throws an Error with .errors = [{key, message}]. */
      report: function (inputs) { return checked(call('reportJson', rawHash(inputs))); },
      /** Canonical URL hash (no '#'): keys that differ from the defaults, in table order. */
      toHash: function (inputs) {
        var h = call('normalizeHash', rawHash(inputs));
        if (h.charAt(0) === '{') checked(h);  // errors JSON
        return h;
      },
      /** Inputs object (snake_case keys, typed values) of the keys a hash sets to non-default values. */
      fromHash: function (hash) { return checked(call('inputsJson', rawHash(String(hash)))).inputs; },
      models: function () { return list('modelsJson'); },
      gpus: function () { return list('gpusJson'); },
      formats: function () { return list('formatsJson'); },
      optimizers: function () { return list('optimizersJson'); },
      keys: function () { return list('keysJson'); },
      /** Resolves when the core is usable (at once, unless it is being restarted after an internal failure). */
      ready: function () { return restarting ? restarting.then(function () { return api; }) : Promise.resolve(api); },
      /** The embind module itself (reportJson(hash), normalizeHash, inputsJson, *Json lists). */
      core: core
    };
    if (typeof core.limitsJson === 'function') {
      var limits = JSON.parse(core.limitsJson());
      if (limits.max_config_bytes > 0) kMaxConfigBytes = limits.max_config_bytes;
    }
    return api;
  }

  var cached = null;

  return {
    /**
     * Loads the wasm core once and resolves to the API. options (optional): {coreUrl} in the browser (default:
     * llmcalc-core.js beside this script), {corePath} in node (default: ./llmcalc-core.js beside this file).
     */
    load: function (options) {
      options = options || {};
      if (cached && !options.coreUrl && !options.corePath) return cached;
      var p = loadFactory(options)
        .then(function (factory) {
          return factory().then(function (core) { return makeApi(core, factory); });
        });
      if (!options.coreUrl && !options.corePath) {
        cached = p;
        p.catch(function () { cached = null; });
      }
      return p;
    },
    toSnakeCase: snakeKey
  };
});
