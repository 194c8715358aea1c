//! The runtime set-up trimming policy: which recorded syscalls go into a container's profile.
//!
//! A container's mount namespace also sees its runtime's own set-up (mount, pivot_root,
//! sethostname, ...) made before the runtime installs the container's seccomp filter. Those are
//! left out: the profile holds what the container's tasks made while under a filter (the
//! kernel marks each syscall with the task's seccomp state). A command ig starts runs under
//! ig's own allow-all filter from its execve on, so only that part counts. Pure: returns what
//! it kept, dropped and why; callers print the findings.

use std::collections::BTreeSet;
use std::fmt;

use crate::syscalls::{self, Abi};

use super::Observed;

/// What was recorded for one target, per ABI.
#[derive(Clone, Debug, Default)]
pub struct Recorded {
    /// Every syscall seen in the target's mount namespace.
    pub seen: Observed,
    /// Those made by a task under a seccomp filter.
    pub filtered: Observed,
    /// Those made from the namespace's first execve on.
    pub after_exec: Observed,
}

/// Which part of a recording belongs to the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A container: what its tasks made under a filter (the runtime's set-up is trimmed).
    Container,
    /// A container with `--include-runtime-setup`: everything seen.
    Everything,
    /// A command ig started: everything from its execve on.
    Command,
}

/// One thing the policy did that the user should hear about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// Nothing at all was recorded: the profile allows nothing.
    NothingRecorded,
    /// Recorded without a filter and no execve seen: every syscall is kept.
    UnconfinedWithoutExec,
    /// Recorded without a filter: these set-up syscalls (before the first execve) were dropped.
    UnconfinedSetupDropped(Vec<String>),
    /// Made by the runtime only before the filter, yet kept: a Go scheduler makes them any time.
    KeptAsync(Vec<String>),
    /// Neither exit nor exit_group was recorded (both are added anyway).
    NoExit,
    /// Set-up syscalls made only before the container's filter, dropped.
    SetupDropped(Vec<String>),
    /// A signal handler was installed but its return was never recorded: added.
    SigreturnAdded(Vec<String>),
}

impl Finding {
    /// Whether this is a warning (something is likely wrong) rather than a note.
    pub fn is_warning(&self) -> bool {
        matches!(self, Finding::NothingRecorded)
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::NothingRecorded => f.write_str(
                "no syscall was recorded; the profile allows nothing (was it idle the whole time?)",
            ),
            Finding::UnconfinedWithoutExec => f.write_str(
                "recorded without a seccomp filter and no execve was seen: ig cannot tell the runtime's set-up from the workload, so the profile keeps every syscall seen",
            ),
            Finding::UnconfinedSetupDropped(names) => write!(
                f,
                "recorded without a seccomp filter: the runtime's set-up was told apart at the container's first execve; not included (--include-runtime-setup keeps them): {}",
                names.join(" ")
            ),
            Finding::KeptAsync(names) => write!(
                f,
                "kept from the runtime's set-up, since its Go scheduler may make them at any time once the filter is on: {}",
                names.join(" ")
            ),
            Finding::NoExit => f.write_str(
                "neither exit nor exit_group was recorded (the container was killed?); both are allowed so that it can end",
            ),
            Finding::SetupDropped(names) => write!(
                f,
                "runtime set-up, not included (made only before the container's seccomp filter; --include-runtime-setup keeps them): {}",
                names.join(" ")
            ),
            Finding::SigreturnAdded(names) => write!(
                f,
                "a signal handler was installed, and a handler returns through {} whenever a signal arrives (a Go runtime's preemption sends one at any time): allowed, else the process dies of SIGSEGV",
                names.join(" and ")
            ),
        }
    }
}

/// The policy's answer: the syscalls for the profile, and what to tell the user, in order.
#[derive(Clone, Debug, Default)]
pub struct Trimmed {
    pub kept: Observed,
    pub findings: Vec<Finding>,
}

