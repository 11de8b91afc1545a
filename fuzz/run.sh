#!/usr/bin/env bash
# Build the libFuzzer targets with clang + ASan + UBSan in build/fuzz and run each for N seconds.
#   fuzz/run.sh [seconds-per-target] [target ...]     (default 12 s each; all five targets)
# Exits non-zero when any target crashes; the crashing input is saved as build/fuzz/artifacts/<target>-crash-*.
# Long runs, reproducing and minimising: docs/fuzzing.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-12}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_hf_config fuzz_hash fuzz_args fuzz_report fuzz_model_file)
build=${LLMCALC_FUZZ_BUILD:-$root/build/fuzz}
jobs=${JOBS:-2}

san="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer -g"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DLLMCALC_FUZZ=ON -DLLMCALC_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS="$san" >/dev/null
cmake --build "$build" -j"$jobs" --target llmcalc "${targets[@]}"
# A source edited while the first pass compiled would leave objects built against different headers (false
# crashes from mismatched struct layouts); a second pass recompiles whatever changed meanwhile.
cmake --build "$build" -j"$jobs" --target llmcalc "${targets[@]}" | grep -v '^\[' || true

# Dictionaries: the key table as the CLI prints it (so the dictionary never goes stale) + config.json field names.
"$build/llmcalc" --list-keys | cut -f1 | while read -r k; do printf '"%s="\n"--%s"\n' "$k" "$k"; done >"$build/keys.dict"
cat "$root/fuzz/dict/values.dict" >>"$build/keys.dict"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$build/artifacts"
failed=()
for t in "${targets[@]}"; do
  work="$build/corpus/$t"     # new interesting inputs land here (git-ignored build dir); seeds stay read-only
  mkdir -p "$work"
  seeds=("$root/fuzz/corpus/$t")
  dict=()
  case $t in
    fuzz_hf_config) [ -d "$root/tests/data/configs" ] && seeds+=("$root/tests/data/configs"); dict=(-dict="$root/fuzz/dict/json.dict") ;;
    fuzz_hash|fuzz_args) dict=(-dict="$build/keys.dict") ;;
  esac
  echo "== $t: ${secs}s"
  # Tight limits (issue #14): one input may take 10 s and 1 GB under the sanitizers (a Release report takes
  # milliseconds and a few MB); the 1e9-layer config (38 s in Release) or a parser growing ~50x its text fail.
  if ! "$build/$t" -max_total_time="$secs" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb="${FUZZ_RSS_MB:-1024}" \
       -malloc_limit_mb="${FUZZ_RSS_MB:-1024}" -max_len=65536 -print_final_stats=1 \
       -artifact_prefix="$build/artifacts/$t-" "${dict[@]}" "$work" "${seeds[@]}" >"$build/$t.log" 2>&1; then
    failed+=("$t")
    tail -n 60 "$build/$t.log"
  else
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|cov:' "$build/$t.log" | tail -n 3
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: CRASH in ${failed[*]} (inputs in $build/artifacts/)" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${secs}s each, no crash"
