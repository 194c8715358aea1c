#!/usr/bin/env bash
# Builds ig (release) on Debian, installing the build dependencies that are missing, and
# runs it with the given arguments: `sudo scripts/run.sh list-containers`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
need=()
for p in clang llvm libbpf-dev protobuf-compiler; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "run: installing build dependencies: ${need[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
cargo build --release --quiet
exec target/release/ig "$@"
