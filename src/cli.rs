//! The command line: every command, flag and help text of `ig`, in one clap definition
//! (also the source of the shell completions and the man page).

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::seccomp::SpoVersion;

use crate::runtime::{
    ContainerFilter, RuntimeConfig, RuntimeKind, DEFAULT_CONTAINERD_SOCKETS, DEFAULT_DOCKER_SOCKETS,
};

#[derive(Parser, Debug)]
#[command(
    name = "ig",
    version,
    about = "Trace what containers do in the kernel, and lock them down with seccomp",
    long_about = "ig is a host-local tracing tool for containers. It finds containers through \
the Docker and containerd sockets, records their syscalls with eBPF to build seccomp \
profiles they really run under, and streams the syscalls that seccomp filters log or kill.\n\n\
Most commands need root (CAP_BPF, CAP_PERFMON, CAP_SYS_ADMIN, CAP_AUDIT_READ).",
    propagate_version = true
)]
pub struct Cli {
    /// Log more to stderr (-v: info, -vv: debug)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the running containers of every runtime, with pid and mount namespace
    #[command(name = "list-containers")]
    ListContainers(ListContainersArgs),
    /// Record the syscalls of containers or of a command, and print seccomp profiles
    #[command(name = "seccomp-advisor")]
    SeccompAdvisor(AdvisorCmd),
    /// Advisors (same as `ig seccomp-advisor` for seccomp profiles)
    Advise {
        #[command(subcommand)]
        what: AdviseCommand,
    },
    /// Run a gadget by name
    Run {
        #[command(subcommand)]
        gadget: RunCommand,
    },
    /// Report which eBPF program types load and attach on this kernel
    Features(FeaturesArgs),
    /// Print a shell completion script
    Completion {
        #[arg(value_enum)]
        shell: CompletionShell,
    },
    /// Print the man page (roff)
    #[command(hide = true)]
    Man,
}

#[derive(Subcommand, Debug)]
pub enum AdviseCommand {
    /// Record syscalls and print seccomp profiles (same as `ig seccomp-advisor`)
    #[command(name = "seccomp-profile")]
    SeccompProfile(AdvisorCmd),
}

#[derive(Subcommand, Debug)]
pub enum RunCommand {
    /// Record syscalls and print seccomp profiles (same as `ig seccomp-advisor`)
    #[command(name = "advise_seccomp")]
    AdviseSeccomp(Box<AdvisorCmd>),
    /// Stream every syscall that a seccomp filter logged or killed, per container
    #[command(name = "audit_seccomp")]
    AuditSeccomp(Box<AuditArgs>),
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

/// Where the container runtimes are.
#[derive(Args, Debug, Clone)]
pub struct RuntimeArgs {
    /// Container runtimes to use (comma list)
    #[arg(long, value_delimiter = ',', default_value = "docker,containerd", value_parser = parse_runtime)]
    pub runtimes: Vec<RuntimeKind>,
    /// Docker Engine API socket
    #[arg(long = "docker-socketpath", value_name = "PATH")]
    pub docker_socketpath: Option<PathBuf>,
    /// containerd gRPC socket
    #[arg(long = "containerd-socketpath", value_name = "PATH")]
    pub containerd_socketpath: Option<PathBuf>,
    /// Only this containerd namespace (default: every namespace: k8s.io, moby, default, ...)
    #[arg(long = "containerd-namespace", value_name = "NAMESPACE")]
    pub containerd_namespace: Option<String>,
}

fn parse_runtime(s: &str) -> Result<RuntimeKind, String> {
    s.parse()
}

impl RuntimeArgs {
    /// The runtimes to query; one named by a socket flag, or listed by `--runtimes`
    /// explicitly, is required (a missing socket is then an error, not a skip).
    pub fn config(&self, runtimes_given_explicitly: bool) -> RuntimeConfig {
        let mut required = std::collections::HashSet::new();
        if runtimes_given_explicitly {
            required.extend(self.runtimes.iter().copied());
        }
        if self.docker_socketpath.is_some() {
            required.insert(RuntimeKind::Docker);
        }
        if self.containerd_socketpath.is_some() || self.containerd_namespace.is_some() {
            required.insert(RuntimeKind::Containerd);
        }
        let host = crate::hostroot::get();
        RuntimeConfig {
            runtimes: self.runtimes.clone(),
            required,
            docker_socket: match &self.docker_socketpath {
                Some(p) => host.resolve(p),
                None => host.find(DEFAULT_DOCKER_SOCKETS),
            },
            containerd_socket: match &self.containerd_socketpath {
                Some(p) => host.resolve(p),
                None => host.find(DEFAULT_CONTAINERD_SOCKETS),
            },
            containerd_namespace: self.containerd_namespace.clone(),
        }
    }
}

/// `-c`: containers by name, in every command that picks containers.
#[derive(Args, Debug, Clone, Default)]
pub struct ContainerNames {
    /// Container names (runtime name, Kubernetes container name or id prefix; comma list)
    #[arg(
        short = 'c',
        long = "containername",
        value_delimiter = ',',
        value_name = "NAME"
    )]
    pub containername: Vec<String>,
}

