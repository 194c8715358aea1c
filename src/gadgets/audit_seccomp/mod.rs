//! `ig run audit_seccomp`: every syscall a seccomp filter logged or killed, attributed to its
//! container, streamed as columns, JSON lines, pretty JSON or YAML. Events come from the
//! kernel's audit netlink stream or from eBPF on audit_seccomp(), whichever attaches.

pub mod program;
pub mod stacks;

use std::collections::{HashMap, VecDeque};
use std::os::unix::fs::OpenOptionsExt;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use serde_json::{json, Value};
use tokio::sync::mpsc;

use self::program::{AuditBpf, AuditBpfOptions};
use self::stacks::{
    self as ustack, frames_from_build_ids, logged_syscalls, unavailable_json, ustack_json,
    BuildIdIndex, PendingStacks, Stack, RECORD_WAIT,
};
use crate::audit::{self, AuditSocket, SeccompRecord, AUDIT_SECCOMP};
use crate::bpf::records::{comm_str, slot_abi, SeccompEvent, StackEvent, SyscallSet};
use crate::cli::{AuditArgs, AuditSource};
use crate::gadgets::StopReason;
use crate::host;
use crate::output::{self, Column, Mode, Printer};
use crate::runtime::tracker::ContainerTracker;
use crate::runtime::{container_id_from_cgroup, Container, ContainerFilter};
use crate::symbolize::StackSymbolizer;
use crate::syscalls::{self, Abi};
use crate::timestamp::rfc3339;

/// One seccomp event, whichever source it came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Event {
    pub source: &'static str,
    pub time_unix_ns: Option<u64>,
    pub serial: Option<u64>,
    pub mntns: Option<u64>,
    pub pid: u32,
    pub tid: Option<u32>,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    pub comm: Option<String>,
    pub exe: Option<String>,
    pub abi: Option<Abi>,
    pub arch: u32,
    pub syscall: u64,
    pub code: u32,
    pub sig: Option<i64>,
    pub ip: Option<u64>,
    /// User stack taken by the ebpf source in audit_seccomp() itself.
    pub kernel_stack: Vec<u64>,
    /// The same stack as (build id, offset) frames, for a task gone before it is named.
    pub kernel_ids: Vec<crate::bpf::records::BuildIdFrame>,
    /// Where the executable lies in its own file system (s_dev, path), ebpf source.
    pub exe_in_fs: Option<(u32, String)>,
    /// Container id read from the task's cgroup (for containers gone before they were listed).
    pub cgroup_id: Option<String>,
}

impl Event {
    pub fn from_record(r: &SeccompRecord) -> Event {
        Event {
            source: "audit",
            time_unix_ns: r
                .time_secs
                .map(|s| s * 1_000_000_000 + u64::from(r.time_millis.unwrap_or(0)) * 1_000_000),
            serial: r.serial,
            pid: r.pid,
            uid: r.uid,
            gid: r.gid,
            comm: r.comm.clone(),
            exe: r.exe.clone(),
            abi: Abi::from_audit(r.arch, r.syscall),
            arch: r.arch,
            syscall: r.syscall,
            code: r.code,
            sig: Some(i64::from(r.sig)),
            ip: r.ip,
            ..Default::default()
        }
    }

    pub fn from_bpf(e: SeccompEvent) -> Event {
        let abi = slot_abi(e.abi as usize);
        Event {
            source: "ebpf",
            time_unix_ns: Some(host::boot_ns_to_unix_ns(e.timestamp_ns)),
            mntns: Some(e.mntns),
            pid: e.pid,
            tid: Some(e.tid),
            uid: Some(e.uid),
            gid: Some(e.gid),
            comm: Some(comm_str(&e.comm)),
            abi,
            arch: abi.map(Abi::audit_arch).unwrap_or(0),
            syscall: e.syscall,
            code: e.code,
            sig: Some(e.signr),
            ip: Some(e.ip),
            exe: e.exe,
            cgroup_id: container_id_from_cgroup(&e.cgroup),
            kernel_stack: e.ustack,
            kernel_ids: e.ids,
            exe_in_fs: e.exe_in_fs,
            ..Default::default()
        }
    }

    /// Syscall name as ig shows it (`SYS_UNSHARE`), if the ABI's table knows the number.
    pub fn syscall_name(&self) -> Option<String> {
        let abi = self.abi?;
        let nr = u32::try_from(self.syscall).ok()?;
        syscalls::name(abi, nr).map(syscalls::display_name)
    }
}

/// Where an event's process was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attribution {
    Live,
    Exited,
    Unknown,
}

