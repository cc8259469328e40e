#!/usr/bin/env bash
# The install paths that build itos from source, too slow for every CI run (each is a full
# release build): the offline bundle built in a clean folder with no network and an empty
# cargo home, `cargo install --locked --path .`, and the release profile the release workflow
# publishes (`dist`: size, start-up). Prints what it measured; exits non-zero on any failure.
# docs/performance.md and the README's "Install" quote a run.
#
#   bench/install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
# median wall seconds of 11 runs of a command
median() {
  local times=()
  for _ in $(seq 11); do
    local t0
    t0=$(now)
    "$@" >/dev/null 2>&1 || true
    times+=("$(since "$t0")")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 6p
}

echo "== offline bundle"
t0=$(now)
bundle=$(scripts/offline-bundle.sh "$work/bundle")
echo "bundle: $(basename "$bundle"), $(du -m "$bundle" | cut -f1) MB, made in $(since "$t0") s"
mkdir "$work/clean"
tar -xzf "$bundle" -C "$work/clean"
src=$(echo "$work"/clean/itos-*)
# No network at all where this machine can take it away (a new network namespace), and in
# any case no registry cache: an empty CARGO_HOME.
isolate=()
if unshare -n true 2>/dev/null; then isolate=(unshare -n); else echo "note: unshare -n unavailable; building with the network present but --offline" >&2; fi
mkdir "$work/cargo-home"
t0=$(now)
(cd "$src" && env CARGO_HOME="$work/cargo-home" "${isolate[@]}" cargo build --release --offline --locked --quiet)
echo "offline build (clean folder, empty cargo home${isolate:+, no network}): $(since "$t0") s"
"$src/target/release/itos" --version
(cd "$src" && ./target/release/itos validate -C examples/acme --no-git)
rm -rf "$src/target"

echo "== cargo install --locked --path ."
t0=$(now)
cargo install --locked --path . --root "$work/install" --quiet
echo "cargo install: $(since "$t0") s (reuses target/release when it is current)"
"$work/install/bin/itos" --version
t0=$(now)
cargo run --release --locked --quiet -- --version
echo "then the README's first command's build: $(since "$t0") s"

echo "== the release profile (dist)"
t0=$(now)
cargo build --profile dist --locked --quiet
echo "dist build: $(since "$t0") s"
bin=target/dist/itos
echo "size: $(stat -c %s "$bin") bytes stripped (release, with line tables: $(stat -c %s target/release/itos) bytes)"
echo "itos --version: median $(median "$bin" --version) s of 11"
echo "itos validate -C examples/acme: median $(median "$bin" validate -C "$root/examples/acme") s of 11"
