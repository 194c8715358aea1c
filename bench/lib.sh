# shellcheck shell=bash
# Shared helpers of the bench/ scripts (sourced, not run).
# Sets REPO, IG (from $IG, default target/release/ig, built with `cargo build --release` if
# missing) and DOCKER (from $DOCKER, default /usr/bin/docker).

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOCKER="${DOCKER:-/usr/bin/docker}"
IMAGE="${IMAGE:-ig-test-busybox:latest}"

say() { echo "== $*" >&2; }
die() { echo "error: $*" >&2; exit 1; }

need_root() {
  [ "$(id -u)" = 0 ] || die "run as root: sudo $0"
}

# need_tool TOOL HINT
need_tool() {
  command -v "$1" >/dev/null 2>&1 || die "$1 not found; install it: $2"
}

need_docker() {
  [ -x "$DOCKER" ] || die "$DOCKER not found; install it (apt-get install -y docker.io) or set DOCKER=/path/to/docker"
  "$DOCKER" info >/dev/null 2>&1 || die "the Docker engine does not answer ($DOCKER info failed): is dockerd running?"
  "$DOCKER" image inspect "$IMAGE" >/dev/null 2>&1 ||
    die "image $IMAGE not found: run scripts/test-env.sh (it builds the test image) or set IMAGE=busybox-like:tag"
}

# Resolves $IG; builds the release binary if $IG is unset and target/release/ig is missing.
need_ig() {
  if [ -n "${IG:-}" ]; then
    [ -x "$IG" ] || die "IG=$IG is not an executable"
    return
  fi
  IG="$REPO/target/release/ig"
  if [ ! -x "$IG" ]; then
    say "building $IG (cargo build --release)"
    command -v cargo >/dev/null 2>&1 || PATH="${SUDO_USER:+$(getent passwd "$SUDO_USER" | cut -d: -f6)/.cargo/bin:}$HOME/.cargo/bin:$PATH"
    command -v cargo >/dev/null 2>&1 || die "cargo not found; build ig first (cargo build --release) or set IG=/path/to/ig"
    (cd "$REPO" && cargo build --release) || die "cargo build --release failed"
  fi
}

# ratio A B: A/B with 2 decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.2f", a / b }'; }

# median of the arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# wait_for_line FILE PATTERN SECONDS PID: waits until FILE has a line matching PATTERN; fails if
# PID exits or time runs out.
wait_for_line() {
  local file="$1" pat="$2" secs="$3" pid="$4" i
  for ((i = 0; i < secs * 20; i++)); do
    grep -q -- "$pat" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "error: process $pid exited before printing '$pat'; its output:" >&2; cat "$file" >&2; return 1; }
    sleep 0.05
  done
  echo "error: no '$pat' after ${secs}s; output so far:" >&2
  cat "$file" >&2
  return 1
}

# stop_pid PID [SIGNAL]: signals one process we started and waits for it (bounded, then KILL).
stop_pid() {
  local pid="$1" sig="${2:-INT}" i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill "-$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}
