#!/usr/bin/env bash
# procguard build and test entry point. Run from anywhere; everything is relative to this file.
#
#   ./build.sh                 install what is missing, build the wasm core and the extension
#                              into dist/chrome and dist/firefox (load unpacked), zip both
#   ./build.sh test            everything: fmt, clippy, native tests, wasm tests, web-ext lint,
#                              real-browser tests in Debian chromium
#   ./build.sh inspect CASE_DIR [--directory FILE] [--url URL] [--csp strict]
#                              load a fixture page at its real URL with the built extension and
#                              print what procguard read and found, as one JSON line
#   ./build.sh screenshot CASE_DIR OUT.png [--csp strict]
#                              the same page with procguard's overlay, as a PNG
#   ./build.sh bench           sizes, start-up, evaluation, re-evaluation, memory and the
#                              peers (json-rules-engine, cedar-wasm): prints a table and writes
#                              BENCHMARKS.md
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
SHARED="${PROCGUARD_SHARED:-$ROOT/../shared}"
export PROCGUARD_SHARED="$SHARED"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen CLI must be the exact version of the crate in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # The shipped modules rebuild std for size (build_wasm): that needs std's source.
  if ! rustup component list --installed | grep -q '^rust-src'; then
    log "adding the rust-src component"
    rustup component add rust-src
  fi
  local want have
  want="$(wasm_bindgen_version)"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    log "installing wasm-bindgen-cli $want"
    # Not --locked: its lock file names a crate version the registry here does not have.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_node_tools() {
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/web-ext ] || [ ! -d node_modules/terser ] \
    || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing node packages from package-lock.json"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return; fi
  log "installing Debian chromium and chromium-driver"
  as_root apt-get update
  # The first install on a fresh machine can fail once; a retry succeeds.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver \
    || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
}

# The shipped wasm is built with std compiled again, for size (std's `optimize_for_size`),
# with panics as a bare trap: the content script's module is 8 % smaller gzipped (issue 8:
# 241.4 -> 220.9 KB). A panic was an abort without a message already (`panic = "abort"`, no
# panic hook), so nothing is lost. std's own crates keep opt-level 3, as rustup ships them: at
# the workspace's opt-level z the core took 26 % longer in V8 (page JSON in, findings JSON
# out, 200-line cart: 2.29 -> 2.86 ms) for 3 KB gzip more saved. These are unstable flags of
# the stable toolchain: RUSTC_BOOTSTRAP lets stable take them, as for cargo-fuzz. Their own
# target directory, so that they never invalidate the native and test builds in target/.
# -Zlocation-detail=none: a panic's source location is never shown (it aborts), and the file
# names were kept as data (-87 bytes gzip on pax8). -Zshare-generics: a generic of std's is
# instantiated once, not again in each crate of ours that uses it (-198 bytes on pax8).
SHIP_TARGET="$ROOT/target/ship"
ship_cargo() {
  RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$SHIP_TARGET" \
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zshare-generics=y" \
    cargo build --release --target wasm32-unknown-unknown \
    --config 'profile.release.package.std.opt-level=3' \
    --config 'profile.release.package.core.opt-level=3' \
    --config 'profile.release.package.alloc.opt-level=3' \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size "$@"
}

# The content script's module per site (issue 8: its payload): each has only its own site's
# readers and checks. `portals` is the Mimecast MSP portal and MCAM. extension/content.js
# picks the module by the page's host, as `procguard_readers::read_with` does.
CONTENT_SITES="pax8 autotask itglue portals"

