//! `ig run audit_seccomp`: every syscall a seccomp filter logged or killed, attributed to its
//! container, streamed as columns, JSON lines, pretty JSON or YAML. Events come from the
//! kernel's audit netlink stream or from eBPF on audit_seccomp(), whichever attaches.

mod attribution;
mod event;
mod late;
pub mod program;
mod readers;
pub mod stacks;
mod watch;

use std::collections::VecDeque;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use tokio::sync::mpsc;

use self::program::{AuditBpf, AuditBpfOptions, StackSelection};
use crate::audit::AuditSocket;
use crate::bpf::records::{SeccompEvent, StackEvent};
use crate::cli::{AuditArgs, AuditSource};
use crate::gadgets::StopReason;
use crate::host;
use crate::output::{self, Column, Mode, Printer};
use crate::runtime::tracker::ContainerTracker;
use crate::runtime::{Container, ContainerFilter};

use self::attribution::AttributionCache;
use self::event::Attribution;
pub(crate) use self::event::{columns, event_json, Event};
use self::late::{LateAttribution, Waiting};
use self::readers::{finish_task, read_netlink, read_ringbuf, Reader};
use self::stacks::STACK_TTL;
use self::watch::{update_watches, Stacks, STACK_WINDOW};

/// After a stop, how long the event stream must stay quiet before ig stops reading it.
const DRAIN_QUIET: Duration = Duration::from_millis(300);
/// ... and at most this long, so a stream that never pauses still ends.
const DRAIN_MAX: Duration = Duration::from_secs(3);

