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

# The kernel-dependent privileged tests again on Debian's stock kernels, each in a VM
# (scripts/vm.sh, docs/kernels.md). IG_VM_KERNELS="" skips this stage outside CI.
KERNELS=${IG_VM_KERNELS-6.1 6.12}
if [ "${CI:-}" = true ] && [ -z "$KERNELS" ]; then
  echo "IG_VM_KERNELS is empty: CI runs the stock-kernel stage" >&2; exit 1
fi
if [ -n "$KERNELS" ]; then
  echo "== tests on stock kernels: $KERNELS" >&2
  # The integration test binary (tests/it/main.rs): "it PATH".
  cargo test --no-run 2>&1 | sed -n 's|^ *Executable tests/\([a-z_]*\)/main\.rs (\(.*\))$|\1 '"$PWD"'/\2|p' \
    >target/vm-tests.list
  vm_failed=()
  for k in $KERNELS; do
    t0=$(date +%s)
    if bash scripts/vm.sh "$k" -- bash scripts/vm-tests.sh target/vm-tests.list 2>&1 \
      | tee "target/vm-$k-output.txt"; then :; else vm_failed+=("$k"); fi
    echo "== kernel $k: $(( $(date +%s) - t0 )) s" >&2
    if grep -a "^IG-TEST-SKIP" "target/vm-$k-output.txt" >&2 && [ "${IG_TEST_STRICT:-}" = 1 ]; then
      vm_failed+=("$k (skipped tests)")
    fi
    # Booted with audit=0: what each audit_seccomp source says (no daemons needed).
    t0=$(date +%s)
    if IG_VM_CMDLINE=audit=0 IG_VM_NO_DOCKER=1 bash scripts/vm.sh "$k" -- \
      bash scripts/vm-tests.sh target/vm-tests.list audit-off 2>&1 | tee "target/vm-$k-audit0-output.txt"; then :
    else vm_failed+=("$k audit=0"); fi
    echo "== kernel $k with audit=0: $(( $(date +%s) - t0 )) s" >&2
  done
  if [ "${#vm_failed[@]}" -gt 0 ]; then
    echo "stock-kernel tests failed: ${vm_failed[*]}" >&2
    exit 1
  fi
fi
