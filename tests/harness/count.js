#!/usr/bin/env node
// Counts passed and failed tests in a log, for run-tests.sh's summary. Prints "<passed> <failed>".
//   count.js ctest <log>  - the log of `ctest -V`: a test that ran doctest counts its doctest test cases (plus one
//                           failure if ctest failed it while doctest reported none, e.g. a crash after the run);
//                           any other ctest test counts as one. No ctest test at all counts as one failure.
//   count.js tap <log>    - the TAP summary of `node --test --test-reporter=tap` (cancelled tests count as failed).
'use strict';
const fs = require('fs');

function countCtest(text) {
  const doctest = new Map(); // ctest test number -> {passed, failed}
  const results = [];        // {num, passed: bool}
  for (const line of text.split('\n')) {
    let m = /^(\d+): \[doctest\] test cases:\s*(\d+) \|\s*(\d+) passed \|\s*(\d+) failed/.exec(line);
    if (m) { doctest.set(m[1], { passed: +m[3], failed: +m[4] }); continue; }
    m = /^\s*\d+\/\d+ Test\s+#(\d+): \S+ \.*\s*(\S.*?)\s+[\d.]+ sec\s*$/.exec(line);
    if (m) results.push({ num: m[1], passed: m[2] === 'Passed' });
  }
  if (results.length === 0) return [0, 1];
  let passed = 0, failed = 0;
  for (const r of results) {
    const d = doctest.get(r.num);
    if (d) {
      passed += d.passed;
      failed += d.failed + (!r.passed && d.failed === 0 ? 1 : 0);
    } else if (r.passed) passed += 1;
    else failed += 1;
  }
  return [passed, failed];
}

function countTap(text) {
  const get = (name) => {
    const all = [...text.matchAll(new RegExp(`^# ${name} (\\d+)\\s*$`, 'gm'))];
    return all.length ? +all[all.length - 1][1] : null;
  };
  const pass = get('pass'), fail = get('fail'), cancelled = get('cancelled') || 0;
  if (pass === null || fail === null) return [0, 1]; // the runner never printed its summary
  if (pass + fail + cancelled === 0) return [0, 1];  // no test ran: that is a failure, not a pass
  return [pass, fail + cancelled];
}

const [kind, file] = process.argv.slice(2);
const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
const [p, f] = kind === 'ctest' ? countCtest(text) : kind === 'tap' ? countTap(text) : [0, 1];
console.log(`${p} ${f}`);