/// Which containers to target.
#[derive(Args, Debug, Clone, Default)]
pub struct TargetArgs {
    #[command(flatten)]
    pub names: ContainerNames,
    /// Kubernetes namespace (io.kubernetes.pod.namespace label)
    #[arg(short = 'n', long = "k8s-namespace", value_name = "NAMESPACE")]
    pub k8s_namespace: Option<String>,
    /// Kubernetes pod name (io.kubernetes.pod.name label)
    #[arg(short = 'p', long = "k8s-podname", value_name = "POD")]
    pub k8s_podname: Option<String>,
    /// Kubernetes container name (io.kubernetes.container.name label)
    #[arg(long = "k8s-containername", value_name = "NAME")]
    pub k8s_containername: Option<String>,
}

impl TargetArgs {
    pub fn filter(&self) -> ContainerFilter {
        ContainerFilter {
            names: self.names.containername.clone(),
            k8s_namespace: self.k8s_namespace.clone(),
            k8s_pod: self.k8s_podname.clone(),
            k8s_container: self.k8s_containername.clone(),
        }
    }
}

fn parse_timeout(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .trim_end_matches('s')
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if !(secs > 0.0 && secs.is_finite()) {
        return Err(format!(
            "{s:?}: the timeout must be a positive number of seconds"
        ));
    }
    Ok(Duration::from_secs_f64(secs))
}

#[derive(Args, Debug)]
pub struct ListContainersArgs {
    #[command(flatten)]
    pub runtime: RuntimeArgs,
    #[command(flatten)]
    pub names: ContainerNames,
    /// Output mode: columns, json, jsonpretty, yaml
    #[arg(short = 'o', long, default_value = "columns", value_name = "MODE")]
    pub output: String,
    /// Keep running and print containers as they start and stop
    #[arg(short = 'w', long)]
    pub watch: bool,
    /// Stop watching after this many seconds
    #[arg(long, value_parser = parse_timeout, value_name = "SECONDS", requires = "watch")]
    pub timeout: Option<Duration>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AdvisorOutputMode {
    /// OCI / Docker seccomp profile JSON
    Terminal,
    /// Security Profiles Operator SeccompProfile resource (YAML)
    #[value(name = "seccomp-profile")]
    SeccompProfile,
    /// Talos machine config patch (machine.seccompProfiles) for `talosctl patch mc -p @FILE`
    Talos,
}

/// `ig seccomp-advisor`: record in the foreground, or manage background recordings.
#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AdvisorCmd {
    #[command(subcommand)]
    pub action: Option<AdvisorAction>,
    #[command(flatten)]
    pub args: AdvisorArgs,
}

#[derive(Subcommand, Debug)]
pub enum AdvisorAction {
    /// Start recording in the background; prints the recording's ID and returns
    Start(AdvisorArgs),
    /// Stop a background recording and print its profiles
    Stop(StopArgs),
    /// List background recordings
    List(RecordingListArgs),
    /// Build a profile from kernel seccomp audit records (dmesg, audit.log, journal)
    #[command(name = "from-audit-log")]
    FromAuditLog(FromAuditLogArgs),
    /// Union of profiles (replicas, the containers of a pod); conflicts go permissive
    Merge(MergeArgs),
    /// Which syscalls a profile would deny, kill, trap or log for a recorded workload
    Check(Box<CheckArgs>),
    /// Syscalls added, removed or whose action changed from profile A to profile B
    Diff(DiffArgs),
    /// Who made each syscall of a recording first: process, executable, phase
    Explain(ExplainArgs),
    /// The background recorder itself (started by `start`)
    #[command(hide = true)]
    Daemon(DaemonArgs),
}