/// Applies the set-up trimming policy to one target's recording.
pub fn trim(r: &Recorded, scope: Scope) -> Trimmed {
    let mut findings = Vec::new();
    let mut kept = match scope {
        Scope::Command => r.after_exec.clone(),
        Scope::Everything => r.seen.clone(),
        Scope::Container if none(&r.seen) => {
            findings.push(Finding::NothingRecorded);
            r.filtered.clone()
        }
        Scope::Container if none(&r.filtered) => {
            let mut keep = unconfined(r, &mut findings);
            allow_exit(&mut keep, &mut findings);
            keep
        }
        Scope::Container => {
            let mut keep = r.filtered.clone();
            let kept_async = keep_async(&r.seen, &mut keep);
            if !kept_async.is_empty() {
                findings.push(Finding::KeptAsync(kept_async));
            }
            allow_exit(&mut keep, &mut findings);
            let setup = names_only_in(&r.seen, &keep);
            if !setup.is_empty() {
                findings.push(Finding::SetupDropped(setup));
            }
            keep
        }
    };
    allow_sigreturn(&mut kept, &mut findings);
    Trimmed { kept, findings }
}

fn none(o: &Observed) -> bool {
    o.per_abi.values().all(BTreeSet::is_empty)
}

/// Adds to `keep` every [`RUNTIME_ASYNC`] syscall of `seen`; returns their names, sorted.
fn keep_async(seen: &Observed, keep: &mut Observed) -> Vec<String> {
    let mut kept = BTreeSet::new();
    for (abi, nrs) in &seen.per_abi {
        for &nr in nrs {
            let Some(name) = syscalls::name(*abi, nr) else {
                continue;
            };
            if RUNTIME_ASYNC.contains(&name)
                && keep.per_abi.get(abi).is_none_or(|f| !f.contains(&nr))
            {
                keep.insert(*abi, nr);
                kept.insert(name.to_string());
            }
        }
    }
    kept.into_iter().collect()
}

/// Whether an audit record's task is a container runtime's own process: runc's and youki's
/// stages rename themselves (`runc:[2:INIT]`), crun keeps its name, and the executable path
/// ends in the runtime's name. Such a task ran under the container's filter, so the profile
/// must allow what its Go scheduler does whenever due ([`RUNTIME_ASYNC`]).
pub fn is_runtime_process(comm: Option<&str>, exe: Option<&str>) -> bool {
    const RUNTIMES: [&str; 3] = ["runc", "crun", "youki"];
    let by_comm = comm.is_some_and(|c| {
        RUNTIMES
            .iter()
            .any(|r| c == *r || c.strip_prefix(r).is_some_and(|rest| rest.starts_with(":[")))
    });
    let by_exe = exe.is_some_and(|e| {
        e.rsplit_once('/')
            .is_some_and(|(_, base)| RUNTIMES.contains(&base))
    });
    by_comm || by_exe
}

/// Adds every [`RUNTIME_ASYNC`] syscall that `abi` has to `o`; returns the names that were
/// not there yet, sorted. For profiles built from audit records of a runtime's process:
/// one run's records need not show what its scheduler does in the next.
pub fn add_runtime_async(o: &mut Observed, abi: Abi) -> Vec<String> {
    let mut added = BTreeSet::new();
    for name in RUNTIME_ASYNC {
        let Some(nr) = syscalls::number(abi, name) else {
            continue;
        };
        if o.per_abi.get(&abi).is_none_or(|s| !s.contains(&nr)) {
            o.insert(abi, nr);
            added.insert((*name).to_string());
        }
    }
    added.into_iter().collect()
}

/// A task that installed a signal handler returns from it through rt_sigreturn (i386 also
/// sigreturn) whenever a signal arrives; one run's recording may have had no signal. Denied,
/// the return fails and the task dies of SIGSEGV, so it is allowed wherever a handler was.
fn allow_sigreturn(o: &mut Observed, findings: &mut Vec<Finding>) {
    let has = |abi: Abi, nrs: &BTreeSet<u32>, wanted: &[&str]| {
        nrs.iter()
            .any(|&nr| syscalls::name(abi, nr).is_some_and(|n| wanted.contains(&n)))
    };
    let mut missing = Vec::new();
    for (abi, nrs) in &o.per_abi {
        if !has(*abi, nrs, &["rt_sigaction", "sigaction"]) {
            continue;
        }
        for name in ["rt_sigreturn", "sigreturn"] {
            if syscalls::number(*abi, name).is_some() && !has(*abi, nrs, &[name]) {
                missing.push((*abi, name));
            }
        }
    }
    let mut added = BTreeSet::new();
    for (abi, name) in missing {
        if let Some(nr) = syscalls::number(abi, name) {
            o.insert(abi, nr);
            added.insert(name.to_string());
        }
    }
    if !added.is_empty() {
        findings.push(Finding::SigreturnAdded(added.into_iter().collect()));
    }
}

