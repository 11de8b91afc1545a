/*
 * llmcalc JS API (docs/js-api.md). UMD: `const llmcalc = require('./llmcalc.js')` in node, or
 * `<script src="llmcalc.js"></script>` in a page (global `llmcalc`). Both need llmcalc-core.js next to this file.
 *
 *   const api = await llmcalc.load();
 *   api.report({model: 'llama-3.1-8b', seq: 8192, kvHeads: 4})   // report object; throws on bad input
 *   await api.inspect(fileInput.files, {inputs: {gpu: 'rtx-4090'}})  // a GGUF/safetensors file's headers only
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

  // ---- model files (docs/model-files.md): only the headers are read, with Blob.slice in growing reads (first
  // kFirstHeaderRead bytes, then what the core's probeHeaderJson asks for, never past kMaxHeaderBytes): a multi-GB
  // file costs one or a few small reads. The core parses; this code only moves bytes.
  var kFirstHeaderRead = 1 << 20;     // model_file.hpp kFirstHeaderRead (replaced by the core's value when it loads)
  var kMaxHeaderBytes = 128 << 20;    // model_file.hpp kMaxHeaderBytes
  var kMaxFiles = 1024;               // shards of one model (the largest checkpoints have a few hundred)

  function fileError(message) { return badInput('file', message); }

  function isBlob(x) {
    return x !== null && typeof x === 'object' && typeof x.slice === 'function' && typeof x.size === 'number' &&
      !ArrayBuffer.isView(x) && !(x instanceof ArrayBuffer);
  }

  function describe(x) {
    if (x === null) return 'null';
    if (Array.isArray(x)) return 'an array';
    if (typeof x !== 'object') return 'a ' + typeof x;
    return 'a ' + (x.constructor && x.constructor.name || 'non-plain object');
  }

  // One file given to inspect(): a Blob/File, bytes (Uint8Array, Buffer, any typed array, ArrayBuffer), or
  // {name, data} with one of those (names matter for split GGUF files and for the shards an index names).
  function fileItem(x, i) {
    var name = null;
    var data = x;
    if (isPlainObject(x) && !isBlob(x)) {
      if (typeof x.name !== 'string' || !x.name) throw fileError('file ' + (i + 1) + ': {name, data} needs a non-empty name');
      name = x.name;
      data = x.data;
    }
    var blob = isBlob(data);
    var bytes = null;
    if (!blob) {
      if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
      else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      else throw fileError('file ' + (i + 1) + ' must be a Blob/File, a Uint8Array, an ArrayBuffer or {name, data}, got ' + describe(data));
    }
    if (name === null) name = blob && typeof data.name === 'string' && data.name ? data.name : 'file' + (i + 1);
    if (!wellFormed(name)) throw fileError('file ' + (i + 1) + ': the name contains a lone surrogate');
    var size = blob ? data.size : bytes.length;
    if (!(size >= 0) || size > Number.MAX_SAFE_INTEGER) throw fileError(name + ': size ' + size + ' is not a byte count');
    return { name: name, size: size, blob: blob ? data : null, bytes: bytes };
  }

  // Bytes [from, to) of an item: a slice of the Blob (nothing else of the file is read) or a view of the bytes.
  function readRange(item, from, to) {
    if (!item.blob) return Promise.resolve(item.bytes.subarray(from, to));
    var part = item.blob.slice(from, to);
    var got = typeof part.arrayBuffer === 'function' ? part.arrayBuffer() : new Promise(function (resolve, reject) {
      var r = new FileReader();
      r.onload = function () { resolve(r.result); };
      r.onerror = function () { reject(r.error); };
      r.readAsArrayBuffer(part);
    });
    return Promise.resolve(got).then(function (buf) {
      var bytes = new Uint8Array(buf);
      if (bytes.length !== to - from) {
        throw fileError(item.name + ': reading bytes ' + from + '-' + to + ' gave ' + bytes.length + ' bytes (the file changed?)');
      }
      return bytes;
    }, function (e) {
      throw fileError(item.name + ': could not be read (' + (e && e.message || e) + ')');
    });
  }

  // One file's header bytes: read, ask the core (ok / read the first N bytes / an index JSON / a named error), read
  // the missing part, ask again. Each byte is read once.
  function readHeader(call, item, index, onProgress) {
    var have = new Uint8Array(0);
    function step(n) {
      return readRange(item, have.length, n).then(function (more) {
        var bytes = more;
        if (have.length) {
          bytes = new Uint8Array(n);
          bytes.set(have, 0);
          bytes.set(more, have.length);
        }
        have = bytes;
        if (onProgress) onProgress({ file: item.name, index: index, read: bytes.length, size: item.size });
        var r = JSON.parse(call('probeHeaderJson', bytes, item.size, item.name));
        if (r.errors) throw inputError(r.errors);
        if (r.index) {  // model.safetensors.index.json: the whole (small) file
          if (item.size > kMaxHeaderBytes) {
            throw fileError(item.name + ': a JSON file of ' + item.size + ' bytes is larger than the cap of ' + kMaxHeaderBytes + ' bytes');
          }
          return bytes.length >= item.size ? done(bytes) : step(item.size);
        }
        if (r.ok) return done(bytes.subarray(0, Math.min(bytes.length, r.header_bytes)));
        var need = Math.min(r.need, item.size);
        if (!(need > bytes.length) || need > kMaxHeaderBytes) {
          throw fileError(item.name + ': the header read stopped at byte ' + bytes.length);
        }
        return step(need);
      });
    }
    function done(head) { return { name: item.name, size: item.size, head: head, read: have.length }; }
    return step(Math.min(item.size, kFirstHeaderRead));
  }

  function inspectFiles(call, files, options) {
    return Promise.resolve().then(function () {
      if (options !== undefined && options !== null && !isPlainObject(options)) {
        throw badInput('options', 'must be a plain object {inputs, onProgress}, got ' + describe(options));
      }
      options = options || {};
      if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
        throw badInput('onProgress', 'must be a function');
      }
      var hash = rawHash(options.inputs);
      var list = Array.isArray(files) ? files : (files && typeof files.length === 'number' && typeof files.item === 'function') ?
        Array.prototype.slice.call(files) : [files];  // a FileList as well
      if (list.length === 0) throw fileError('no file given');
      if (list.length > kMaxFiles) throw fileError(list.length + ' files given; at most ' + kMaxFiles);
      var items = list.map(fileItem);
      var heads = [];
      var chain = Promise.resolve();
      items.forEach(function (item, i) {
        chain = chain.then(function () {
          return readHeader(call, item, i, options.onProgress).then(function (h) { heads.push(h); });
        });
      });
      return chain.then(function () {
        var total = 0;
        heads.forEach(function (h) { total += h.head.length; });
        var all = new Uint8Array(total);
        var at = 0;
        var meta = heads.map(function (h) {
          all.set(h.head, at);
          at += h.head.length;
          return { name: h.name, size: h.size, length: h.head.length };
        });
        var out = JSON.parse(call('inspectFilesJson', hash, all, JSON.stringify(meta)));
        if (!out.file) throw inputError(out.errors || []);
        out.read = heads.map(function (h) { return { name: h.name, size: h.size, bytes: h.read }; });
        return out;
      });
    });
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
    function call(fn) {
      if (!current) {
        throw badInput('inputs', 'the calculator is restarting after an internal failure; await api.ready() and retry');
      }
      try {
        return current[fn].apply(current, Array.prototype.slice.call(arguments, 1));
      } catch (e) {
        current = null;
        restart();
        throw badInput('inputs', 'internal failure in the calculator (' + (e && e.message || e) +
          '); it was restarted: await api.ready() and retry');
      }
    }
    function list(fn) { return JSON.parse(call(fn)); }
    // options {lang: 'en' | 'zh'} of report/toHash/fromHash: the language of a thrown error's messages (the core's
    // templates, src/core/messages.cpp); 'en' by default.
    function langOf(options) {
      if (options === undefined || options === null) return 'en';
      if (!isPlainObject(options)) throw badInput('options', 'must be a plain object {lang}, got ' + describe(options));
      var lang = options.lang === undefined ? 'en' : options.lang;
      if (lang !== 'en' && lang !== 'zh') throw badInput('lang', "must be en or zh, got '" + String(lang) + "'");
      return lang;
    }
    function inLang(json, lang) {
      try {
        return checked(json);
      } catch (e) {
        if (lang === 'en' || !e.errors) throw e;
        throw inputError(e.errors.map(function (x) { return { key: x.key, message: call('messageIn', x.message, lang) }; }));
      }
    }
    var api = {
      /** Report object for the inputs (INTERFACE.md paths). Throws an Error with .errors = [{key, message}]. */
      report: function (inputs, options) {
        var lang = langOf(options);
        return inLang(call('reportJson', rawHash(inputs)), lang);
      },
      /** Canonical URL hash (no '#'): keys that differ from the defaults, in table order. */
      toHash: function (inputs, options) {
        var lang = langOf(options);
        var h = call('normalizeHash', rawHash(inputs));
        if (h.charAt(0) === '{') inLang(h, lang);  // errors JSON
        return h;
      },
      /** Inputs object (snake_case keys, typed values) of the keys a hash sets to non-default values. */
      fromHash: function (hash, options) {
        var lang = langOf(options);
        return inLang(call('inputsJson', rawHash(String(hash))), lang).inputs;
      },
      /** A note, warning or error message of the core in lang ('en' | 'zh'); the text itself when it has no template. */
      message: function (text, lang) {
        if (typeof text !== 'string') throw badInput('text', 'must be a string, got ' + describe(text));
        return call('messageIn', text, langOf({ lang: lang }));
      },
      models: function () { return list('modelsJson'); },
      gpus: function () { return list('gpusJson'); },
      formats: function () { return list('formatsJson'); },
      optimizers: function () { return list('optimizersJson'); },
      keys: function () { return list('keysJson'); },
      /**
       * Reads model files' headers only (GGUF, GGUF splits, safetensors, its shards, model.safetensors.index.json) and
       * resolves to {file, report, errors, read}: file = exact parameters and stored bytes by dtype and component;
       * report = options.inputs' scenario with that model (null when the file lacks something it needs, named in
       * errors); read = [{name, size, bytes}] what was read of each file. Rejects with an LlmcalcInputError (key
       * 'file') for unreadable files. options.onProgress({file, index, read, size}) after each slice.
       */
      inspect: function (files, options) { return inspectFiles(call, files, options); },
      /** Resolves when the core is usable (at once, unless it is being restarted after an internal failure). */
      ready: function () { return restarting ? restarting.then(function () { return api; }) : Promise.resolve(api); },
      /** The embind module itself (reportJson(hash), normalizeHash, inputsJson, *Json lists). */
      core: core
    };
    if (typeof core.limitsJson === 'function') {
      var limits = JSON.parse(core.limitsJson());
      if (limits.max_config_bytes > 0) kMaxConfigBytes = limits.max_config_bytes;
      if (limits.first_header_read > 0) kFirstHeaderRead = limits.first_header_read;
      if (limits.max_header_bytes > 0) kMaxHeaderBytes = limits.max_header_bytes;
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