build_wasm() {
  # The content script's modules (feature `content`: only reading and judging a page, the
  # payload every portal page loads, one site each) and the extension pages' (everything).
  local wasm="$SHIP_TARGET/wasm32-unknown-unknown/release/procguard_wasm.wasm"
  rm -rf pkg
  local site
  for site in $CONTENT_SITES; do
    log "building the content script's wasm core for $site (release: opt-level z, LTO, std for size)"
    ship_cargo -p procguard-wasm --no-default-features --features "content,$site"
    # With its function names (--keep-debug), which order_functions needs; wasm-opt drops them.
    wasm-bindgen --target web --no-typescript --keep-debug --out-dir pkg --out-name "procguard_$site" "$wasm"
    cp "$wasm" "target/procguard_$site.wasm" # with its function names, for the bench's size breakdown
  done
  log "building the extension pages' wasm core"
  ship_cargo -p procguard-wasm
  wasm-bindgen --target web --no-typescript --out-dir pkg "$wasm"
  log "optimising with wasm-opt $(wasm-opt --version | awk '{print $3}')"
  # Two modules at a time: choosing an order is one node process, and the machine has two
  # cores. A failed one stops the build at its `wait`.
  local site pid running=()
  for site in $CONTENT_SITES; do
    log "optimising the $site module and ordering its functions for gzip"
    optimise_wasm "pkg/procguard_${site}_bg.wasm" ordered &
    running+=($!)
    if [ ${#running[@]} -ge 2 ]; then
      wait "${running[0]}"
      running=("${running[@]:1}")
    fi
  done
  for pid in "${running[@]}"; do wait "$pid"; done
  optimise_wasm pkg/procguard_wasm_bg.wasm
}

# wasm-opt -Oz in place, run until it changes nothing more (--converge: 0.6 % smaller gzipped).
# --low-memory-unused lets it fold constant addresses into loads and stores (1 % more): rustc's
# modules keep their stack in the first MB of memory, growing down from its top, and their
# data above it, so the first KB is reached only by a stack that has overflowed already.
# Not --ignore-implicit-traps (0.4 % smaller): it assumes no load or division ever traps, so it
# may move one past the check that guarded it; with it the options page never answered a bad
# import (tests/browser/options.test.mjs and hardening.test.mjs time out).
# The producers and target features sections say which tools and wasm features made the module;
# nothing reads them once it is built, and they were 0.2 KB of each module gzipped (issue 8).
# -ocimfs=20: a function with one caller is inlined into it only when it is small (20 bytes;
# by default at any size). Inlined whole, the readers and checks made one function of 28 KB
# whose every local needs a two-byte index and whose code repeats less; kept apart, each
# module is 1.5 % larger raw but 2.2-2.7 KB (4-5 %) smaller gzipped (gzip -9; Node's zlib,
# which bench/size-check.mjs uses, gives about 0.3 KB more): pax8 80.3 -> 77.6 KB,
# autotask 78.9 -> 76.7, itglue 52.6 -> 49.9, portals 68.6 -> 65.9 (measured 2026-12-06 with
# binaryen 132 over 0, 5, 10, 15, 20, 25, 30, 40, 60, 100 and 500 bytes: 20 was smallest or
# within 0.1 KB of it for every module).
#
# `optimise_wasm MODULE ordered` (the content modules, whose size issue 8 budgets) also lays the
# functions out in the order gzip compresses best: the module is optimised once with its names
# kept, tools/order-functions.mjs chooses the order from those bodies and names the functions of
# the unoptimised module by it, and the second optimisation ends by sorting them by name. 0.6 to
# 1.0 KB (1.0-1.3 %) less per module gzipped, the same code; about 50 seconds a module.
optimise_wasm() {
  local flags=(-ocimfs=20 -Oz --converge --low-memory-unused --enable-bulk-memory
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
    --strip-producers --strip-target-features)
  if [ "${2:-}" = ordered ]; then
    local named="${1%.wasm}.named.wasm"
    wasm-opt -g "${flags[@]}" "$1" -o "$named"
    node tools/order-functions.mjs "$named" "$1"
    rm -f "$named"
    flags+=(--reorder-functions-by-name)
  fi
  wasm-opt "${flags[@]}" "$1" -o "$1"
}

assemble() {
  log "assembling dist/chrome and dist/firefox"
  rm -rf dist/chrome dist/firefox
  mkdir -p dist/chrome/pkg
  cp -R extension/. dist/chrome/
  cp pkg/*.js pkg/*_bg.wasm dist/chrome/pkg/
  node tools/bundle-content.mjs dist/chrome
  node tools/minify.mjs dist/chrome
  cp -R dist/chrome dist/firefox
  node tools/firefox-manifest.mjs dist/chrome/manifest.json > dist/firefox/manifest.json
  (cd dist && rm -f procguard-chrome.zip procguard-firefox.zip)
  python3 tools/zipdir.py dist/chrome dist/procguard-chrome.zip
  python3 tools/zipdir.py dist/firefox dist/procguard-firefox.zip
  log "built: dist/chrome (load unpacked), dist/procguard-chrome.zip, dist/procguard-firefox.zip"
}

build() {
  # One build at a time: two at once would race on pkg/ and dist/.
  mkdir -p target
  exec 9>target/.procguard-build.lock
  flock 9
  ensure_rust_tools
  ensure_node_tools
  build_wasm
  assemble
}

fuzz_smoke() {
  # A short run of each cargo-fuzz target (fuzz/README.md): 20 s each, under 3 minutes in
  # all once built. cargo-fuzz wants nightly flags; RUSTC_BOOTSTRAP lets stable take
  # them. Without the address sanitizer's runtime, it runs unsanitised.
  log "fuzz smoke: each cargo-fuzz target for 20 s"
  if ! command -v cargo-fuzz >/dev/null 2>&1; then
    log "installing cargo-fuzz"
    cargo install cargo-fuzz --locked || cargo install cargo-fuzz
  fi
  local sanitizer=address target
  if ! (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build --sanitizer address >/dev/null 2>&1); then
    sanitizer=none
    (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build --sanitizer none)
  fi
  for target in context_json directory_json policy_json normalisers snapshot; do
    log "fuzz $target (20 s, sanitizer: $sanitizer)"
    # A scratch corpus seeded from the repository's, so the run leaves git clean.
    local scratch
    scratch="$(mktemp -d)"
    cp fuzz/corpus/"$target"/seed-* "$scratch"/ # the seeds kept in git, not a running fuzzer's finds
    (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer "$sanitizer" "$target" "$scratch" -- \
      -max_total_time=20 -print_final_stats=1 2>&1 | grep -E '^#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|panicked|ERROR|SUMMARY' ) \
      || { rm -rf "$scratch"; die "fuzz target $target failed (see fuzz/artifacts/$target/)"; }
    rm -rf "$scratch"
  done
}

run_tests() {
  build
  ensure_chromium
  log "cargo fmt --check"
  cargo fmt --all -- --check
  log "cargo clippy -D warnings"
  cargo clippy --workspace --all-targets -- -D warnings
  # The content script's build of the core leaves the pages' exports out: lint it as built.
  cargo clippy -p procguard-wasm --target wasm32-unknown-unknown --features content -- -D warnings
  # And as one site's module, where the other sites' readers and checks are left out.
  cargo clippy -p procguard-wasm --target wasm32-unknown-unknown --no-default-features \
    --features content,itglue -- -D warnings
  log "native tests (policy core, readers, CLI, binding)"
  cargo test --workspace
  log "native tests of the binding as the content script's build (hand-written decoders)"
  cargo test -p procguard-wasm --features content --lib
  fuzz_smoke
  log "wasm tests in headless chromium (wasm-bindgen-test)"
  CHROMEDRIVER=/usr/bin/chromedriver \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test --target wasm32-unknown-unknown -p procguard-wasm
  log "web-ext lint (both packages)"
  node tools/lint-packages.mjs dist/chrome dist/firefox
  log "sizes against the targets (fails over the ceiling)"
  node bench/size-check.mjs dist/chrome
  log "browser tests (playwright-core + /usr/bin/chromium, fixtures at their real URLs)"
  TZ=America/New_York node --test --test-concurrency=1 tests/browser/
}

run_bench() {
  # Issue 8: sizes, start-up, evaluation, re-evaluation, memory and the peers, one table
  # (bench/run.mjs), written to BENCHMARKS.md. The bench crate (bench/core) is the policy
  # core built for wasm at the extension's release profile and natively under criterion; it
  # has its own workspace and target directory, so it never holds the extension's build lock.
  # ./build.sh bench [--quick] [--no-write]
  build
  exec 9>&- # the build lock: others may build while the bench runs
  ensure_chromium
  log "bench: building procguard-core for wasm (bench/core, opt-level z, LTO)"
  local target="$ROOT/bench/core/target" out="$ROOT/bench/out/benchpkg"
  # Built as the shipped modules are (ship_cargo), so its figures are those of what ships.
  (cd bench/core && SHIP_TARGET="$target" ship_cargo)
  rm -rf "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" "$target/wasm32-unknown-unknown/release/procguard_bench.wasm"
  optimise_wasm "$out/procguard_bench_bg.wasm"
  log "bench: running bench/run.mjs"
  TZ=America/New_York node bench/run.mjs "$@"
}

case "${1:-build}" in
  build) build ;;
  test) run_tests ;;
  inspect)
    shift
    [ -d dist/chrome ] || build
    ensure_chromium
    TZ=America/New_York node tests/browser/inspect.mjs "$@"
    ;;
  screenshot)
    shift
    [ -d dist/chrome ] || build
    ensure_chromium
    TZ=America/New_York node tests/browser/inspect.mjs --screenshot "$@"
    ;;
  bench)
    shift
    run_bench "$@"
    ;;
  *) die "unknown command \`$1\` (use: build, test, inspect, screenshot, bench)" ;;
esac