#[derive(Args, Debug)]
pub struct AdvisorArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub profile: ProfileArgs,
}

/// What to record.
#[derive(Args, Debug, Clone)]
pub struct RecordArgs {
    #[command(flatten)]
    pub runtime: RuntimeArgs,
    #[command(flatten)]
    pub target: TargetArgs,
    /// Stop recording after this many seconds
    #[arg(long, value_parser = parse_timeout, value_name = "SECONDS")]
    pub timeout: Option<Duration>,
    /// Size of the kernel map of mount namespaces (one entry per container seen)
    #[arg(long = "max-namespaces", default_value_t = 8192, value_name = "N",
          value_parser = clap::value_parser!(u32).range(16..=1_000_000))]
    pub max_namespaces: u32,
    /// Keep syscalls that only the container runtime made before the container's seccomp
    /// filter went on (mount, pivot_root, sethostname, ...)
    #[arg(long = "include-runtime-setup")]
    pub include_runtime_setup: bool,
    /// Write, per container, every syscall of its profile with who made it first (JSON)
    #[arg(long, value_name = "FILE")]
    pub explain: Option<PathBuf>,
    /// Automatic mode: run until stopped (or --timeout) and write each matching container's
    /// profile into --output-dir as it exits (with --merge: one per workload)
    #[arg(long)]
    pub auto: bool,
    /// Also learn the argument values of socket, clone, personality, ioctl, prctl and
    /// setsockopt (or of the SYSCALLS listed) and allow only the values seen
    #[arg(long = "learn-args", value_name = "SYSCALLS", num_args = 0..=1,
          value_delimiter = ',', default_missing_value = "all")]
    pub learn_args: Option<Vec<String>>,
    /// With --learn-args: distinct values kept per syscall and container; beyond them that
    /// syscall falls back to a name-only rule
    #[arg(long = "max-arg-values", default_value_t = 64, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub max_arg_values: u32,
    /// Command to start and record instead of containers (in a fresh mount namespace)
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

/// How profiles are written.
#[derive(Args, Debug, Clone)]
pub struct ProfileArgs {
    /// Action for syscalls that were not observed
    #[arg(long = "default-action", default_value = "SCMP_ACT_ERRNO", value_parser = [
        "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
        "SCMP_ACT_TRAP", "SCMP_ACT_LOG",
    ])]
    pub default_action: String,
    /// Write one profile file per container into this directory instead of stdout
    #[arg(long = "output-dir", value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Merge this profile into every generated profile
    #[arg(long, value_name = "PROFILE.json")]
    pub base: Option<PathBuf>,
    /// Output mode of the profiles
    #[arg(
        short = 'm',
        long = "output-mode",
        value_enum,
        default_value = "terminal"
    )]
    pub output_mode: AdvisorOutputMode,
    /// Name of the SeccompProfile resource (NAME or NAMESPACE/NAME) with -m seccomp-profile,
    /// or of the profile file (NAME.json) with -m talos
    #[arg(long = "seccomp-profile-name", value_name = "[NS/]NAME")]
    pub seccomp_profile_name: Option<String>,
    /// API version of the SeccompProfile resource (v1beta1 for older operators)
    #[arg(long = "spo-api-version", default_value = "v1", value_enum)]
    pub spo_api_version: SpoVersion,
    /// One profile for all containers (the containers of a pod, replicas) instead of one each
    #[arg(long)]
    pub merge: bool,
    /// With merging: write in how many inputs each syscall appeared (N of M) to this JSON
    /// file; with -m seccomp-profile also as the syscall-coverage annotation
    #[arg(long, value_name = "FILE")]
    pub coverage: Option<PathBuf>,
    /// Install the profile as DIR/ig/NAME.json (e.g. /var/lib/kubelet/seccomp) and print
    /// the localhostProfile value for the pod spec
    #[arg(long, value_name = "DIR")]
    pub install: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct StopArgs {
    /// ID printed by `ig seccomp-advisor start`
    pub id: String,
}

