#!/bin/sh
# Stage 2 of scripts/vm.sh, run as the guest's PID 1 on the overlay root: mounts the kernel
# file systems and fresh tmpfs where the guest writes, starts containerd and dockerd with the
# test image, runs the command from /run/ig-vm/cmd and writes its exit
# code to /run/ig-vm/rc, then powers off.
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts
mount -t tmpfs shm /dev/shm
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t bpf bpf /sys/fs/bpf
mount -t cgroup2 cgroup2 /sys/fs/cgroup
# /run/ig-vm (the run dir) is mounted already: a tmpfs on /run would hide it, so move it.
mkdir -p /ig-vm && mount --move /run/ig-vm /ig-vm
for d in /run /tmp /var/lib/docker /var/lib/containerd /var/log /var/tmp; do
  mkdir -p "$d" && mount -t tmpfs -o mode=0755 tmpfs "$d"
done
chmod 1777 /tmp /var/tmp
mkdir -p /run/ig-vm && mount --move /ig-vm /run/ig-vm
ln -sf /proc/self/fd /dev/fd 2>/dev/null
hostname ig-vm
ip link set lo up 2>/dev/null || ifconfig lo up
stty -onlcr 2>/dev/null
cut -d' ' -f1 /proc/uptime >/run/ig-vm/booted
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb
[ -d "$HOME/.cargo/bin" ] && PATH="$HOME/.cargo/bin:$PATH"
. /run/ig-vm/cmd.env 2>/dev/null
rc=0
if [ -z "$IG_VM_NO_DOCKER" ]; then
  t0=$(cut -d' ' -f1 /proc/uptime)
  (
    up() { cut -d' ' -f1 /proc/uptime; }
    nohup containerd >/var/log/containerd.log 2>&1 &
    for _ in $(seq 1 300); do ctr version >/dev/null 2>&1 && break; sleep 0.1; done
    ctr version >/dev/null 2>&1 || { echo "containerd did not start"; exit 1; }
    echo "containerd up at $(up)"
    nohup dockerd --bridge=none --iptables=false --ip6tables=false \
      --containerd=/run/containerd/containerd.sock >/var/log/dockerd.log 2>&1 &
    for _ in $(seq 1 300); do docker version >/dev/null 2>&1 && break; sleep 0.1; done
    docker version >/dev/null 2>&1 || { echo "dockerd did not start"; exit 1; }
    echo "dockerd up at $(up)"
    # The image the host saved (scripts/test-env.sh builds it there): loading it is far
    # faster under TCG than building it again.
    docker load -q -i "$IG_VM_IMAGE_TAR" >/dev/null || exit 1
    echo "docker image at $(up)"
    ctr -n ig-test images import "$IG_VM_IMAGE_TAR" >/dev/null || exit 1
    echo "containerd image at $(up)"
  ) >/run/ig-vm/test-env.log 2>&1 || { cat /run/ig-vm/test-env.log /var/log/dockerd.log; rc=125; }
  echo "vm: containerd and dockerd ready in $(awk -v a="$t0" '{ printf "%.1f", $1 - a }' /proc/uptime) s" >&2
fi
if [ "$rc" = 0 ]; then
  bash /run/ig-vm/cmd </dev/null
  rc=$?
fi
echo "$rc" >/run/ig-vm/rc
sync
poweroff -f
