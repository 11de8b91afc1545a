#!/usr/bin/env bash
# Build llmcalc for the web: the ImGui app, the JS API and the offline single-file page, into dist/.
#
#   ./build-wasm.sh              install what is missing (apt), fetch Dear ImGui, configure, build, fill dist/
#   ./build-wasm.sh serve [port] build (incremental), then serve dist/ on http://127.0.0.1:<port>/ (default 8080)
#   ./build-wasm.sh fetch        only install what is missing and fetch Dear ImGui (the native tests' UI smoke test
#                                and app_native_compile build the app's sources against it)
#
# Safe to run again: installed packages, the extracted ImGui and the CMake configuration are reused.
# Meant for Debian bookworm (or newer) as root; elsewhere install the packages below yourself.
#
# Alternative without Debian's source package (e.g. on macOS/other Linux, with an emsdk install):
#   git clone --depth 1 --branch v1.86 https://github.com/ocornut/imgui third_party/imgui
#   source /path/to/emsdk/emsdk_env.sh
#   cmake -S . -B build/wasm -DCMAKE_TOOLCHAIN_FILE="$EMSDK/upstream/emscripten/cmake/Modules/Platform/Emscripten.cmake" \
#         -DCMAKE_CROSSCOMPILING_EMULATOR="$(command -v node)" -DCMAKE_BUILD_TYPE=Release
#   cmake --build build/wasm -j2
# (fonttools for the font subset: `pip install fonttools`; a DejaVuSans.ttf via -DLLMCALC_FONT_TTF=<path>; terser for
# the JS glue: Debian's node-terser, found under /usr/share/nodejs; see cmake/web.cmake.)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="$ROOT/build/wasm"
DIST="$ROOT/dist"
IMGUI_DIR="$ROOT/third_party/imgui"

# Dear ImGui pinned to bookworm's source package (1.86). Newer versions need backend changes in src/app.
IMGUI_VERSION="1.86"
IMGUI_DEB_VERSION="1.86+ds-1"
IMGUI_ORIG_SHA256="0dace0e8e57d298eb6e93af12dc19420cb96330832f6495c733b90aeeef11f64"  # imgui_1.86+ds.orig.tar.xz

# Emscripten under node 20 (see shared TOOLCHAIN notes): em++ -O1+ needs acorn from Debian's node modules, and
# emitted code must not try fetch() on file paths.
export NODE_PATH=/usr/share/nodejs
export NODE_OPTIONS=--no-experimental-fetch

log() { printf '\033[1m[build-wasm]\033[0m %s\n' "$*" >&2; }

# ---- packages -----------------------------------------------------------------------------------------------------
PACKAGES=(emscripten nodejs cmake make python3 python3-fonttools fonts-dejavu-core fonts-droid-fallback doctest-dev nlohmann-json3-dev
          xz-utils dpkg-dev node-terser patch)
