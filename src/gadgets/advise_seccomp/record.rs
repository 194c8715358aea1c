//! A recording from start to end: the recorder attached, containers or a command recorded
//! until they exit, a signal or the timeout, and what the kernel could not record said.

use std::collections::BTreeSet;
use std::time::Duration;

use anyhow::Context;

use super::program::{ArgLearning, SyscallRecorder};

use crate::bpf::records::layout;
use crate::cli::RecordArgs;
use crate::gadgets::StopReason;
use crate::host;
use crate::runtime::tracker::ContainerTracker;
use crate::seccomp::args::ArgSyscall;
use crate::syscalls::Abi;

use super::containers::record_containers;
use super::program;
use super::target::{Bits, Target};
use super::{launch, learning};

/// A finished recording.
pub struct Session {
    pub targets: Vec<Target>,
    pub reason: StopReason,
}

/// Automatic mode's hooks into the recording loop: targets recorded by an earlier run of ig
/// (resumed), and what to do as each target exits. With them the loop runs until a signal
/// or the timeout, not until the targets have exited.
pub struct Continuous<'a> {
    pub resume: Vec<Target>,
    pub on_exit: &'a mut dyn FnMut(&Target),
}

/// When a recording of containers ends, besides a signal or `--timeout`.
pub enum Ending<'a> {
    /// Once every target has exited: with `-c`, every name seen; else after a grace period
    /// in case the pod starts another container.
    TargetsExit,
    /// Never by itself: a background recording by Kubernetes names only, whose set of
    /// containers stays open until `stop`.
    Stop,
    /// Automatic mode (see [`Continuous`]).
    Continuous(Continuous<'a>),
}

/// Records until the targets exit (see [`Ending`]), the command exits, a signal or the timeout.
/// `ready` is called once the recorder is attached; `tick` about once a second with what
/// has been recorded so far.
pub async fn record(
    r: &RecordArgs,
    runtimes_given: bool,
    ready: &mut dyn FnMut(),
    tick: &mut dyn FnMut(&[Target]),
    ending: Ending<'_>,
) -> anyhow::Result<Session> {
    crate::gadgets::require_root("recording syscalls with eBPF")?;
    let host_ns = host::host_mntns().context("reading the host mount namespace")?;
    let args = learning(r)?.map(|l| ArgLearning {
        config: program::arg_config(&l.set),
        max_values: l.max_values,
        map_entries: layout::IG_ARG_MAP_DEFAULT,
    });
    let mut rec = SyscallRecorder::start_learning(host_ns, r.max_namespaces, None, args)
        .context("starting the syscall recorder")?;
    let started = host::boot_ns();
    for f in &rec.fallbacks {
        log::info!("not used: {f}");
    }
    log::info!("recording syscalls (attached with {})", rec.attach);

    let mut stop = crate::gadgets::stop_signal(r.timeout);
    let (mut targets, reason) = if r.command.is_empty() {
        let cfg = r.runtime.config(runtimes_given);
        let discovery = crate::gadgets::discovery(&cfg).await?;
        if discovery.is_empty() {
            anyhow::bail!(
                "no container runtime found at {} or {}: start one, or name its socket with --docker-socketpath/--containerd-socketpath",
                cfg.docker_socket.display(),
                cfg.containerd_socket.display()
            );
        }
        let mut tracker = ContainerTracker::new(Some(discovery));
        ready();
        let filter = r.target.filter();
        record_containers(
            &mut rec,
            &mut tracker,
            &filter,
            started,
            &mut stop,
            tick,
            ending,
        )
        .await?
    } else {
        ready();
        record_command(&mut rec, &r.command, &mut stop).await?
    };
    for t in targets.iter_mut() {
        t.harvest(&rec);
    }
    match reason {
        StopReason::Signal => crate::diagnostics::note!("recording stopped by signal"),
        StopReason::Timeout => crate::diagnostics::note!("recording stopped after --timeout"),
        StopReason::Running => {}
    }
    if report_stats(&rec) {
        // Some namespace's values were not kept, and which is unknown: no argument rule
        // can be trusted, so every learned syscall falls back to its name.
        for t in targets.iter_mut() {
            for s in ArgSyscall::ALL {
                t.bits
                    .args
                    .entry(s)
                    .or_default()
                    .entry(Abi::native())
                    .or_default()
                    .overflow |= layout::IG_ARG_OVER_MAP;
            }
        }
    }
    Ok(Session { targets, reason })
}

/// Warns about what the kernel could not record; true when learned argument values were lost.
fn report_stats(rec: &SyscallRecorder) -> bool {
    match rec.stats() {
        Ok(s) => {
            if s.args_full > 0 {
                log::warn!(
                    "the kernel map of learned argument values was full ({} entries): {} value(s) were not recorded; every --learn-args syscall keeps a name-only rule",
                    layout::IG_ARG_MAP_DEFAULT, s.args_full
                );
            }
            if s.map_full > 0 {
                log::warn!(
                    "the kernel map of mount namespaces was full ({} entries): {} syscall(s) of new namespaces were not recorded; raise --max-namespaces",
                    rec.max_namespaces, s.map_full
                );
            }
            if s.first_uses_lost() > 0 {
                eprintln!(
                    "ig: warning: {} first-use record(s) were lost (ring buffer full): some syscalls have no first process in --explain/check",
                    s.first_uses_lost()
                );
            }
            if s.nr_out_of_range > 0 {
                log::warn!(
                    "{} syscall(s) had numbers beyond ig's bitmaps and are not in any profile",
                    s.nr_out_of_range
                );
            }
            s.args_full > 0
        }
        Err(e) => {
            log::warn!("reading recorder statistics: {e}");
            false
        }
    }
}

/// Starts the command in a fresh mount namespace and records it and its children until it
/// exits (or ig is stopped).
async fn record_command(
    rec: &mut SyscallRecorder,
    argv: &[String],
    stop: &mut tokio::sync::watch::Receiver<StopReason>,
) -> anyhow::Result<(Vec<Target>, StopReason)> {
    let mut child = launch::spawn_recorded(argv)?;
    let pid = child.id();
    crate::diagnostics::note!("recording command {:?} (pid {pid})", argv.join(" "));
    let mut target = Target {
        label: format!("command {}", argv.join(" ")),
        container: None,
        keys: BTreeSet::new(),
        bits: Bits::default(),
        missed_startup: false,
        exited: false,
        filtered_only: true,
        first_uses: Vec::new(),
    };
    let mut reason = StopReason::Running;
    loop {
        find_command_namespace(rec, &mut target, pid);
        target.harvest(rec);
        match child.try_wait() {
            Ok(Some(status)) => {
                if !status.success() {
                    crate::diagnostics::note!("the command exited with {status}");
                }
                break;
            }
            Ok(None) => {}
            Err(e) => return Err(e).context("waiting for the command"),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(50)) => {}
            _ = stop.changed() => { reason = *stop.borrow(); break; }
        }
    }
    find_command_namespace(rec, &mut target, pid);
    target.exited = true;
    if target.keys.is_empty() {
        anyhow::bail!(
            "the command's mount namespace was never seen by the recorder: nothing recorded"
        );
    }
    Ok((vec![target], reason))
}

/// The command's namespace is the one whose first task was the child ig started.
fn find_command_namespace(rec: &SyscallRecorder, target: &mut Target, pid: u32) {
    if !target.keys.is_empty() {
        return;
    }
    if let Ok(entries) = rec.entries() {
        target.keys.extend(
            entries
                .iter()
                .filter(|(_, v)| v.first_tgid == pid)
                .map(|(k, _)| *k),
        );
    }
}
