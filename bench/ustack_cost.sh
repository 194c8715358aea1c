#!/usr/bin/env bash
# Benchmark: the cost of `ig run audit_seccomp --collect-ustack`, as ratios against the same run
# without it (and without ig at all), measured side by side in one run.
#
# The workload (bench/ustack_work.c, dynamically linked, -O2 -g -fno-omit-frame-pointer, run in
# the busybox container with the host's libc bind-mounted) runs in a container whose seccomp
# profile logs mkdir/mkdirat (SCMP_ACT_LOG) and nothing else, pinned to CPU $CPU_WL:
#   getppid   M unwatched getppid() calls in a tight loop (the sys_enter/sys_exit programs of
#             --collect-ustack run for them but only look the namespace up and test a bit)
#   mkdir     N logged mkdir() calls in batches of BATCH (each batch timed back to back, then
#             rmdir'ed untimed, then a PAUSE_US pause so that ig keeps up); reported as the
#             median batch's ns per mkdir (batches where the loop was preempted left out) and
#             as the mean over all batches
# and the same getppid loop in a host process (ig's programs return at once for the host
# mount namespace, but every syscall on the host passes through them),
# under three configurations, interleaved for ROUNDS rounds (median of each):
#   (a) ig run audit_seccomp -c NAME -o json             (records, no stacks)
#   (b) ig run audit_seccomp -c NAME -o json --collect-ustack  (a user stack per mkdir)
#   (c) no ig
#   (o) with IG_BEFORE=/path/to/an older ig: that binary with --collect-ustack (before/after in
#       one run; skipped when IG_BEFORE is unset)
# The container waits on a FIFO: go #1 runs the getppid loop and a warm-up batch (BATCH mkdirs,
# the first of which is ig's cold event), go #2 the measured mkdir phase.
# ig's own CPU (ig pinned to CPU $CPU_IG) per record printed in the measured phase, from
# utime+stime of /proc/PID/stat (10 ms ticks) and, where a cgroup2 hierarchy is mounted, from
# cpu.stat usage_usec of a cgroup the script puts ig in (µs); ig's idle CPU over the second
# before go #2 (its per-250-ms container refresh with --collect-ustack) is subtracted.
# Warm = that average over the measured phase; cold = COLD fresh ig runs whose container makes
# exactly one mkdir (the first stack pays blazesym's parse of the binary and of libc's debug
# info), same idle subtraction.
#
# usage: sudo bench/ustack_cost.sh
# env:   IG=/path/to/ig (default target/release/ig, built if missing)
#        IG_BEFORE=/path/to/an older ig build, measured as configuration (o)
#        N=5000 BATCH=100 PAUSE_US=20000 (the measured mkdir phase)   M=1000000 (getppid calls)
#        ROUNDS=7   COLD=3   CPU_WL=1 (workload CPU)   CPU_IG=0 (ig's CPU)
#        RUNTIMES=docker (ig --runtimes; see bench/README.md)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

N="${N:-5000}"
BATCH="${BATCH:-100}"
PAUSE_US="${PAUSE_US:-20000}"
M="${M:-1000000}"
ROUNDS="${ROUNDS:-7}"
COLD="${COLD:-3}"
CPU_WL="${CPU_WL:-$(($(nproc) > 1 ? 1 : 0))}"
CPU_IG="${CPU_IG:-0}"
RUNTIMES="${RUNTIMES:-docker}"
PREFIX=bench-uc-
PROFILE='{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"action":"SCMP_ACT_LOG","names":["mkdir","mkdirat"]}]}'
HOLD_MS=500 # the workload stays alive after its last mkdir, so ig can read its maps
CLK_TCK="$(getconf CLK_TCK)"

need_root
need_tool gcc "apt-get install -y gcc libc6-dev"
need_tool taskset "apt-get install -y util-linux"
need_tool timeout "apt-get install -y coreutils"
need_docker
need_ig
LIBDIR=/lib/x86_64-linux-gnu
[ "$(uname -m)" = x86_64 ] || LIBDIR="/lib/$(uname -m)-linux-gnu"
[ -d "$LIBDIR" ] || die "$LIBDIR not found: the dynamically linked workload needs the host's libc bind-mounted"
LIBMOUNTS=(-v "$LIBDIR:$LIBDIR:ro")
[ ! -d /lib64 ] || LIBMOUNTS+=(-v /lib64:/lib64:ro)