/// The record printed for one event.
pub fn event_json(ev: &Event, c: Option<&Container>, node: &str, mode: Mode) -> Value {
    let name = ev.syscall_name();
    let syscall = match (&name, mode) {
        (Some(n), _) => Value::from(n.as_str()),
        (None, Mode::Columns) => Value::from(format!("nr {}", ev.syscall as i64)),
        (None, _) => Value::Null,
    };
    let code = audit::seccomp_action(ev.code);
    let ts = ev.time_unix_ns.map(rfc3339);
    let mut v = json!({
        "timestamp": ts,
        "k8s": {
            "node": node,
            "namespace": c.and_then(|c| c.k8s.as_ref()).map(|k| k.namespace.clone()).unwrap_or_default(),
            "podName": c.and_then(|c| c.k8s.as_ref()).map(|k| k.pod_name.clone()).unwrap_or_default(),
            "containerName": c.and_then(|c| c.k8s.as_ref()).map(|k| k.container_name.clone()).unwrap_or_default(),
        },
        "runtime": {
            "runtimeName": c.map(|c| c.runtime.as_str()).unwrap_or_default(),
            "containerName": c.map(|c| c.name.clone()).unwrap_or_default(),
            "containerId": c.map(|c| c.id.clone()).unwrap_or_default(),
            "containerImageName": c.map(|c| c.image.clone()).unwrap_or_default(),
        },
        "mntns_id": ev.mntns,
        "proc": {
            "comm": ev.comm,
            "pid": ev.pid,
            "tid": ev.tid,
            "creds": { "uid": ev.uid, "gid": ev.gid },
        },
        "syscall": syscall,
        "syscall_raw": ev.syscall as i64,
        "arch": ev.abi.map(Abi::as_str),
        "audit_arch": format!("0x{:08x}", ev.arch),
        "code": code,
        "code_raw": format!("0x{:08x}", ev.code),
        "exe": ev.exe,
        "source": ev.source,
    });
    if let Some(ip) = ev.ip {
        v["ip"] = format!("0x{ip:x}").into();
    }
    if let Some(s) = ev.serial {
        v["audit_serial"] = s.into();
    }
    if let Some(sig) = ev.sig.filter(|&s| s != 0) {
        v["signal"] = sig.into();
    }
    v
}

pub fn columns(k8s: bool) -> Vec<Column> {
    let mut cols = vec![
        Column::new("TIMESTAMP", "timestamp", 30).hidden(),
        Column::new("K8S.NODE", "k8s.node", 16),
        Column::new("K8S.NAMESPACE", "k8s.namespace", 16),
        Column::new("K8S.PODNAME", "k8s.podName", 16),
        Column::new("K8S.CONTAINERNAME", "k8s.containerName", 16),
        Column::new("RUNTIME.CONTAINERNAME", "runtime.containerName", 21),
        Column::new("RUNTIME.CONTAINERID", "runtime.containerId", 12).hidden(),
        Column::new("MNTNS", "mntns_id", 10).right().hidden(),
        Column::new("COMM", "proc.comm", 16),
        Column::new("PID", "proc.pid", 7).right(),
        Column::new("TID", "proc.tid", 7).right(),
        Column::new("UID", "proc.creds.uid", 5).right().hidden(),
        Column::new("GID", "proc.creds.gid", 5).right().hidden(),
        Column::new("CODE", "code", 13).ellipsis_start(),
        Column::new("CODE_RAW", "code_raw", 10).hidden(),
        Column::new("SYSCALL", "syscall", 16),
        Column::new("SYSCALL_RAW", "syscall_raw", 5)
            .right()
            .hidden(),
        Column::new("ARCH", "arch", 7).hidden(),
        Column::new("EXE", "exe", 24).hidden(),
    ];
    for c in cols.iter_mut() {
        let is_k8s = c.header.starts_with("K8S.");
        let is_rt = c.header == "RUNTIME.CONTAINERNAME";
        if (is_k8s && !k8s) || (is_rt && k8s) {
            c.default_visible = false;
        }
    }
    cols
}

/// Attribution of recent records by pid: a burst of records of one process costs one
/// look-up (several /proc reads and, once it is gone, a walk of the exit map), not one each.
#[derive(Default)]
struct AttributionCache {
    by_pid: HashMap<u32, Attributed>,
}

/// What `attribute` found for a pid, and when.
struct Attributed {
    at: Instant,
    mntns: Option<u64>,
    cgroup_id: Option<String>,
    tid: Option<u32>,
    how: Attribution,
}

/// How long a pid's attribution is reused (pids are not recycled that fast).
const ATTRIBUTION_TTL: Duration = Duration::from_millis(500);

impl AttributionCache {
    fn attribute(&mut self, ev: &mut Event, bpf: Option<&AuditBpf>, host_ns: u64) -> Attribution {
        if let Some(hit) = self.by_pid.get(&ev.pid) {
            if hit.at.elapsed() < ATTRIBUTION_TTL {
                ev.mntns = hit.mntns;
                ev.cgroup_id = hit.cgroup_id.clone();
                ev.tid = ev.tid.or(hit.tid);
                return hit.how;
            }
        }
        let how = attribute(ev, bpf, host_ns);
        if self.by_pid.len() > 4096 {
            self.by_pid.retain(|_, v| v.at.elapsed() < ATTRIBUTION_TTL);
        }
        self.by_pid.insert(
            ev.pid,
            Attributed {
                at: Instant::now(),
                mntns: ev.mntns,
                cgroup_id: ev.cgroup_id.clone(),
                tid: ev.tid,
                how,
            },
        );
        how
    }
}