pub async fn run(a: AuditArgs, runtimes_given: bool) -> anyhow::Result<ExitCode> {
    let mode = super::parse_mode(&a.output)?;
    // Bad --fields fail before anything loads (the layout itself is chosen later).
    for k8s in [false, true] {
        select_fields(&a, k8s)?;
    }
    super::require_root("reading seccomp events")?;
    let filter: ContainerFilter = a.target.filter();
    let host_ns = host::host_mntns().context("reading the host mount namespace")?;
    let discovery = super::discovery(&a.runtime.config(runtimes_given)).await?;
    let mut containers = ContainerTracker::new(Some(discovery));
    refresh(&mut containers).await;

    let (mut bpf, use_ebpf, source_note) = start_bpf(&a, host_ns)?;
    let (tx, rx) = mpsc::channel::<Vec<Event>>(1024);
    let lost_socket = Arc::new(AtomicU64::new(0));
    let quit = Arc::new(AtomicBool::new(false));
    let reader = spawn_event_reader(bpf.as_mut(), use_ebpf, tx, &lost_socket, &quit)?;

    let k8s_cols = filter.k8s_namespace.is_some()
        || filter.k8s_pod.is_some()
        || filter.k8s_container.is_some()
        || (containers.known().next().is_some() && containers.known().all(|c| c.k8s.is_some()));
    let stdout = std::io::stdout();
    let mut printer = Printer::new(
        stdout.lock(),
        mode,
        select_fields(&a, k8s_cols)?,
        output::terminal_width(),
    );
    printer.header()?;

    let (stack_tx, stack_rx) = mpsc::channel::<Vec<StackEvent>>(1024);
    let (mut stacks, stack_reader) = if a.collect_ustack && !use_ebpf {
        start_stacks(bpf.as_mut(), stack_tx)
    } else {
        (Stacks::default(), None)
    };
    // Said once the stack programs are attached too: a container started after this line
    // has its stack from its first syscall.
    crate::diagnostics::note!("{source_note}");
    // The ebpf source takes its stacks itself; it still needs handles on the roots of the
    // containers whose profile logs or kills, to name libraries of a process already gone.
    stacks.roots_only = a.collect_ustack && use_ebpf;
    let mut session = Session {
        a: &a,
        mode,
        node: host::node_name(),
        host_ns,
        filter,
        containers,
        bpf,
        stacks,
        printer,
        waiting: VecDeque::new(),
        late: LateAttribution::default(),
        attr_cache: AttributionCache::default(),
        lost_socket,
        unattributed: 0,
        printed: 0,
        reported_lost: 0,
    };
    if session.stacks.by_watch_set() || session.stacks.roots_only {
        session.watch().await;
    }
    let (reason, closed) = session.event_loop(rx, stack_rx).await?;
    session.attribute_late(true).await;
    session.drain()?;
    let stacks_ended = match stack_reader {
        Some(h) => finish_task(h, closed.stacks).await,
        None => Ok(()),
    };
    let events_ended = reader.finish(&quit, closed.events).await;
    session.report_losses(reason);
    events_ended?;
    stacks_ended?;
    if reason == StopReason::Running {
        anyhow::bail!(
            "a reader stopped unexpectedly; {} event(s) were printed",
            session.printed
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The `--fields` selection for the column layout (`k8s` or not), as owned columns.
fn select_fields(a: &AuditArgs, k8s: bool) -> anyhow::Result<Vec<Column>> {
    Ok(output::select_columns(&columns(k8s), a.fields.as_deref())
        .map_err(|e| crate::UsageError(format!("--fields: {e}")))?
        .into_iter()
        .cloned()
        .collect())
}

/// Loads the kernel side (exit memory always, the ebpf event source where it attaches);
/// returns it, whether the event source is the ebpf one, and the line that says which
/// source is used (printed once the stack programs are attached too).
fn start_bpf(a: &AuditArgs, host_ns: u64) -> anyhow::Result<(Option<AuditBpf>, bool, String)> {
    let want_ebpf = matches!(a.source, AuditSource::Auto | AuditSource::Ebpf);
    let (bpf, ebpf_err) = match AuditBpf::start(&AuditBpfOptions {
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
    let source = bpf.as_ref().and_then(|b| b.source);
    // What no source can see, said once: the audit subsystem off at boot (the netlink
    // stream does not exist; audit_seccomp() still runs, so the ebpf source sees calls),
    // and seccomp actions the kernel does not log at all.
    if host::audit_disabled_at_boot() {
        if source.is_some() {
            crate::diagnostics::note!("the kernel's audit subsystem is disabled (audit=0 at boot): no audit records are written, but the ebpf source still sees every call of audit_seccomp()");
        } else if a.source != AuditSource::Ebpf {
            anyhow::bail!("the kernel's audit subsystem is disabled (audit=0 at boot), so the audit source can see no records; use a kernel with kprobes or fentry for the ebpf source, or boot without audit=0");
        }
    }
    let source_note = match (a.source, source, &ebpf_err) {
        (AuditSource::Ebpf, None, Some(e)) => anyhow::bail!("--source ebpf: {e}"),
        (AuditSource::Ebpf, None, None) => {
            anyhow::bail!("--source ebpf: the eBPF object did not load")
        }
        (_, Some(kind), _) => format!("source: ebpf ({kind} on audit_seccomp)"),
        (AuditSource::Auto, None, Some(e)) => format!(
            "source: audit (kernel audit netlink), because the ebpf source cannot attach: {e}"
        ),
        _ => "source: audit (kernel audit netlink)".to_string(),
    };
    // Seccomp actions the kernel does not log at all: no source sees them.
    let unlogged = host::seccomp_actions_not_logged();
    if !unlogged.is_empty() {
        log::warn!(
            "the kernel does not log seccomp actions {} (sysctl kernel.seccomp.actions_logged): no source sees them",
            unlogged.join(", ")
        );
    }
    Ok((bpf, source.is_some(), source_note))
}

/// Starts the reader of the chosen event source: the ebpf ring buffer as a task, or the
/// audit netlink socket on a thread.
fn spawn_event_reader(
    bpf: Option<&mut AuditBpf>,
    use_ebpf: bool,
    tx: mpsc::Sender<Vec<Event>>,
    lost_socket: &Arc<AtomicU64>,
    quit: &Arc<AtomicBool>,
) -> anyhow::Result<Reader> {
    if use_ebpf {
        let ring = bpf
            .context("eBPF state")?
            .take_events()
            .context("opening the event ring buffer")?;
        return Ok(Reader::Ring(tokio::spawn(read_ringbuf(
            "event",
            ring,
            |b| SeccompEvent::decode(b).map(Event::from_bpf),
            tx,
        ))));
    }
    let sock = AuditSocket::open().context("opening the kernel audit stream")?;
    let (lost, quit) = (lost_socket.clone(), quit.clone());
    Ok(Reader::Thread(std::thread::spawn(move || {
        read_netlink(sock, tx, lost, quit)
    })))
}

/// User stacks with the netlink source: taken at the tracepoints the task passes
/// (stacks.rs), for every call outside the kernel's seccomp cache where it can be read,
/// else for namespaces watched with their own profile. Returns the stack state and the
/// reader of the stack ring buffer when the programs attached.
fn start_stacks(
    bpf: Option<&mut AuditBpf>,
    stack_tx: mpsc::Sender<Vec<StackEvent>>,
) -> (Stacks, Option<tokio::task::JoinHandle<anyhow::Result<()>>>) {
    let mut stacks = Stacks::default();
    let mut reader = None;
    let Some(b) = bpf else {
        stacks.unavailable = Some("the eBPF object did not load".into());
        return (stacks, reader);
    };
    match b.enable_stacks().and_then(|()| b.take_stacks()) {
        Ok(ring) => {
            stacks.enabled = true;
            match &b.stack_selection {
                StackSelection::KernelCache => {
                    stacks.by_cache = true;
                    log::info!("--collect-ustack: stacks of every call outside the kernel's seccomp cache of always-allowed syscalls, kept when an audit record matches");
                }
                StackSelection::WatchSet(why) => crate::diagnostics::note!(
                    "--collect-ustack: {why}: stacks only for containers ig has listed and read the seccomp profile of, from up to 250 ms after they start"
                ),
            }
            reader = Some(tokio::spawn(read_ringbuf(
                "stack",
                ring,
                StackEvent::decode,
                stack_tx,
            )));
        }
        Err(e) => {
            stacks.unavailable = Some(format!("the stack programs did not attach ({e})"));
            log::warn!("--collect-ustack: {e}: records will say the stack is unavailable");
        }
    }
    (stacks, reader)
}

/// Which readers' channels closed during the event loop.
#[derive(Default)]
struct Closed {
    events: bool,
    stacks: bool,
}

/// The state of one `ig run audit_seccomp` while it streams.
struct Session<'a, W: std::io::Write> {
    a: &'a AuditArgs,
    mode: Mode,
    node: String,
    host_ns: u64,
    filter: ContainerFilter,
    containers: ContainerTracker,
    bpf: Option<AuditBpf>,
    stacks: Stacks,
    printer: Printer<W>,
    /// Records in arrival order; a record of a watched namespace waits a little for its
    /// stack, one of a namespace no runtime knows yet for its container.
    waiting: Waiting,
    late: LateAttribution,
    attr_cache: AttributionCache,
    lost_socket: Arc<AtomicU64>,
    unattributed: u64,
    printed: u64,
    reported_lost: u64,
}

impl<W: std::io::Write> Session<'_, W> {
    /// Streams until a signal, `--timeout` or a reader's end; returns why it stopped and
    /// which channels closed.
    async fn event_loop(
        &mut self,
        mut rx: mpsc::Receiver<Vec<Event>>,
        mut stack_rx: mpsc::Receiver<Vec<StackEvent>>,
    ) -> anyhow::Result<(StopReason, Closed)> {
        let mut stop = super::stop_signal(self.a.timeout);
        let mut tick = tokio::time::interval(Duration::from_millis(50));
        let mut last_watch = Instant::now();
        let mut closed = Closed::default();
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
                        closed.events = true;
                        break stopping.map(|s| s.0).unwrap_or(StopReason::Running);
                    };
                    if let Some(s) = stopping.as_mut() {
                        s.1 = (tokio::time::Instant::now() + DRAIN_QUIET).min(drain_limit);
                    }
                    self.receive(batch).await;
                }
                batch = stack_rx.recv(), if self.stacks.enabled => {
                    // The stack reader ended: stop (its reason is reported later), never spin.
                    let Some(batch) = batch else {
                        closed.stacks = true;
                        break StopReason::Running;
                    };
                    for st in batch {
                        self.stack_arrived(st);
                    }
                }
                _ = tick.tick() => {
                    if let Some(b) = self.bpf.as_ref().filter(|_| self.stacks.enabled) {
                        self.stacks.lost_stacks = b.lost_events();
                    }
                    if self.stacks.by_cache && last_watch.elapsed() >= Duration::from_secs(1) {
                        self.stacks.release_pins(&host::live_mntns());
                        self.stacks.pending.expire(STACK_WINDOW);
                        last_watch = Instant::now();
                    } else if (self.stacks.by_watch_set() || self.stacks.roots_only)
                        && last_watch.elapsed() >= Duration::from_millis(250)
                    {
                        refresh(&mut self.containers).await;
                        self.watch().await;
                        self.stacks.pending.expire(STACK_TTL);
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
            self.attribute_late(false).await;
            self.print_ready(&mut stack_rx)?;
            self.report_lost_socket();
        };
        // Stacks the reader already handed over still join the records printed at the end.
        if self.stacks.enabled && !closed.stacks {
            self.take_queued_stacks(&mut stack_rx);
        }
        Ok((reason, closed))
    }

    /// Attributes a batch of events and queues those the filter lets through.
    async fn receive(&mut self, batch: Vec<Event>) {
        for mut ev in batch {
            let how = if ev.mntns.is_some() {
                Attribution::Live
            } else {
                self.attr_cache
                    .attribute(&mut ev, self.bpf.as_ref(), self.host_ns)
            };
            let is_host = ev.mntns == Some(self.host_ns);
            if is_host && !self.a.host {
                continue;
            }
            let c = match ev.mntns {
                Some(ns) if !is_host => self.containers.lookup(ns, ev.cgroup_id.as_deref()).await,
                _ => None,
            };
            if how == Attribution::Unknown {
                self.unattributed += 1;
            }
            // A record of a namespace no runtime knows yet waits for its container; the
            // filter is then applied when it is printed.
            let late = self.late.may_wait(&ev, c.as_ref(), self.host_ns);
            if !late && !self.wanted(c.as_ref()) {
                continue;
            }
            self.waiting.push_back((ev, c, Instant::now()));
        }
    }

    /// Whether the filter lets a record of container `c` through.
    fn wanted(&self, c: Option<&Container>) -> bool {
        self.filter.is_empty() || c.is_some_and(|c| self.filter.matches(c))
    }

    /// Looks up again the containers of records still waiting for one (see [`late`]).
    async fn attribute_late(&mut self, last: bool) {
        if self.late.pending(&self.waiting, self.host_ns) {
            self.late
                .retry(&mut self.waiting, &mut self.containers, self.host_ns, last)
                .await;
        }
    }

    /// A stack (or a new namespace's announcement) from the kernel; a namespace ig now
    /// holds is no longer announced.
    fn stack_arrived(&mut self, st: StackEvent) {
        if let Some(uid) = self.stacks.arrived(st) {
            if let Some(Err(e)) = self.bpf.as_mut().map(|b| b.hold_seen_ns(uid)) {
                log::debug!("{e}");
            }
        }
    }

    /// Installs stack watches for containers not watched yet (with the ebpf source, only
    /// the handles on their roots).
    async fn watch(&mut self) {
        let bpf = if self.stacks.enabled {
            self.bpf.as_mut()
        } else {
            None
        };
        update_watches(&mut self.containers, bpf, &self.filter, &mut self.stacks).await;
    }

    /// Prints waiting records in arrival order, up to the first that still waits for its stack.
    /// A record whose wait for its stack is over first takes in the stacks the reader has
    /// already queued: while ig was busy (naming a first stack can take longer than the
    /// wait), the stack of the next record may have arrived and not been read yet.
    fn print_ready(
        &mut self,
        stack_rx: &mut mpsc::Receiver<Vec<StackEvent>>,
    ) -> anyhow::Result<()> {
        while let Some((ev, c, since)) = self.waiting.front() {
            if self.a.collect_ustack && self.stacks.should_wait(ev, since.elapsed()) {
                break;
            }
            if self
                .late
                .should_wait(ev, c.as_ref(), self.host_ns, since.elapsed())
            {
                break;
            }
            if self.a.collect_ustack
                && self.stacks.enabled
                && !self.stacks.pending.has(ev.pid, ev.syscall)
            {
                self.take_queued_stacks(stack_rx);
            }
            self.print_next()?;
        }
        Ok(())
    }

    /// Takes in every stack batch already in the channel, without waiting.
    fn take_queued_stacks(&mut self, stack_rx: &mut mpsc::Receiver<Vec<StackEvent>>) {
        while let Ok(batch) = stack_rx.try_recv() {
            for st in batch {
                self.stack_arrived(st);
            }
        }
    }

    /// Prints what is still waiting: nothing is dropped.
    fn drain(&mut self) -> anyhow::Result<()> {
        while !self.waiting.is_empty() {
            self.print_next()?;
        }
        Ok(())
    }

    fn print_next(&mut self) -> anyhow::Result<()> {
        let Some((ev, c, _)) = self.waiting.pop_front() else {
            return Ok(());
        };
        if !self.wanted(c.as_ref()) {
            return Ok(());
        }
        print_event(
            &mut self.printer,
            &mut self.stacks,
            self.a.collect_ustack,
            &ev,
            c.as_ref(),
            &self.node,
            self.mode,
        )?;
        self.printed += 1;
        Ok(())
    }

    /// Warns about records the audit socket lost since the last warning.
    fn report_lost_socket(&mut self) {
        let lost = self.lost_socket.load(Ordering::Relaxed);
        if lost > self.reported_lost {
            log::warn!(
                "{} seccomp records lost: the kernel audit socket overflowed",
                lost - self.reported_lost
            );
            self.reported_lost = lost;
        }
    }

    /// Says at the end what was lost or could not be attributed.
    fn report_losses(&mut self, reason: StopReason) {
        self.report_lost_socket();
        if let Some(b) = &self.bpf {
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
        if self.unattributed > 0 {
            log::warn!(
                "{} event(s) could not be attributed (process gone before ig saw it)",
                self.unattributed
            );
        }
        if reason == StopReason::Timeout {
            log::info!("stopped after --timeout; {} event(s)", self.printed);
        }
    }
}

/// Lists the running containers now; a failed listing is a warning (the next one may work).
async fn refresh(containers: &mut ContainerTracker) {
    if let Err(e) = containers.refresh().await {
        log::warn!("listing containers: {e}");
    }
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
