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

  function valueText(v) {
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'object') return JSON.stringify(v);  // e.g. config: require('./config.json')
    return String(v);
  }

  // Object (or hash string) -> raw hash string. null/undefined values are skipped (= the default).
  function rawHash(inputs) {
    if (inputs === undefined || inputs === null) return '';
    if (typeof inputs === 'string') return inputs.replace(/^#/, '');
    if (typeof inputs !== 'object') throw new TypeError('llmcalc: inputs must be an object or a hash string');
    var parts = [];
    Object.keys(inputs).forEach(function (k) {
      var v = inputs[k];
      if (v === undefined || v === null) return;
      parts.push(encodeURIComponent(snakeKey(k)) + '=' + encodeURIComponent(valueText(v)));
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

  function makeApi(core) {
    return {
      /** Report object for the inputs (INTERFACE.md paths). Throws an Error with .errors = [{key, message}]. */
      report: function (inputs) { return checked(core.reportJson(rawHash(inputs))); },
      /** Canonical URL hash (no '#'): keys that differ from the defaults, in table order. */
      toHash: function (inputs) {
        var h = core.normalizeHash(rawHash(inputs));
        if (h.charAt(0) === '{') checked(h);  // errors JSON
        return h;
      },
      /** Inputs object (snake_case keys, typed values) of the keys a hash sets to non-default values. */
      fromHash: function (hash) { return checked(core.inputsJson(rawHash(String(hash)))).inputs; },
      models: function () { return JSON.parse(core.modelsJson()); },
      gpus: function () { return JSON.parse(core.gpusJson()); },
      formats: function () { return JSON.parse(core.formatsJson()); },
      optimizers: function () { return JSON.parse(core.optimizersJson()); },
      keys: function () { return JSON.parse(core.keysJson()); },
      /** The embind module itself (reportJson(hash), normalizeHash, inputsJson, *Json lists). */
      core: core
    };
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
        .then(function (factory) { return factory(); })
        .then(makeApi);
      if (!options.coreUrl && !options.corePath) {
        cached = p;
        p.catch(function () { cached = null; });
      }
      return p;
    },
    toSnakeCase: snakeKey
  };
});