WORK="$(mktemp -d /tmp/ig-bench-uc.XXXXXX)"
chmod 755 "$WORK"
IG_PID="" CG=""
remove_containers() {
  local ids
  ids="$("$DOCKER" ps -aq --filter "name=^${PREFIX}" 2>/dev/null || true)"
  # shellcheck disable=SC2086
  [ -z "$ids" ] || "$DOCKER" rm -f $ids >/dev/null 2>&1 || true
}
cleanup() {
  stop_pid "$IG_PID" INT
  remove_containers
  [ -z "$CG" ] || rmdir "$CG" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
remove_containers

say "compiling ustack_work (gcc -O2 -g -fno-omit-frame-pointer, dynamically linked)"
mkdir -p "$WORK/bin" "$WORK/ctl"
gcc -O2 -g -fno-omit-frame-pointer -Wall -o "$WORK/bin/ustack_work" "$(dirname "$0")/ustack_work.c"
chmod -R a+rX "$WORK/bin"
mkfifo -m 666 "$WORK/ctl/go"
echo "$PROFILE" >"$WORK/profile.json"

# A cgroup2 group for ig, for its CPU time in µs (utime/stime in /proc/PID/stat are 10 ms ticks).
cg2="$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)"
if [ -n "$cg2" ] && mkdir "$cg2/ig-bench-uc.$$" 2>/dev/null; then
  CG="$cg2/ig-bench-uc.$$"
else
  say "no writable cgroup2 hierarchy: ig's CPU only from /proc/PID/stat (10 ms ticks)"
fi

# sample PID: "<ns since epoch> <utime+stime µs> <cgroup usage µs or -1>"
sample() {
  local t ticks cg=-1
  t="$(date +%s%N)"
  ticks="$(sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }')"
  if [ -n "$CG" ]; then cg="$(awk '$1 == "usage_usec" { print $2 }' "$CG/cpu.stat")"; fi
  echo "$t $((ticks * 1000000 / CLK_TCK)) $cg"
}

# wait_lines FILE COUNT SECS: until FILE has COUNT lines, its growth stalls for 3 s, or SECS pass.
wait_lines() {
  local cur last=-1 last_t now deadline=$(($(date +%s) + $3))
  last_t=$(date +%s%N)
  while :; do
    cur=$(wc -l <"$1")
    now=$(date +%s%N)
    if [ "$cur" != "$last" ]; then last=$cur last_t=$now; fi
    [ "$cur" -ge "$2" ] && return 0
    [ $((now - last_t)) -gt 3000000000 ] && return 1
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    kill -0 "$IG_PID" 2>/dev/null || return 1
    sleep 0.02
  done
}

go() { timeout 20 sh -c "echo go >'$WORK/ctl/go'" || die "the container did not read the go FIFO (see docker logs $1)"; }

# start_container NAME SCRIPT
start_container() {
  "$DOCKER" run -d --name "$1" --cpuset-cpus "$CPU_WL" --tmpfs /scratch \
    --security-opt "seccomp=$WORK/profile.json" -v "$WORK/bin:/b:ro" -v "$WORK/ctl:/ctl" \
    "${LIBMOUNTS[@]}" "$IMAGE" sh -c "$2" >/dev/null
}

# start_ig NAME [--collect-ustack]: ig in the background on CPU_IG; waits until it is ready.
# With BIN set: that binary instead of $IG.
start_ig() {
  local name="$1"
  shift
  taskset -c "$CPU_IG" "${BIN:-$IG}" run audit_seccomp --runtimes "$RUNTIMES" -c "$name" -o json -v \
    --timeout 150 "$@" >"$WORK/out.json" 2>"$WORK/err.txt" &
  IG_PID=$!
  [ -z "$CG" ] || echo "$IG_PID" >"$CG/cgroup.procs" || { say "could not move ig into $CG: CPU from /proc/PID/stat only"; rmdir "$CG" 2>/dev/null || true; CG=""; }
  wait_for_line "$WORK/err.txt" "ig: source:" 60 "$IG_PID" || die "ig did not start"
}

# After start_container: with --collect-ustack, waits until ig watches the container (where it
# takes stacks by watch set: an older ig, or a kernel without the seccomp cache).
ig_watching() {
  if [ "$2" = o ] || { [ "$2" = b ] && grep -q "stacks only for containers ig has listed" "$WORK/err.txt"; }; then
    wait_for_line "$WORK/err.txt" "taking user stacks of $1" 20 "$IG_PID" || die "ig did not start watching the stacks of $1"
  fi
  sleep 0.3
}

# finish_ig CFG: stops ig; accumulates its stderr warnings and the stack counts of its records.
LOST_LINES=() SYMBOLIZED=0 OTHER_STACK=0 UNAVAILABLE=0 UNAVAILABLE_O=0 BYBUILDID=0 PRINTED=0 EXPECTED=0
finish_ig() {
  stop_pid "$IG_PID" INT
  IG_PID=""
  while IFS= read -r l; do LOST_LINES+=("($1) $l"); done < <(grep -i 'lost\|warning' "$WORK/err.txt" | grep -v '^ig: source:' || true)
  PRINTED=$((PRINTED + $(wc -l <"$WORK/out.json")))
  if [ "$1" = b ] || [ "$1" = o ]; then
    SYMBOLIZED=$((SYMBOLIZED + $(grep -c '"symbols":"[^"]*work_batch; \[[0-9]*\]work_run; \[[0-9]*\]main; ' "$WORK/out.json" || true)))
    OTHER_STACK=$((OTHER_STACK + $(grep '"symbols":"' "$WORK/out.json" | grep -vc '"symbols":"[^"]*work_batch; \[[0-9]*\]work_run; \[[0-9]*\]main; ' || true)))
    n="$(grep -c 'stack unavailable' "$WORK/out.json" || true)"
    UNAVAILABLE=$((UNAVAILABLE + n))
    if [ "$1" = o ]; then UNAVAILABLE_O=$((UNAVAILABLE_O + n)); fi
    BYBUILDID=$((BYBUILDID + $(grep -c 'frames resolved by build id' "$WORK/out.json" || true)))
  fi
}

# per_event S1 S2 EVENTS IDLE0 IDLE1 FIELD: ig CPU µs per event between samples S1 and S2, minus
# the idle rate measured between IDLE0 and IDLE1 (FIELD 2: stat, 3: cgroup).
per_event() {
  awk -v s1="$1" -v s2="$2" -v n="$3" -v i0="$4" -v i1="$5" -v f="$6" 'BEGIN {
    split(s1, a, " "); split(s2, b, " "); split(i0, c, " "); split(i1, d, " ")
    if (a[f] < 0 || n <= 0) { print "nan"; exit }
    idle = (d[f] - c[f]) / ((d[1] - c[1]) / 1e9)          # µs of CPU per second, idle
    used = (b[f] - a[f]) - idle * ((b[1] - a[1]) / 1e9)
    printf "%.1f\n", used / n }'
}
idle_rate() { awk -v i0="$1" -v i1="$2" -v f="$3" 'BEGIN { split(i0, c, " "); split(i1, d, " "); if (c[f] < 0) print "nan"; else printf "%.1f\n", (d[f] - c[f]) / ((d[1] - c[1]) / 1e9) / 1000 }'; }