APT_UPDATED=0
apt_update_once() {
  if [[ $APT_UPDATED == 0 ]]; then apt-get update; APT_UPDATED=1; fi
}

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  # node may come from another vendor (nodesource) under the same package name; any node >= 16 on PATH will do.
  if [[ ${#missing[@]} -gt 0 ]]; then
    if [[ $(id -u) != 0 ]]; then
      log "missing packages: ${missing[*]} (run as root, or install them yourself)"; exit 1
    fi
    log "installing: ${missing[*]}"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

# ---- Dear ImGui from Debian's source package ----------------------------------------------------------------------
imgui_version_of() {  # prints IMGUI_VERSION from imgui.h
  sed -n 's/^#define IMGUI_VERSION *"\([^"]*\)".*/\1/p' "$1/imgui.h" 2>/dev/null
}

# A deb-src entry derived from the configured deb822 sources of this release (same URIs, suites, Signed-By).
ensure_deb_src() {
  local target=/etc/apt/sources.list.d/llmcalc-deb-src.sources codename
  if grep -rqsE '^[[:space:]]*Types:.*deb-src' /etc/apt/sources.list.d/*.sources ||
     grep -qsE '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list; then
    return 0
  fi
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  [[ -n $codename ]] || { log "cannot tell the Debian codename from /etc/os-release"; exit 1; }
  log "adding deb-src entries for $codename to $target"
  # Paragraph mode: copy every stanza of type deb whose Suites mention this release, as deb-src.
  awk -v RS= -v ORS='\n\n' -v cn="$codename" '
    /(^|\n)Types:[^\n]*deb/ && $0 ~ ("(^|\\n)Suites:[^\\n]*" cn) {
      n = split($0, lines, "\n"); out = ""
      for (i = 1; i <= n; i++) {
        if (lines[i] ~ /^Types:/) lines[i] = "Types: deb-src"
        if (lines[i] ~ /^#/) continue
        out = out lines[i] "\n"
      }
      printf "%s\n", out
    }' /etc/apt/sources.list.d/*.sources > "$target.tmp"
  if ! grep -q '^Types: deb-src' "$target.tmp"; then
    rm -f "$target.tmp"; log "no deb822 Debian entry to derive deb-src from"; exit 1
  fi
  mv "$target.tmp" "$target"
  apt-get update
  APT_UPDATED=1
}

# Our patches to Dear ImGui (patches/imgui/*.patch, each says why), applied in name order after extraction. The
# stamp file records their sha256, so a third_party/imgui extracted before a patch changed is extracted again.
imgui_patches_sum() {
  cat "$ROOT"/patches/imgui/*.patch 2>/dev/null | sha256sum | cut -d' ' -f1
}

fetch_imgui() {
  if [[ -f $IMGUI_DIR/imgui.h ]]; then
    local have; have="$(imgui_version_of "$IMGUI_DIR")"
    local stamp; stamp="$(cat "$IMGUI_DIR/.llmcalc-patches" 2>/dev/null || true)"
    if [[ $have == "$IMGUI_VERSION" && $stamp == "$(imgui_patches_sum)" ]]; then return 0; fi
    log "third_party/imgui has version '$have' (patches ${stamp:-none}), want $IMGUI_VERSION with patches/imgui: replacing it"
    rm -rf "$IMGUI_DIR"
  fi
  ensure_deb_src
  local tmp; tmp="$(mktemp -d)"
  # apt downloads as its sandbox user _apt, which must be able to write here
  if id _apt >/dev/null 2>&1; then chown _apt "$tmp"; fi
  log "downloading the imgui $IMGUI_DEB_VERSION source package"
  (cd "$tmp" && apt-get source --download-only "imgui=$IMGUI_DEB_VERSION")
  local orig; orig="$(ls "$tmp"/imgui_*.orig.tar.* | head -n1)"
  local sum; sum="$(sha256sum "$orig" | cut -d' ' -f1)"
  # apt already checked the file against the signed Sources index; the pin below guards against a changed repack.
  if [[ $sum != "$IMGUI_ORIG_SHA256" ]]; then
    log "$(basename "$orig") has sha256 $sum, not the pinned $IMGUI_ORIG_SHA256"; exit 1
  fi
  mkdir -p "$IMGUI_DIR"
  tar -xf "$orig" -C "$IMGUI_DIR" --strip-components=1
  rm -rf "$tmp"
  local got; got="$(imgui_version_of "$IMGUI_DIR")"
  if [[ $got != "$IMGUI_VERSION" ]]; then
    log "extracted imgui reports version '$got', expected $IMGUI_VERSION"; exit 1
  fi
  local p
  for p in "$ROOT"/patches/imgui/*.patch; do
    [[ -f $p ]] || continue
    patch -p1 --batch --forward --quiet -d "$IMGUI_DIR" < "$p" || { log "patch $(basename "$p") does not apply to imgui $got"; exit 1; }
    log "applied patches/imgui/$(basename "$p")"
  done
  imgui_patches_sum > "$IMGUI_DIR/.llmcalc-patches"
  log "Dear ImGui $got in third_party/imgui"
}

# ---- configure, build, collect ------------------------------------------------------------------------------------
build() {
  install_packages
  fetch_imgui
  local node; node="$(command -v node)"
  if [[ ! -f $BUILD/CMakeCache.txt ]]; then
    cmake -S "$ROOT" -B "$BUILD" \
      -DCMAKE_TOOLCHAIN_FILE=/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake \
      -DCMAKE_CROSSCOMPILING_EMULATOR="$node" \
      -DCMAKE_BUILD_TYPE=Release \
      -DLLMCALC_IMGUI_DIR="$IMGUI_DIR"
  fi
  cmake --build "$BUILD" -j2
  mkdir -p "$DIST"
  local web="$BUILD/web"
  local f
  for f in index.html app.css boot.js llmcalc_app.js llmcalc_app.wasm llmcalc-zh.ttf llmcalc-zh.json llmcalc-offline.html llmcalc-core.js sw.js manifest.webmanifest icon.svg; do
    cp -f "$web/$f" "$DIST/$f"
  done
  cp -f "$ROOT/web/llmcalc.js" "$ROOT/web/llmcalc.d.ts" "$ROOT/web/example.html" "$ROOT/web/example.js" "$ROOT/web/example.css" "$DIST/"
  log "dist/: $(cd "$DIST" && ls | tr '\n' ' ')"
}

serve() {
  local port="${1:-8080}"
  build  # incremental: only what changed is rebuilt
  log "serving dist/ at http://127.0.0.1:$port/  (Ctrl+C stops)"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$DIST"
}

case "${1:-build}" in
  build) build ;;
  serve) shift; serve "$@" ;;
  fetch) install_packages; fetch_imgui ;;
  *) echo "usage: $0 [build | serve [port] | fetch]" >&2; exit 2 ;;
esac
