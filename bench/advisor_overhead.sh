#!/usr/bin/env bash
# Benchmark: per-syscall overhead of the seccomp advisor's sys_enter program.
#
# A tight loop of N getppid() syscalls (bench/getppid_loop.c), pinned to one CPU, runs in
#   (a) no tracing, in a fresh mount namespace (unshare -m)
#   (b) a fresh mount namespace while `ig seccomp-advisor -c nonexistent-container` runs: the
#       advisor records every non-host mount namespace from load time, so the loop is recorded
#   (c) under `ig seccomp-advisor -- CMD` (ig starts and records the command itself)
#   (d) a fresh mount namespace while the bpftrace equivalent runs:
#       tracepoint:raw_syscalls:sys_enter { @[cgroup, args->id] = count(); }
#   (e) the HOST mount namespace while the advisor runs (unrecorded: pays only the mntns check)
#   (f) the floor: a fresh mount namespace while an EMPTY program is attached to sys_enter the
#       same way as the advisor's (tp_btf; `ig features --hold-empty-sys-enter`)
# and the cost of --learn-args:
#   (g) under `ig seccomp-advisor --learn-args -- CMD` (getppid is not a learned syscall)
#   (p) prctl(PR_GET_DUMPABLE) loop, no tracing (own mntns)
#   (q) the prctl loop under `ig seccomp-advisor -- CMD`
#   (r) the prctl loop under `ig seccomp-advisor --learn-args -- CMD` (a learned syscall: one
#       in-kernel dedup lookup per call)
# interleaved for ROUNDS rounds; the median of each is reported with its ratio to (a) (the
# prctl rows to (p)).
# Goals: recorded/unrecorded <= 1.5, i.e. (b)/(a) and (c)/(a); and (b) within 0.1x of the
# floor: (b)/(a) - (f)/(a) <= 0.1.
#
# usage: sudo bench/advisor_overhead.sh
# env:   IG=/path/to/ig (default target/release/ig, built if missing)
#        N=2000000 (syscalls per measurement)   ROUNDS=5   CPU=1 (CPU to pin the loop to)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

N="${N:-2000000}"
ROUNDS="${ROUNDS:-5}"
CPU="${CPU:-$(($(nproc) > 1 ? 1 : 0))}"
GOAL=1.5

need_root
need_tool gcc "apt-get install -y gcc libc6-dev"
need_tool taskset "apt-get install -y util-linux"
need_tool unshare "apt-get install -y util-linux"
need_tool bpftrace "apt-get install -y bpftrace"
need_ig

