# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ig_global_optspecs
    string join \n v/verbose h/help V/version
end

function __fish_ig_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ig_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ig_using_subcommand
    set -l cmd (__fish_ig_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ig -n "__fish_ig_needs_command" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ig -n "__fish_ig_needs_command" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_needs_command" -f -a "list-containers" -d 'List the running containers of every runtime, with pid and mount namespace'
complete -c ig -n "__fish_ig_needs_command" -f -a "seccomp-advisor" -d 'Record the syscalls of containers or of a command, and print seccomp profiles'
complete -c ig -n "__fish_ig_needs_command" -f -a "advise" -d 'Advisors (same as `ig seccomp-advisor` for seccomp profiles)'
complete -c ig -n "__fish_ig_needs_command" -f -a "run" -d 'Run a gadget by name'
complete -c ig -n "__fish_ig_needs_command" -f -a "features" -d 'Report which eBPF program types load and attach on this kernel'
complete -c ig -n "__fish_ig_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c ig -n "__fish_ig_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c ig -n "__fish_ig_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ig -n "__fish_ig_using_subcommand list-containers" -l runtimes -d 'Container runtimes to use (comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand list-containers" -l docker-socketpath -d 'Docker Engine API socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand list-containers" -l containerd-socketpath -d 'containerd gRPC socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand list-containers" -l containerd-namespace -d 'Only this containerd namespace (default: every namespace: k8s.io, moby, default, ...)' -r
complete -c ig -n "__fish_ig_using_subcommand list-containers" -s c -l containername -d 'Container names (runtime name, Kubernetes container name or id prefix; comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand list-containers" -s o -l output -d 'Output mode: columns, json, jsonpretty, yaml' -r
complete -c ig -n "__fish_ig_using_subcommand list-containers" -l timeout -d 'Stop watching after this many seconds' -r
complete -c ig -n "__fish_ig_using_subcommand list-containers" -s w -l watch -d 'Keep running and print containers as they start and stop'
complete -c ig -n "__fish_ig_using_subcommand list-containers" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand list-containers" -s h -l help -d 'Print help'
complete -c ig -n "__fish_ig_using_subcommand list-containers" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l runtimes -d 'Container runtimes to use (comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l docker-socketpath -d 'Docker Engine API socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l containerd-socketpath -d 'containerd gRPC socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l containerd-namespace -d 'Only this containerd namespace (default: every namespace: k8s.io, moby, default, ...)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -s c -l containername -d 'Container names (runtime name, Kubernetes container name or id prefix; comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -s n -l k8s-namespace -d 'Kubernetes namespace (io.kubernetes.pod.namespace label)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -s p -l k8s-podname -d 'Kubernetes pod name (io.kubernetes.pod.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l k8s-containername -d 'Kubernetes container name (io.kubernetes.container.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l timeout -d 'Stop recording after this many seconds' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l max-namespaces -d 'Size of the kernel map of mount namespaces (one entry per container seen)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l explain -d 'Write, per container, every syscall of its profile with who made it first (JSON)' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l learn-args -d 'Also learn the argument values of socket, clone, personality, ioctl, prctl and setsockopt (or of the SYSCALLS listed) and allow only the values seen' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l max-arg-values -d 'With --learn-args: distinct values kept per syscall and container; beyond them that syscall falls back to a name-only rule' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l default-action -d 'Action for syscalls that were not observed' -r -f -a "SCMP_ACT_ERRNO\t''
SCMP_ACT_KILL\t''
SCMP_ACT_KILL_PROCESS\t''
SCMP_ACT_KILL_THREAD\t''
SCMP_ACT_TRAP\t''
SCMP_ACT_LOG\t''"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l output-dir -d 'Write one profile file per container into this directory instead of stdout' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l base -d 'Merge this profile into every generated profile' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -s m -l output-mode -d 'Output mode of the profiles' -r -f -a "terminal\t'OCI / Docker seccomp profile JSON'
seccomp-profile\t'Security Profiles Operator SeccompProfile resource (YAML)'
talos\t'Talos machine config patch (machine.seccompProfiles) for `talosctl patch mc -p @FILE`'"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l seccomp-profile-name -d 'Name of the SeccompProfile resource (NAME or NAMESPACE/NAME) with -m seccomp-profile, or of the profile file (NAME.json) with -m talos' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l spo-api-version -d 'API version of the SeccompProfile resource (v1beta1 for older operators)' -r -f -a "v1\t''
v1beta1\t''"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l coverage -d 'With merging: write in how many inputs each syscall appeared (N of M) to this JSON file; with -m seccomp-profile also as the syscall-coverage annotation' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l install -d 'Install the profile as DIR/ig/NAME.json (e.g. /var/lib/kubelet/seccomp) and print the localhostProfile value for the pod spec' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l include-runtime-setup -d 'Keep syscalls that only the container runtime made before the container\'s seccomp filter went on (mount, pivot_root, sethostname, ...)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l auto -d 'Automatic mode: run until stopped (or --timeout) and write each matching container\'s profile into --output-dir as it exits (with --merge: one per workload)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -l merge -d 'One profile for all containers (the containers of a pod, replicas) instead of one each'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -a "start" -d 'Start recording in the background; prints the recording\'s ID and returns'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -a "stop" -d 'Stop a background recording and print its profiles'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -a "list" -d 'List background recordings'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -a "from-audit-log" -d 'Build a profile from kernel seccomp audit records (dmesg, audit.log, journal)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -a "merge" -d 'Union of profiles (replicas, the containers of a pod); conflicts go permissive'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -a "check" -d 'Which syscalls a profile would deny, kill, trap or log for a recorded workload'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -a "diff" -d 'Syscalls added, removed or whose action changed from profile A to profile B'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -a "explain" -d 'Who made each syscall of a recording first: process, executable, phase'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -a "daemon" -d 'The background recorder itself (started by `start`)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and not __fish_seen_subcommand_from start stop list from-audit-log merge check diff explain daemon help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l runtimes -d 'Container runtimes to use (comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l docker-socketpath -d 'Docker Engine API socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l containerd-socketpath -d 'containerd gRPC socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l containerd-namespace -d 'Only this containerd namespace (default: every namespace: k8s.io, moby, default, ...)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -s c -l containername -d 'Container names (runtime name, Kubernetes container name or id prefix; comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -s n -l k8s-namespace -d 'Kubernetes namespace (io.kubernetes.pod.namespace label)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -s p -l k8s-podname -d 'Kubernetes pod name (io.kubernetes.pod.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l k8s-containername -d 'Kubernetes container name (io.kubernetes.container.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l timeout -d 'Stop recording after this many seconds' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l max-namespaces -d 'Size of the kernel map of mount namespaces (one entry per container seen)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l explain -d 'Write, per container, every syscall of its profile with who made it first (JSON)' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l learn-args -d 'Also learn the argument values of socket, clone, personality, ioctl, prctl and setsockopt (or of the SYSCALLS listed) and allow only the values seen' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l max-arg-values -d 'With --learn-args: distinct values kept per syscall and container; beyond them that syscall falls back to a name-only rule' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l default-action -d 'Action for syscalls that were not observed' -r -f -a "SCMP_ACT_ERRNO\t''
SCMP_ACT_KILL\t''
SCMP_ACT_KILL_PROCESS\t''
SCMP_ACT_KILL_THREAD\t''
SCMP_ACT_TRAP\t''
SCMP_ACT_LOG\t''"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l output-dir -d 'Write one profile file per container into this directory instead of stdout' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l base -d 'Merge this profile into every generated profile' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -s m -l output-mode -d 'Output mode of the profiles' -r -f -a "terminal\t'OCI / Docker seccomp profile JSON'
seccomp-profile\t'Security Profiles Operator SeccompProfile resource (YAML)'
talos\t'Talos machine config patch (machine.seccompProfiles) for `talosctl patch mc -p @FILE`'"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l seccomp-profile-name -d 'Name of the SeccompProfile resource (NAME or NAMESPACE/NAME) with -m seccomp-profile, or of the profile file (NAME.json) with -m talos' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l spo-api-version -d 'API version of the SeccompProfile resource (v1beta1 for older operators)' -r -f -a "v1\t''
v1beta1\t''"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l coverage -d 'With merging: write in how many inputs each syscall appeared (N of M) to this JSON file; with -m seccomp-profile also as the syscall-coverage annotation' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l install -d 'Install the profile as DIR/ig/NAME.json (e.g. /var/lib/kubelet/seccomp) and print the localhostProfile value for the pod spec' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l include-runtime-setup -d 'Keep syscalls that only the container runtime made before the container\'s seccomp filter went on (mount, pivot_root, sethostname, ...)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l auto -d 'Automatic mode: run until stopped (or --timeout) and write each matching container\'s profile into --output-dir as it exits (with --merge: one per workload)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -l merge -d 'One profile for all containers (the containers of a pod, replicas) instead of one each'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from list" -s o -l output -d 'Output mode: columns, json, jsonpretty, yaml' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -l since -d 'Only records at or after this time (UNIX seconds, or RFC 3339 like 2026-11-22T10:00:00Z)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -l pid -d 'Only records of these pids (comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -l exe -d 'Only records of these executables (comma list of exe= paths)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -l per -d 'One profile per executable instead of one for all records' -r -f -a "exe\t'One profile per executable (exe= of the records)'"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -l default-action -d 'Action for syscalls that were not observed' -r -f -a "SCMP_ACT_ERRNO\t''
SCMP_ACT_KILL\t''
SCMP_ACT_KILL_PROCESS\t''
SCMP_ACT_KILL_THREAD\t''
SCMP_ACT_TRAP\t''
SCMP_ACT_LOG\t''"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -l output-dir -d 'Write one profile file per container into this directory instead of stdout' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -l base -d 'Merge this profile into every generated profile' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -s m -l output-mode -d 'Output mode of the profiles' -r -f -a "terminal\t'OCI / Docker seccomp profile JSON'
seccomp-profile\t'Security Profiles Operator SeccompProfile resource (YAML)'
talos\t'Talos machine config patch (machine.seccompProfiles) for `talosctl patch mc -p @FILE`'"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -l seccomp-profile-name -d 'Name of the SeccompProfile resource (NAME or NAMESPACE/NAME) with -m seccomp-profile, or of the profile file (NAME.json) with -m talos' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -l spo-api-version -d 'API version of the SeccompProfile resource (v1beta1 for older operators)' -r -f -a "v1\t''
v1beta1\t''"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -l coverage -d 'With merging: write in how many inputs each syscall appeared (N of M) to this JSON file; with -m seccomp-profile also as the syscall-coverage annotation' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -l install -d 'Install the profile as DIR/ig/NAME.json (e.g. /var/lib/kubelet/seccomp) and print the localhostProfile value for the pod spec' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -l follow -d 'Follow a live stream on standard input (`talosctl dmesg --follow | ig ... --follow -`): the profile is printed when the stream ends or on Ctrl-C / SIGTERM'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -l merge -d 'One profile for all containers (the containers of a pod, replicas) instead of one each'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from from-audit-log" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from merge" -l default-action -d 'Action for syscalls that were not observed' -r -f -a "SCMP_ACT_ERRNO\t''
SCMP_ACT_KILL\t''
SCMP_ACT_KILL_PROCESS\t''
SCMP_ACT_KILL_THREAD\t''
SCMP_ACT_TRAP\t''
SCMP_ACT_LOG\t''"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from merge" -l output-dir -d 'Write one profile file per container into this directory instead of stdout' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from merge" -l base -d 'Merge this profile into every generated profile' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from merge" -s m -l output-mode -d 'Output mode of the profiles' -r -f -a "terminal\t'OCI / Docker seccomp profile JSON'
seccomp-profile\t'Security Profiles Operator SeccompProfile resource (YAML)'
talos\t'Talos machine config patch (machine.seccompProfiles) for `talosctl patch mc -p @FILE`'"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from merge" -l seccomp-profile-name -d 'Name of the SeccompProfile resource (NAME or NAMESPACE/NAME) with -m seccomp-profile, or of the profile file (NAME.json) with -m talos' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from merge" -l spo-api-version -d 'API version of the SeccompProfile resource (v1beta1 for older operators)' -r -f -a "v1\t''
v1beta1\t''"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from merge" -l coverage -d 'With merging: write in how many inputs each syscall appeared (N of M) to this JSON file; with -m seccomp-profile also as the syscall-coverage annotation' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from merge" -l install -d 'Install the profile as DIR/ig/NAME.json (e.g. /var/lib/kubelet/seccomp) and print the localhostProfile value for the pod spec' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from merge" -l merge -d 'One profile for all containers (the containers of a pod, replicas) instead of one each'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from merge" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from merge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from merge" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l profile -d 'The candidate profile (OCI/Docker JSON, Docker\'s default with its conditions, or SeccompProfile YAML)' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l recording -d 'A background recording (ID printed by `start`) instead of recording now' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l audit-log -d 'Kernel seccomp audit logs (dmesg, audit.log, journal) instead of recording now' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l runtimes -d 'Container runtimes to use (comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l docker-socketpath -d 'Docker Engine API socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l containerd-socketpath -d 'containerd gRPC socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l containerd-namespace -d 'Only this containerd namespace (default: every namespace: k8s.io, moby, default, ...)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -s c -l containername -d 'Container names (runtime name, Kubernetes container name or id prefix; comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -s n -l k8s-namespace -d 'Kubernetes namespace (io.kubernetes.pod.namespace label)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -s p -l k8s-podname -d 'Kubernetes pod name (io.kubernetes.pod.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l k8s-containername -d 'Kubernetes container name (io.kubernetes.container.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l timeout -d 'Stop recording after this many seconds' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l max-namespaces -d 'Size of the kernel map of mount namespaces (one entry per container seen)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l explain -d 'Write, per container, every syscall of its profile with who made it first (JSON)' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l learn-args -d 'Also learn the argument values of socket, clone, personality, ioctl, prctl and setsockopt (or of the SYSCALLS listed) and allow only the values seen' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l max-arg-values -d 'With --learn-args: distinct values kept per syscall and container; beyond them that syscall falls back to a name-only rule' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l caps -d 'Capabilities of the container, for Docker\'s includes/excludes conditions (default: Docker\'s default set)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -s o -l output -d 'Output mode: columns, json, jsonpretty, yaml' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l include-runtime-setup -d 'Keep syscalls that only the container runtime made before the container\'s seccomp filter went on (mount, pivot_root, sethostname, ...)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -l auto -d 'Automatic mode: run until stopped (or --timeout) and write each matching container\'s profile into --output-dir as it exits (with --merge: one per workload)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from diff" -l caps -d 'Capabilities of the container, for Docker\'s includes/excludes conditions (default: Docker\'s default set)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from diff" -s o -l output -d 'Output mode: columns, json, jsonpretty, yaml' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from diff" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from explain" -s o -l output -d 'Output mode: columns, json, jsonpretty, yaml' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from explain" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from explain" -s h -l help -d 'Print help'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from explain" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from daemon" -l id -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from daemon" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from daemon" -s h -l help -d 'Print help'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from daemon" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start recording in the background; prints the recording\'s ID and returns'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop a background recording and print its profiles'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from help" -f -a "list" -d 'List background recordings'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from help" -f -a "from-audit-log" -d 'Build a profile from kernel seccomp audit records (dmesg, audit.log, journal)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from help" -f -a "merge" -d 'Union of profiles (replicas, the containers of a pod); conflicts go permissive'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from help" -f -a "check" -d 'Which syscalls a profile would deny, kill, trap or log for a recorded workload'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Syscalls added, removed or whose action changed from profile A to profile B'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from help" -f -a "explain" -d 'Who made each syscall of a recording first: process, executable, phase'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from help" -f -a "daemon" -d 'The background recorder itself (started by `start`)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ig -n "__fish_ig_using_subcommand advise; and not __fish_seen_subcommand_from seccomp-profile help" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand advise; and not __fish_seen_subcommand_from seccomp-profile help" -s h -l help -d 'Print help'
complete -c ig -n "__fish_ig_using_subcommand advise; and not __fish_seen_subcommand_from seccomp-profile help" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand advise; and not __fish_seen_subcommand_from seccomp-profile help" -f -a "seccomp-profile" -d 'Record syscalls and print seccomp profiles (same as `ig seccomp-advisor`)'
complete -c ig -n "__fish_ig_using_subcommand advise; and not __fish_seen_subcommand_from seccomp-profile help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l runtimes -d 'Container runtimes to use (comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l docker-socketpath -d 'Docker Engine API socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l containerd-socketpath -d 'containerd gRPC socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l containerd-namespace -d 'Only this containerd namespace (default: every namespace: k8s.io, moby, default, ...)' -r
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -s c -l containername -d 'Container names (runtime name, Kubernetes container name or id prefix; comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -s n -l k8s-namespace -d 'Kubernetes namespace (io.kubernetes.pod.namespace label)' -r
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -s p -l k8s-podname -d 'Kubernetes pod name (io.kubernetes.pod.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l k8s-containername -d 'Kubernetes container name (io.kubernetes.container.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l timeout -d 'Stop recording after this many seconds' -r
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l max-namespaces -d 'Size of the kernel map of mount namespaces (one entry per container seen)' -r
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l explain -d 'Write, per container, every syscall of its profile with who made it first (JSON)' -r -F
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l learn-args -d 'Also learn the argument values of socket, clone, personality, ioctl, prctl and setsockopt (or of the SYSCALLS listed) and allow only the values seen' -r
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l max-arg-values -d 'With --learn-args: distinct values kept per syscall and container; beyond them that syscall falls back to a name-only rule' -r
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l default-action -d 'Action for syscalls that were not observed' -r -f -a "SCMP_ACT_ERRNO\t''
SCMP_ACT_KILL\t''
SCMP_ACT_KILL_PROCESS\t''
SCMP_ACT_KILL_THREAD\t''
SCMP_ACT_TRAP\t''
SCMP_ACT_LOG\t''"
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l output-dir -d 'Write one profile file per container into this directory instead of stdout' -r -F
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l base -d 'Merge this profile into every generated profile' -r -F
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -s m -l output-mode -d 'Output mode of the profiles' -r -f -a "terminal\t'OCI / Docker seccomp profile JSON'
seccomp-profile\t'Security Profiles Operator SeccompProfile resource (YAML)'
talos\t'Talos machine config patch (machine.seccompProfiles) for `talosctl patch mc -p @FILE`'"
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l seccomp-profile-name -d 'Name of the SeccompProfile resource (NAME or NAMESPACE/NAME) with -m seccomp-profile, or of the profile file (NAME.json) with -m talos' -r
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l spo-api-version -d 'API version of the SeccompProfile resource (v1beta1 for older operators)' -r -f -a "v1\t''
v1beta1\t''"
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l coverage -d 'With merging: write in how many inputs each syscall appeared (N of M) to this JSON file; with -m seccomp-profile also as the syscall-coverage annotation' -r -F
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l install -d 'Install the profile as DIR/ig/NAME.json (e.g. /var/lib/kubelet/seccomp) and print the localhostProfile value for the pod spec' -r -F
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l include-runtime-setup -d 'Keep syscalls that only the container runtime made before the container\'s seccomp filter went on (mount, pivot_root, sethostname, ...)'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l auto -d 'Automatic mode: run until stopped (or --timeout) and write each matching container\'s profile into --output-dir as it exits (with --merge: one per workload)'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l merge -d 'One profile for all containers (the containers of a pod, replicas) instead of one each'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -a "start" -d 'Start recording in the background; prints the recording\'s ID and returns'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -a "stop" -d 'Stop a background recording and print its profiles'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -a "list" -d 'List background recordings'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -a "from-audit-log" -d 'Build a profile from kernel seccomp audit records (dmesg, audit.log, journal)'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -a "merge" -d 'Union of profiles (replicas, the containers of a pod); conflicts go permissive'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -a "check" -d 'Which syscalls a profile would deny, kill, trap or log for a recorded workload'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -a "diff" -d 'Syscalls added, removed or whose action changed from profile A to profile B'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -a "explain" -d 'Who made each syscall of a recording first: process, executable, phase'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -a "daemon" -d 'The background recorder itself (started by `start`)'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from help" -f -a "seccomp-profile" -d 'Record syscalls and print seccomp profiles (same as `ig seccomp-advisor`)'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ig -n "__fish_ig_using_subcommand run; and not __fish_seen_subcommand_from advise_seccomp audit_seccomp help" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand run; and not __fish_seen_subcommand_from advise_seccomp audit_seccomp help" -s h -l help -d 'Print help'
complete -c ig -n "__fish_ig_using_subcommand run; and not __fish_seen_subcommand_from advise_seccomp audit_seccomp help" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand run; and not __fish_seen_subcommand_from advise_seccomp audit_seccomp help" -f -a "advise_seccomp" -d 'Record syscalls and print seccomp profiles (same as `ig seccomp-advisor`)'
complete -c ig -n "__fish_ig_using_subcommand run; and not __fish_seen_subcommand_from advise_seccomp audit_seccomp help" -f -a "audit_seccomp" -d 'Stream every syscall that a seccomp filter logged or killed, per container'
complete -c ig -n "__fish_ig_using_subcommand run; and not __fish_seen_subcommand_from advise_seccomp audit_seccomp help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l runtimes -d 'Container runtimes to use (comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l docker-socketpath -d 'Docker Engine API socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l containerd-socketpath -d 'containerd gRPC socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l containerd-namespace -d 'Only this containerd namespace (default: every namespace: k8s.io, moby, default, ...)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -s c -l containername -d 'Container names (runtime name, Kubernetes container name or id prefix; comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -s n -l k8s-namespace -d 'Kubernetes namespace (io.kubernetes.pod.namespace label)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -s p -l k8s-podname -d 'Kubernetes pod name (io.kubernetes.pod.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l k8s-containername -d 'Kubernetes container name (io.kubernetes.container.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l timeout -d 'Stop recording after this many seconds' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l max-namespaces -d 'Size of the kernel map of mount namespaces (one entry per container seen)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l explain -d 'Write, per container, every syscall of its profile with who made it first (JSON)' -r -F
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l learn-args -d 'Also learn the argument values of socket, clone, personality, ioctl, prctl and setsockopt (or of the SYSCALLS listed) and allow only the values seen' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l max-arg-values -d 'With --learn-args: distinct values kept per syscall and container; beyond them that syscall falls back to a name-only rule' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l default-action -d 'Action for syscalls that were not observed' -r -f -a "SCMP_ACT_ERRNO\t''
SCMP_ACT_KILL\t''
SCMP_ACT_KILL_PROCESS\t''
SCMP_ACT_KILL_THREAD\t''
SCMP_ACT_TRAP\t''
SCMP_ACT_LOG\t''"
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l output-dir -d 'Write one profile file per container into this directory instead of stdout' -r -F
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l base -d 'Merge this profile into every generated profile' -r -F
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -s m -l output-mode -d 'Output mode of the profiles' -r -f -a "terminal\t'OCI / Docker seccomp profile JSON'
seccomp-profile\t'Security Profiles Operator SeccompProfile resource (YAML)'
talos\t'Talos machine config patch (machine.seccompProfiles) for `talosctl patch mc -p @FILE`'"
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l seccomp-profile-name -d 'Name of the SeccompProfile resource (NAME or NAMESPACE/NAME) with -m seccomp-profile, or of the profile file (NAME.json) with -m talos' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l spo-api-version -d 'API version of the SeccompProfile resource (v1beta1 for older operators)' -r -f -a "v1\t''
v1beta1\t''"
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l coverage -d 'With merging: write in how many inputs each syscall appeared (N of M) to this JSON file; with -m seccomp-profile also as the syscall-coverage annotation' -r -F
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l install -d 'Install the profile as DIR/ig/NAME.json (e.g. /var/lib/kubelet/seccomp) and print the localhostProfile value for the pod spec' -r -F
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l include-runtime-setup -d 'Keep syscalls that only the container runtime made before the container\'s seccomp filter went on (mount, pivot_root, sethostname, ...)'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l auto -d 'Automatic mode: run until stopped (or --timeout) and write each matching container\'s profile into --output-dir as it exits (with --merge: one per workload)'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l merge -d 'One profile for all containers (the containers of a pod, replicas) instead of one each'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -a "start" -d 'Start recording in the background; prints the recording\'s ID and returns'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -a "stop" -d 'Stop a background recording and print its profiles'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -a "list" -d 'List background recordings'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -a "from-audit-log" -d 'Build a profile from kernel seccomp audit records (dmesg, audit.log, journal)'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -a "merge" -d 'Union of profiles (replicas, the containers of a pod); conflicts go permissive'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -a "check" -d 'Which syscalls a profile would deny, kill, trap or log for a recorded workload'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -a "diff" -d 'Syscalls added, removed or whose action changed from profile A to profile B'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -a "explain" -d 'Who made each syscall of a recording first: process, executable, phase'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -a "daemon" -d 'The background recorder itself (started by `start`)'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -l runtimes -d 'Container runtimes to use (comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -l docker-socketpath -d 'Docker Engine API socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -l containerd-socketpath -d 'containerd gRPC socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -l containerd-namespace -d 'Only this containerd namespace (default: every namespace: k8s.io, moby, default, ...)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -s c -l containername -d 'Container names (runtime name, Kubernetes container name or id prefix; comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -s n -l k8s-namespace -d 'Kubernetes namespace (io.kubernetes.pod.namespace label)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -s p -l k8s-podname -d 'Kubernetes pod name (io.kubernetes.pod.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -l k8s-containername -d 'Kubernetes container name (io.kubernetes.container.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -l source -d 'Where the events come from' -r -f -a "auto\t'ebpf where its program attaches, otherwise audit'
ebpf\t'kprobe (or fentry) on the kernel\'s audit_seccomp()'
audit\t'the kernel audit netlink multicast stream (type 1326 records)'"
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -s o -l output -d 'Output mode: columns, json, jsonpretty, yaml' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -l fields -d 'Columns to show: a,b,c replaces the default set; +a,-b adds to or removes from it' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -l timeout -d 'Stop after this many seconds' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -l host -d 'Also show processes that are not in a container'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -l collect-ustack -d 'Collect and symbolize the user stack of each event'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from audit_seccomp" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from help" -f -a "advise_seccomp" -d 'Record syscalls and print seccomp profiles (same as `ig seccomp-advisor`)'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from help" -f -a "audit_seccomp" -d 'Stream every syscall that a seccomp filter logged or killed, per container'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ig -n "__fish_ig_using_subcommand features" -s o -l output -d 'Output mode: columns, json, jsonpretty, yaml' -r
complete -c ig -n "__fish_ig_using_subcommand features" -l hold-empty-sys-enter -d 'Attach an empty tp_btf program to sys_enter and hold it until a signal (the floor row of bench/advisor_overhead.sh)'
complete -c ig -n "__fish_ig_using_subcommand features" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand features" -s h -l help -d 'Print help'
complete -c ig -n "__fish_ig_using_subcommand features" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand completion" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand completion" -s h -l help -d 'Print help'
complete -c ig -n "__fish_ig_using_subcommand completion" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand man" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand man" -s h -l help -d 'Print help'
complete -c ig -n "__fish_ig_using_subcommand man" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand help; and not __fish_seen_subcommand_from list-containers seccomp-advisor advise run features completion man help" -f -a "list-containers" -d 'List the running containers of every runtime, with pid and mount namespace'
complete -c ig -n "__fish_ig_using_subcommand help; and not __fish_seen_subcommand_from list-containers seccomp-advisor advise run features completion man help" -f -a "seccomp-advisor" -d 'Record the syscalls of containers or of a command, and print seccomp profiles'
complete -c ig -n "__fish_ig_using_subcommand help; and not __fish_seen_subcommand_from list-containers seccomp-advisor advise run features completion man help" -f -a "advise" -d 'Advisors (same as `ig seccomp-advisor` for seccomp profiles)'
complete -c ig -n "__fish_ig_using_subcommand help; and not __fish_seen_subcommand_from list-containers seccomp-advisor advise run features completion man help" -f -a "run" -d 'Run a gadget by name'
complete -c ig -n "__fish_ig_using_subcommand help; and not __fish_seen_subcommand_from list-containers seccomp-advisor advise run features completion man help" -f -a "features" -d 'Report which eBPF program types load and attach on this kernel'
complete -c ig -n "__fish_ig_using_subcommand help; and not __fish_seen_subcommand_from list-containers seccomp-advisor advise run features completion man help" -f -a "completion" -d 'Print a shell completion script'
complete -c ig -n "__fish_ig_using_subcommand help; and not __fish_seen_subcommand_from list-containers seccomp-advisor advise run features completion man help" -f -a "man" -d 'Print the man page (roff)'
complete -c ig -n "__fish_ig_using_subcommand help; and not __fish_seen_subcommand_from list-containers seccomp-advisor advise run features completion man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from seccomp-advisor" -f -a "start" -d 'Start recording in the background; prints the recording\'s ID and returns'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from seccomp-advisor" -f -a "stop" -d 'Stop a background recording and print its profiles'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from seccomp-advisor" -f -a "list" -d 'List background recordings'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from seccomp-advisor" -f -a "from-audit-log" -d 'Build a profile from kernel seccomp audit records (dmesg, audit.log, journal)'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from seccomp-advisor" -f -a "merge" -d 'Union of profiles (replicas, the containers of a pod); conflicts go permissive'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from seccomp-advisor" -f -a "check" -d 'Which syscalls a profile would deny, kill, trap or log for a recorded workload'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from seccomp-advisor" -f -a "diff" -d 'Syscalls added, removed or whose action changed from profile A to profile B'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from seccomp-advisor" -f -a "explain" -d 'Who made each syscall of a recording first: process, executable, phase'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from seccomp-advisor" -f -a "daemon" -d 'The background recorder itself (started by `start`)'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from advise" -f -a "seccomp-profile" -d 'Record syscalls and print seccomp profiles (same as `ig seccomp-advisor`)'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from run" -f -a "advise_seccomp" -d 'Record syscalls and print seccomp profiles (same as `ig seccomp-advisor`)'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from run" -f -a "audit_seccomp" -d 'Stream every syscall that a seccomp filter logged or killed, per container'