#[derive(Args, Debug)]
pub struct RecordingListArgs {
    /// Output mode: columns, json, jsonpretty, yaml
    #[arg(short = 'o', long, default_value = "columns", value_name = "MODE")]
    pub output: String,
}

#[derive(Args, Debug)]
pub struct DaemonArgs {
    #[arg(long)]
    pub id: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PerKey {
    /// One profile per executable (exe= of the records)
    Exe,
}

#[derive(Args, Debug)]
pub struct FromAuditLogArgs {
    /// Log files to read (dmesg, /var/log/audit/audit.log, journalctl -k output); - or none
    /// for standard input
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Only records at or after this time (UNIX seconds, or RFC 3339 like 2026-11-22T10:00:00Z)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only records of these pids (comma list)
    #[arg(long, value_delimiter = ',', value_name = "PID")]
    pub pid: Vec<u32>,
    /// Only records of these executables (comma list of exe= paths)
    #[arg(long, value_delimiter = ',', value_name = "PATH")]
    pub exe: Vec<String>,
    /// One profile per executable instead of one for all records
    #[arg(long, value_enum, value_name = "KEY")]
    pub per: Option<PerKey>,
    /// Follow a live stream on standard input (`talosctl dmesg --follow | ig ... --follow -`):
    /// the profile is printed when the stream ends or on Ctrl-C / SIGTERM
    #[arg(long)]
    pub follow: bool,
    #[command(flatten)]
    pub profile: ProfileArgs,
}

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// Profiles to merge (OCI/Docker JSON, or SeccompProfile YAML)
    #[arg(value_name = "PROFILE", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub profile: ProfileArgs,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The candidate profile (OCI/Docker JSON, Docker's default with its conditions, or
    /// SeccompProfile YAML)
    #[arg(long, value_name = "FILE", required = true)]
    pub profile: PathBuf,
    /// A background recording (ID printed by `start`) instead of recording now
    #[arg(long, value_name = "ID")]
    pub recording: Option<String>,
    /// Kernel seccomp audit logs (dmesg, audit.log, journal) instead of recording now
    #[arg(long = "audit-log", value_name = "FILE")]
    pub audit_log: Vec<PathBuf>,
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub conditions: ConditionArgs,
    /// Output mode: columns, json, jsonpretty, yaml
    #[arg(short = 'o', long, default_value = "columns", value_name = "MODE")]
    pub output: String,
}

