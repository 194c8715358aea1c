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
complete -c ig -n "__fish_ig_using_subcommand list-containers" -s c -l containername -d 'Only these containers (comma list of names)' -r
complete -c ig -n "__fish_ig_using_subcommand list-containers" -s o -l output -d 'Output mode: columns, json, jsonpretty, yaml' -r
complete -c ig -n "__fish_ig_using_subcommand list-containers" -l timeout -d 'Stop watching after this many seconds' -r
complete -c ig -n "__fish_ig_using_subcommand list-containers" -s w -l watch -d 'Keep running and print containers as they start and stop'
complete -c ig -n "__fish_ig_using_subcommand list-containers" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand list-containers" -s h -l help -d 'Print help'
complete -c ig -n "__fish_ig_using_subcommand list-containers" -s V -l version -d 'Print version'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -l runtimes -d 'Container runtimes to use (comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -l docker-socketpath -d 'Docker Engine API socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -l containerd-socketpath -d 'containerd gRPC socket' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -l containerd-namespace -d 'Only this containerd namespace (default: every namespace: k8s.io, moby, default, ...)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -s c -l containername -d 'Container names (runtime name, Kubernetes container name or id prefix; comma list)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -s n -l k8s-namespace -d 'Kubernetes namespace (io.kubernetes.pod.namespace label)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -s p -l k8s-podname -d 'Kubernetes pod name (io.kubernetes.pod.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -l k8s-containername -d 'Kubernetes container name (io.kubernetes.container.name label)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -l timeout -d 'Stop recording after this many seconds' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -l default-action -d 'Action for syscalls that were not observed' -r -f -a "SCMP_ACT_ERRNO\t''
SCMP_ACT_KILL\t''
SCMP_ACT_KILL_PROCESS\t''
SCMP_ACT_KILL_THREAD\t''
SCMP_ACT_TRAP\t''
SCMP_ACT_LOG\t''"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -l output-dir -d 'Write one profile file per container into this directory instead of stdout' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -l base -d 'Merge this profile into every generated profile' -r -F
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -s m -l output-mode -d 'Output mode of the profiles' -r -f -a "terminal\t'OCI / Docker seccomp profile JSON'
seccomp-profile\t'Security Profiles Operator SeccompProfile resource (YAML)'"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -l seccomp-profile-name -d 'Name of the SeccompProfile resource (NAME or NAMESPACE/NAME), with -m seccomp-profile' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -l spo-api-version -d 'API version of the SeccompProfile resource (v1beta1 for older operators)' -r -f -a "v1\t''
v1beta1\t''"
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -l max-namespaces -d 'Size of the kernel map of mount namespaces (one entry per container seen)' -r
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ig -n "__fish_ig_using_subcommand seccomp-advisor" -s V -l version -d 'Print version'
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
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l default-action -d 'Action for syscalls that were not observed' -r -f -a "SCMP_ACT_ERRNO\t''
SCMP_ACT_KILL\t''
SCMP_ACT_KILL_PROCESS\t''
SCMP_ACT_KILL_THREAD\t''
SCMP_ACT_TRAP\t''
SCMP_ACT_LOG\t''"
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l output-dir -d 'Write one profile file per container into this directory instead of stdout' -r -F
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l base -d 'Merge this profile into every generated profile' -r -F
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -s m -l output-mode -d 'Output mode of the profiles' -r -f -a "terminal\t'OCI / Docker seccomp profile JSON'
seccomp-profile\t'Security Profiles Operator SeccompProfile resource (YAML)'"
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l seccomp-profile-name -d 'Name of the SeccompProfile resource (NAME or NAMESPACE/NAME), with -m seccomp-profile' -r
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l spo-api-version -d 'API version of the SeccompProfile resource (v1beta1 for older operators)' -r -f -a "v1\t''
v1beta1\t''"
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -l max-namespaces -d 'Size of the kernel map of mount namespaces (one entry per container seen)' -r
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ig -n "__fish_ig_using_subcommand advise; and __fish_seen_subcommand_from seccomp-profile" -s V -l version -d 'Print version'
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
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l default-action -d 'Action for syscalls that were not observed' -r -f -a "SCMP_ACT_ERRNO\t''
SCMP_ACT_KILL\t''
SCMP_ACT_KILL_PROCESS\t''
SCMP_ACT_KILL_THREAD\t''
SCMP_ACT_TRAP\t''
SCMP_ACT_LOG\t''"
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l output-dir -d 'Write one profile file per container into this directory instead of stdout' -r -F
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l base -d 'Merge this profile into every generated profile' -r -F
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -s m -l output-mode -d 'Output mode of the profiles' -r -f -a "terminal\t'OCI / Docker seccomp profile JSON'
seccomp-profile\t'Security Profiles Operator SeccompProfile resource (YAML)'"
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l seccomp-profile-name -d 'Name of the SeccompProfile resource (NAME or NAMESPACE/NAME), with -m seccomp-profile' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l spo-api-version -d 'API version of the SeccompProfile resource (v1beta1 for older operators)' -r -f -a "v1\t''
v1beta1\t''"
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -l max-namespaces -d 'Size of the kernel map of mount namespaces (one entry per container seen)' -r
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -s v -l verbose -d 'Log more to stderr (-v: info, -vv: debug)'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ig -n "__fish_ig_using_subcommand run; and __fish_seen_subcommand_from advise_seccomp" -s V -l version -d 'Print version'
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
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from advise" -f -a "seccomp-profile" -d 'Record syscalls and print seccomp profiles (same as `ig seccomp-advisor`)'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from run" -f -a "advise_seccomp" -d 'Record syscalls and print seccomp profiles (same as `ig seccomp-advisor`)'
complete -c ig -n "__fish_ig_using_subcommand help; and __fish_seen_subcommand_from run" -f -a "audit_seccomp" -d 'Stream every syscall that a seccomp filter logged or killed, per container'
