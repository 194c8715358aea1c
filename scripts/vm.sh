#!/usr/bin/env bash
# Runs a command as root inside a VM booted with one of Debian's stock kernels, with this
# machine's root file system shared read-only (a tmpfs overlay on top), this checkout shared
# read-write at the same path, and containerd + dockerd running with the test image:
#
#   scripts/vm.sh 6.1  -- target/debug/ig features
#   scripts/vm.sh 6.12 -- bash -c 'cargo test --test it ebpf::'
#
# KERNEL is 6.1 (Debian 12's linux-image-6.1.0-NN-amd64), 6.12 (linux-image-6.12.NNN+deb12-amd64)
# or a full linux-image-* package name. The newest package apt knows is fetched with
# `apt-get download` and unpacked with `dpkg-deb -x` into $IG_VM_CACHE (default
# /var/cache/ig-vm); nothing is installed and /boot is never touched. The guest's console
# (the command's stdout and stderr, and kernel warnings) streams to this terminal; the
# command's exit code is this script's. 125: the VM did not boot or report an exit code.
#
# Environment: IG_VM_CACHE (kernel cache), IG_VM_MEM (MiB, default 2048), IG_VM_CPUS
# (default 2), IG_VM_TIMEOUT (seconds, default 1800), IG_VM_CMDLINE (extra kernel
# parameters, e.g. audit=0), IG_VM_ACCEL (tcg or kvm; default: kvm only where a real KVM
# runs stock kernels, see docs/kernels.md), IG_VM_NO_DOCKER=1 (skip containerd/dockerd).
# Inside, IG_VM_KERNEL holds KERNEL as given and IG_VM=1 is set.
set -euo pipefail

log() { printf 'vm: %s\n' "$*" >&2; }
die() { log "$*"; exit 125; }
usage() { printf 'usage: scripts/vm.sh KERNEL -- COMMAND [ARG]...   (KERNEL: 6.1, 6.12 or a linux-image-* package)\n' >&2; exit 2; }

[ $# -ge 3 ] && [ "$2" = -- ] || usage
KERNEL=$1
shift 2
[ "$(id -u)" = 0 ] || die "must run as root (it shares / with the guest and unpacks packages)"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 is missing: apt-get install qemu-system-x86 (scripts/test-env.sh does)"
# grep reads the whole list (no -q): an early exit would SIGPIPE busybox and, under
# pipefail, report a present busybox as missing.
[ -x /bin/busybox ] && /bin/busybox --list | grep -x insmod >/dev/null \
  || die "/bin/busybox (static) is missing: apt-get install busybox-static"

CHECKOUT=$(cd "$(dirname "$0")/.." && pwd -P)
CACHE=${IG_VM_CACHE:-/var/cache/ig-vm}
mkdir -p "$CACHE"

# ---- which package -------------------------------------------------------------------------
case "$KERNEL" in
  6.1) pattern='^linux-image-6\.1\.0-[0-9]+-amd64$' ;;
  6.12) pattern='^linux-image-6\.12\.[0-9]+\+deb12-amd64$' ;;
  linux-image-*) pattern="^$(printf '%s' "$KERNEL" | sed 's/[.+]/\\&/g')\$" ;;
  *) log "unknown kernel '$KERNEL': use 6.1, 6.12 or a linux-image-* package name"; usage ;;
esac
newest() { apt-cache search --names-only "$pattern" 2>/dev/null | awk '{print $1}' | sort -V | tail -n1; }
pkg=$(newest)
if [ -z "$pkg" ]; then
  log "no package matches $pattern: running apt-get update once"
  apt-get update -q >/dev/null 2>&1 || true
  pkg=$(newest)
fi
[ -n "$pkg" ] || die "no Debian package for kernel $KERNEL ($pattern); is bookworm (or its security/updates suite) in the apt sources?"