wl_field() { sed -n "s/.*ustack_work: op=$1 .* $2=\\([0-9.]*\\).*/\\1/p" "$3" | awk '$1 != 0' | tail -n1; }

PHASES="read x </ctl/go; /b/ustack_work getppid $M; /b/ustack_work mkdir 0 $BATCH 0 /scratch $HOLD_MS;
        read x </ctl/go; /b/ustack_work mkdir $N $BATCH $PAUSE_US /scratch $HOLD_MS"

# run_cfg CFG ROUND: one measurement of configuration a, b or c; sets mk_CFG (median batch),
# mkm_CFG (mean of all batches), gp_CFG, hp_CFG (getppid in a host process) and (a, b)
# ev_CFG / evc_CFG (ig µs per event, stat / cgroup) and idle_CFG / idlec_CFG (ms/s).
run_cfg() {
  local cfg="$1" name="${PREFIX}$1-$2" s_idle0 s_idle1 s_end before after want
  case "$cfg" in
    a) start_ig "$name" ;;
    b) start_ig "$name" --collect-ustack ;;
    o) BIN="$IG_BEFORE" start_ig "$name" --collect-ustack ;;
  esac
  start_container "$name" "$PHASES"
  [ "$cfg" = c ] || ig_watching "$name" "$cfg"
  # The same loop in a host process (ig's programs return at once for the host mntns).
  taskset -c "$CPU_WL" "$WORK/bin/ustack_work" getppid "$M" >"$WORK/host.out"
  printf -v "hp_$cfg" '%s' "$(wl_field getppid ns_per_op "$WORK/host.out")"
  if [ "$cfg" != c ]; then
    go "$name"
    wait_lines "$WORK/out.json" "$BATCH" 30 || say "($cfg) only $(wc -l <"$WORK/out.json") of the $BATCH warm-up records"
    s_idle0="$(sample "$IG_PID")"
    sleep 1
    before=$(wc -l <"$WORK/out.json")
    s_idle1="$(sample "$IG_PID")"
    go "$name"
    want=$((2 * BATCH + N))
    wait_lines "$WORK/out.json" "$want" 90 || say "($cfg) ig printed $(wc -l <"$WORK/out.json") of $want records"
    s_end="$(sample "$IG_PID")"
    after=$(wc -l <"$WORK/out.json")
    EXPECTED=$((EXPECTED + want))
    printf -v "ev_$cfg" '%s' "$(per_event "$s_idle1" "$s_end" $((after - before)) "$s_idle0" "$s_idle1" 2)"
    printf -v "evc_$cfg" '%s' "$(per_event "$s_idle1" "$s_end" $((after - before)) "$s_idle0" "$s_idle1" 3)"
    printf -v "idle_$cfg" '%s' "$(idle_rate "$s_idle0" "$s_idle1" 2)"
    printf -v "idlec_$cfg" '%s' "$(idle_rate "$s_idle0" "$s_idle1" 3)"
  else
    go "$name"
    sleep 1
    go "$name"
  fi
  timeout 90 "$DOCKER" wait "$name" >"$WORK/rc" || die "container $name did not finish"
  "$DOCKER" logs "$name" >"$WORK/wl.out" 2>&1
  "$DOCKER" rm -f "$name" >/dev/null 2>&1 || true
  [ "$(cat "$WORK/rc")" = 0 ] || { cat "$WORK/wl.out" >&2; die "the workload of $name failed"; }
  [ "$cfg" = c ] || finish_ig "$cfg"
  printf -v "mk_$cfg" '%s' "$(wl_field mkdir median_ns_per_op "$WORK/wl.out")"
  printf -v "mkm_$cfg" '%s' "$(wl_field mkdir ns_per_op "$WORK/wl.out")"
  printf -v "gp_$cfg" '%s' "$(wl_field getppid ns_per_op "$WORK/wl.out")"
}

