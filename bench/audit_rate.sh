#!/usr/bin/env bash
# Benchmark: how many seccomp records per second `ig run audit_seccomp -o json` sustains, beside
# the rate the kernel produced them, and how many ig lost.
#
# For each N in $SIZES: ig streams `-c bench-ar-N -o json` to a file while a container whose
# seccomp profile logs mkdir/mkdirat (SCMP_ACT_LOG) runs bench/mkdir_burst.c: exactly N mkdir()
# calls (each followed by an unlogged rmdir()) on a tmpfs, as fast as it can. Counted:
#   kernel rate   N / the burst's own elapsed time (the kernel may throttle the producer:
#                 audit_backlog_limit / backlog_wait_time, see the audit status lines)
#   ig printed    JSON lines ig wrote; ig rate = printed / (ig's last line - burst start)
#   ig lost       what ig's stderr warnings say it lost (socket overflow / ring buffer full)
#   reader        an independent multicast reader (bench/audit_count.c) counting the burst's
#                 type=1326 records, to tell records the kernel never sent from records ig missed
# One unlogged burst (no seccomp filter: seccomp=unconfined) gives the mkdir rate without audit.
#
# usage: sudo bench/audit_rate.sh
# env:   IG=/path/to/ig (default target/release/ig, built if missing)
#        SIZES="10000 50000 200000"   RUNTIMES=docker (ig --runtimes; see bench/README.md)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SIZES="${SIZES:-10000 50000 200000}"
RUNTIMES="${RUNTIMES:-docker}"
PREFIX=bench-ar-
PROFILE='{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"action":"SCMP_ACT_LOG","names":["mkdir","mkdirat"]}]}'

need_root
need_tool gcc "apt-get install -y gcc libc6-dev"
[ -e /usr/lib/x86_64-linux-gnu/libc.a ] || [ -e /usr/lib/aarch64-linux-gnu/libc.a ] || [ -e /usr/lib/libc.a ] ||
  die "static libc not found (gcc -static): apt-get install -y libc6-dev"
need_docker
need_ig

