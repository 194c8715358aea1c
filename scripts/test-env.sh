#!/usr/bin/env bash
# Prepares a Debian machine for ig's tests: installs the build and runtime packages that are
# missing, starts containerd and dockerd when they are not running, registers crun as a Docker
# runtime, and builds the busybox test image with `docker import` (no registry needed).
# Safe to run again: every step checks first.
set -euo pipefail

log() { printf 'test-env: %s\n' "$*" >&2; }
[ "$(id -u)" = 0 ] || { log "must run as root (it installs packages and starts daemons)"; exit 1; }

PKGS=(clang llvm libbpf-dev protobuf-compiler docker.io containerd runc crun busybox-static
      seccomp strace bpftrace gcc-multilib g++ binutils procps hyperfine libc6-dbg qemu-system-x86)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# kubernetes-validate (PyPI) checks packaging/kubernetes/*.yaml against the Kubernetes API
# schema offline (tests/it/deploy.rs; CI fails without it).
if ! command -v kubernetes-validate >/dev/null 2>&1; then
  log "installing kubernetes-validate from PyPI"
  command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1 || {
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends python3-pip >/dev/null
  }
  python3 -m pip install -q kubernetes-validate 2>/dev/null \
    || python3 -m pip install -q --break-system-packages kubernetes-validate
  hash -r
  command -v kubernetes-validate >/dev/null 2>&1 || { log "kubernetes-validate is not on PATH after installing it"; exit 1; }
fi

DOCKER=/usr/bin/docker   # Debian's client, matching the engine (another client may come first on PATH)
mkdir -p /var/log/ig-test

if ! ctr version >/dev/null 2>&1; then
  log "starting containerd"
  nohup containerd >/var/log/ig-test/containerd.log 2>&1 &
  for _ in $(seq 1 100); do ctr version >/dev/null 2>&1 && break; sleep 0.1; done
  ctr version >/dev/null 2>&1 || { log "containerd did not come up; see /var/log/ig-test/containerd.log"; exit 1; }
fi

# crun refuses to run on a cgroup v1/v2 hybrid host while the v2 hierarchy still holds a
# controller ("cgroups in hybrid mode not supported"): give such controllers (typically
# hugetlb) a v1 hierarchy of their own, which takes them out of v2.
if [ -f /sys/fs/cgroup/unified/cgroup.controllers ]; then
  for c in $(cat /sys/fs/cgroup/unified/cgroup.controllers); do
    log "mounting cgroup controller $c as v1 (crun needs an empty v2 hierarchy on hybrid hosts)"
    mkdir -p "/sys/fs/cgroup/$c"
    mount -t cgroup -o "$c" cgroup "/sys/fs/cgroup/$c"
  done
fi

# crun registered as an extra Docker runtime (used by the least-privilege tests).
mkdir -p /etc/docker
if [ ! -f /etc/docker/daemon.json ] || ! grep -q '"crun"' /etc/docker/daemon.json; then
  printf '{\n  "runtimes": { "crun": { "path": "/usr/bin/crun" } }\n}\n' > /etc/docker/daemon.json
  if $DOCKER version >/dev/null 2>&1; then
    log "restarting dockerd to register crun"
    pkill -x dockerd || true
    for _ in $(seq 1 100); do pgrep -x dockerd >/dev/null || break; sleep 0.1; done
  fi
fi

if ! $DOCKER version >/dev/null 2>&1; then
  log "starting dockerd (no bridge, no iptables: containers get only their own loopback)"
  nohup dockerd --bridge=none --iptables=false --containerd=/run/containerd/containerd.sock \
    >/var/log/ig-test/dockerd.log 2>&1 &
  for _ in $(seq 1 200); do $DOCKER version >/dev/null 2>&1 && break; sleep 0.1; done
  $DOCKER version >/dev/null 2>&1 || { log "dockerd did not come up; see /var/log/ig-test/dockerd.log"; exit 1; }
fi

IMAGE=ig-test-busybox:latest
if ! $DOCKER image inspect "$IMAGE" >/dev/null 2>&1; then
  log "building $IMAGE from busybox-static"
  root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/tmp" "$root/proc" "$root/sys" "$root/dev" "$root/etc"
  cp /bin/busybox "$root/bin/busybox"
  for a in $("$root/bin/busybox" --list); do [ "$a" = busybox ] || ln -s busybox "$root/bin/$a"; done
  echo 'root:x:0:0:root:/:/bin/sh' > "$root/etc/passwd"
  echo 'root:x:0:' > "$root/etc/group"
  tar -C "$root" -c . | $DOCKER import --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null
  rm -rf "$root"
fi

# The same image inside containerd's own namespace for tests that bypass Docker.
if ! ctr -n ig-test images ls -q 2>/dev/null | grep -q "$IMAGE"; then
  log "importing $IMAGE into containerd namespace ig-test"
  $DOCKER save "$IMAGE" | ctr -n ig-test images import --no-unpack=false - >/dev/null
fi
log "ready: containerd $(ctr version 2>/dev/null | awk '/Version/{print $2; exit}'), docker $($DOCKER version --format '{{.Server.Version}}'), image $IMAGE"
