#!/usr/bin/env bash
# Runs, inside a stock-kernel VM (scripts/vm.sh), the privileged tests whose outcome depends
# on the kernel: attachment paths and `ig features`, both audit_seccomp sources, user stacks,
# attribution, the advisor with its least-privilege profiles under runc and crun, and ig in
# its image (HOST_ROOT, --pid=host) naming a stack through the host's mounts.
# Usage (from scripts/test.sh): scripts/vm.sh 6.1 -- scripts/vm-tests.sh target/vm-tests.list
# The list holds "NAME PATH" lines: each test target and its built executable
# (`cargo test --no-run`); the tests are in the one target `it` (tests/it/main.rs), chosen
# below by module and exact name. Prints IG-TEST-SKIP lines like the host run; exit 1 on a
# failure.
# With a second argument "audit-off" (a guest booted with audit=0), only the test of what
# each audit_seccomp source says then.
set -uo pipefail
list=$1
declare -A bins=()
while read -r name path; do bins[$name]=$path; done <"$list"

# module  test names in it (exact: MODULE::NAME; every one must run)
CHOSEN=(
  "kernels features_match_what_this_kernel_allows audit_seccomp_picks_the_source_this_kernel_allows audit_off_at_boot_is_said_by_each_source"
  "ebpf every_sys_enter_attachment_records a_full_namespace_map_is_counted audit_programs_verify_and_exits_are_remembered"
  "audit_seccomp container_records_match_the_kernel_one_for_one ebpf_source_records_match_the_kernel_one_for_one every_logged_action_matches_the_kernel_from_each_source"
  "collect_ustack logged_and_killed_syscalls_carry_their_symbolized_stack static_program_stopped_at_its_first_syscall_keeps_its_stack first_syscall_of_a_never_seen_container_has_its_stack"
  "advise_seccomp container_recorded_from_start_runs_under_its_profile crun_container_profile_leaves_runtime_setup_out_and_runs"
  "deploy image_names_a_static_program_stopped_at_its_first_syscall"
)
if [ "${2:-}" = audit-off ]; then
  CHOSEN=("kernels audit_off_at_boot_is_said_by_each_source")
fi
failed=0
for line in "${CHOSEN[@]}"; do
  set -- $line
  module=$1
  shift
  bin=${bins[it]:-}
  [ -n "$bin" ] || { echo "vm-tests: no executable for test target it in $list"; failed=1; break; }
  names=()
  for n in "$@"; do names+=("$module::$n"); done
  t0=$(cut -d' ' -f1 /proc/uptime)
  "$bin" --exact --test-threads=1 "${names[@]}" 2>&1 | tee /tmp/vm-test-out.txt
  rc=${PIPESTATUS[0]}
  ran=$(grep -c '^test .* \.\.\. ok$' /tmp/vm-test-out.txt)
  echo "vm-tests: $module: exit $rc, $ran/$# passed in $(awk -v a="$t0" '{ printf "%.0f", $1 - a }' /proc/uptime) s"
  [ "$rc" = 0 ] && [ "$ran" = $# ] || failed=1
done
exit "$failed"
