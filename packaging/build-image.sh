#!/usr/bin/env bash
# Builds ig's container image offline: no registry, no base image. The root holds only the
# ig binary (stripped), the shared libraries ldd says it needs, and empty mount points; it is
# imported with `docker import`. No shell at run time: the entry point is ig itself.
#
#   packaging/build-image.sh [--binary PATH] [--tag REF]
#
# --binary  the ig binary to package (default: target/release/ig, built if missing)
# --tag     the image reference (default: ig:VERSION)
# The last line printed on stdout is the image reference; progress goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'build-image: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

binary="" tag=""
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="${2:?--binary needs a path}"; shift 2 ;;
    --tag) tag="${2:?--tag needs an image reference}"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

if [ -z "$binary" ]; then
  binary=target/release/ig
  if [ ! -x "$binary" ]; then
    log "no $binary yet: cargo build --release"
    export PATH="$HOME/.cargo/bin:$PATH"
    cargo build --release --quiet
  fi
fi
[ -x "$binary" ] || die "$binary is not an executable file"
command -v docker >/dev/null || die "docker is needed to import the image"
command -v strip >/dev/null || die "strip (binutils) is needed"

version=$("$binary" --version | awk '{print $2}')
[ -n "$version" ] || die "$binary --version printed no version"
tag=${tag:-ig:$version}
revision=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  revision="$revision-dirty"
fi
# Where the source is: IG_IMAGE_SOURCE, else the git remote, else "unknown" (no URL is made up).
source_url=${IG_IMAGE_SOURCE:-$(git config --get remote.origin.url 2>/dev/null || true)}
source_url=${source_url:-unknown}

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

install -d "$root/usr/bin"
strip -o "$root/usr/bin/ig" "$binary"
chmod 755 "$root/usr/bin/ig"

# The shared libraries and the loader, at the paths the binary asks for. `ldd` lines look
# like "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)".
libs=$(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}')
for lib in $libs; do
  install -d "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
[ -n "$libs" ] || log "the binary is static: no libraries copied"

# Mount points and the few files libc looks at; /run and /tmp are tmpfs in the DaemonSet.
install -d "$root/proc" "$root/sys" "$root/dev" "$root/host" "$root/run" "$root/tmp" "$root/etc"
chmod 1777 "$root/tmp"
echo 'root:x:0:0:root:/:/usr/bin/ig' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"

created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
tar -C "$root" --owner=0 --group=0 --numeric-owner -c . | docker import \
  --change 'ENTRYPOINT ["/usr/bin/ig"]' \
  --change 'CMD ["--help"]' \
  --change 'ENV HOST_ROOT=/host' \
  --change 'WORKDIR /' \
  --change "LABEL org.opencontainers.image.title=ig" \
  --change "LABEL org.opencontainers.image.version=$version" \
  --change "LABEL org.opencontainers.image.revision=$revision" \
  --change "LABEL org.opencontainers.image.source=$source_url" \
  --change "LABEL org.opencontainers.image.created=$created" \
  --change "LABEL org.opencontainers.image.licenses=Apache-2.0" \
  -m "ig $version ($revision)" - "$tag" >/dev/null
size=$(docker image inspect --format '{{.Size}}' "$tag")
log "built $tag: $((size / 1024 / 1024)) MiB ($size bytes), ig $version, revision $revision"
echo "$tag"
