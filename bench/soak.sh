#!/usr/bin/env bash
# Churn soak: CONTAINERS short-lived containers (half runc, half crun) and NAMESPACES bare
# mount namespaces (`unshare -m true`) while a foreground `ig seccomp-advisor`, a background
# recording (`ig seccomp-advisor start`) and `ig run audit_seccomp -o json` run. Reports each
# ig process's RSS and the entries of the advisors' namespace map (ig_syscalls) at start,
# middle and end; checks every container got a profile from both advisors, every logged
# syscall reached the audit stream, and that ig reported no loss.
# Usage: sudo bench/soak.sh [CONTAINERS] [NAMESPACES]   (default 500 1000; quick: 40 100)
# Env: IG, DOCKER, IMAGE (see bench/README.md), PAR (parallel `docker run`s, default 6),
# SETTLE (seconds to wait after the churn for garbage collection, default 15).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

CONTAINERS="${1:-500}"
NAMESPACES="${2:-1000}"
PAR="${PAR:-6}"
SETTLE="${SETTLE:-15}"
[[ "$CONTAINERS" =~ ^[0-9]+$ && "$CONTAINERS" -ge 2 ]] || { echo "usage: $0 [CONTAINERS>=2] [NAMESPACES]" >&2; exit 2; }
[[ "$NAMESPACES" =~ ^[0-9]+$ ]] || { echo "usage: $0 [CONTAINERS>=2] [NAMESPACES]" >&2; exit 2; }

need_root
need_docker
need_tool gcc "apt-get install -y gcc"
need_tool unshare "apt-get install -y util-linux"
[ -f /usr/include/bpf/bpf.h ] || die "libbpf headers not found; install them: apt-get install -y libbpf-dev"
"$DOCKER" info --format '{{json .Runtimes}}' | grep -q '"crun"' ||
  die "Docker has no runtime named crun: install crun and register it in /etc/docker/daemon.json (\"runtimes\": {\"crun\": {\"path\": \"/usr/bin/crun\"}})"
need_ig

RUN="$(date +%H%M%S)-$$"
PREFIX="ig-soak-$RUN"
TMP="$(mktemp -d /tmp/ig-soak.XXXXXX)"
FG_PID="" AU_PID="" BG_ID="" BG_PID="" NS_PID=""

cleanup() {
  set +e
  [ -n "$NS_PID" ] && kill "$NS_PID" 2>/dev/null && wait "$NS_PID" 2>/dev/null
  local ids
  ids="$("$DOCKER" ps -aq --filter "name=^$PREFIX-" 2>/dev/null)"
  [ -n "$ids" ] && "$DOCKER" rm -f $ids >/dev/null 2>&1
  stop_pid "$FG_PID"
  stop_pid "$AU_PID"
  [ -n "$BG_ID" ] && "$IG" seccomp-advisor stop "$BG_ID" >/dev/null 2>&1
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

gcc -O2 -o "$TMP/map_entries" "$REPO/bench/map_entries.c" -lbpf || die "building map_entries failed"

# Half the containers with each runtime; every 5th logs mkdir through its seccomp profile.
names=()
for ((i = 1; i <= CONTAINERS; i++)); do names+=("$PREFIX-$i"); done
# A name that never runs keeps both advisors recording until the end (with every named
# container seen and exited they would finish by themselves).
NAMELIST="$(IFS=,; echo "${names[*]}"),$PREFIX-sentinel"
LOGGED=$(( (CONTAINERS + 4) / 5 ))
cat >"$TMP/log-mkdir.json" <<'J'
{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"action":"SCMP_ACT_LOG","names":["mkdir","mkdirat"]}]}
J