/// Without exit/exit_group a container cannot end: it spins. A single-threaded program
/// calls only exit_group, a Go runtime's threads exit; both are always allowed.
fn allow_exit(o: &mut Observed, findings: &mut Vec<Finding>) {
    let native = Abi::native();
    let has = |o: &Observed, name: &str| {
        syscalls::number(native, name)
            .is_some_and(|nr| o.per_abi.get(&native).is_some_and(|f| f.contains(&nr)))
    };
    if !has(o, "exit") && !has(o, "exit_group") {
        findings.push(Finding::NoExit);
    }
    for name in ["exit", "exit_group"] {
        if let Some(nr) = syscalls::number(native, name) {
            o.insert(native, nr);
        }
    }
}

/// A container recorded without a seccomp filter (seccomp=unconfined): the runtime's own
/// process ends by executing the container's entrypoint, so everything from the namespace's
/// first execve on is the container's; of what came before, only what a runtime does after
/// the point where it installs a filter (without no-new-privileges) is kept.
fn unconfined(r: &Recorded, findings: &mut Vec<Finding>) -> Observed {
    if none(&r.after_exec) {
        findings.push(Finding::UnconfinedWithoutExec);
        return r.seen.clone();
    }
    let mut keep = r.after_exec.clone();
    for (abi, nrs) in &r.seen.per_abi {
        for &nr in nrs {
            let named = syscalls::name(*abi, nr);
            if named
                .is_some_and(|n| RUNTIME_AFTER_FILTER.contains(&n) || RUNTIME_ASYNC.contains(&n))
            {
                keep.insert(*abi, nr);
            }
        }
    }
    findings.push(Finding::UnconfinedSetupDropped(names_only_in(
        &r.seen, &keep,
    )));
    keep
}

/// Names seen in `all` but not in `kept`, sorted.
fn names_only_in(all: &Observed, kept: &Observed) -> Vec<String> {
    let names = |o: &Observed| -> BTreeSet<String> {
        o.per_abi
            .iter()
            .flat_map(|(abi, nrs)| {
                nrs.iter()
                    .filter_map(|&nr| syscalls::name(*abi, nr).map(str::to_string))
            })
            .collect()
    };
    names(all).difference(&names(kept)).cloned().collect()
}

/// What a container runtime does between installing the container's filter (without
/// no-new-privileges it comes first) and executing the entrypoint: dropping credentials and
/// capabilities, finding the executable, signalling and waiting for its parent (runc
/// writes a pipe, crun waits in pselect6), and the execve itself.
pub const RUNTIME_AFTER_FILTER: &[&str] = &[
    "access",
    "capget",
    "capset",
    "chdir",
    "close",
    "close_range",
    "dup2",
    "dup3",
    "execve",
    "execveat",
    "faccessat",
    "faccessat2",
    "fchdir",
    "fcntl",
    "fstat",
    "fstatfs",
    "getcwd",
    "getdents",
    "getdents64",
    "getegid",
    "geteuid",
    "getgid",
    "getppid",
    "getuid",
    "lseek",
    "lstat",
    "newfstatat",
    "open",
    "openat",
    "openat2",
    "poll",
    "ppoll",
    "prctl",
    "pselect6",
    "read",
    "setgid",
    "setgroups",
    "setresgid",
    "setresuid",
    "setuid",
    "stat",
    "statfs",
    "statx",
    "select",
    "write",
];

