#!/usr/bin/env bash
# Builds a Debian package of ig: the release binary, shell completions and the man page.
# Output: target/ig_VERSION_ARCH.deb
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release --quiet
version=$(target/release/ig --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
install -Dm755 target/release/ig "$root/usr/bin/ig"
install -Dm644 completions/ig.bash "$root/usr/share/bash-completion/completions/ig"
install -Dm644 completions/_ig "$root/usr/share/zsh/vendor-completions/_ig"
install -Dm644 completions/ig.fish "$root/usr/share/fish/vendor_completions.d/ig.fish"
install -Dm644 completions/ig.1 "$root/usr/share/man/man1/ig.1"
gzip -9n "$root/usr/share/man/man1/ig.1"
install -Dm644 README.md "$root/usr/share/doc/ig/README.md"
mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<CONTROL
Package: ig
Version: $version
Architecture: $arch
Maintainer: ig developers <ig@localhost>
Depends: libc6
Recommends: docker.io | containerd
Section: admin
Priority: optional
Description: host-local container tracing with eBPF
 Lists containers of Docker and containerd with their mount namespaces, records
 their syscalls to build seccomp profiles they run under, and streams the
 syscalls seccomp filters log or kill, attributed to their containers.
CONTROL
out="target/ig_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$out" >/dev/null
echo "$out"
