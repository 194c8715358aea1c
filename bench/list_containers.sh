#!/usr/bin/env bash
# Benchmark: `ig list-containers -o json` against `docker ps --no-trunc --format '{{json .}}'`
# with 50 running containers, side by side in one hyperfine run. Reports both means and the
# ratio ig/docker-ps, and fails if ig's JSON array lists fewer than the 50 containers.
#
# usage: sudo bench/list_containers.sh
# env:   IG=/path/to/ig (default target/release/ig, built if missing)
#        DOCKER=/usr/bin/docker   COUNT=50   RUNS=10   IMAGE=ig-test-busybox:latest
set -euo pipefail
. "$(dirname "$0")/lib.sh"

COUNT="${COUNT:-50}"
RUNS="${RUNS:-10}"
PREFIX=bench-lc-

need_root
need_tool hyperfine "apt-get install -y hyperfine"
need_tool jq "apt-get install -y jq"
need_docker
need_ig

remove_containers() {
  local ids
  ids="$("$DOCKER" ps -aq --filter "name=^${PREFIX}" 2>/dev/null || true)"
  if [ -n "$ids" ]; then
    say "removing the ${PREFIX}* containers"
    # shellcheck disable=SC2086
    "$DOCKER" rm -f $ids >/dev/null 2>&1 || true
  fi
}
WORK="$(mktemp -d /tmp/ig-bench-lc.XXXXXX)"
cleanup() {
  remove_containers
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Leftovers of an interrupted run would skew the count.
remove_containers

say "starting $COUNT containers ($IMAGE sleep 600, names ${PREFIX}N)"
for i in $(seq 1 "$COUNT"); do
  "$DOCKER" run -d --name "${PREFIX}$i" "$IMAGE" sleep 600 >/dev/null
done
running="$("$DOCKER" ps -q --filter "name=^${PREFIX}" | wc -l)"
[ "$running" -ge "$COUNT" ] || die "only $running of $COUNT containers are running"

say "checking ig's output"
"$IG" list-containers -o json >"$WORK/ig.json" 2>"$WORK/ig.err" ||
  { cat "$WORK/ig.err" >&2; die "ig list-containers failed"; }
ig_total="$(jq 'length' "$WORK/ig.json")" || die "ig's output is not a JSON array"
ig_ours="$(jq --arg p "$PREFIX" '[.[] | select(tostring | test("\"/?" + $p + "[0-9]+\""))] | length' "$WORK/ig.json")"
docker_total="$("$DOCKER" ps --no-trunc --format '{{json .}}' | wc -l)"

say "timing (hyperfine, warmup 2, at least $RUNS runs each)"
hyperfine -N --warmup 2 --min-runs "$RUNS" --style basic \
  --export-json "$WORK/hf.json" \
  -n ig "$IG list-containers -o json" \
  -n docker-ps "$DOCKER ps --no-trunc --format '{{json .}}'" >&2

mean_ms() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .mean * 1000' "$WORK/hf.json"; }
sd_ms() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .stddev * 1000' "$WORK/hf.json"; }
median_ms() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .median * 1000' "$WORK/hf.json"; }
runs() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .times | length' "$WORK/hf.json"; }
ig_ms="$(mean_ms ig)"
dk_ms="$(mean_ms docker-ps)"
r="$(ratio "$ig_ms" "$dk_ms")"

echo
echo "list_containers: $COUNT running containers ($(nproc) CPUs, $(uname -r))"
printf '%-36s %9s %9s %9s %6s %7s\n' "command" "mean ms" "stddev" "median" "runs" "listed"
printf '%-36s %9.1f %9.1f %9.1f %6s %7s\n' "ig list-containers -o json" "$ig_ms" "$(sd_ms ig)" "$(median_ms ig)" "$(runs ig)" "$ig_total"
printf '%-36s %9.1f %9.1f %9.1f %6s %7s\n' "docker ps --no-trunc --format json" "$dk_ms" "$(sd_ms docker-ps)" "$(median_ms docker-ps)" "$(runs docker-ps)" "$docker_total"
echo "ratio ig/docker-ps (means): $r   (medians: $(ratio "$(median_ms ig)" "$(median_ms docker-ps)"))"

if [ "$ig_ours" -lt "$COUNT" ] || [ "$ig_total" -lt "$COUNT" ]; then
  echo "FAIL: ig listed $ig_total containers, $ig_ours of the $COUNT ${PREFIX}* ones"
  exit 1
fi
echo "OK: ig listed all $COUNT ${PREFIX}* containers ($ig_total in all)"