/// Syscalls a container runtime written in Go (runc) makes from its scheduler, signal
/// handling and memory management whenever they are due, so seeing them only before the
/// filter in one run says nothing about the next run. Kept when the runtime made them.
pub const RUNTIME_ASYNC: &[&str] = &[
    "clone",
    "clone3",
    "epoll_ctl",
    "epoll_pwait",
    "epoll_wait",
    "futex",
    "getpid",
    "gettid",
    "madvise",
    "mmap",
    "mprotect",
    "munmap",
    "nanosleep",
    "clock_nanosleep",
    "rt_sigaction",
    "rt_sigprocmask",
    "rt_sigreturn",
    "sched_yield",
    "sigaltstack",
    "tgkill",
    "tkill",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(names: &[&str]) -> Observed {
        let mut o = Observed::default();
        for n in names {
            let nr = syscalls::number(Abi::native(), n).expect("a native syscall name");
            o.insert(Abi::native(), nr);
        }
        o
    }

    fn names(o: &Observed) -> Vec<String> {
        names_only_in(o, &Observed::default())
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn set_up_before_the_filter_is_dropped_and_reported() {
        let r = Recorded {
            seen: obs(&[
                "mount",
                "pivot_root",
                "sethostname",
                "read",
                "write",
                "exit_group",
            ]),
            filtered: obs(&["read", "write", "exit_group"]),
            after_exec: obs(&["read", "write", "exit_group"]),
        };
        let t = trim(&r, Scope::Container);
        assert_eq!(
            names(&t.kept),
            strings(&["exit", "exit_group", "read", "write"])
        );
        assert_eq!(
            t.findings,
            vec![Finding::SetupDropped(strings(&[
                "mount",
                "pivot_root",
                "sethostname"
            ]))]
        );
    }

    #[test]
    fn go_scheduler_syscalls_of_the_runtime_are_kept() {
        let r = Recorded {
            seen: obs(&["futex", "mmap", "mount", "read", "exit"]),
            filtered: obs(&["read", "exit"]),
            after_exec: obs(&["read", "exit"]),
        };
        let t = trim(&r, Scope::Container);
        assert_eq!(
            names(&t.kept),
            strings(&["exit", "exit_group", "futex", "mmap", "read"])
        );
        assert_eq!(
            t.findings,
            vec![
                Finding::KeptAsync(strings(&["futex", "mmap"])),
                Finding::SetupDropped(strings(&["mount"])),
            ]
        );
    }

    #[test]
    fn an_installed_signal_handler_can_always_return() {
        // runc's Go runtime installed its handlers under the filter, and no signal arrived
        // during the recording; in the next run a preemption signal does.
        let r = Recorded {
            seen: obs(&["rt_sigaction", "futex", "execve", "exit_group"]),
            filtered: obs(&["rt_sigaction", "futex", "execve", "exit_group"]),
            after_exec: obs(&["execve", "exit_group"]),
        };
        for scope in [Scope::Container, Scope::Everything] {
            let t = trim(&r, scope);
            assert!(
                names(&t.kept).iter().any(|n| n == "rt_sigreturn"),
                "{scope:?}"
            );
            assert_eq!(
                t.findings.last(),
                Some(&Finding::SigreturnAdded(vec!["rt_sigreturn".into()])),
                "{scope:?}"
            );
        }
        // Without a handler nothing is added, and an already recorded return is not reported.
        let plain = Recorded {
            seen: obs(&["read", "exit_group"]),
            filtered: obs(&["read", "exit_group"]),
            after_exec: obs(&["read", "exit_group"]),
        };
        assert!(!names(&trim(&plain, Scope::Container).kept)
            .iter()
            .any(|n| n == "rt_sigreturn"));
        let both = Recorded {
            seen: obs(&["rt_sigaction", "rt_sigreturn", "exit_group"]),
            filtered: obs(&["rt_sigaction", "rt_sigreturn", "exit_group"]),
            after_exec: obs(&["exit_group"]),
        };
        assert!(trim(&both, Scope::Container).findings.is_empty());
    }

    #[test]
    fn a_killed_container_still_gets_exit_and_is_reported() {
        let r = Recorded {
            seen: obs(&["read"]),
            filtered: obs(&["read"]),
            after_exec: obs(&["read"]),
        };
        let t = trim(&r, Scope::Container);
        assert_eq!(names(&t.kept), strings(&["exit", "exit_group", "read"]));
        assert_eq!(t.findings, vec![Finding::NoExit]);
    }

    #[test]
    fn unconfined_containers_are_split_at_the_first_execve() {
        let r = Recorded {
            seen: obs(&["mount", "capset", "futex", "execve", "read", "exit_group"]),
            filtered: Observed::default(),
            after_exec: obs(&["execve", "read", "exit_group"]),
        };
        let t = trim(&r, Scope::Container);
        assert_eq!(
            names(&t.kept),
            strings(&["capset", "execve", "exit", "exit_group", "futex", "read"])
        );
        assert_eq!(
            t.findings,
            vec![Finding::UnconfinedSetupDropped(strings(&["mount"]))]
        );
    }

    #[test]
    fn unconfined_without_execve_keeps_everything_and_says_so() {
        let r = Recorded {
            seen: obs(&["mount", "read"]),
            filtered: Observed::default(),
            after_exec: Observed::default(),
        };
        let t = trim(&r, Scope::Container);
        assert_eq!(
            names(&t.kept),
            strings(&["exit", "exit_group", "mount", "read"])
        );
        assert_eq!(
            t.findings,
            vec![Finding::UnconfinedWithoutExec, Finding::NoExit]
        );
    }

    #[test]
    fn nothing_recorded_is_a_warning_and_allows_nothing() {
        let t = trim(&Recorded::default(), Scope::Container);
        assert!(names(&t.kept).is_empty());
        assert_eq!(t.findings, vec![Finding::NothingRecorded]);
        assert!(t.findings[0].is_warning());
    }

    #[test]
    fn everything_and_command_scopes_trim_nothing_else() {
        let r = Recorded {
            seen: obs(&["mount", "execve", "read"]),
            filtered: obs(&["read"]),
            after_exec: obs(&["execve", "read"]),
        };
        let all = trim(&r, Scope::Everything);
        assert_eq!(names(&all.kept), strings(&["execve", "mount", "read"]));
        assert!(all.findings.is_empty());
        let cmd = trim(&r, Scope::Command);
        assert_eq!(names(&cmd.kept), strings(&["execve", "read"]));
        assert!(cmd.findings.is_empty());
    }

    #[test]
    fn runtime_processes_are_told_by_comm_or_exe() {
        assert!(is_runtime_process(Some("runc:[2:INIT]"), Some("/")));
        assert!(is_runtime_process(Some("runc:[1:CHILD]"), None));
        assert!(is_runtime_process(Some("crun"), None));
        assert!(is_runtime_process(Some("youki:[2:INIT]"), None));
        assert!(is_runtime_process(Some("x"), Some("/usr/bin/runc")));
        assert!(is_runtime_process(None, Some("/usr/local/bin/crun")));
        assert!(!is_runtime_process(Some("sh"), Some("/bin/busybox")));
        assert!(!is_runtime_process(Some("runcible"), Some("/bin/runcible")));
        assert!(!is_runtime_process(
            Some("runc-helper"),
            Some("/opt/runc/app")
        ));
        assert!(!is_runtime_process(None, None));
    }

    #[test]
    fn runtime_async_set_is_added_once_and_reported() {
        let mut o = obs(&["read", "futex"]);
        let added = add_runtime_async(&mut o, Abi::native());
        assert!(!added.contains(&"futex".to_string()), "{added:?}");
        assert!(added.contains(&"mmap".to_string()), "{added:?}");
        assert!(added.contains(&"rt_sigreturn".to_string()), "{added:?}");
        let all = names(&o);
        for name in RUNTIME_ASYNC {
            if syscalls::number(Abi::native(), name).is_some() {
                assert!(all.contains(&name.to_string()), "{name} missing");
            }
        }
        assert!(all.contains(&"read".to_string()));
        assert!(add_runtime_async(&mut o, Abi::native()).is_empty());
    }

    #[test]
    fn findings_read_as_before() {
        assert_eq!(
            Finding::SetupDropped(strings(&["mount", "umount2"])).to_string(),
            "runtime set-up, not included (made only before the container's seccomp filter; --include-runtime-setup keeps them): mount umount2"
        );
        assert!(!Finding::NoExit.is_warning());
    }
}