WORK="$(mktemp -d /tmp/ig-bench-ar.XXXXXX)"
chmod 755 "$WORK"
IG_PID="" READER_PID=""
remove_containers() {
  local ids
  ids="$("$DOCKER" ps -aq --filter "name=^${PREFIX}" 2>/dev/null || true)"
  # shellcheck disable=SC2086
  [ -z "$ids" ] || "$DOCKER" rm -f $ids >/dev/null 2>&1 || true
}
cleanup() {
  stop_pid "$IG_PID" INT
  stop_pid "$READER_PID" INT
  remove_containers
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
remove_containers

say "compiling mkdir_burst (gcc -static -O2) and audit_count (gcc -O2)"
mkdir -p "$WORK/bin"
gcc -static -O2 -Wall -o "$WORK/bin/mkdir_burst" "$(dirname "$0")/mkdir_burst.c"
gcc -O2 -Wall -o "$WORK/audit_count" "$(dirname "$0")/audit_count.c"
chmod -R a+rX "$WORK/bin"
echo "$PROFILE" >"$WORK/profile.json"

audit_status() {
  if command -v auditctl >/dev/null 2>&1; then auditctl -s; else "$WORK/audit_count" status; fi
}
status_field() { audit_status | awk -v k="$1" '$1 == k { print $2 }'; }
say "kernel audit status before (auditctl -s$(command -v auditctl >/dev/null 2>&1 || echo ' is absent: read with AUDIT_GET by bench/audit_count'))"
audit_status | sed 's/^/   /' >&2
[ "$(status_field pid)" = 0 ] || echo "note: auditd (pid $(status_field pid)) is registered: the kernel also sends every record to it" >&2
lost0="$(status_field lost)"
wait0="$(status_field backlog_wait_time_actual)"

# burst NAME N SECCOMP: runs the workload; prints its result line.
burst() {
  "$DOCKER" run --rm --name "$1" --tmpfs /scratch --security-opt "seccomp=$3" \
    -v "$WORK/bin:/b:ro" "$IMAGE" /b/mkdir_burst "$2" /scratch
}
field() { sed -n "s/.* $1=\\([0-9]*\\).*/\\1/p" <<<"$2"; }

say "unlogged burst (seccomp=unconfined), 50000 mkdir"
base="$(burst "${PREFIX}base" 50000 unconfined)" || die "the workload failed: $base"
base_rate="$(awk -v n=50000 -v e="$(field elapsed_ns "$base")" 'BEGIN { printf "%.0f", n / (e / 1e9) }')"

ROWS=()
SOURCE=""
for n in $SIZES; do
  name="${PREFIX}$n"
  say "N=$n: starting the independent reader and ig (-c $name)"
  "$WORK/audit_count" listen 'comm="mkdir_burst"' >"$WORK/reader.out" 2>"$WORK/reader.err" &
  READER_PID=$!
  wait_for_line "$WORK/reader.err" "audit_count: listening" 10 "$READER_PID" || die "the audit reader did not start"
  "$IG" run audit_seccomp --runtimes "$RUNTIMES" -c "$name" -o json --timeout 150 >"$WORK/out.json" 2>"$WORK/err.txt" &
  IG_PID=$!
  wait_for_line "$WORK/err.txt" "ig: source:" 60 "$IG_PID" || die "ig did not start"
  SOURCE="$(sed -n 's/^ig: source: \([a-z]*\).*/\1/p' "$WORK/err.txt" | head -n1)"

  say "N=$n: burst"
  res="$(burst "$name" "$n" "$WORK/profile.json")" || die "the workload failed: $res"
  start_ns="$(field start_unix_ns "$res")" elapsed_ns="$(field elapsed_ns "$res")"

  # Wait for ig to print all N, or to stop making progress for 3 s (bounded to 120 s).
  last=-1 last_t=$(date +%s%N) deadline=$(($(date +%s) + 120))
  while :; do
    cur=$(wc -l <"$WORK/out.json")
    now=$(date +%s%N)
    if [ "$cur" != "$last" ]; then last=$cur last_t=$now; fi
    [ "$cur" -ge "$n" ] && break
    [ $((now - last_t)) -gt 3000000000 ] && break
    [ "$(date +%s)" -lt "$deadline" ] || break
    kill -0 "$IG_PID" 2>/dev/null || break
    sleep 0.05
  done
  stop_pid "$IG_PID" INT
  IG_PID=""
  sleep 0.3
  stop_pid "$READER_PID" INT
  READER_PID=""

  printed=$(wc -l <"$WORK/out.json")
  ours=$(grep -c "\"containerName\":\"$name\"" "$WORK/out.json" || true)
  lost=$(sed -n 's/^ig: warning: \([0-9]*\) .*lost.*/\1/p' "$WORK/err.txt" | awk '{ s += $1 } END { print s + 0 }')
  rd="$(cat "$WORK/reader.out")"
  reader=$(field matched "$rd") reader_drops=$(field drops "$rd")
  # ig's rate: from the burst's start to the moment ig's output stopped growing.
  ig_s=$(awk -v a="$start_ns" -v b="$last_t" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  k_rate=$(awk -v n="$n" -v e="$elapsed_ns" 'BEGIN { printf "%.0f", n / (e / 1e9) }')
  ig_rate=$(awk -v n="$printed" -v s="$ig_s" 'BEGIN { printf "%.0f", (s > 0) ? n / s : 0 }')
  missing=$((n - printed))
  ROWS+=("$(printf '%8s %9.3f %9s %9s %9.3f %9s %8s %8s %7s %8s' "$n" "$(awk -v e="$elapsed_ns" 'BEGIN { print e / 1e9 }')" \
    "$k_rate" "$printed" "$ig_s" "$ig_rate" "$missing" "$lost" "$reader" "$reader_drops")")
  [ "$ours" = "$printed" ] || echo "warning: $((printed - ours)) of ig's $printed records name another container" >&2
  if [ "$printed" = 0 ] && [ "${reader:-0}" -gt 0 ]; then
    echo "warning: ig printed nothing while the kernel sent $reader records: ig did not attribute them to container $name (see bench/README.md)" >&2
  fi
  say "N=$n: kernel ${k_rate}/s, ig printed $printed (${ig_rate}/s), ig reported $lost lost, reader saw ${reader:-?}"
done

lost1="$(status_field lost)"
wait1="$(status_field backlog_wait_time_actual)"

echo
echo "audit_rate: ig run audit_seccomp -o json (source: ${SOURCE:-?}, --runtimes $RUNTIMES), $(nproc) CPUs, $(uname -r)"
echo "unlogged burst (seccomp=unconfined, N=50000): ${base_rate} mkdir/s"
printf '%8s %9s %9s %9s %9s %9s %8s %8s %7s %8s\n' "N" "burst s" "kernel/s" "ig lines" "ig s" "ig/s" "missing" "ig-lost" "reader" "rd-drops"
printf '%s\n' "${ROWS[@]}"
echo "kernel audit: lost +$((${lost1:-0} - ${lost0:-0})) (audit_lost, records the kernel dropped), producer throttled $((${wait1:-0} - ${wait0:-0})) jiffies in all (backlog_wait_time_actual; backlog_limit $(status_field backlog_limit), backlog_wait_time $(status_field backlog_wait_time))"
echo "missing = N - ig lines; ig-lost = the losses ig reported on stderr; reader = records the kernel sent to the multicast group (bench/audit_count), rd-drops = records the reader itself missed"
