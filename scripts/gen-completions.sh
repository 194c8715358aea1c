#!/usr/bin/env bash
# Regenerates completions/ (bash, zsh, fish) and the man page from ig's clap definitions.
# With --check, fails if the committed files differ from what the current CLI generates.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
bin=target/debug/ig
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" completion bash > "$tmp/ig.bash"
"$bin" completion zsh > "$tmp/_ig"
"$bin" completion fish > "$tmp/ig.fish"
"$bin" man > "$tmp/ig.1"
if [ "${1:-}" = --check ]; then
  for f in ig.bash _ig ig.fish ig.1; do
    if ! cmp -s "$tmp/$f" "completions/$f"; then
      echo "completions/$f is stale: run scripts/gen-completions.sh and commit the result" >&2
      exit 1
    fi
  done
  exit 0
fi
mkdir -p completions
cp "$tmp"/ig.bash "$tmp"/_ig "$tmp"/ig.fish "$tmp"/ig.1 completions/
echo "wrote completions/ig.bash completions/_ig completions/ig.fish completions/ig.1" >&2