# ---- fetch and unpack (once per package) ---------------------------------------------------
dir=$CACHE/$pkg
if [ ! -f "$dir/.ready" ]; then
  log "fetching $pkg into $dir"
  rm -rf "$dir"
  mkdir -p "$dir/deb"
  (cd "$dir/deb" && apt-get download "$pkg" >/dev/null 2>&1) \
    || { apt-get update -q >/dev/null 2>&1 || true; (cd "$dir/deb" && apt-get download "$pkg" >/dev/null); } \
    || die "apt-get download $pkg failed"
  dpkg-deb -x "$dir"/deb/*.deb "$dir/root"
  rm -rf "$dir/deb"
  touch "$dir/.ready"
fi
vmlinuz=$(ls "$dir"/root/boot/vmlinuz-* 2>/dev/null | head -n1)
[ -n "$vmlinuz" ] || die "$pkg has no /boot/vmlinuz-*"
release=${vmlinuz##*/vmlinuz-}
moddir=$dir/root/lib/modules/$release

# ---- initramfs: busybox and the modules for a 9p + overlay root, in dependency order --------
initrd=$dir/initrd-$(sha1sum "$CHECKOUT/scripts/vm.sh" | cut -c1-12).cpio.gz
if [ ! -f "$initrd" ]; then
  log "building the initramfs for $release"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work"/{bin,dev,proc,sys,newroot,mods}
  cp /bin/busybox "$work/bin/busybox"
  for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "$work/bin/$a"; done
  # Module file of NAME (built-in ones have none), decompressed.
  declare -A seen=()
  order=()
  modfile() { find "$moddir/kernel" \( -name "$1.ko*" -o -name "${1//_/-}.ko*" \) | head -n1; }
  add() { # depth-first: dependencies first
    local name=$1 f deps d
    [ -n "${seen[$name]:-}" ] && return 0
    seen[$name]=1
    f=$(modfile "$name")
    if [ -z "$f" ]; then
      grep -q "/$name.ko\$" "$moddir/modules.builtin" || die "module $name is neither a file nor built into $release"
      return 0
    fi
    case "$f" in
      *.xz) xz -dc "$f" >"$work/mods/$name.ko" ;;
      *.zst) zstd -qdc "$f" >"$work/mods/$name.ko" ;;
      *) cp "$f" "$work/mods/$name.ko" ;;
    esac
    deps=$(objcopy -O binary --only-section=.modinfo "$work/mods/$name.ko" /dev/stdout | tr '\0' '\n' \
      | sed -n 's/^depends=//p' | tr ',' ' ')
    for d in $deps; do add "${d//-/_}"; done
    order+=("$name")
  }
  for m in virtio_pci 9pnet_virtio 9p overlay; do add "$m"; done
  printf '%s\n' "${order[@]}" >"$work/mods/order"
  cat >"$work/init" <<'EOF'
#!/bin/sh
# ig VM stage 1: load the 9p/overlay modules, mount the host root read-only under a tmpfs
# overlay, the checkout read-write, and hand over to scripts/vm-guest.sh.
mount -t proc proc /proc
mount -t devtmpfs dev /dev
for m in $(cat /mods/order); do insmod /mods/$m.ko || echo "vm: insmod $m failed"; done
mkdir -p /lower /upper
opts=trans=virtio,version=9p2000.L,cache=loose,msize=262144
mount -t 9p -o ro,$opts hostroot /lower || { echo "vm: mounting the host root failed"; poweroff -f; }
mount -t tmpfs -o mode=0755 upper /upper
mkdir -p /upper/u /upper/w
mount -t overlay -o lowerdir=/lower,upperdir=/upper/u,workdir=/upper/w overlay /newroot \
  || { echo "vm: overlay mount failed"; poweroff -f; }
checkout=$(cat /proc/cmdline | tr ' ' '\n' | sed -n 's/^ig.checkout=//p')
mkdir -p /newroot$checkout
mount -t 9p -o $opts checkout /newroot$checkout || { echo "vm: mounting the checkout failed"; poweroff -f; }
mkdir -p /newroot/run/ig-vm
mount -t 9p -o trans=virtio,version=9p2000.L igrun /newroot/run/ig-vm || { echo "vm: mounting the run dir failed"; poweroff -f; }
umount /proc
exec switch_root /newroot /bin/sh "$checkout/scripts/vm-guest.sh"
EOF
  chmod +x "$work/init"
  (cd "$work" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1) >"$initrd.tmp"
  mv "$initrd.tmp" "$initrd"
  rm -rf "$work"
  trap - EXIT