# rss PID: VmRSS in KiB (0 when gone).
rss() { awk '/^VmRSS:/ { print $2; f = 1 } END { if (!f) print 0 }' "/proc/$1/status" 2>/dev/null || echo 0; }
# ns_entries PID: "entries/max" of the ig_syscalls map the process holds ("-" if none).
ns_entries() {
  local ids
  ids="$(grep -h '^map_id:' /proc/"$1"/fdinfo/* 2>/dev/null | awk '{ print $2 }' | sort -un | tr '\n' ' ')"
  [ -n "$ids" ] || { echo -; return; }
  # shellcheck disable=SC2086
  "$TMP/map_entries" $ids 2>/dev/null | awk '$2 == "ig_syscalls" { print $3 "/" $4; f = 1 } END { if (!f) print "-" }'
}
SAMPLES=()
sample() {
  local label="$1" p
  for p in "fg:$FG_PID" "bg:$BG_PID" "audit:$AU_PID"; do
    SAMPLES+=("$(printf '%-7s %-6s %10s %14s %10s' "$label" "${p%%:*}" "$(rss "${p#*:}")" "$(ns_entries "${p#*:}")" "$(date +%s)")")
  done
  say "sample $label: ${SAMPLES[*]: -3}"
}

say "soak $RUN: $CONTAINERS containers (runc/crun), $NAMESPACES bare mount namespaces, ig=$IG"
mkdir -p "$TMP/fg" "$TMP/bg"
"$IG" run audit_seccomp --runtimes docker -c "$NAMELIST" -o json >"$TMP/audit.out" 2>"$TMP/audit.err" &
AU_PID=$!
"$IG" seccomp-advisor --runtimes docker -c "$NAMELIST" --output-dir "$TMP/fg" >"$TMP/fg.out" 2>"$TMP/fg.err" &
FG_PID=$!
BG_ID="$("$IG" seccomp-advisor start --runtimes docker -c "$NAMELIST" --output-dir "$TMP/bg" 2>"$TMP/bg.err")" ||
  die "ig seccomp-advisor start failed: $(cat "$TMP/bg.err")"
BG_PID="$(cat "/run/ig/seccomp-advisor/$BG_ID/pid" 2>/dev/null)" || die "no pid for background recording $BG_ID"
wait_for_line "$TMP/audit.err" "ig: source:" 60 "$AU_PID" || die "audit stream did not start"
wait_for_line "$TMP/fg.err" "waiting for a matching container" 60 "$FG_PID" || die "advisor did not start"
sleep 2
sample start

run_one() {
  local i="$1" rt=runc sec=()
  ((i % 2)) && rt=crun
  ((i % 5 == 0)) && sec=(--security-opt "seccomp=$TMP/log-mkdir.json")
  "$DOCKER" run --rm --name "$PREFIX-$i" --runtime "$rt" "${sec[@]}" --network none "$IMAGE" \
    sh -c 'mkdir /tmp/ig-soak; cat /proc/self/status >/dev/null' >/dev/null 2>>"$TMP/docker.err" ||
    echo "$PREFIX-$i" >>"$TMP/failed"
}
namespaces() {
  local j
  for ((j = 1; j <= NAMESPACES; j++)); do unshare -m true; ((j % 50)) || sleep 0.05; done
}

