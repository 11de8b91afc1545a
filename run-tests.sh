#!/usr/bin/env bash
# llmcalc's one test command. Installs what is missing (Debian packages, the npm devDependency playwright-core; never
# a browser download), then runs every layer in order and ends with the line "llmcalc: N passed, N failed".
#   ./run-tests.sh                 all layers: native wasm js e2e fuzz
#   ./run-tests.sh native js       only the named layers (see docs/testing.md)
# A failing layer is counted and the next layers still run; the exit code is non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
root=$PWD

# Every shell that runs Emscripten output needs these (see docs/testing.md): em++ needs acorn from Debian's node
# modules, and emscripten's node glue must not try fetch() on file paths.
export NODE_PATH=/usr/share/nodejs NODE_OPTIONS=--no-experimental-fetch
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
native_dir=${LLMCALC_NATIVE_BUILD:-$root/build/native}
wasm_dir=$root/build/wasm   # where ./build-wasm.sh builds
logs=$root/build/test-logs
all_layers=(native wasm js e2e fuzz)
layers=("$@")
[ ${#layers[@]} -gt 0 ] || layers=("${all_layers[@]}")
for l in "${layers[@]}"; do
  case " ${all_layers[*]} " in *" $l "*) ;; *) echo "run-tests.sh: unknown layer '$l' (layers: ${all_layers[*]})" >&2; exit 2 ;; esac
done
start=$(date +%s)