/// Finds the mount namespace (and thread id where it can be known exactly) of an audit
/// record's process: live in /proc, or remembered by the exit tracepoint if it is gone.
fn attribute(ev: &mut Event, bpf: Option<&AuditBpf>, host_ns: u64) -> Attribution {
    let exited = bpf.and_then(|b| b.exited(ev.pid));
    let live = host::mntns_of(ev.pid).ok();
    let reused = match (&exited, live) {
        (Some(x), Some(_)) => host::start_time_ns(ev.pid).is_ok_and(|s| s > x.exit_ns),
        _ => false,
    };
    let how = match (live, &exited) {
        (Some(ns), Some(_)) if reused => {
            ev.mntns = Some(ns);
            ev.cgroup_id = host::cgroup_leaf_of(ev.pid).and_then(|l| container_id_from_cgroup(&l));
            Attribution::Live
        }
        (_, Some(x)) => {
            ev.mntns = Some(x.mntns);
            ev.cgroup_id = container_id_from_cgroup(&comm_str(&x.cgroup));
            Attribution::Exited
        }
        (Some(ns), None) => {
            ev.mntns = Some(ns);
            ev.cgroup_id = host::cgroup_leaf_of(ev.pid).and_then(|l| container_id_from_cgroup(&l));
            Attribution::Live
        }
        // The exit tracepoint remembers every task of a non-host namespace, and it runs
        // before a task loses its namespaces: gone and not remembered means a host task.
        (None, None) if bpf.is_some() => {
            ev.mntns = Some(host_ns);
            Attribution::Exited
        }
        (None, None) => Attribution::Unknown,
    };
    if ev.tid.is_none() {
        ev.tid = match how {
            // A single-threaded live process: its only thread is the one.
            Attribution::Live => std::fs::read_dir(format!("/proc/{}/task", ev.pid))
                .ok()
                .and_then(|d| (d.count() == 1).then_some(ev.pid))
                .or_else(|| {
                    // Died while we looked: the exit record may be there by now.
                    let threads = bpf.map(|b| b.exited_threads(ev.pid)).unwrap_or_default();
                    (threads.len() == 1).then(|| threads[0].0)
                }),
            Attribution::Exited => {
                let threads = bpf.map(|b| b.exited_threads(ev.pid)).unwrap_or_default();
                (threads.len() == 1).then(|| threads[0].0)
            }
            Attribution::Unknown => None,
        };
    }
    how
}

/// After a stop, how long the event stream must stay quiet before ig stops reading it.
const DRAIN_QUIET: Duration = Duration::from_millis(300);
/// ... and at most this long, so a stream that never pauses still ends.
const DRAIN_MAX: Duration = Duration::from_secs(3);

