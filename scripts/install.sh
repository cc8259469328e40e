#!/bin/sh
# Install a released itos binary: download the archive for this machine, check it against the
# release's SHA256SUMS, and put `itos` into a folder on PATH. Used by the GitHub Action
# (action.yml), attached to every release, and runnable by hand:
#
#   sh install.sh                       # the latest release into ~/.local/bin
#   ITOS_VERSION=v0.1.0 sh install.sh   # a given release
#
# Settings (environment):
#   ITOS_VERSION       a release tag (v0.1.0) or `latest` (default)
#   ITOS_REPOSITORY    owner/name on GitHub the releases come from (default: itos-dev/itos)
#   ITOS_DOWNLOAD_URL  a folder holding the release's files instead of GitHub, e.g. a mirror
#                      inside a network without internet (https://, http:// or file://)
#   ITOS_INSTALL_DIR   where `itos` goes (default: ~/.local/bin)
#   ITOS_TARGET        the archive to take (default: worked out from uname)
#
# Nothing is installed unless the archive's SHA-256 matches the line SHA256SUMS has for it.
set -eu

repository=${ITOS_REPOSITORY:-itos-dev/itos}
version=${ITOS_VERSION:-latest}
install_dir=${ITOS_INSTALL_DIR:-${HOME:-.}/.local/bin}

fail() {
  echo "itos install: $*" >&2
  exit 1
}

target=${ITOS_TARGET:-}
if [ -z "$target" ]; then
  os=$(uname -s)
  arch=$(uname -m)
  case "$os/$arch" in
    Linux/x86_64 | Linux/amd64) target=x86_64-unknown-linux-musl ;;
    Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ;;
    Darwin/arm64 | Darwin/aarch64) target=aarch64-apple-darwin ;;
    Darwin/x86_64) target=x86_64-apple-darwin ;;
    MINGW*/x86_64 | MSYS*/x86_64 | CYGWIN*/x86_64) target=x86_64-pc-windows-msvc ;;
    *) fail "no release binary for $os $arch; build from source: cargo install --locked itos" ;;
  esac
fi
case "$target" in
  *windows*) archive="itos-$target.zip" exe=itos.exe ;;
  *) archive="itos-$target.tar.gz" exe=itos ;;
esac

if [ -n "${ITOS_DOWNLOAD_URL:-}" ]; then
  base=${ITOS_DOWNLOAD_URL%/}
elif [ "$version" = latest ]; then
  base="https://github.com/$repository/releases/latest/download"
else
  base="https://github.com/$repository/releases/download/$version"
fi

work=$(mktemp -d 2>/dev/null || mktemp -d -t itos)
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

fetch() { # URL FILE
  if command -v curl >/dev/null 2>&1; then
    curl --proto '=https,http,file' --fail --silent --show-error --location --connect-timeout 30 --retry 3 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    fail "needs curl or wget to download $1"
  fi || fail "could not download $1"
}

sha256() { # FILE
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    fail "needs sha256sum or shasum to check the download"
  fi
}

fetch "$base/$archive" "$work/$archive"
fetch "$base/SHA256SUMS" "$work/SHA256SUMS"

# The line of SHA256SUMS for this archive: "<hex>  <name>" (or "<hex> *<name>").
expected=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$work/SHA256SUMS")
[ -n "$expected" ] || fail "SHA256SUMS at $base lists no $archive"
actual=$(sha256 "$work/$archive")
[ "$expected" = "$actual" ] || fail "$archive does not match SHA256SUMS (expected $expected, got $actual); nothing installed"

mkdir -p "$work/unpacked"
case "$archive" in
  *.zip)
    if command -v unzip >/dev/null 2>&1; then
      unzip -q "$work/$archive" -d "$work/unpacked"
    else
      powershell.exe -NoProfile -Command "Expand-Archive -LiteralPath '$work/$archive' -DestinationPath '$work/unpacked'"
    fi
    ;;
  *) tar -xzf "$work/$archive" -C "$work/unpacked" ;;
esac
binary="$work/unpacked/itos-$target/$exe"
[ -f "$binary" ] || fail "$archive holds no itos-$target/$exe"

# Copy beside the destination, then rename over it: a running itos is never half-replaced,
# and a planted symlink at the destination is replaced, not written through.
mkdir -p "$install_dir"
cp "$binary" "$install_dir/.$exe.partial.$$"
chmod 755 "$install_dir/.$exe.partial.$$"
mv -f "$install_dir/.$exe.partial.$$" "$install_dir/$exe"

echo "installed $("$install_dir/$exe" --version) ($target) to $install_dir/$exe"
case ":${PATH:-}:" in
  *":$install_dir:"*) ;;
  *) echo "add $install_dir to PATH to run itos by name" ;;
esac
