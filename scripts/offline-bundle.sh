#!/usr/bin/env bash
# Makes a source archive that builds itos without any network: the committed source of a
# revision (default HEAD) with every crate it depends on vendored (`cargo vendor`) and a
# .cargo/config.toml that points cargo at them. Carry it into a network without registry
# access and build there with only the Rust toolchain (README, "Install"):
#
#   tar -xzf itos-0.1.0-offline-src.tar.gz && cd itos-0.1.0
#   cargo build --release --offline --locked      # target/release/itos
#
# Usage: scripts/offline-bundle.sh [OUT_DIR] [REVISION]   (defaults: target/offline, HEAD)
# Prints the archive's path; writes its SHA-256 beside it (…tar.gz.sha256).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/offline}
revision=${2:-HEAD}

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
name="itos-$version"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

git archive --format=tar --prefix="$name/" "$revision" | tar -x -C "$stage"
(
  cd "$stage/$name"
  mkdir -p .cargo
  # Every dependency of every platform, dev-dependencies included (so the tests run offline
  # too), each in a folder named with its version; cargo prints the source replacement.
  cargo vendor --locked --versioned-dirs vendor >.cargo/config.toml 2>/dev/null
  cat >>.cargo/config.toml <<'TOML'

[net]
offline = true
TOML
)

mkdir -p "$out"
archive="$(cd "$out" && pwd)/$name-offline-src.tar.gz"
if tar --version 2>/dev/null | grep -q GNU; then
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@${SOURCE_DATE_EPOCH:-0}" \
    -czf "$archive" -C "$stage" "$name"
else
  tar -czf "$archive" -C "$stage" "$name"
fi
(cd "$(dirname "$archive")" && sha256sum "$(basename "$archive")" >"$(basename "$archive").sha256")
echo "$archive"