# run_cold CFG I: a fresh ig, a container making exactly one mkdir; sets cold_CFG / coldc_CFG.
run_cold() {
  local cfg="$1" name="${PREFIX}cold-$1-$2" s_idle0 s_idle1 s_end
  case "$cfg" in
    a) start_ig "$name" ;;
    b) start_ig "$name" --collect-ustack ;;
  esac
  start_container "$name" "read x </ctl/go; /b/ustack_work mkdir 0 1 0 /scratch $HOLD_MS"
  ig_watching "$name" "$cfg"
  s_idle0="$(sample "$IG_PID")"
  sleep 1
  s_idle1="$(sample "$IG_PID")"
  go "$name"
  wait_lines "$WORK/out.json" 1 30 || say "(cold $cfg) ig printed no record"
  s_end="$(sample "$IG_PID")"
  EXPECTED=$((EXPECTED + 1))
  printf -v "cold_$cfg" '%s' "$(per_event "$s_idle1" "$s_end" 1 "$s_idle0" "$s_idle1" 2)"
  printf -v "coldc_$cfg" '%s' "$(per_event "$s_idle1" "$s_end" 1 "$s_idle0" "$s_idle1" 3)"
  timeout 30 "$DOCKER" wait "$name" >/dev/null || die "container $name did not finish"
  "$DOCKER" rm -f "$name" >/dev/null 2>&1 || true
  finish_ig "$cfg"
}

