// Shared by the node tests (tests/js) and the browser tests (tests/e2e): where the build outputs are, the JS API
// loaded once, and the native CLI run with the same scenario object.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..', '..');
// LLMCALC_DIST points the tests at another build's dist/ folder (default: the repository's dist/).
const dist = path.resolve(process.env.LLMCALC_DIST || path.join(root, 'dist'));
// run-tests.sh passes the CLI it just built; by hand the native preset's binary is the default.
const cli = process.env.LLMCALC_CLI || path.join(root, 'build', 'native', 'llmcalc');

function requireFile(file, hint) {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: ${hint}`);
  return file;
}

let apiPromise = null;
// The JS API as a user loads it: require('dist/llmcalc.js') then await load().
function loadApi() {
  if (!apiPromise) {
    const llmcalc = require(requireFile(path.join(dist, 'llmcalc.js'), 'run ./build-wasm.sh first'));
    apiPromise = llmcalc.load();
  }
  return apiPromise;
}

// A scenario object as CLI flags: {seq: 1024, sp: true} -> ['--seq', '1024', '--sp', 'true']. `config` holds the
// config.json text in JS; the CLI takes a file, so it is written to a temporary file.
function cliArgs(scenario) {
  const args = [];
  for (const [key, value] of Object.entries(scenario)) {
    if (key === 'config') {
      const file = path.join(fs.mkdtempSync(path.join(require('os').tmpdir(), 'llmcalc-')), 'config.json');
      fs.writeFileSync(file, value);
      args.push('--config', file);
    } else {
      args.push(`--${key}`, String(value));
    }
  }
  return args;
}

// Runs `llmcalc <flags> --json`: {status, report (parsed, or null), stderr}.
function runCli(scenario) {
  requireFile(cli, 'build the native CLI first (cmake --preset native && cmake --build build/native)');
  const r = spawnSync(cli, [...cliArgs(scenario), '--json'], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, report: r.status === 0 ? JSON.parse(r.stdout) : null };
}

// Looks up "a.b.c" in an object; undefined when any step is missing.
function at(obj, dotted) {
  return dotted.split('.').reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
}

// The ids of a catalog list (models(), gpus(), formats()) or the names of keys().
const ids = (list) => list.map((x) => x.id ?? x.key);

module.exports = { root, dist, cli, loadApi, runCli, cliArgs, at, ids };