/// How Docker's `includes`/`excludes` conditions of a profile are resolved.
#[derive(Args, Debug, Clone)]
pub struct ConditionArgs {
    /// Capabilities of the container, for Docker's includes/excludes conditions (default:
    /// Docker's default set)
    #[arg(long, value_delimiter = ',', value_name = "CAP")]
    pub caps: Vec<String>,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The profile before (OCI/Docker JSON or SeccompProfile YAML)
    #[arg(value_name = "A")]
    pub a: PathBuf,
    /// The profile after
    #[arg(value_name = "B")]
    pub b: PathBuf,
    #[command(flatten)]
    pub conditions: ConditionArgs,
    /// Output mode: columns, json, jsonpretty, yaml
    #[arg(short = 'o', long, default_value = "columns", value_name = "MODE")]
    pub output: String,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A background recording ID, or a file written by --explain
    #[arg(value_name = "ID|FILE")]
    pub source: String,
    /// Output mode: columns, json, jsonpretty, yaml
    #[arg(short = 'o', long, default_value = "columns", value_name = "MODE")]
    pub output: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AuditSource {
    /// ebpf where its program attaches, otherwise audit
    Auto,
    /// kprobe (or fentry) on the kernel's audit_seccomp()
    Ebpf,
    /// the kernel audit netlink multicast stream (type 1326 records)
    Audit,
}

#[derive(Args, Debug)]
pub struct AuditArgs {
    #[command(flatten)]
    pub runtime: RuntimeArgs,
    #[command(flatten)]
    pub target: TargetArgs,
    /// Also show processes that are not in a container
    #[arg(long)]
    pub host: bool,
    /// Where the events come from
    #[arg(long, value_enum, default_value = "auto")]
    pub source: AuditSource,
    /// Output mode: columns, json, jsonpretty, yaml
    #[arg(short = 'o', long, default_value = "columns", value_name = "MODE")]
    pub output: String,
    /// Columns to show: a,b,c replaces the default set; +a,-b adds to or removes from it
    #[arg(long, value_name = "FIELDS", allow_hyphen_values = true)]
    pub fields: Option<String>,
    /// Collect and symbolize the user stack of each event
    #[arg(long = "collect-ustack")]
    pub collect_ustack: bool,
    /// Stop after this many seconds
    #[arg(long, value_parser = parse_timeout, value_name = "SECONDS")]
    pub timeout: Option<Duration>,
}

#[derive(Args, Debug)]
pub struct FeaturesArgs {
    /// Output mode: columns, json, jsonpretty, yaml
    #[arg(short = 'o', long, default_value = "columns", value_name = "MODE")]
    pub output: String,
    /// Attach an empty tp_btf program to sys_enter and hold it until a signal (the floor
    /// row of bench/advisor_overhead.sh)
    #[arg(long = "hold-empty-sys-enter", hide = true)]
    pub hold_empty_sys_enter: bool,
}

/// `ig run ghcr.io/inspektor-gadget/gadget/audit_seccomp:v0.40.0` works like
/// `ig run audit_seccomp`: the image reference users know is mapped to the gadget name.
pub fn normalize_args(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    if let Some(pos) = args.iter().position(|a| a == "run") {
        if let Some(gadget) = args.get(pos + 1).and_then(|g| g.to_str()) {
            if gadget.contains('/') || gadget.contains(':') {
                let base = gadget.rsplit('/').next().unwrap_or(gadget);
                let name = base.split([':', '@']).next().unwrap_or(base).to_string();
                args[pos + 1] = name.into();
            }
        }
    }
    args
}

/// Did the user give `--runtimes` on the command line (rather than taking the default)?
pub fn runtimes_given(matches: &clap::ArgMatches) -> bool {
    fn find(m: &clap::ArgMatches) -> Option<bool> {
        if let Ok(Some(_)) = m.try_get_raw("runtimes") {
            return Some(
                m.value_source("runtimes") == Some(clap::parser::ValueSource::CommandLine),
            );
        }
        m.subcommand().and_then(|(_, sub)| find(sub))
    }
    find(matches).unwrap_or(false)
}

/// `--spo-api-version` values are the versions' own names (the pure `seccomp` model knows
/// nothing of clap).
impl ValueEnum for SpoVersion {
    fn value_variants<'a>() -> &'a [Self] {
        &[SpoVersion::V1, SpoVersion::V1Beta1]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn image_refs_map_to_gadget_names() {
        let a = normalize_args(vec![
            "ig".into(),
            "run".into(),
            "ghcr.io/inspektor-gadget/gadget/audit_seccomp:v0.40.0".into(),
        ]);
        assert_eq!(a[2], "audit_seccomp");
    }

    #[test]
    fn timeouts_parse() {
        assert_eq!(parse_timeout("2").ok(), Some(Duration::from_secs(2)));
        assert_eq!(parse_timeout("0.5s").ok(), Some(Duration::from_millis(500)));
        assert!(parse_timeout("-1").is_err());
        assert!(parse_timeout("x").is_err());
    }

    #[test]
    fn advisor_takes_a_command() {
        let cli = Cli::try_parse_from(["ig", "seccomp-advisor", "--", "ls", "-l"]).unwrap();
        match cli.command {
            Command::SeccompAdvisor(a) => assert_eq!(a.args.record.command, vec!["ls", "-l"]),
            other => panic!("{other:?}"),
        }
        let cli = Cli::try_parse_from(["ig", "seccomp-advisor", "start", "-c", "web"]).unwrap();
        match cli.command {
            Command::SeccompAdvisor(AdvisorCmd {
                action: Some(AdvisorAction::Start(a)),
                ..
            }) => assert_eq!(a.record.target.names.containername, vec!["web"]),
            other => panic!("{other:?}"),
        }
    }
}