pub async fn run(a: AuditArgs, runtimes_given: bool) -> anyhow::Result<ExitCode> {
    let mode = super::parse_mode(&a.output)?;
    // Bad --fields fail before anything loads (the layout itself is chosen later).
    for k8s in [false, true] {
        output::select_columns(&columns(k8s), a.fields.as_deref())
            .map_err(|e| crate::UsageError(format!("--fields: {e}")))?;
    }
    super::require_root("reading seccomp events")?;
    let filter: ContainerFilter = a.target.filter();
    let host_ns = host::host_mntns().context("reading the host mount namespace")?;
    let node = host::node_name();

    let cfg = a.runtime.config(runtimes_given);
    let discovery = super::discovery(&cfg).await?;
    let mut containers = ContainerTracker::new(Some(discovery));
    refresh(&mut containers).await;

    // The kernel side: exit memory always; the event source where it attaches.
    let want_ebpf = matches!(a.source, AuditSource::Auto | AuditSource::Ebpf);
    let (mut bpf, ebpf_err) = match AuditBpf::start(&AuditBpfOptions {
        host_mntns: host_ns,
        containers_only: !a.host,
        collect_ustack: a.collect_ustack,
        want_source: want_ebpf,
    }) {
        Ok((b, e)) => (Some(b), e),
        Err(e) => {
            log::warn!("loading the exit tracepoint: {e}: processes killed by seccomp may not be attributed to their container");
            (None, None)
        }
    };
    let use_ebpf = bpf.as_ref().is_some_and(|b| b.source.is_some());
    // What no source can see, said once: the audit subsystem off at boot (the netlink
    // stream does not exist; audit_seccomp() still runs, so the ebpf source sees calls),
    // and seccomp actions the kernel does not log at all.
    if host::audit_disabled_at_boot() {
        if use_ebpf {
            crate::diagnostics::note!("the kernel's audit subsystem is disabled (audit=0 at boot): no audit records are written, but the ebpf source still sees every call of audit_seccomp()");
        } else if a.source != AuditSource::Ebpf {
            anyhow::bail!("the kernel's audit subsystem is disabled (audit=0 at boot), so the audit source can see no records; use a kernel with kprobes or fentry for the ebpf source, or boot without audit=0");
        }
    }
    match (a.source, use_ebpf, &ebpf_err) {
        (AuditSource::Ebpf, false, Some(e)) => anyhow::bail!("--source ebpf: {e}"),
        (AuditSource::Ebpf, false, None) => {
            anyhow::bail!("--source ebpf: the eBPF object did not load")
        }
        (_, true, _) => crate::diagnostics::note!(
            "source: ebpf ({} on audit_seccomp)",
            bpf.as_ref()
                .and_then(|b| b.source)
                .map(|k| k.to_string())
                .unwrap_or_default()
        ),
        (AuditSource::Auto, false, Some(e)) => {
            crate::diagnostics::note!(
                "source: audit (kernel audit netlink), because the ebpf source cannot attach: {e}"
            )
        }
        _ => crate::diagnostics::note!("source: audit (kernel audit netlink)"),
    }

    // Seccomp actions the kernel does not log at all: no source sees them.
    let unlogged = host::seccomp_actions_not_logged();
    if !unlogged.is_empty() {
        log::warn!(
            "the kernel does not log seccomp actions {} (sysctl kernel.seccomp.actions_logged): no source sees them",
            unlogged.join(", ")
        );
    }

    let (tx, mut rx) = mpsc::channel::<Vec<Event>>(1024);
    let lost_socket = Arc::new(AtomicU64::new(0));
    let quit = Arc::new(AtomicBool::new(false));
    let reader = if use_ebpf {
        let ring = bpf
            .as_mut()
            .context("eBPF state")?
            .take_events()
            .context("opening the event ring buffer")?;
        Reader::Ring(tokio::spawn(read_ringbuf(
            "event",
            ring,
            |b| SeccompEvent::decode(b).map(Event::from_bpf),
            tx,
        )))
    } else {
        let sock = AuditSocket::open().context("opening the kernel audit stream")?;
        let (lost, quit) = (lost_socket.clone(), quit.clone());
        Reader::Thread(std::thread::spawn(move || {
            read_netlink(sock, tx, lost, quit)
        }))
    };

    let k8s_cols = filter.k8s_namespace.is_some()
        || filter.k8s_pod.is_some()
        || filter.k8s_container.is_some()
        || (containers.known().next().is_some() && containers.known().all(|c| c.k8s.is_some()));
    let all_cols = columns(k8s_cols);
    let selected: Vec<Column> = output::select_columns(&all_cols, a.fields.as_deref())
        .map_err(|e| crate::UsageError(format!("--fields: {e}")))?
        .into_iter()
        .cloned()
        .collect();
    let stdout = std::io::stdout();
    let mut printer = Printer::new(stdout.lock(), mode, selected, output::terminal_width());
    printer.header()?;

    // User stacks: taken in audit_seccomp() by the ebpf source, else at the tracepoints
    // the task passes (ustack.rs) for namespaces watched with their own profile.
    let mut stacks = Stacks::default();
    let (stack_tx, mut stack_rx) = mpsc::channel::<Vec<StackEvent>>(1024);
    let mut stack_reader = None;
    if a.collect_ustack && !use_ebpf {
        match bpf
            .as_mut()
            .map(|b| b.enable_stacks().and_then(|()| b.take_stacks()))
        {
            Some(Ok(ring)) => {
                stacks.enabled = true;
                stack_reader = Some(tokio::spawn(read_ringbuf(
                    "stack",
                    ring,
                    StackEvent::decode,
                    stack_tx,
                )));
            }
            Some(Err(e)) => {
                stacks.unavailable = Some(format!("the stack programs did not attach ({e})"));
                log::warn!("--collect-ustack: {e}: records will say the stack is unavailable");
            }
            None => {
                stacks.unavailable = Some("the eBPF object did not load".into());
            }
        }
    }
    // The ebpf source takes its stacks itself; it still needs handles on the roots of the
    // containers whose profile logs or kills, to name libraries of a process already gone.
    stacks.roots_only = a.collect_ustack && use_ebpf;
    if stacks.enabled || stacks.roots_only {
        let b = if stacks.enabled { bpf.as_mut() } else { None };
        update_watches(&mut containers, b, &filter, &mut stacks).await;
    }

    let mut stop = super::stop_signal(a.timeout);
    let mut unattributed = 0u64;
    let mut printed = 0u64;
    let mut reported_lost = 0u64;
    let mut waiting: VecDeque<(Event, Option<Container>, Instant)> = VecDeque::new();
    let mut attr_cache = AttributionCache::default();
    let mut tick = tokio::time::interval(Duration::from_millis(50));
    let mut last_watch = Instant::now();
    let (mut events_closed, mut stacks_closed) = (false, false);
    // On a stop, records the kernel already handed over are still read and printed: the
    // loop ends once none arrived for DRAIN_QUIET.
    let mut stopping: Option<(StopReason, tokio::time::Instant)> = None;
    let mut drain_limit = tokio::time::Instant::now();
    let reason = loop {
        let drain_end = stopping
            .map(|s| s.1)
            .unwrap_or_else(tokio::time::Instant::now);
        tokio::select! {
            batch = rx.recv() => {
                let Some(batch) = batch else {
                    events_closed = true;
                    break stopping.map(|s| s.0).unwrap_or(StopReason::Running);
                };
                if let Some(s) = stopping.as_mut() {
                    s.1 = (tokio::time::Instant::now() + DRAIN_QUIET).min(drain_limit);
                }
                for mut ev in batch {
                    let how = if ev.mntns.is_some() {
                        Attribution::Live
                    } else {
                        attr_cache.attribute(&mut ev, bpf.as_ref(), host_ns)
                    };
                    let is_host = ev.mntns == Some(host_ns);
                    if is_host && !a.host {
                        continue;
                    }
                    let c = match ev.mntns {
                        Some(ns) if !is_host => containers.lookup(ns, ev.cgroup_id.as_deref()).await,
                        _ => None,
                    };
                    if how == Attribution::Unknown {
                        unattributed += 1;
                    }
                    if !filter.is_empty() && !c.as_ref().is_some_and(|c| filter.matches(c)) {
                        continue;
                    }
                    waiting.push_back((ev, c, Instant::now()));
                }
            }
            batch = stack_rx.recv(), if stacks.enabled => {
                // The stack reader ended: stop (its reason is reported below), never spin.
                let Some(batch) = batch else {
                    stacks_closed = true;
                    break StopReason::Running;
                };
                for st in batch {
                    stacks.arrived(st);
                }
            }
            _ = tick.tick() => {
                if (stacks.enabled || stacks.roots_only) && last_watch.elapsed() >= Duration::from_millis(250) {
                    refresh(&mut containers).await;
                    let b = if stacks.enabled { bpf.as_mut() } else { None };
                    update_watches(&mut containers, b, &filter, &mut stacks).await;
                    stacks.pending.expire();
                    last_watch = Instant::now();
                }
            }
            _ = stop.changed(), if stopping.is_none() => {
                let now = tokio::time::Instant::now();
                drain_limit = now + DRAIN_MAX;
                stopping = Some((*stop.borrow(), now + DRAIN_QUIET));
            }
            _ = tokio::time::sleep_until(drain_end), if stopping.is_some() => {
                break stopping.map(|s| s.0).unwrap_or(StopReason::Running);
            }
        }
        // Print in arrival order; a record of a watched namespace waits a little for its stack.
        while let Some((ev, _, since)) = waiting.front() {
            if a.collect_ustack && stacks.should_wait(ev, since.elapsed()) {
                break;
            }
            let Some((ev, c, _)) = waiting.pop_front() else {
                break;
            };
            print_event(
                &mut printer,
                &mut stacks,
                a.collect_ustack,
                &ev,
                c.as_ref(),
                &node,
                mode,
            )?;
            printed += 1;
        }
        let lost = lost_socket.load(Ordering::Relaxed);
        if lost > reported_lost {
            log::warn!(
                "{} seccomp records lost: the kernel audit socket overflowed",
                lost - reported_lost
            );
            reported_lost = lost;
        }
    };
    // What is still waiting is printed, not dropped.
    while let Some((ev, c, _)) = waiting.pop_front() {
        print_event(
            &mut printer,
            &mut stacks,
            a.collect_ustack,
            &ev,
            c.as_ref(),
            &node,
            mode,
        )?;
        printed += 1;
    }
    let stacks_ended = match stack_reader {
        Some(h) => finish_task(h, stacks_closed).await,
        None => Ok(()),
    };
    drop(rx);
    let events_ended = reader.finish(&quit, events_closed).await;
    let lost = lost_socket.load(Ordering::Relaxed);
    if lost > reported_lost {
        log::warn!(
            "{} seccomp records lost: the kernel audit socket overflowed",
            lost - reported_lost
        );
    }
    if let Some(b) = &bpf {
        if b.lost_events() > 0 {
            log::warn!(
                "{} events lost: the eBPF ring buffer was full",
                b.lost_events()
            );
        }
        if b.lost_exits() > 0 {
            log::warn!(
                "{} task exits could not be remembered (map full)",
                b.lost_exits()
            );
        }
    }
    if unattributed > 0 {
        log::warn!(
            "{unattributed} event(s) could not be attributed (process gone before ig saw it)"
        );
    }
    if reason == StopReason::Timeout {
        log::info!("stopped after --timeout; {printed} event(s)");
    }
    events_ended?;
    stacks_ended?;
    if reason == StopReason::Running {
        anyhow::bail!("a reader stopped unexpectedly; {printed} event(s) were printed");
    }
    Ok(ExitCode::SUCCESS)
}