MK_A=() MK_B=() MK_C=() MKM_A=() MKM_B=() MKM_C=() GP_A=() GP_B=() GP_C=() HP_A=() HP_B=() HP_C=() EV_A=() EV_B=() EVC_A=() EVC_B=() IDLE_A=() IDLE_B=()
MK_O=() MKM_O=() GP_O=() HP_O=() EVC_O=()
CFGS="a b c"
[ -z "${IG_BEFORE:-}" ] || { [ -x "$IG_BEFORE" ] || die "IG_BEFORE=$IG_BEFORE is not an executable"; CFGS="a b c o"; }
say "$ROUNDS rounds of (a) ig, (b) ig --collect-ustack, (c) no ig${IG_BEFORE:+, (o) $IG_BEFORE --collect-ustack}: getppid x $M, mkdir x $N (batches of $BATCH, ${PAUSE_US} µs pauses); workload on CPU $CPU_WL, ig on CPU $CPU_IG"
for r in $(seq 1 "$ROUNDS"); do
  for cfg in $CFGS; do run_cfg "$cfg" "$r"; done
  # shellcheck disable=SC2154 # mk_o ...: set by run_cfg (printf -v)
  [ -z "${IG_BEFORE:-}" ] || { MK_O+=("$mk_o") MKM_O+=("$mkm_o") GP_O+=("$gp_o") HP_O+=("$hp_o") EVC_O+=("$evc_o"); say "round $r (o): mkdir $mk_o/$mkm_o getppid $gp_o host $hp_o ig µs/event $ev_o/$evc_o"; }
  MK_A+=("$mk_a") MK_B+=("$mk_b") MK_C+=("$mk_c") MKM_A+=("$mkm_a") MKM_B+=("$mkm_b") MKM_C+=("$mkm_c") GP_A+=("$gp_a") GP_B+=("$gp_b") GP_C+=("$gp_c")
  HP_A+=("$hp_a") HP_B+=("$hp_b") HP_C+=("$hp_c")
  EV_A+=("$ev_a") EV_B+=("$ev_b") EVC_A+=("$evc_a") EVC_B+=("$evc_b") IDLE_A+=("$idlec_a") IDLE_B+=("$idlec_b")
  # shellcheck disable=SC2154 # idle_a, idle_b: set by run_cfg (printf -v)
  [ -n "$CG" ] || IDLE_A[-1]="$idle_a" IDLE_B[-1]="$idle_b"
  say "round $r: mkdir ns (median batch / mean) a=$mk_a/$mkm_a b=$mk_b/$mkm_b c=$mk_c/$mkm_c; getppid ns a=$gp_a b=$gp_b c=$gp_c (host a=$hp_a b=$hp_b c=$hp_c); ig µs/event a=$ev_a/$evc_a b=$ev_b/$evc_b (stat/cgroup)"
done

COLD_A=() COLD_B=() COLDC_A=() COLDC_B=()
say "$COLD cold runs each of (a) and (b): a fresh ig, one mkdir"
for i in $(seq 1 "$COLD"); do
  for cfg in a b; do run_cold "$cfg" "$i"; done
  COLD_A+=("$cold_a") COLD_B+=("$cold_b") COLDC_A+=("$coldc_a") COLDC_B+=("$coldc_b")
  say "cold $i: ig µs for the one event a=$cold_a/$coldc_a b=$cold_b/$coldc_b (stat/cgroup)"
done

m() { median "$@"; }
range() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }
mka="$(m "${MK_A[@]}")" mkb="$(m "${MK_B[@]}")" mkc="$(m "${MK_C[@]}")"
mkma="$(m "${MKM_A[@]}")" mkmb="$(m "${MKM_B[@]}")" mkmc="$(m "${MKM_C[@]}")"
gpa="$(m "${GP_A[@]}")" gpb="$(m "${GP_B[@]}")" gpc="$(m "${GP_C[@]}")"
hpa="$(m "${HP_A[@]}")" hpb="$(m "${HP_B[@]}")" hpc="$(m "${HP_C[@]}")"
if [ -n "$CG" ]; then
  eva="$(m "${EVC_A[@]}")" evb="$(m "${EVC_B[@]}")" cda="$(m "${COLDC_A[@]}")" cdb="$(m "${COLDC_B[@]}")" SRC="cgroup cpu.stat usage_usec"
