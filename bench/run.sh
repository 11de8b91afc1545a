#!/usr/bin/env bash
# One command for every llmcalc benchmark; prints Markdown (paste into docs/benchmarks.md):
#   1. native core: compute(), report_json(), count_params(), count_flops() per scenario; layout search rate
#   2. wasm core under node: core.reportJson() and api.report() per scenario (needs dist/ from ./build-wasm.sh)
#   3. page weight of dist/: raw, gzip -9, brotli (-q 11) per file and totals
#   4. headless Chromium: time to first frame, UI frame time (needs playwright-core: npm ci)
# Usage: bench/run.sh [dist-dir]. Speed targets are printed beside each figure (ok / MISS); nothing is asserted.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=$(cd "${1:-$root/dist}" 2>/dev/null && pwd || echo "${1:-$root/dist}")
build=${LLMCALC_BENCH_BUILD:-$root/build/bench}

echo "## llmcalc benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
echo '```'
echo "nproc: $(nproc)"
lscpu | head -n 15
free -h
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo '```'
echo

# ---- 1. native
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DLLMCALC_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target llmcalc_bench >/dev/null
"$build/llmcalc_bench" "$root/bench/scenarios.tsv"
echo

# ---- 2. wasm under node (emscripten output needs fetch disabled under node 20, TOOLCHAIN.md)
NODE_PATH=/usr/share/nodejs NODE_OPTIONS=--no-experimental-fetch node "$root/bench/wasm_bench.js" "$dist"
echo

# ---- 3. page weight
echo "### Page weight of dist/ (bytes)"
echo
if ls "$dist"/* >/dev/null 2>&1; then
  echo "| file | raw | gzip -9 | brotli -q 11 |"
  echo "|---|---:|---:|---:|"
  tr=0 tg=0 tb=0
  page_r=0 page_g=0 page_b=0
  for f in "$dist"/*; do
    [ -f "$f" ] || continue
    r=$(stat -c %s "$f")
    g=$(gzip -9 -c "$f" | wc -c)
    if command -v brotli >/dev/null; then b=$(brotli -q 11 -c "$f" | wc -c); else b=0; fi
    echo "| $(basename "$f") | $r | $g | $b |"
    tr=$((tr + r)) tg=$((tg + g)) tb=$((tb + b))
    case $(basename "$f") in index.html|llmcalc_app.js|llmcalc_app.wasm) page_r=$((page_r + r)) page_g=$((page_g + g)) page_b=$((page_b + b)) ;; esac
  done
  echo "| **all files** | $tr | $tg | $tb |"
  echo "| **the app page** (index.html + llmcalc_app.js + llmcalc_app.wasm) | $page_r | $page_g | $page_b |"
  echo
  # target: the app page under 1 MB over the wire with brotli (what a static host serves)
  if [ "$page_b" -gt 0 ] && [ "$page_b" -lt 1000000 ]; then verdict=ok; else verdict=MISS; fi
  echo "Target: the app page < 1,000,000 bytes brotli-compressed: $verdict."
else
  echo "n/a: $dist is empty or missing (./build-wasm.sh)"
fi
echo

# ---- 4. browser (playwright-core needs node's own fetch: no NODE_OPTIONS here)
env -u NODE_PATH -u NODE_OPTIONS node "$root/bench/browser_bench.js" "$dist"
