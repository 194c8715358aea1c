#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for SECONDS seconds each (default 60), coverage-guided with
# libFuzzer (the libfuzzer-sys crate) on the stable toolchain: the coverage instrumentation is
# LLVM's SanitizerCoverage, switched on with stable `-C` flags, so neither nightly nor
# cargo-fuzz is needed. Seeds come from fuzz/corpus/TARGET (committed); what the fuzzer adds
# goes to target/fuzz-corpus/TARGET (not committed). A crash leaves its input in
# fuzz/artifacts/TARGET/ and makes the script fail; turn it into a unit test and fix the bug.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
secs="${1:-60}"
shift || true
case "$secs" in
  ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...] (SECONDS is a whole number)" >&2; exit 2 ;;
esac
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^ig-fuzz$')
fi

triple="$(rustc -vV | sed -n 's/^host: //p')"
# --target keeps the flags off build scripts and proc macros.
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"
echo "== building fuzz targets (fuzz/target, instrumented)" >&2
(cd fuzz && cargo build --quiet --release --target "$triple" --bins)

failed=()
for t in "${targets[@]}"; do
  bin="fuzz/target/$triple/release/$t"
  [ -x "$bin" ] || { echo "no fuzz target named $t (see fuzz/Cargo.toml)" >&2; exit 2; }
  mkdir -p "target/fuzz-corpus/$t" "fuzz/artifacts/$t" "fuzz/corpus/$t"
  echo "== fuzzing $t for ${secs}s" >&2
  if ! "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$t/" \
      "target/fuzz-corpus/$t" "fuzz/corpus/$t" 2> "target/fuzz-$t.log"; then
    failed+=("$t")
    tail -n 40 "target/fuzz-$t.log" >&2
  fi
  grep -E '^stat::number_of_executed_units|^stat::new_units_added|cov: ' "target/fuzz-$t.log" \
    | tail -n 3 | sed "s/^/  $t: /" >&2
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz targets that crashed: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