else
  eva="$(m "${EV_A[@]}")" evb="$(m "${EV_B[@]}")" cda="$(m "${COLD_A[@]}")" cdb="$(m "${COLD_B[@]}")" SRC="/proc/PID/stat utime+stime"
fi
sa="$(m "${EV_A[@]}")" sb="$(m "${EV_B[@]}")" sca="$(m "${COLD_A[@]}")" scb="$(m "${COLD_B[@]}")"
wrow() { printf '%-52s %10.1f %+9.1f %7s %7s   %s\n' "$1" "$2" "$(awk -v x="$2" -v a="$3" 'BEGIN { print x - a }')" "$(ratio "$2" "$3")" "$(ratio "$2" "$4")" "$5"; }
# per_round X Y: "median [min-max]" of the per-round ratios X[i]/Y[i] (arrays by name).
per_round() {
  local -n x="$1" y="$2"
  local i rs=()
  for i in "${!x[@]}"; do rs+=("$(ratio "${x[$i]}" "${y[$i]}")"); done
  echo "$(median "${rs[@]}") [$(range "${rs[@]}")]"
}
irow() { printf '%-52s %10.1f %10.1f %6s   %s\n' "$1" "$2" "$3" "$4" "$5"; }

echo
echo "ustack_cost: ig run audit_seccomp -o json (--runtimes $RUNTIMES), $(nproc) CPUs, $(uname -r); workload on CPU $CPU_WL, ig on CPU $CPU_IG"
printf '%-52s %10s %9s %7s %7s   %s\n' "workload in the container (median of $ROUNDS rounds)" "ns/call" "vs (a)" "x(a)" "x(c)" "rounds"
wrow "mkdir, logged, median batch (a) ig" "$mka" "$mka" "$mkc" "$(range "${MK_A[@]}")"
wrow "                            (b) ig --collect-ustack" "$mkb" "$mka" "$mkc" "$(range "${MK_B[@]}")"
wrow "                            (c) no ig" "$mkc" "$mka" "$mkc" "$(range "${MK_C[@]}")"
wrow "mkdir, logged, all batches  (a) ig" "$mkma" "$mkma" "$mkmc" "$(range "${MKM_A[@]}")"
wrow "                            (b) ig --collect-ustack" "$mkmb" "$mkma" "$mkmc" "$(range "${MKM_B[@]}")"
wrow "                            (c) no ig" "$mkmc" "$mkma" "$mkmc" "$(range "${MKM_C[@]}")"
wrow "getppid, unwatched          (a) ig" "$gpa" "$gpa" "$gpc" "$(range "${GP_A[@]}")"
wrow "                            (b) ig --collect-ustack" "$gpb" "$gpa" "$gpc" "$(range "${GP_B[@]}")"
wrow "                            (c) no ig" "$gpc" "$gpa" "$gpc" "$(range "${GP_C[@]}")"
wrow "getppid, host process       (a) ig" "$hpa" "$hpa" "$hpc" "$(range "${HP_A[@]}")"
wrow "                            (b) ig --collect-ustack" "$hpb" "$hpa" "$hpc" "$(range "${HP_B[@]}")"
wrow "                            (c) no ig" "$hpc" "$hpa" "$hpc" "$(range "${HP_C[@]}")"
if [ -n "${IG_BEFORE:-}" ]; then
  mko="$(m "${MK_O[@]}")" mkmo="$(m "${MKM_O[@]}")" gpo="$(m "${GP_O[@]}")" hpo="$(m "${HP_O[@]}")"
  wrow "mkdir, logged, median batch (o) before --collect-ustack" "$mko" "$mka" "$mkc" "$(range "${MK_O[@]}")"
  wrow "mkdir, logged, all batches  (o) before --collect-ustack" "$mkmo" "$mkma" "$mkmc" "$(range "${MKM_O[@]}")"
  wrow "getppid, unwatched          (o) before --collect-ustack" "$gpo" "$gpa" "$gpc" "$(range "${GP_O[@]}")"
  wrow "getppid, host process       (o) before --collect-ustack" "$hpo" "$hpa" "$hpc" "$(range "${HP_O[@]}")"
  echo "before (o) vs after (b), x(c): mkdir median batch $(ratio "$mko" "$mkc") -> $(ratio "$mkb" "$mkc"); container getppid $(ratio "$gpo" "$gpc") -> $(ratio "$gpb" "$gpc"); host getppid $(ratio "$hpo" "$hpc") -> $(ratio "$hpb" "$hpc")"
  echo "median of per-round ratios [range]: mkdir (b)/(o) $(per_round MK_B MK_O); getppid (b)/(o) $(per_round GP_B GP_O), (o)/(c) $(per_round GP_O GP_C); host getppid (b)/(o) $(per_round HP_B HP_O), (o)/(c) $(per_round HP_O HP_C)"
