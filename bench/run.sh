#!/usr/bin/env bash
# One command for every llmcalc benchmark; prints Markdown (paste into docs/benchmarks.md):
#   1. native core: count_params() + count_flops() per model (issue #3), compute() per scenario, layout search
#      over >= 100k candidates (issue #4)
#   2. wasm core under node: per scenario, and the layout search through the JS API (needs dist/ from ./build-wasm.sh)
#   3. page weight of dist/: raw, gzip -9, brotli -q 11 per file, and the first visit's total (issue #5)
#   4. headless Chromium: time to first frame, UI CPU time per frame (needs playwright-core: npm ci)
# Usage: bench/run.sh [dist-dir]. Speed targets are printed beside each figure (ok / MISS); nothing is asserted.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=$(cd "${1:-$root/dist}" 2>/dev/null && pwd || echo "${1:-$root/dist}")
build=${LLMCALC_BENCH_BUILD:-$root/build/bench}

echo "## llmcalc benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
echo '```'
echo "nproc: $(nproc)"
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p')"
echo "memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "busiest other processes: $(ps -eo pcpu=,comm= --sort=-pcpu | head -n 4 | awk '{printf "%s%s %s%%", (NR > 1 ? "; " : ""), $2, $1}')"
echo "note: a shared machine; other builds and tests run at the same time, so every timing below is an upper bound."
echo '```'
echo
# ---- 1. native
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DLLMCALC_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target llmcalc_bench >/dev/null
"$build/llmcalc_bench" "$root/bench/scenarios.tsv"
echo
echo "load average after the native bench: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# ---- 2. wasm under node (emscripten output needs fetch disabled under node 20, TOOLCHAIN.md)
NODE_PATH=/usr/share/nodejs NODE_OPTIONS=--no-experimental-fetch node "$root/bench/wasm_bench.js" "$dist"
echo

# ---- 3. page weight
# First visit = index.html, what it loads (app.css, boot.js, llmcalc_app.js, which fetches llmcalc_app.wasm; the
# Latin font is embedded in the wasm), sw.js, and the files sw.js precaches on install (its PRECACHE list: manifest,
# icon). A visit in Chinese also loads llmcalc-zh.ttf and llmcalc-zh.json (the Chinese glyphs and strings; boot.js
# fetches them when the UI starts in Chinese, and sw.js then keeps them): both totals are printed. browser_bench.js prints the files a real first visit
# requested, to check this list against.
echo "### Page weight of dist/ (bytes; gzip -9, brotli -q 11)"
echo
# brotli -q 11: the brotli tool, else Debian's python3-brotli (same encoder library)
br_size() {
  if command -v brotli >/dev/null; then brotli -q 11 -c "$1" | wc -c
  elif /usr/bin/python3 -c 'import brotli' 2>/dev/null; then  # Debian's python, not a pyenv one earlier on PATH
    /usr/bin/python3 -c 'import brotli, sys; print(len(brotli.compress(open(sys.argv[1], "rb").read(), quality=11)))' "$1"
  else echo 0; fi
}
if [ -f "$dist/index.html" ] && [ -f "$dist/llmcalc_app.wasm" ]; then
  first_visit="index.html sw.js"
  if [ -f "$dist/sw.js" ]; then
    first_visit="$first_visit $(grep -o "PRECACHE = \[[^]]*\]" "$dist/sw.js" | grep -o "'\./[^']*'" | tr -d "'" | sed 's|^\./||' | tr '\n' ' ')"
  else
    first_visit="$first_visit llmcalc_app.js llmcalc_app.wasm"
  fi
  first_visit=$(echo "$first_visit" | tr ' ' '\n' | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//')
  echo "| file | raw | gzip | brotli | loaded on a first visit |"
  echo "|---|---:|---:|---:|---|"
  tr=0 tg=0 tb=0
  page_r=0 page_g=0 page_b=0
  for f in "$dist"/*; do
    [ -f "$f" ] || continue
    n=$(basename "$f")
    r=$(stat -c %s "$f")
    g=$(gzip -9 -c "$f" | wc -c)
    b=$(br_size "$f")
    in_first=no
    case " $first_visit " in *" $n "*) in_first=yes; page_r=$((page_r + r)) page_g=$((page_g + g)) page_b=$((page_b + b)) ;; esac
    echo "| $n | $r | $g | $b | $in_first |"
    tr=$((tr + r)) tg=$((tg + g)) tb=$((tb + b))
  done
  echo "| **all files in dist/** | $tr | $tg | $tb | |"
  echo "| **first visit** ($first_visit) | $page_r | $page_g | $page_b | |"
  zh_g=$page_g
  if [ -f "$dist/llmcalc-zh.ttf" ]; then
    zr=0 zg=0 zb=0 zfiles=""
    for z in llmcalc-zh.ttf llmcalc-zh.json; do
      [ -f "$dist/$z" ] || continue
      zr=$((zr + $(stat -c %s "$dist/$z"))) zg=$((zg + $(gzip -9 -c "$dist/$z" | wc -c))) zb=$((zb + $(br_size "$dist/$z")))
      zfiles="$zfiles + $z"
    done
    zh_g=$((page_g + zg))
    echo "| **first visit in Chinese** (the above$zfiles) | $((page_r + zr)) | $zh_g | $((page_b + zb)) | |"
  fi
  echo
  # issue #5: <= 300 KB gzip for everything a first visit loads (KB = 1000 bytes; the KiB figure is printed too)
  for visit in "first visit:$page_g" "first visit in Chinese:$zh_g"; do
    g=${visit##*:}
    if [ "$g" -le 300000 ]; then verdict=ok; else verdict=MISS; fi
    echo "Issue #5 target: ${visit%%:*} <= 300 KB gzip (300,000 bytes): $g bytes = $((g / 1000)) KB = $((g / 1024)) KiB gzip: $verdict."
  done
  # issue #15: <= 250 KB gzip in English, <= 290 KB in Chinese (fonts included)
  for visit in "first visit:$page_g:250000" "first visit in Chinese:$zh_g:290000"; do
    IFS=: read -r name g limit <<<"$visit"
    if [ "$g" -le "$limit" ]; then verdict=ok; else verdict=MISS; fi
    echo "Issue #15 target: $name <= $((limit / 1000)) KB gzip: $g bytes = $((g / 1000)) KB: $verdict."
  done
else
  echo "n/a: $dist/index.html or llmcalc_app.wasm is missing (run ./build-wasm.sh)"
fi
echo

# ---- 4. browser (playwright-core needs node's own fetch: no NODE_OPTIONS here)
env -u NODE_PATH -u NODE_OPTIONS node "$root/bench/browser_bench.js" "$dist"
