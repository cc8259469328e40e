#!/bin/sh
# Pack release binaries and write their checksums (.github/workflows/release.yml runs both;
# the test suite runs them on the test binary and installs the result with install.sh).
#
#   scripts/package-release.sh archive TARGET BINARY OUT_DIR
#       OUT_DIR/itos-TARGET.tar.gz (.zip for Windows) holding itos-TARGET/ with the binary,
#       README.md and the licences.
#   scripts/package-release.sh checksums DIR
#       DIR/SHA256SUMS: one "<sha256>  <file>" line per other file of DIR, sorted by name.
set -eu

fail() {
  echo "package-release: $*" >&2
  exit 2
}

root=$(cd "$(dirname "$0")/.." && pwd)

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

case "${1:-}" in
  archive)
    [ $# -eq 4 ] || fail "usage: $0 archive TARGET BINARY OUT_DIR"
    target=$2 binary=$3 out=$4
    [ -f "$binary" ] || fail "no binary at $binary"
    mkdir -p "$out"
    out=$(cd "$out" && pwd)
    stage=$(mktemp -d)
    trap 'rm -rf "$stage"' EXIT
    dir="$stage/itos-$target"
    mkdir "$dir"
    case "$target" in *windows*) exe=itos.exe ;; *) exe=itos ;; esac
    cp "$binary" "$dir/$exe"
    chmod 755 "$dir/$exe"
    cp "$root/README.md" "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$dir/"
    case "$target" in
      *windows*)
        rm -f "$out/itos-$target.zip"
        if command -v 7z >/dev/null 2>&1; then
          (cd "$stage" && 7z a -tzip -bd "$out/itos-$target.zip" "itos-$target" >/dev/null)
        elif command -v zip >/dev/null 2>&1; then
          (cd "$stage" && zip -qr "$out/itos-$target.zip" "itos-$target")
        else
          fail "needs 7z or zip to pack a Windows archive"
        fi
        ;;
      *)
        # GNU tar can make the archive byte-for-byte reproducible; BSD tar (macOS) packs it plainly.
        if tar --version 2>/dev/null | grep -q GNU; then
          (cd "$stage" && tar --sort=name --owner=0 --group=0 --numeric-owner \
            --mtime="@${SOURCE_DATE_EPOCH:-0}" -czf "$out/itos-$target.tar.gz" "itos-$target")
        else
          (cd "$stage" && tar -czf "$out/itos-$target.tar.gz" "itos-$target")
        fi
        ;;
    esac
    echo "$out/itos-$target.$(case "$target" in *windows*) echo zip ;; *) echo tar.gz ;; esac)"
    ;;
  checksums)
    [ $# -eq 2 ] || fail "usage: $0 checksums DIR"
    cd "$2"
    rm -f SHA256SUMS
    list=$(mktemp)
    trap 'rm -f "$list"' EXIT
    for file in *; do
      [ -f "$file" ] || continue
      printf '%s  %s\n' "$(sha256 "$file")" "$file" >>"$list"
    done
    LC_ALL=C sort -k2 "$list" >SHA256SUMS
    cat SHA256SUMS
    ;;
  *) fail "usage: $0 archive TARGET BINARY OUT_DIR | checksums DIR" ;;
esac