WORK="$(mktemp -d /tmp/ig-bench-adv.XXXXXX)"
BG_PID=""
cleanup() {
  stop_pid "$BG_PID" INT
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "compiling getppid_loop (gcc -O2)"
gcc -O2 -Wall -o "$WORK/getppid_loop" "$(dirname "$0")/getppid_loop.c"
LOOP=(taskset -c "$CPU" "$WORK/getppid_loop" "$N")

if command -v bpftool >/dev/null 2>&1; then
  others="$(bpftool prog show 2>/dev/null | grep -cE ': (tracing|raw_tracepoint|tracepoint|kprobe) ' || true)"
  if [ "${others:-0}" -gt 0 ]; then
    echo "warning: $others tracing eBPF program(s) are already loaded on this machine; every configuration pays for them" >&2
  fi
fi

# parse FILE VAR: sets VAR to the loop's ns/syscall from its output line.
parse() {
  local v
  v="$(sed -n 's/.*getppid_loop: calls=[0-9]* ns_per_syscall=\([0-9.]*\).*/\1/p' "$1" | tail -n1)"
  [ -n "$v" ] || { cat "$1" >&2; die "no getppid_loop result in $1"; }
  printf -v "$2" '%s' "$v"
}

# Each run_X sets the variable x (run_be sets b and e).
run_a() {
  unshare -m "${LOOP[@]}" >"$WORK/a.out"
  parse "$WORK/a.out" a
}

# Starts the advisor in the background, then measures (b) and (e).
run_be() {
  "$IG" seccomp-advisor -c nonexistent-container --timeout 120 >"$WORK/adv.out" 2>"$WORK/adv.err" &
  BG_PID=$!
  wait_for_line "$WORK/adv.err" "waiting for a matching container" 60 "$BG_PID" || die "the advisor did not start"
  unshare -m "${LOOP[@]}" >"$WORK/b.out"
  "${LOOP[@]}" >"$WORK/e.out"
  stop_pid "$BG_PID" INT
  BG_PID=""
  parse "$WORK/b.out" b
  parse "$WORK/e.out" e
}

# run_cmd VAR WANT [IG FLAGS...] -- LOOP...: the loop under `ig seccomp-advisor FLAGS -- LOOP`;
# the profile must contain WANT.
run_cmd() {
  local var="$1" want="$2"
  shift 2
  # The loop's stdout is ig's stderr (stdout carries the profile).
  "$IG" seccomp-advisor "$@" >"$WORK/$var.profile" 2>"$WORK/$var.err" ||
    { cat "$WORK/$var.err" >&2; die "ig seccomp-advisor $* failed"; }
  grep -q "$want" "$WORK/$var.profile" || die "the advisor's profile lacks $want: $(head -c 400 "$WORK/$var.profile")"
  parse "$WORK/$var.err" "$var"
}

run_c() { run_cmd c '"getppid"' -- "${LOOP[@]}"; }
run_g() { run_cmd g '"getppid"' --learn-args -- "${LOOP[@]}"; }
run_p() {
  unshare -m "${LOOP[@]}" prctl >"$WORK/p.out"
  parse "$WORK/p.out" p
}
run_q() { run_cmd q '"prctl"' -- "${LOOP[@]}" prctl; }
# PR_GET_DUMPABLE is 3: the profile allows prctl only for that option.
run_r() { run_cmd r '"value": 3,' --learn-args -- "${LOOP[@]}" prctl; }

run_d() {
  bpftrace -e 'tracepoint:raw_syscalls:sys_enter { @[cgroup, args->id] = count(); }' >"$WORK/bt.out" 2>&1 &
  BG_PID=$!
  wait_for_line "$WORK/bt.out" "Attaching" 60 "$BG_PID" || die "bpftrace did not attach"
  unshare -m "${LOOP[@]}" >"$WORK/d.out"
  stop_pid "$BG_PID" INT
  BG_PID=""
  parse "$WORK/d.out" d
}

run_f() {
  "$IG" features --hold-empty-sys-enter 2>"$WORK/floor.err" &
  BG_PID=$!
  wait_for_line "$WORK/floor.err" "empty sys_enter program attached" 60 "$BG_PID" || die "the empty program did not attach: $(cat "$WORK/floor.err")"
  unshare -m "${LOOP[@]}" >"$WORK/f.out"
  stop_pid "$BG_PID" INT
  BG_PID=""
  parse "$WORK/f.out" f
}

A=() B=() C=() D=() E=() F=() G=() P=() Q=() R=()
say "$ROUNDS rounds of (a) (b)+(e) (c) (d) (f) (g) (p) (q) (r), N=$N calls each, loop pinned to CPU $CPU"
for round in $(seq 1 "$ROUNDS"); do
  run_a
  run_be
  run_c
  run_d
  run_f
  run_g
  run_p
  run_q
  run_r
  A+=("$a") B+=("$b") C+=("$c") D+=("$d") E+=("$e") F+=("$f") G+=("$g") P+=("$p") Q+=("$q") R+=("$r")
  say "round $round: a=$a b=$b c=$c d=$d e=$e f=$f g=$g p=$p q=$q r=$r ns/syscall"
done

ma="$(median "${A[@]}")" mb="$(median "${B[@]}")" mc="$(median "${C[@]}")"
md="$(median "${D[@]}")" me="$(median "${E[@]}")" mf="$(median "${F[@]}")"
mg="$(median "${G[@]}")" mp="$(median "${P[@]}")" mq="$(median "${Q[@]}")" mr="$(median "${R[@]}")"
# row LABEL VALUE [BASE]: ns/call, difference and ratio to BASE (default (a)).
row() {
  local base="${3:-$ma}"
  printf '%-58s %9.1f %+9.1f %7s\n' "$1" "$2" "$(awk -v x="$2" -v a="$base" 'BEGIN { print x - a }')" "$(ratio "$2" "$base")"
}

echo
echo "advisor_overhead: median of $ROUNDS rounds, $N getppid() per run, pinned to CPU $CPU ($(nproc) CPUs, $(uname -r))"
printf '%-58s %9s %9s %7s\n' "configuration" "ns/call" "+ns/call" "x(a)"
row "(a) no tracing (own mntns)" "$ma"
row "(b) ig seccomp-advisor -c nonexistent, loop recorded" "$mb"
row "(c) ig seccomp-advisor -- getppid_loop" "$mc"
row "(d) bpftrace @[cgroup, args->id] = count()" "$md"
row "(e) ig seccomp-advisor running, loop in host mntns" "$me"
row "(f) floor: empty tp_btf program on sys_enter" "$mf"
row "(g) ig seccomp-advisor --learn-args -- getppid_loop" "$mg"
echo "prctl(PR_GET_DUMPABLE) loop (a learned syscall), ratios to (p):"
row "(p) no tracing (own mntns)" "$mp" "$mp"
row "(q) ig seccomp-advisor -- getppid_loop prctl" "$mq" "$mp"
row "(r) ig seccomp-advisor --learn-args -- getppid_loop prctl" "$mr" "$mp"
echo "--learn-args cost: unlearned syscall (g)/(c) = $(ratio "$mg" "$mc"), learned syscall (r)/(q) = $(ratio "$mr" "$mq")"
rb="$(ratio "$mb" "$ma")" rc="$(ratio "$mc" "$ma")"
verdict() { awk -v r="$1" -v g="$GOAL" 'BEGIN { print (r <= g) ? "PASS" : "MISS" }'; }
echo "goal recorded/unrecorded <= $GOAL: (b)/(a) = $rb $(verdict "$rb"), (c)/(a) = $rc $(verdict "$rc")"
rf="$(ratio "$mf" "$ma")"
gap="$(awk -v b="$rb" -v f="$rf" 'BEGIN { printf "%.2f", b - f }')"
echo "goal (b) within 0.1x of the floor: (b)/(a) - (f)/(a) = $rb - $rf = $gap $(awk -v g="$gap" 'BEGIN { print (g <= 0.1) ? "PASS" : "MISS" }')"