fi

# ---- the test image, saved once on the host (building it under TCG takes minutes) -----------
image_tar=
if [ -z "${IG_VM_NO_DOCKER:-}" ] && id=$(/usr/bin/docker image inspect -f '{{.Id}}' ig-test-busybox:latest 2>/dev/null); then
  id=${id#sha256:}
  image_tar=$CACHE/ig-test-busybox-${id:0:12}.tar
  [ -f "$image_tar" ] || { /usr/bin/docker save -o "$image_tar.tmp" ig-test-busybox:latest && mv "$image_tar.tmp" "$image_tar"; }
fi

# ---- the run: command in, exit code out ----------------------------------------------------
run=$(mktemp -d /tmp/ig-vm.XXXXXX)
trap 'rm -rf "$run"' EXIT
{
  printf 'export IG_VM=1 IG_VM_KERNEL=%q IG_VM_NO_DOCKER=%q IG_VM_IMAGE_TAR=%q\n' \
    "$KERNEL" "${IG_VM_NO_DOCKER:-}" "$image_tar"
  for v in CI IG_TEST_STRICT RUST_BACKTRACE RUST_LOG; do
    if [ -n "${!v:-}" ]; then printf 'export %s=%q\n' "$v" "${!v}"; fi
  done
} >"$run/cmd.env"
{
  printf 'cd %q || exit 125\n' "$PWD"
  printf '%q ' "$@"
  printf '\n'
} >"$run/cmd"

accel=${IG_VM_ACCEL:-}
if [ -z "$accel" ]; then
  # kvm_pvm (a software hypervisor) cannot run stock kernels: only a real KVM counts.
  if [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo && ! grep -q '^kvm_pvm ' /proc/modules; then
    accel=kvm
  else
    accel=tcg
  fi
fi
case "$accel" in
  kvm) accel_args=(-enable-kvm -cpu host) ;;
  # One host thread for all vCPUs: with thread=multi, 6.12 died here in syscall_trace_enter
  # with "Oops: int3" while tests attached and detached sys_enter programs (the kernel patches
  # its text with int3 while the other vCPU runs it, which multi-threaded TCG got wrong).
  tcg) accel_args=(-accel "tcg,thread=${IG_VM_TCG_THREAD:-single}" -cpu max) ;;
  *) die "IG_VM_ACCEL must be tcg or kvm" ;;
esac

log "booting $pkg ($release, $accel)"
start=$(date +%s.%N)
status=0
timeout --foreground -k 10 "${IG_VM_TIMEOUT:-1800}" qemu-system-x86_64 \
  "${accel_args[@]}" -m "${IG_VM_MEM:-2048}" -smp "${IG_VM_CPUS:-2}" \
  -nographic -no-reboot -nic none \
  -kernel "$vmlinuz" -initrd "$initrd" \
  -append "console=ttyS0 quiet loglevel=3 panic=-1 apparmor=0 ig.checkout=$CHECKOUT ${IG_VM_CMDLINE:-}" \
  -fsdev local,id=r,path=/,security_model=none,readonly=on,multidevs=remap \
  -device virtio-9p-pci,fsdev=r,mount_tag=hostroot \
  -fsdev local,id=c,path="$CHECKOUT",security_model=none,multidevs=remap \
  -device virtio-9p-pci,fsdev=c,mount_tag=checkout \
  -fsdev local,id=x,path="$run",security_model=none \
  -device virtio-9p-pci,fsdev=x,mount_tag=igrun \
  </dev/null || status=$?
secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
if [ "$status" = 124 ]; then
  die "the VM did not finish within ${IG_VM_TIMEOUT:-1800} s (IG_VM_TIMEOUT)"
fi
[ -f "$run/booted" ] || die "$pkg did not boot (qemu exit $status): see the console output above"
[ -f "$run/rc" ] || die "the guest on $release stopped without reporting an exit code (qemu exit $status)"
rc=$(cat "$run/rc")
log "$release: exit $rc; boot $(cat "$run/booted") s, total ${secs} s"
exit "$rc"
