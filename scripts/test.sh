#!/usr/bin/env bash
# Runs every test of ig: prepares the machine (scripts/test-env.sh: packages, containerd,
# dockerd, test image), then formatting, lints, stale generated files, and the unit,
# privileged and Docker tests. Run as root on Debian: `sudo scripts/test.sh`.
# In CI (CI=true) a test that cannot run here fails instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/test-env.sh

echo "== cargo fmt --check" >&2
cargo fmt --check
echo "== cargo clippy --all-targets -- -D warnings" >&2
cargo clippy --all-targets --quiet -- -D warnings
echo "== completions and man page are up to date" >&2
bash scripts/gen-completions.sh --check
echo "== cargo test" >&2
# The privileged tests need the test image and root; IG_TEST_STRICT makes a skip a failure.
if [ "${CI:-}" = true ]; then export IG_TEST_STRICT=1; fi
cargo test --no-fail-fast -- --test-threads=2 2>&1 | tee target/test-output.txt
echo "== fuzz smoke run (scripts/fuzz.sh: every target for 10 s)" >&2
bash scripts/fuzz.sh 10
if grep -q '^IG-TEST-SKIP' target/test-output.txt; then
  echo "some tests were skipped:" >&2
  grep '^IG-TEST-SKIP' target/test-output.txt >&2
  [ "${IG_TEST_STRICT:-}" = 1 ] && exit 1
fi