/// User-stack state of a run: which namespaces are watched, stacks waiting for their
/// record, and the symbolizer.
#[derive(Default)]
struct Stacks {
    /// The stack programs are attached (netlink source).
    enabled: bool,
    /// Only the container roots are kept (the ebpf source takes stacks itself).
    roots_only: bool,
    /// Why stacks cannot be had at all, when they cannot.
    unavailable: Option<String>,
    /// mntns -> number of syscalls watched there (0: its profile logs nothing).
    watched: HashMap<u64, u32>,
    pending: PendingStacks,
    symbolizer: Option<StackSymbolizer>,
    /// Per watched namespace: build id -> file, for tasks that are gone.
    build_ids: HashMap<u64, BuildIdIndex>,
    /// Per watched namespace: handles on the container's mount namespace (which keeps its
    /// mounts, bind mounts included, attached) and root directory, taken when the watch
    /// began, through which its files stay readable for a while after it is gone.
    roots: HashMap<u64, RootHandle>,
}

struct RootHandle {
    _ns: std::os::fd::OwnedFd,
    root: std::os::fd::OwnedFd,
    /// When the container was first seen not running.
    gone_since: Option<Instant>,
}

/// How long a stopped container's files stay pinned for naming its last stacks.
const ROOT_GRACE: Duration = Duration::from_secs(10);

impl Stacks {
    fn sym(&mut self) -> &mut StackSymbolizer {
        self.symbolizer.get_or_insert_with(StackSymbolizer::new)
    }

    /// A stack from the kernel: normalized now, while its task may still live.
    fn arrived(&mut self, st: StackEvent) {
        let (frames, note) = match self.sym().normalize(st.pid, &st.ustack) {
            Ok(frames) => (frames, None),
            Err(e) => (Vec::new(), Some(e.to_string())),
        };
        let pid = st.pid;
        let nr = st.syscall;
        self.pending.push(
            pid,
            nr,
            Stack {
                ip: st.ip,
                point: st.point,
                at: Instant::now(),
                frames,
                note,
                raw: Some(st),
            },
        );
    }

    fn should_wait(&self, ev: &Event, age: Duration) -> bool {
        self.enabled
            && age < RECORD_WAIT
            && ev
                .mntns
                .is_some_and(|ns| self.watched.get(&ns).is_some_and(|&n| n > 0))
            && !self.pending.has(ev.pid, ev.syscall)
    }