# ---- what is missing gets installed (Debian packages for tools, npm ci for playwright-core)
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
need=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_cmd cmake || need+=(cmake)
have_cmd g++ || need+=(g++)
have_cmd make || need+=(make)
have_cmd em++ || need+=(emscripten)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/include/doctest ] || need+=(doctest-dev)
[ -d /usr/include/nlohmann ] || need+=(nlohmann-json3-dev)
[ -f /usr/include/GLES3/gl3.h ] || need+=(libgles-dev)   # the app's sources compiled natively (charts.cpp's heatmap)
have_cmd clang++ || need+=(clang)   # the fuzz layer: libFuzzer + ASan + UBSan
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || need+=(libclang-rt-14-dev)
have_cmd node || need+=(nodejs)
have_cmd npm || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing Debian packages: ${need[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
want_pw=$(node -p "require('./package-lock.json').packages['node_modules/playwright-core'].version")
have_pw=$(node -p "require('./node_modules/playwright-core/package.json').version" 2>/dev/null || true)
if [ "$want_pw" != "$have_pw" ]; then
  echo "== npm ci (playwright-core $want_pw)"
  npm ci --no-audit --no-fund --loglevel=error
fi
mkdir -p "$logs"
echo "== tools: node $(node --version), $(cmake --version | head -n 1), em++ $(em++ --version 2>/dev/null | head -n 1 | grep -o '[0-9][0-9.]*' | head -n 1)," \
  "$(/usr/bin/chromium --version 2>/dev/null), playwright-core $want_pw${CI:+, CI=$CI}"

# ---- layers. Each runs in a subshell with errexit, its output goes to the terminal and to build/test-logs/<layer>.log;
#      each prints its counts as the last line "COUNT <passed> <failed>".
count() { node "$root/tests/harness/count.js" "$@"; }

# From a `ctest -V` log: each test's result, doctest's totals, and for failures the test case, check and values.
ctest_digest() {
  grep -E '^\s*[0-9]+/[0-9]+ Test|\[doctest\] (test cases|Status)|TEST CASE:|: (ERROR|FATAL ERROR):|values:|^[0-9]+:   (CHECK|REQUIRE|WARN)|FATAL_ERROR' "$1" || true
}

layer_native() {
  # Dear ImGui and the fonts first: the app's sources are compiled natively (app_native_compile) and its panels run
  # headless (app_ui_smoke, tests/app/ui_smoke_test.cpp); without third_party/imgui neither would be configured.
  if ! ./build-wasm.sh fetch; then echo "COUNT 0 1"; return 1; fi
  cmake -S "$root" -B "$native_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
  if ! cmake --build "$native_dir" -j2; then echo "COUNT 0 1"; return 1; fi
  local rc=0
  ctest --test-dir "$native_dir" -V >"$logs/native-ctest.log" 2>&1 || rc=$?
  ctest_digest "$logs/native-ctest.log"
  echo "COUNT $(count ctest "$logs/native-ctest.log")"
  return $rc
}

layer_wasm() {
  # ./build-wasm.sh configures build/wasm (the wasm preset), builds the app and the JS API and fills dist/; the doctest
  # binary is built in the same tree and runs under node through CMAKE_CROSSCOMPILING_EMULATOR.
  if ! ./build-wasm.sh; then echo "COUNT 0 1"; return 1; fi
  if ! cmake --build "$wasm_dir" -j2 --target llmcalc_tests; then echo "COUNT 0 1"; return 1; fi
  local rc=0
  ctest --test-dir "$wasm_dir" -V >"$logs/wasm-ctest.log" 2>&1 || rc=$?
  ctest_digest "$logs/wasm-ctest.log"
  echo "COUNT $(count ctest "$logs/wasm-ctest.log")"
  return $rc
}

node_tests() { # $1 = folder under tests/
  local rc=0
  # Without NODE_OPTIONS: playwright-core needs node's fetch classes, and the JS API (wasm embedded) never fetches.
  env -u NODE_OPTIONS LLMCALC_CLI="$native_dir/llmcalc" node --test --test-reporter=tap "tests/$1/" >"$logs/$1-tap.log" 2>&1 || rc=$?
  # One line per test, then each failure in full.
  grep -E '^\s*(not )?ok [0-9]+ ' "$logs/$1-tap.log" || true
  if [ $rc -ne 0 ]; then grep -B2 -A30 -E '^\s*not ok ' "$logs/$1-tap.log" | head -200 || true; fi
  echo "COUNT $(count tap "$logs/$1-tap.log")"
  return $rc
}
layer_js() { node_tests js; }
layer_e2e() { node_tests e2e; }

# A short libFuzzer run of each target (importer, URL hash, CLI args, report), LLMCALC_FUZZ_SECONDS each (default 12;
# docs/fuzzing.md has long runs). Each target that runs its time without a crash counts as one passed test.
layer_fuzz() {
  local rc=0
  fuzz/run.sh "${LLMCALC_FUZZ_SECONDS:-12}" >"$logs/fuzz-run.log" 2>&1 || rc=$?
  cat "$logs/fuzz-run.log"
  local ran crashed
  ran=$(grep -c '^== fuzz_' "$logs/fuzz-run.log" || true)
  crashed=$(grep 'CRASH in' "$logs/fuzz-run.log" | sed 's/(.*//' | grep -o 'fuzz_[a-z_]*' | wc -l || true)
  if [ "$ran" -eq 0 ]; then echo "COUNT 0 1"; return 1; fi
  echo "COUNT $((ran - crashed)) $crashed"
  return $rc
}

total_pass=0 total_fail=0 summary=()
for l in "${layers[@]}"; do
  echo
  echo "== layer $l"
  t0=$(date +%s)
  set +e
  ( set -euo pipefail; "layer_$l" ) 2>&1 | tee "$logs/$l.log"
  rc=${PIPESTATUS[0]}
  set -e
  read -r p f < <(grep -E '^COUNT [0-9]+ [0-9]+$' "$logs/$l.log" | tail -n 1 | cut -d' ' -f2-) || true
  p=${p:-0} f=${f:-0}
  # A layer that exits non-zero is never reported as clean, even if its counter missed the failure.
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  total_pass=$((total_pass + p)) total_fail=$((total_fail + f))
  summary+=("$(printf '  %-7s passed %4d  failed %3d  %4ds  build/test-logs/%s.log' "$l" "$p" "$f" $(($(date +%s) - t0)) "$l")")
done

echo
echo "== summary ($(($(date +%s) - start))s)"
printf '%s\n' "${summary[@]}"
echo "llmcalc: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