T0=$(date +%s)
namespaces &
NS_PID=$!
half=$((CONTAINERS / 2))
running=()
for ((i = 1; i <= CONTAINERS; i++)); do
  run_one "$i" &
  running+=($!)
  # At most PAR `docker run`s at once (the ig processes are jobs too: track our own pids).
  while ((${#running[@]} >= PAR)); do
    sleep 0.1
    alive=()
    for p in "${running[@]}"; do kill -0 "$p" 2>/dev/null && alive+=("$p") || wait "$p" 2>/dev/null || true; done
    running=("${alive[@]}")
  done
  if ((i == half)); then sample middle; fi
  ((i % 50)) || say "$i containers started"
done
for p in "${running[@]}"; do wait "$p" 2>/dev/null || true; done
wait "$NS_PID" 2>/dev/null || true
NS_PID=""
T1=$(date +%s)
say "churn done in $((T1 - T0)) s; settling ${SETTLE}s for garbage collection"
sleep "$SETTLE"
sample end

fg_alive=no; kill -0 "$FG_PID" 2>/dev/null && fg_alive=yes
stop_pid "$FG_PID"; FG_PID=""
"$IG" seccomp-advisor stop "$BG_ID" >"$TMP/bg.out" 2>>"$TMP/bg.err" || say "stop $BG_ID failed"
BG_ID=""
stop_pid "$AU_PID"; AU_PID=""

failed=0; [ -f "$TMP/failed" ] && failed=$(wc -l <"$TMP/failed")
started=$((CONTAINERS - failed))
fg_n=$(find "$TMP/fg" -type f | wc -l)
bg_n=$(find "$TMP/bg" -type f | wc -l)
# Profiles written after garbage collection removed the exited containers' map entries must
# still hold what they recorded: every workload made a mkdir.
fg_mk=$(grep -l '"mkdir' "$TMP"/fg/* 2>/dev/null | wc -l)
bg_mk=$(grep -l '"mkdir' "$TMP"/bg/* 2>/dev/null | wc -l)
# Containers whose profile was missed: names absent from the files (each file names its container).
missing_of() { local d="$1" n; for n in "${names[@]}"; do
  grep -q "^$n$" "$TMP/failed" 2>/dev/null && continue
  [ -e "$d/$n.json" ] || echo "$n"; done; }
audit_n=$(grep -c '"syscall"' "$TMP/audit.out" || true)
audit_names=$(grep -o "\"$PREFIX-[0-9]*\"" "$TMP/audit.out" | sort -u | wc -l)
logged_started=0
for ((i = 5; i <= CONTAINERS; i += 5)); do grep -q "^$PREFIX-$i$" "$TMP/failed" 2>/dev/null || logged_started=$((logged_started + 1)); done

echo "soak: $CONTAINERS containers ($((CONTAINERS - CONTAINERS / 2)) crun, $((CONTAINERS / 2)) runc, $started started), $NAMESPACES bare mount namespaces, churn $((T1 - T0)) s, $(nproc) CPUs, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "when    ig     VmRSS KiB  ig_syscalls/max"
for s in "${SAMPLES[@]}"; do echo "$s" | awk '{ printf "%-7s %-6s %10s %16s\n", $1, $2, $3, $4 }'; done
echo "profiles: foreground $fg_n of $started (running until stopped: $fg_alive; $fg_mk list mkdir), background $bg_n of $started ($bg_mk list mkdir)"
echo "audit: $audit_n records from $audit_names containers; $logged_started containers logged mkdir"
m="$(missing_of "$TMP/fg" | head -5 | tr '\n' ' ' || true)"; [ -n "$m" ] && echo "foreground missed: $m..."
m="$(missing_of "$TMP/bg" | head -5 | tr '\n' ' ' || true)"; [ -n "$m" ] && echo "background missed: $m..."
for f in fg bg audit; do
  w="$(grep -iE 'warn|lost|drop|full|error' "$TMP/$f.err" | grep -v '^ig: source:' | sort | uniq -c | sort -rn | head -5 || true)"
  echo "ig $f stderr warnings: ${w:-none}"
done
[ "$failed" -gt 0 ] && echo "docker run failed for $failed containers: $(sort "$TMP/docker.err" | uniq -c | sort -rn | head -3)"
ok=yes
[ "$fg_n" -eq "$started" ] || ok=no
[ "$bg_n" -eq "$started" ] || ok=no
[ "$fg_mk" -eq "$started" ] && [ "$bg_mk" -eq "$started" ] || ok=no
[ "$audit_names" -eq "$logged_started" ] || ok=no
[ "$fg_alive" = yes ] || ok=no
echo "every container profiled and audited, the advisor alive to the end: $ok"
[ "$ok" = yes ]