    fn for_record(&mut self, ev: &Event, c: Option<&Container>) -> serde_json::Value {
        if !ev.kernel_stack.is_empty() {
            return self.kernel_stack_json(ev, c);
        }
        if let Some(why) = &self.unavailable {
            return unavailable_json(why);
        }
        let Some(ns) = ev.mntns else {
            return unavailable_json("the process could not be attributed");
        };
        match self.watched.get(&ns) {
            None => {
                return unavailable_json(
                    "not a watched container (stacks are taken for container processes)",
                )
            }
            Some(0) => {
                return unavailable_json(
                    "the container's seccomp profile logs and kills nothing ig could watch",
                )
            }
            Some(_) => {}
        }
        let Some(stack) = self.pending.take(ev.pid, ev.syscall, ev.ip) else {
            return unavailable_json("no stack was taken for this call (a thread killed while others live, or the record arrived late)");
        };
        // A frame the live read of the process could not name (the task was gone, or
        // exiting while it was read, so its files could not be opened) takes the kernel's
        // (build id, offset) resolution, named through the files of its container.
        let live = self.sym().symbolize(&stack.frames);
        let unnamed = live.is_empty() || live.iter().any(|f| f.symbol.is_none());
        let Some(raw) = stack.raw.as_ref().filter(|_| unnamed) else {
            return ustack_json(&live, stack.point, None);
        };
        // `_held` keeps the files the frames name open until they are symbolized.
        let (by_id_frames, _held) = self.build_id_frames(ev, c, ns, raw);
        let by_id = self.sym().symbolize(&by_id_frames);
        let (merged, used_build_ids) = merge_frames(&live, &by_id);
        let note = used_build_ids.then_some(
            "the process exited before ig could read all of its maps; frames resolved by build id",
        );
        ustack_json(&merged, stack.point, note)
    }

    /// The stack the ebpf source took in audit_seccomp(): named through the live process
    /// when it still runs, else (and for every frame that read could not name) through the
    /// kernel's build ids, found among the container's files or, for the executable, at its
    /// place on this host.
    fn kernel_stack_json(&mut self, ev: &Event, c: Option<&Container>) -> serde_json::Value {
        let live = match self.sym().normalize(ev.pid, &ev.kernel_stack) {
            Ok(frames) => self.sym().symbolize(&frames),
            Err(e) => {
                log::debug!("live read of pid {}: {e}", ev.pid);
                Vec::new()
            }
        };
        if !live.is_empty() && live.iter().all(|f| f.symbol.is_some()) {
            return ustack_json(&live, 0, None);
        }
        if ev.kernel_ids.is_empty() {
            if live.is_empty() {
                return unavailable_json("the process exited before ig could read its maps, and the kernel gave no build ids");
            }
            return ustack_json(&live, 0, None);
        }
        let raw = StackEvent {
            timestamp_ns: 0,
            mntns: ev.mntns.unwrap_or(0),
            ip: ev.ip.unwrap_or(0),
            syscall: ev.syscall,
            pid: ev.pid,
            tid: ev.tid.unwrap_or(0),
            abi: 0,
            point: 0,
            ustack: ev.kernel_stack.clone(),
            ids: ev.kernel_ids.clone(),
        };
        // `_held` keeps the files the frames name open until they are symbolized.
        let (by_id_frames, _held) = self.build_id_frames(ev, c, ev.mntns.unwrap_or(0), &raw);
        let by_id = self.sym().symbolize(&by_id_frames);
        let (merged, used_build_ids) = merge_frames(&live, &by_id);
        let note = used_build_ids.then_some(
            "the process exited before ig could read all of its maps; frames resolved by build id",
        );
        ustack_json(&merged, 0, note)
    }

    /// The kernel's (build id, offset) frames of a stack, as symbolizer input, with files
    /// looked up under the root of the container the task ran in. For a task of no known
    /// container, also the one-off index whose handles the frames' paths name: keep it until
    /// the frames are symbolized.
    fn build_id_frames(
        &mut self,
        ev: &Event,
        c: Option<&Container>,
        ns: u64,
        raw: &StackEvent,
    ) -> (Vec<crate::symbolize::NormalizedFrame>, Option<BuildIdIndex>) {
        let root = self
            .roots
            .get(&ns)
            .map(|h| {
                use std::os::fd::AsRawFd;
                std::path::PathBuf::from(format!("/proc/self/fd/{}", h.root.as_raw_fd()))
            })
            .or_else(|| {
                c.filter(|c| c.pid > 0)
                    .map(|c| std::path::PathBuf::from(format!("/proc/{}/root", c.pid)))
            });
        match root {
            Some(root) => {
                let index = self
                    .build_ids
                    .entry(ns)
                    .or_insert_with(|| BuildIdIndex::new(root));
                if let Some(exe) = &ev.exe {
                    index.add(exe);
                }
                add_exe_on_host(index, ev);
                (frames_from_build_ids(raw, index), None)
            }
            None => {
                let mut index = BuildIdIndex::new(std::path::PathBuf::from("/nonexistent"));
                add_exe_on_host(&mut index, ev);
                let frames = frames_from_build_ids(raw, &mut index);
                (frames, Some(index))
            }
        }
    }
}

/// Lists the running containers now; a failed listing is a warning (the next one may work).
async fn refresh(containers: &mut ContainerTracker) {
    if let Err(e) = containers.refresh().await {
        log::warn!("listing containers: {e}");
    }
}

/// The executable of an ebpf-source record, found on this host through its file system
/// (a bind mount's source, or a container's root still mounted), named as the task saw it.
fn add_exe_on_host(index: &mut BuildIdIndex, ev: &Event) {
    let (Some(exe), Some((dev, in_fs))) = (&ev.exe, &ev.exe_in_fs) else {
        return;
    };
    if let Some((mount, inner)) = host::path_on_host(*dev, in_fs) {
        index.add_below(exe, mount, &inner);
    }
}

/// Frame by frame, the live read's frame where it is named, else the build-id one; and
/// whether any build-id frame was used.
fn merge_frames(
    live: &[crate::symbolize::Frame],
    by_id: &[crate::symbolize::Frame],
) -> (Vec<crate::symbolize::Frame>, bool) {
    let mut used_build_ids = false;
    let merged = (0..live.len().max(by_id.len()))
        .filter_map(|i| {
            let (l, k) = (live.get(i), by_id.get(i));
            let pick = match (l, k) {
                (Some(l), _) if l.symbol.is_some() => l,
                (_, Some(k)) if k.symbol.is_some() => k,
                (Some(l), _) if l.module.is_some() => l,
                (_, Some(k)) => k,
                (Some(l), None) => l,
                (None, None) => return None,
            };
            used_build_ids |= k.is_some_and(|k| std::ptr::eq(pick, k));
            Some(pick.clone())
        })
        .collect();
    (merged, used_build_ids)
}