fi
echo "stack capture per watched mkdir (median batch): (b)-(a) = $(awk -v a="$mka" -v b="$mkb" 'BEGIN { printf "%+.0f", b - a }') ns, (b)/(a) = $(ratio "$mkb" "$mka"), (b)/(c) = $(ratio "$mkb" "$mkc"); per unwatched getppid: (b)/(a) = $(ratio "$gpb" "$gpa"), (b)/(c) = $(ratio "$gpb" "$gpc"); per host getppid: (b)/(a) = $(ratio "$hpb" "$hpa")"
echo "median of per-round ratios [range]: mkdir (b)/(a) $(per_round MK_B MK_A), (b)/(c) $(per_round MK_B MK_C); getppid (b)/(a) $(per_round GP_B GP_A), (b)/(c) $(per_round GP_B GP_C); host getppid (b)/(a) $(per_round HP_B HP_A)"
echo
echo "ig CPU per record ($SRC, idle subtracted)"
printf '%-52s %10s %10s %6s   %s\n' "" "µs/event" "stat µs" "x(a)" "per run: µs/event (stat)"
irow "warm, no stacks (a)       [median of $ROUNDS]" "$eva" "$sa" "1.00" "$(range "${EVC_A[@]}") (stat $(range "${EV_A[@]}"))"
irow "warm, --collect-ustack (b) [median of $ROUNDS]" "$evb" "$sb" "$(ratio "$evb" "$eva")" "$(range "${EVC_B[@]}") (stat $(range "${EV_B[@]}"))"
irow "cold, no stacks (a)       [median of $COLD]" "$cda" "$sca" "$(ratio "$cda" "$eva")" "$(range "${COLDC_A[@]}") (stat $(range "${COLD_A[@]}"))"
irow "cold, --collect-ustack (b) [median of $COLD]" "$cdb" "$scb" "$(ratio "$cdb" "$eva")" "$(range "${COLDC_B[@]}") (stat $(range "${COLD_B[@]}"))"
[ -n "$CG" ] && EVR="$(per_round EVC_B EVC_A)" || EVR="$(per_round EV_B EV_A)"
echo "symbolized event: warm (b)/(a) = $(ratio "$evb" "$eva") (per round: $EVR), cold (b)/(a) = $(ratio "$cdb" "$cda"), cold/warm with stacks = $(ratio "$cdb" "$evb"), first stack costs $(awk -v a="$cda" -v b="$cdb" 'BEGIN { printf "%.0f", b - a }') µs more than a first record without"
echo "ig idle CPU (ms per s, median): (a) $(m "${IDLE_A[@]}"), (b) $(m "${IDLE_B[@]}")"
echo "records: $PRINTED printed of $EXPECTED expected; with --collect-ustack: $SYMBOLIZED symbolized (work_batch; work_run; main), $OTHER_STACK other stacks, $UNAVAILABLE 'stack unavailable' ($UNAVAILABLE_O of them by (o)) ($BYBUILDID resolved by build id)"
if [ "${#LOST_LINES[@]}" -gt 0 ]; then
  echo "ig warnings (stderr):"
  printf '  %s\n' "${LOST_LINES[@]}" | sort | uniq -c | sed 's/^ */  /'
else
  echo "ig warnings (stderr): none (no 'lost' records or stacks)"
fi