/// Installs stack watches for containers not watched yet, from their own seccomp profile.
async fn update_watches(
    containers: &mut ContainerTracker,
    mut bpf: Option<&mut AuditBpf>,
    filter: &ContainerFilter,
    stacks: &mut Stacks,
) {
    // Release the files of containers stopped for a while.
    for (ns, h) in stacks.roots.iter_mut() {
        if containers.running_mntns(*ns) {
            h.gone_since = None;
        } else {
            h.gone_since.get_or_insert_with(Instant::now);
        }
    }
    let released: Vec<u64> = stacks
        .roots
        .iter()
        .filter(|(_, h)| h.gone_since.is_some_and(|t| t.elapsed() >= ROOT_GRACE))
        .map(|(ns, _)| *ns)
        .collect();
    for ns in released {
        stacks.roots.remove(&ns);
        stacks.build_ids.remove(&ns);
    }
    let Some(d) = containers.discovery() else {
        return;
    };
    let todo: Vec<Container> = containers
        .known()
        .filter(|c| !stacks.watched.contains_key(&c.mntns))
        .filter(|c| filter.is_empty() || filter.matches(c))
        .cloned()
        .collect();
    for c in todo {
        let set = match d.seccomp_profile(&c).await {
            Ok(Some(p)) => logged_syscalls(&p),
            Ok(None) => SyscallSet::default(),
            Err(e) => {
                log::warn!("reading the seccomp profile of {}: {e}", c.name);
                continue;
            }
        };
        let n = ustack::count(&set);
        if n > 0 {
            match open_root(c.pid) {
                Ok(h) => {
                    stacks.roots.insert(c.mntns, h);
                }
                Err(e) => log::info!("keeping a handle on the root of {}: {e}", c.name),
            }
            if let Some(b) = bpf.as_deref_mut() {
                if let Err(e) = b.watch(c.mntns, &set) {
                    log::warn!("watching stacks of {}: {e}", c.name);
                    continue;
                }
            }
            log::info!(
                "taking user stacks of {} for {n} logged or killed syscalls",
                c.name
            );
        }
        stacks.watched.insert(c.mntns, n);
    }
}

/// Handles on a process's mount namespace and root directory (O_PATH).
fn open_root(pid: u32) -> std::io::Result<RootHandle> {
    let open = |path: String, flags: i32| {
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(flags)
            .open(path)
            .map(std::os::fd::OwnedFd::from)
    };
    Ok(RootHandle {
        _ns: open(format!("/proc/{pid}/ns/mnt"), libc::O_CLOEXEC)?,
        root: open(
            format!("/proc/{pid}/root"),
            libc::O_PATH | libc::O_DIRECTORY,
        )?,
        gone_since: None,
    })
}

/// Prints one record, with its user stack when asked for.
fn print_event<W: std::io::Write>(
    printer: &mut Printer<W>,
    stacks: &mut Stacks,
    with_stack: bool,
    ev: &Event,
    c: Option<&Container>,
    node: &str,
    mode: Mode,
) -> anyhow::Result<()> {
    let mut rec = event_json(ev, c, node, mode);
    if with_stack {
        rec["ustack"] = stacks.for_record(ev, c);
    }
    printer.record(&rec)?;
    Ok(())
}

enum Reader {
    Ring(tokio::task::JoinHandle<anyhow::Result<()>>),
    Thread(std::thread::JoinHandle<anyhow::Result<()>>),
}

impl Reader {
    /// Stops the reader and returns how it ended: an error it met, or `Ok` when it was
    /// still running (it is stopped) or ended because nobody listened any more.
    async fn finish(self, quit: &AtomicBool, ended: bool) -> anyhow::Result<()> {
        quit.store(true, Ordering::Relaxed);
        match self {
            Reader::Ring(h) => finish_task(h, ended).await,
            Reader::Thread(h) => match tokio::task::spawn_blocking(move || h.join()).await {
                Ok(Ok(r)) => r,
                Ok(Err(_)) | Err(_) => Err(anyhow::anyhow!("the event reader panicked")),
            },
        }
    }
}

/// Result of a reader task: its own if it ended (`ended`: its channel closed), else it is
/// aborted (`Ok`).
async fn finish_task(
    h: tokio::task::JoinHandle<anyhow::Result<()>>,
    ended: bool,
) -> anyhow::Result<()> {
    if !ended && !h.is_finished() {
        h.abort();
        return Ok(());
    }
    match h.await {
        Ok(r) => r,
        Err(e) if e.is_cancelled() => Ok(()),
        Err(_) => Err(anyhow::anyhow!("a reader task panicked")),
    }
}

/// Test hook (documented in docs/design.md): `IG_TEST_FAIL_READER=events` (the event
/// reader, either source) or `=stacks` makes that reader fail at once, so tests can check
/// that a failed reader ends the run with exit 1 and its reason.
fn forced_reader_failure(what: &str) -> anyhow::Result<()> {
    match std::env::var("IG_TEST_FAIL_READER") {
        Ok(v) if v == what => Err(anyhow::anyhow!("failure forced by IG_TEST_FAIL_READER={v}")),
        _ => Ok(()),
    }
}

/// Reads a ring buffer as it fills and hands over its records in batches, each decoded by
/// `decode` (length-checked; a short record is logged and skipped).
/// Ends with `Ok` when the receiver is gone, with the reason when reading fails.
async fn read_ringbuf<T: Send + 'static>(
    what: &'static str,
    ring: aya::maps::RingBuf<aya::maps::MapData>,
    decode: fn(&[u8]) -> Result<T, crate::bpf::records::ShortRecord>,
    tx: mpsc::Sender<Vec<T>>,
) -> anyhow::Result<()> {
    let hook = if what == "stack" { "stacks" } else { "events" };
    forced_reader_failure(hook).with_context(|| format!("reading the {what} ring buffer"))?;
    // SAFETY: the ring buffer owns its map fd and keeps it open for as long as the AsyncFd
    // (which owns the ring buffer) is registered; nothing else closes it.
    let registered = unsafe { tokio::io::unix::AsyncFd::register(ring) };
    let mut fd = registered.with_context(|| format!("polling the {what} ring buffer"))?;
    loop {
        let mut guard = fd
            .readable_mut()
            .await
            .with_context(|| format!("polling the {what} ring buffer"))?;
        let ring = guard.get_inner_mut();
        let mut batch = Vec::new();
        while let Some(item) = ring.next() {
            match decode(&item) {
                Ok(e) => batch.push(e),
                Err(e) => log::warn!("{e}"),
            }
        }
        guard.clear_ready();
        if !batch.is_empty() && tx.send(batch).await.is_err() {
            return Ok(());
        }
    }
}

fn read_netlink(
    mut sock: AuditSocket,
    tx: mpsc::Sender<Vec<Event>>,
    lost: Arc<AtomicU64>,
    quit: Arc<AtomicBool>,
) -> anyhow::Result<()> {
    forced_reader_failure("events").context("reading the kernel audit stream")?;
    if let Err(e) = sock.set_timeout(Duration::from_millis(200)) {
        log::warn!("{e}");
    }
    let mut batch = Vec::new();
    while !quit.load(Ordering::Relaxed) {
        batch.clear();
        match sock.recv(&mut batch) {
            Ok(st) => {
                lost.fetch_add(st.lost, Ordering::Relaxed);
            }
            Err(e) => return Err(e).context("reading the kernel audit stream"),
        }
        let mut events = Vec::with_capacity(batch.len());
        for (ty, body) in &batch {
            if *ty != AUDIT_SECCOMP {
                continue;
            }
            match audit::parse_body(body) {
                Ok(r) => events.push(Event::from_record(&r)),
                Err(e) => log::warn!("unreadable seccomp record: {e}"),
            }
        }
        if !events.is_empty() && tx.blocking_send(events).is_err() {
            return Ok(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000000000Z");
        assert_eq!(
            rfc3339(1_659_008_985_445_000_000),
            "2022-07-28T11:49:45.445000000Z"
        );
    }

    #[test]
    fn record_to_event_json() {
        let body = "audit(1659008985.445:25): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=2784 comm=\"unshare\" exe=\"/bin/busybox\" sig=31 arch=c000003e syscall=272 compat=0 ip=0x55ec0657bd3b code=0x0";
        let r = audit::parse_body(body).unwrap();
        let ev = Event::from_record(&r);
        let v = event_json(&ev, None, "node1", Mode::Json);
        assert_eq!(v["syscall"], "SYS_UNSHARE");
        assert_eq!(v["syscall_raw"], 272);
        assert_eq!(v["code"], "SECCOMP_RET_KILL_THREAD");
        assert_eq!(v["code_raw"], "0x00000000");
        assert_eq!(v["proc"]["pid"], 2784);
        assert_eq!(v["arch"], "x86_64");
        assert_eq!(v["signal"], 31);
    }

    #[test]
    fn compat_records_use_the_i386_table() {
        let body = "audit(1.0:1): pid=1 comm=\"a\" exe=\"/a\" sig=0 arch=40000003 syscall=310 compat=1 ip=0x1 code=0x7ffc0000";
        let ev = Event::from_record(&audit::parse_body(body).unwrap());
        let v = event_json(&ev, None, "n", Mode::Json);
        assert_eq!(v["syscall"], "SYS_UNSHARE");
        assert_eq!(v["arch"], "x86");
        assert_eq!(v["code"], "SECCOMP_RET_LOG");
    }

    #[test]
    fn unknown_numbers_are_not_named() {
        let body = "audit(1.0:1): pid=1 comm=\"a\" exe=\"/a\" sig=0 arch=c000003e syscall=999 compat=0 ip=0x1 code=0x7ffc0000";
        let ev = Event::from_record(&audit::parse_body(body).unwrap());
        assert_eq!(
            event_json(&ev, None, "n", Mode::Json)["syscall"],
            Value::Null
        );
        assert_eq!(
            event_json(&ev, None, "n", Mode::Columns)["syscall"],
            "nr 999"
        );
    }

    #[test]
    fn default_columns_follow_ig() {
        let names = |k8s| {
            columns(k8s)
                .into_iter()
                .filter(|c| c.default_visible)
                .map(|c| c.header)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(false),
            [
                "RUNTIME.CONTAINERNAME",
                "COMM",
                "PID",
                "TID",
                "CODE",
                "SYSCALL"
            ]
        );
        assert_eq!(
            names(true),
            [
                "K8S.NODE",
                "K8S.NAMESPACE",
                "K8S.PODNAME",
                "K8S.CONTAINERNAME",
                "COMM",
                "PID",
                "TID",
                "CODE",
                "SYSCALL"
            ]
        );
    }
}
