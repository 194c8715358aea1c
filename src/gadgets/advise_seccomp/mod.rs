//! `ig seccomp-advisor`: records every syscall of the targeted containers (or of a command
//! ig starts) from their first one, and prints a seccomp profile per target.

pub mod auto;
pub mod check;
pub mod explain;
pub mod launch;
pub mod profile_tools;
pub mod program;
pub mod recordings;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;

use self::program::{ArgEntries, ArgLearning, SyscallRecorder};

use crate::bpf::records::{comm_str, layout, slot_abi, MntnsSyscalls, ABI_SLOTS};
use crate::cli::{AdvisorArgs, AdvisorOutputMode, ProfileArgs, RecordArgs};
use crate::gadgets::StopReason;
use crate::host;
use crate::runtime::tracker::ContainerTracker;
use crate::runtime::{container_id_from_cgroup, Container, ContainerFilter};
use crate::seccomp::args::{self as seccomp_args, ArgSyscall, Class, LearnSet, Learned};
use crate::seccomp::{self, BuildOptions, Observed, OciProfile, Recorded, Scope, SpoMeta};
use crate::syscalls::Abi;
use crate::UsageError;

const TICK: Duration = Duration::from_millis(200);
const GC_EVERY: Duration = Duration::from_secs(5);
/// With Kubernetes filters the set of containers is open: after the last one exits, wait
/// this long for another (the next container of the pod) before finishing.
const POD_GRACE: Duration = Duration::from_secs(3);

/// Syscall numbers per ABI slot, accumulated in user space so nothing is lost when the
/// kernel entry goes away.
#[derive(Default, Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Bits {
    pub seen: [BTreeSet<u32>; ABI_SLOTS],
    pub filtered: [BTreeSet<u32>; ABI_SLOTS],
    /// From the namespace's first execve on.
    #[serde(default)]
    pub after_exec: [BTreeSet<u32>; ABI_SLOTS],
    pub out_of_range: bool,
    /// `--learn-args`: distinct argument values per syscall and ABI.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: Learned,
}

impl Bits {
    /// Adds the learned argument values of the namespaces behind `keys`.
    pub fn absorb_args(&mut self, entries: &ArgEntries, keys: &BTreeSet<u64>) {
        for (k, how) in entries.values.iter().filter(|(k, _)| keys.contains(&k.ns)) {
            if let (Some(s), Some(abi)) = (ArgSyscall::from_slot(k.slot), slot_abi(k.abi as usize))
            {
                let v = self.args.entry(s).or_default().entry(abi).or_default();
                *v.values.entry(k.value).or_default() |= how;
            }
        }
        for (k, c) in entries.counts.iter().filter(|(k, _)| keys.contains(&k.ns)) {
            if let (Some(s), Some(abi), true) = (
                ArgSyscall::from_slot(k.slot),
                slot_abi(k.abi as usize),
                c.overflow != 0,
            ) {
                self.args
                    .entry(s)
                    .or_default()
                    .entry(abi)
                    .or_default()
                    .overflow |= c.overflow;
            }
        }
    }

    pub fn absorb(&mut self, v: &MntnsSyscalls) {
        for slot in 0..ABI_SLOTS {
            self.seen[slot].extend(MntnsSyscalls::numbers(&v.seen, slot));
            self.filtered[slot].extend(MntnsSyscalls::numbers(&v.filtered, slot));
            self.after_exec[slot].extend(MntnsSyscalls::numbers(&v.after_exec, slot));
        }
        self.out_of_range |= v.flags & layout::IG_FLAG_NR_OUT_OF_RANGE != 0;
    }

    pub fn observed(&self, filtered_only: bool) -> Observed {
        let src = if filtered_only {
            &self.filtered
        } else {
            &self.seen
        };
        observed_of(src)
    }

    pub fn observed_after_exec(&self) -> Observed {
        observed_of(&self.after_exec)
    }
}

fn observed_of(src: &[BTreeSet<u32>; ABI_SLOTS]) -> Observed {
    let mut o = Observed::default();
    for (slot, nrs) in src.iter().enumerate() {
        if let (false, Some(abi)) = (nrs.is_empty(), slot_abi(slot)) {
            o.per_abi
                .entry(abi)
                .or_default()
                .extend(nrs.iter().copied());
        }
    }
    o
}

/// One recording target and what was recorded for it (saved by background recordings).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Target {
    pub label: String,
    pub container: Option<Container>,
    /// Keys of the recorder map (unique namespace ids) that belong to this target.
    #[serde(skip)]
    keys: BTreeSet<u64>,
    pub bits: Bits,
    pub missed_startup: bool,
    pub exited: bool,
    /// A command ig started: only syscalls from its execve on are the command's.
    pub filtered_only: bool,
    /// Who made each syscall first (per ABI and phase).
    #[serde(default)]
    pub first_uses: Vec<self::explain::FirstUse>,
}

impl Target {
    /// A target that is not a container (a command, an executable of an audit log).
    pub fn named(label: String) -> Target {
        Target {
            label,
            container: None,
            keys: BTreeSet::new(),
            bits: Bits::default(),
            missed_startup: false,
            exited: true,
            filtered_only: false,
            first_uses: Vec::new(),
        }
    }

    fn harvest(&mut self, rec: &SyscallRecorder) {
        self.harvest_with(rec, None);
    }

    /// `harvest`, with the learned argument values already read (one map scan per tick for
    /// all targets, not one per target).
    fn harvest_with(&mut self, rec: &SyscallRecorder, args: Option<&ArgEntries>) {
        rec.drain_first_uses();
        for &key in &self.keys {
            for raw in rec.first_uses(key) {
                if let Some(f) = self::explain::FirstUse::from_raw(&raw) {
                    self::explain::absorb(&mut self.first_uses, f);
                }
            }
            match rec.get(key) {
                Ok(Some(v)) => self.bits.absorb(&v),
                Ok(None) => {}
                Err(e) => log::warn!("reading syscalls of {}: {e}", self.label),
            }
        }
        if rec.args.is_none() || self.keys.is_empty() {
            return;
        }
        match args {
            Some(entries) => self.bits.absorb_args(entries, &self.keys),
            None => match rec.arg_entries() {
                Ok(entries) => self.bits.absorb_args(&entries, &self.keys),
                Err(e) => log::warn!("reading argument values of {}: {e}", self.label),
            },
        }
    }
}

/// What was checked and read before recording starts (bad input fails before any work).
pub struct Prepared {
    pub base: Option<OciProfile>,
    pub spo_name: Option<(Option<String>, String)>,
    /// `--learn-args`: the syscalls whose argument values become rules.
    pub learn: Option<Learning>,
}

/// `--learn-args`, checked.
#[derive(Clone, Debug)]
pub struct Learning {
    pub set: LearnSet,
    pub max_values: u32,
    pub include_runtime_setup: bool,
}

/// The `--learn-args` of a recording, validated (a bad name is a usage error).
pub fn learning(r: &RecordArgs) -> anyhow::Result<Option<Learning>> {
    let Some(items) = &r.learn_args else {
        return Ok(None);
    };
    let set = LearnSet::parse(items).map_err(UsageError)?;
    Ok(Some(Learning {
        set,
        max_values: r.max_arg_values,
        include_runtime_setup: r.include_runtime_setup,
    }))
}

/// Checks the arguments; used by the foreground recorder and by `start`.
pub fn prepare(a: &AdvisorArgs) -> anyhow::Result<Prepared> {
    if a.record.auto {
        return Err(UsageError(
            "--auto runs in the foreground until stopped: use `ig seccomp-advisor --auto ...` (not start)".into(),
        )
        .into());
    }
    let filter = a.record.target.filter();
    if a.record.command.is_empty() && filter.is_empty() {
        return Err(UsageError(
            "seccomp-advisor needs a target: -c NAME, -n NAMESPACE -p POD, or -- COMMAND ARGS..."
                .into(),
        )
        .into());
    }
    if !a.record.command.is_empty() && !filter.is_empty() {
        return Err(UsageError(
            "give either containers (-c/-n/-p) or a command after --, not both".into(),
        )
        .into());
    }
    if a.profile.coverage.is_some() && !a.profile.merge {
        return Err(UsageError("--coverage goes with --merge".into()).into());
    }
    let mut prepared = prepare_output(&a.profile)?;
    prepared.learn = learning(&a.record)?;
    Ok(prepared)
}

/// Checks the output arguments shared by every way of making profiles.
pub fn prepare_output(p: &ProfileArgs) -> anyhow::Result<Prepared> {
    let base = match &p.base {
        Some(path) => Some(read_profile(path)?),
        None => None,
    };
    let spo_name = match (&p.output_mode, &p.seccomp_profile_name) {
        (AdvisorOutputMode::SeccompProfile, Some(n)) => {
            Some(seccomp::parse_spo_name(n).map_err(|e| UsageError(e.to_string()))?)
        }
        (AdvisorOutputMode::Talos, Some(n)) => Some((
            None,
            crate::seccomp::talos::profile_name(n).map_err(|e| UsageError(e.to_string()))?,
        )),
        (AdvisorOutputMode::Terminal, Some(_)) => {
            return Err(UsageError(
                "--seccomp-profile-name goes with -m seccomp-profile or -m talos".into(),
            )
            .into())
        }
        _ => None,
    };
    if let Some(dir) = &p.output_dir {
        let dir = crate::hostroot::get().path(dir);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("creating output directory {}", dir.display()))?;
    }
    Ok(Prepared {
        base,
        spo_name,
        learn: None,
    })
}

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

/// Records until the targets exit, the command exits, a signal or the timeout.
/// `ready` is called once the recorder is attached; `tick` about once a second with what
/// has been recorded so far.
pub async fn record(
    r: &RecordArgs,
    runtimes_given: bool,
    ready: &mut dyn FnMut(),
    tick: &mut dyn FnMut(&[Target]),
    continuous: Option<Continuous<'_>>,
) -> anyhow::Result<Session> {
    super::require_root("recording syscalls with eBPF")?;
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

    let mut stop = super::stop_signal(r.timeout);
    let (mut targets, reason) = if r.command.is_empty() {
        let cfg = r.runtime.config(runtimes_given);
        let discovery = super::discovery(&cfg).await?;
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
            continuous,
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

pub async fn run(a: AdvisorArgs, runtimes_given: bool) -> anyhow::Result<ExitCode> {
    let prepared = prepare(&a)?;
    let session = record(&a.record, runtimes_given, &mut || {}, &mut |_| {}, None).await?;
    if session.targets.is_empty() {
        crate::diagnostics::note!(
            "no targeted container was seen: nothing recorded, no profile written"
        );
        return Ok(ExitCode::from(1));
    }
    let observed = emit(
        &a.profile,
        a.record.include_runtime_setup,
        &session.targets,
        &prepared,
    )?;
    if let Some(path) = &a.record.explain {
        self::explain::write_for(path, &session.targets, &observed)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn read_profile(p: &Path) -> anyhow::Result<OciProfile> {
    let text = std::fs::read_to_string(p)
        .with_context(|| format!("reading base profile {}", p.display()))?;
    seccomp::parse(&text, &p.display().to_string()).map_err(|e| UsageError(e.to_string()).into())
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

/// Records the containers `filter` matches until they have all exited (or, in continuous
/// mode, until a signal or the timeout). Each tick scans the recorder map, follows the
/// runtimes' listing, adopts namespaces only their cgroup explains and reads what the
/// running targets recorded.
async fn record_containers(
    rec: &mut SyscallRecorder,
    tracker: &mut ContainerTracker,
    filter: &ContainerFilter,
    started: u64,
    stop: &mut tokio::sync::watch::Receiver<StopReason>,
    tick: &mut dyn FnMut(&[Target]),
    continuous: Option<Continuous<'_>>,
) -> anyhow::Result<(Vec<Target>, StopReason)> {
    let mut recording = ContainerRecording::new(filter, started, continuous);
    let mut last_tick = Instant::now();
    let mut last_gc = Instant::now();
    let mut gone_once: HashSet<u64> = HashSet::new();
    // Set by a stop: one more pass then ends the recording, so a container that exited just
    // before (between two passes) is still resolved and harvested.
    let mut stopping: Option<StopReason> = None;
    loop {
        recording.step(rec, tracker).await;
        if recording.finished() {
            return Ok((recording.targets, StopReason::Running));
        }
        if last_tick.elapsed() >= Duration::from_secs(1) {
            tick(&recording.targets);
            last_tick = Instant::now();
        }
        if last_gc.elapsed() >= GC_EVERY {
            collect_garbage(rec, &recording.targets, &mut gone_once);
            last_gc = Instant::now();
        }
        if let Some(reason) = stopping {
            return Ok((recording.targets, reason));
        }
        tokio::select! {
            _ = tokio::time::sleep(TICK) => {}
            _ = stop.changed() => stopping = Some(*stop.borrow()),
        }
    }
}

/// What recording containers keeps from one tick to the next.
struct ContainerRecording<'f, 'c> {
    filter: &'f ContainerFilter,
    /// Boot-time nanoseconds at which the recorder was attached.
    started: u64,
    targets: Vec<Target>,
    /// Container id -> index in `targets`.
    by_id: HashMap<String, usize>,
    /// Continuous mode: what to do as each target exits.
    on_exit: Option<&'c mut dyn FnMut(&Target)>,
    /// Continuous mode: namespaces of targets already written, left to garbage collection.
    retired: HashSet<u64>,
    /// Namespaces already explained (or given up on), by the cgroup name they were judged
    /// on (a new name, set at an execve, is judged again).
    classified: HashMap<u64, String>,
    /// Resolution attempts so far of namespaces no runtime knows yet.
    attempts: HashMap<u64, u32>,
    waiting_logged: bool,
    /// Since when every target has exited (the pod's grace period).
    all_exited_since: Option<Instant>,
}

/// One scan of the recorder map, shared by the phases of a tick.
struct Scan {
    entries: Vec<(u64, MntnsSyscalls)>,
    /// Inode -> newest key with it (see [`newest_by_inode`]).
    newest: HashMap<u64, (u64, u64)>,
    /// Key -> namespace inode.
    key_inode: HashMap<u64, u64>,
    /// Namespaces with a live process: read from /proc at most once per tick, and only when
    /// a target is not listed as running.
    live: Option<HashSet<u64>>,
}

impl Scan {
    fn of(rec: &SyscallRecorder) -> Scan {
        let entries = rec.entries().unwrap_or_else(|e| {
            log::warn!("scanning recorded namespaces: {e}");
            Vec::new()
        });
        Scan {
            newest: newest_by_inode(&entries),
            key_inode: entries.iter().map(|(k, v)| (*k, v.mntns)).collect(),
            entries,
            live: None,
        }
    }

    fn live(&mut self) -> &HashSet<u64> {
        self.live.get_or_insert_with(host::live_mntns)
    }
}

impl<'f, 'c> ContainerRecording<'f, 'c> {
    fn new(filter: &'f ContainerFilter, started: u64, continuous: Option<Continuous<'c>>) -> Self {
        let (targets, on_exit) = match continuous {
            Some(c) => (c.resume, Some(c.on_exit)),
            None => (Vec::new(), None),
        };
        let by_id = targets
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.container.as_ref().map(|c| (c.id.clone(), i)))
            .collect();
        ContainerRecording {
            filter,
            started,
            targets,
            by_id,
            on_exit,
            retired: HashSet::new(),
            classified: HashMap::new(),
            attempts: HashMap::new(),
            waiting_logged: false,
            all_exited_since: None,
        }
    }

    /// One tick: follow the listing, adopt namespaces their cgroup explains, read what the
    /// running targets recorded.
    async fn step(&mut self, rec: &SyscallRecorder, tracker: &mut ContainerTracker) {
        let mut scan = Scan::of(rec);
        self.forget_collected(&scan);
        self.follow_listing(rec, tracker, &mut scan).await;
        self.adopt_unexplained(rec, tracker, &mut scan).await;
        self.harvest_running(rec);
        if self.targets.is_empty() && !self.waiting_logged {
            crate::diagnostics::note!("waiting for a matching container to start (Ctrl-C to stop)");
            self.waiting_logged = true;
        }
    }

    /// What is kept per namespace goes with its map entry (garbage collection removed it).
    fn forget_collected(&mut self, scan: &Scan) {
        let present = &scan.key_inode;
        self.classified.retain(|k, _| present.contains_key(k));
        self.attempts.retain(|k, _| present.contains_key(k));
        self.retired.retain(|k| present.contains_key(k));
    }

    /// Targets for the listed containers that match, and exits of those no longer listed.
    async fn follow_listing(
        &mut self,
        rec: &SyscallRecorder,
        tracker: &mut ContainerTracker,
        scan: &mut Scan,
    ) {
        let list = match tracker.refresh().await.map(<[Container]>::to_vec) {
            Ok(list) => list,
            Err(e) => {
                log::warn!("listing containers: {e}");
                return;
            }
        };
        for c in list.iter().filter(|c| self.filter.matches(c)) {
            self.follow_listed(c, scan);
        }
        let running: HashSet<&str> = list.iter().map(|c| c.id.as_str()).collect();
        self.notice_exits(rec, &running, scan);
    }

    /// The target of a listed container (a new one the first time), with its newest namespace.
    fn follow_listed(&mut self, c: &Container, scan: &Scan) {
        let idx = match self.by_id.get(&c.id) {
            Some(&i) => i,
            None => {
                let missed = host::start_time_ns(c.pid).is_ok_and(|s| s < self.started);
                crate::diagnostics::note!(
                    "recording {} {} (pid {}, mntns {})",
                    c.runtime,
                    c.name,
                    c.pid,
                    c.mntns
                );
                let mut t = Target::named(label_of(c));
                t.container = Some(c.clone());
                t.missed_startup = missed;
                self.push(t)
            }
        };
        let t = &mut self.targets[idx];
        if let Some(&(key, _)) = scan.newest.get(&c.mntns) {
            t.keys.insert(key);
        }
        t.exited = false;
        t.container = Some(c.clone());
    }

    /// Targets not listed as running whose namespaces no process is in any more have exited.
    /// Not listed is not yet exited: a container being created (or still stopping) has live
    /// processes in its namespace.
    fn notice_exits(&mut self, rec: &SyscallRecorder, running: &HashSet<&str>, scan: &mut Scan) {
        for t in self.targets.iter_mut() {
            let id = t.container.as_ref().map(|c| c.id.as_str()).unwrap_or("");
            if t.exited || running.contains(id) {
                continue;
            }
            let key_inode = &scan.key_inode;
            let live = scan.live.get_or_insert_with(host::live_mntns);
            if namespaces_alive(&t.keys, key_inode, live) {
                continue;
            }
            claim_by_cgroup(rec, t);
            t.harvest(rec);
            t.exited = true;
            exited(t, &mut self.on_exit, &mut self.retired);
        }
    }

    /// Namespaces no listed container explains: a container that started and exited
    /// between two listings, or one still being created. Its cgroup names it.
    async fn adopt_unexplained(
        &mut self,
        rec: &SyscallRecorder,
        tracker: &mut ContainerTracker,
        scan: &mut Scan,
    ) {
        let owned: HashSet<u64> = self
            .targets
            .iter()
            .flat_map(|t| t.keys.iter().copied())
            .collect();
        for (key, v) in std::mem::take(&mut scan.entries) {
            let cgroup = comm_str(&v.cgroup);
            if owned.contains(&key)
                || self.retired.contains(&key)
                || self.classified.get(&key) == Some(&cgroup)
            {
                continue;
            }
            let Some(id) = container_id_from_cgroup(&cgroup) else {
                self.classified.insert(key, cgroup);
                continue;
            };
            if let Some(&i) = self.by_id.get(&id) {
                let t = &mut self.targets[i];
                t.keys.insert(key);
                // Running targets are read every tick; an exited one now, since its map
                // entries are no longer kept for it.
                if t.exited {
                    t.harvest(rec);
                }
                self.classified.insert(key, cgroup);
                continue;
            }
            match tracker.resolve(&id, v.mntns).await {
                Ok(Some(c)) => {
                    self.classified.insert(key, cgroup);
                    if self.filter.matches(&c) {
                        self.adopt(rec, key, &v, c, scan);
                    }
                }
                Ok(None) => {
                    let n = self.attempts.entry(key).or_insert(0);
                    *n += 1;
                    if *n >= 3 {
                        self.classified.insert(key, cgroup);
                    }
                }
                Err(e) => log::warn!("looking up container {id}: {e}"),
            }
        }
    }

    /// A new target for a container the runtime resolved from a namespace's cgroup; one
    /// that already exited is harvested and finished at once.
    fn adopt(
        &mut self,
        rec: &SyscallRecorder,
        key: u64,
        v: &MntnsSyscalls,
        c: Container,
        scan: &mut Scan,
    ) {
        let running = (c.pid > 0 && c.mntns == v.mntns)
            || (scan.newest.get(&v.mntns).map(|e| e.0) == Some(key)
                && scan.live().contains(&v.mntns));
        crate::diagnostics::note!(
            "recording {} {} (mntns {}{})",
            c.runtime,
            c.name,
            v.mntns,
            if running { "" } else { ", already exited" }
        );
        let mut t = Target::named(label_of(&c));
        t.keys = BTreeSet::from([key]);
        t.missed_startup = v.first_seen_ns < self.started + 200_000_000
            && host::start_time_ns(v.first_tgid).is_ok_and(|s| s < self.started);
        t.exited = !running;
        t.container = Some(c);
        t.harvest(rec);
        if !running {
            exited(&mut t, &mut self.on_exit, &mut self.retired);
        }
        self.push(t);
    }

    /// Adds a target; returns its index.
    fn push(&mut self, t: Target) -> usize {
        if let Some(c) = &t.container {
            self.by_id.insert(c.id.clone(), self.targets.len());
        }
        self.targets.push(t);
        self.targets.len() - 1
    }

    /// Reads what the running targets recorded (the learned argument values in one scan).
    fn harvest_running(&mut self, rec: &SyscallRecorder) {
        let args = if rec.args.is_some() && self.targets.iter().any(|t| !t.exited) {
            rec.arg_entries()
                .map_err(|e| log::warn!("reading learned argument values: {e}"))
                .ok()
        } else {
            None
        };
        for t in self.targets.iter_mut().filter(|t| !t.exited) {
            t.harvest_with(rec, args.as_ref());
        }
    }

    /// Finished when every target has exited (never in continuous mode): every named
    /// container seen, or, without names, the pod quiet for [`POD_GRACE`].
    fn finished(&mut self) -> bool {
        let all_exited = self.on_exit.is_none()
            && !self.targets.is_empty()
            && self.targets.iter().all(|t| t.exited);
        if !all_exited {
            self.all_exited_since = None;
            return false;
        }
        if !self.filter.names.is_empty() && self.every_name_seen() {
            return true;
        }
        let since = *self.all_exited_since.get_or_insert_with(Instant::now);
        self.filter.names.is_empty() && since.elapsed() >= POD_GRACE
    }

    /// Whether every `-c NAME` matched a target by name, id (or id prefix) or Kubernetes
    /// container name.
    fn every_name_seen(&self) -> bool {
        let seen: BTreeSet<&str> = self
            .targets
            .iter()
            .filter_map(|t| t.container.as_ref())
            .flat_map(|c| {
                let mut v = vec![c.name.as_str(), c.id.as_str()];
                if let Some(k) = &c.k8s {
                    v.push(k.container_name.as_str());
                }
                v
            })
            .collect();
        self.filter
            .names
            .iter()
            .all(|n| seen.contains(n.as_str()) || seen.iter().any(|s| s.starts_with(n.as_str())))
    }
}

/// Says a target exited; in continuous mode hands it on and retires it.
fn exited(
    t: &mut Target,
    on_exit: &mut Option<&mut dyn FnMut(&Target)>,
    retired: &mut HashSet<u64>,
) {
    crate::diagnostics::note!("{} exited", t.label);
    if let Some(f) = on_exit.as_mut() {
        f(t);
        retire(t, retired);
    }
}

/// Takes every namespace whose first task's cgroup names the target's container: a
/// container that was running before the recorder loaded (or before ig restarted) enters
/// the map only at its next syscall, which can come just before it exits, between two
/// listings.
fn claim_by_cgroup(rec: &SyscallRecorder, t: &mut Target) {
    let Some(c) = &t.container else { return };
    match rec.entries() {
        Ok(entries) => t.keys.extend(entries.iter().filter_map(|(k, v)| {
            (container_id_from_cgroup(&comm_str(&v.cgroup)).as_deref() == Some(c.id.as_str()))
                .then_some(*k)
        })),
        Err(e) => log::warn!("scanning recorded namespaces: {e}"),
    }
}

/// After continuous mode wrote a target's profile: its namespaces go to garbage collection
/// and its syscalls are dropped (the container entry stays, so it is not taken for new).
fn retire(t: &mut Target, retired: &mut HashSet<u64>) {
    retired.extend(std::mem::take(&mut t.keys));
    t.bits = Bits::default();
}

/// Removes map entries of namespaces that no process is in any more (twice in a row) and
/// that no running target needs, so the map keeps room for new containers (an exited
/// target's syscalls were harvested when it exited). An entry whose inode now belongs to a
/// newer namespace is gone too. Forgets, with them, what user space kept per entry.
fn collect_garbage(rec: &mut SyscallRecorder, targets: &[Target], gone_once: &mut HashSet<u64>) {
    let live = host::live_mntns();
    let entries = match rec.entries() {
        Ok(e) => e,
        Err(e) => {
            log::warn!("scanning recorded namespaces: {e}");
            return;
        }
    };
    let newest = newest_by_inode(&entries);
    let keys: Vec<(u64, u64)> = entries.iter().map(|(k, v)| (*k, v.mntns)).collect();
    let (remove, next) = garbage(&keys, &newest, &pinned_keys(targets), &live, gone_once);
    for &k in &remove {
        if let Err(e) = rec.remove(k) {
            log::warn!("removing namespace {k} from the recorder: {e}");
        }
        if rec.args.is_some() {
            if let Err(e) = rec.remove_args(k) {
                log::warn!("removing argument values of namespace {k}: {e}");
            }
        }
    }
    let mut present: HashSet<u64> = keys.iter().map(|(k, _)| *k).collect();
    for k in &remove {
        present.remove(k);
    }
    rec.retain_first_uses(|k| present.contains(&k));
    *gone_once = next;
}

/// Keys whose map entries must stay: those of targets still running (their syscalls are
/// read every tick). An exited target was harvested when it exited, and again whenever a
/// key was added to it later.
fn pinned_keys(targets: &[Target]) -> HashSet<u64> {
    targets
        .iter()
        .filter(|t| !t.exited)
        .flat_map(|t| t.keys.iter().copied())
        .collect()
}

/// One garbage-collection round over `(key, inode)` entries: the keys to remove now (gone
/// in the previous round too) and the keys gone for the first time. A key stays while it is
/// pinned, or while it is the newest entry of its inode and a process lives in it.
fn garbage(
    keys: &[(u64, u64)],
    newest: &HashMap<u64, (u64, u64)>,
    pinned: &HashSet<u64>,
    live: &HashSet<u64>,
    gone_once: &HashSet<u64>,
) -> (Vec<u64>, HashSet<u64>) {
    let mut remove = Vec::new();
    let mut next = HashSet::new();
    for &(k, inode) in keys {
        let current = newest.get(&inode).map(|e| e.0) == Some(k);
        if (current && live.contains(&inode)) || pinned.contains(&k) {
            continue;
        }
        if gone_once.contains(&k) {
            remove.push(k);
        } else {
            next.insert(k);
        }
    }
    (remove, next)
}

/// Whether a process still lives in one of the namespaces behind `keys` (an inode counts
/// only while the key is the newest with it; see `newest_by_inode`).
fn namespaces_alive(
    keys: &BTreeSet<u64>,
    key_inode: &HashMap<u64, u64>,
    live: &HashSet<u64>,
) -> bool {
    keys.iter()
        .filter_map(|k| key_inode.get(k))
        .any(|inode| live.contains(inode))
}

/// Inode -> (key, first_seen) of the newest map entry with that inode. Inodes are reused
/// once a namespace is freed; the live namespace is always the newest one.
fn newest_by_inode(entries: &[(u64, MntnsSyscalls)]) -> HashMap<u64, (u64, u64)> {
    let mut newest: HashMap<u64, (u64, u64)> = HashMap::new();
    for (key, v) in entries {
        let e = newest.entry(v.mntns).or_insert((*key, v.first_seen_ns));
        if v.first_seen_ns > e.1 {
            *e = (*key, v.first_seen_ns);
        }
    }
    newest
}

fn label_of(c: &Container) -> String {
    match &c.k8s {
        Some(k) => format!(
            "container {} (pod {}/{}, {} {})",
            k.container_name,
            k.namespace,
            k.pod_name,
            c.runtime,
            c.short_id()
        ),
        None => format!("container {} ({} {})", c.name, c.runtime, c.short_id()),
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

fn file_stem(t: &Target) -> String {
    let raw = match &t.container {
        Some(c) => match &c.k8s {
            Some(k) => format!("{}_{}_{}", k.namespace, k.pod_name, k.container_name),
            None => c.name.clone(),
        },
        None if t.label.starts_with("command ") => "command".to_string(),
        None => match t.label.trim_start_matches('/') {
            "" => "root".to_string(),
            rest => rest.to_string(),
        },
    };
    raw.chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || "-_.".contains(ch) {
                ch
            } else {
                '_'
            }
        })
        .collect()
}

/// Builds and writes one profile per target (or one merged with --merge); returns the
/// syscalls of each target's profile.
pub fn emit(
    p: &ProfileArgs,
    include_runtime_setup: bool,
    targets: &[Target],
    prepared: &Prepared,
) -> anyhow::Result<Vec<Observed>> {
    let mut items = Vec::new();
    for t in targets {
        if t.missed_startup {
            log::warn!(
                "{} was already running when recording began: its start-up was missed and the profile may not start it (start ig first, then the container)",
                t.label
            );
        }
        if t.bits.out_of_range {
            log::warn!(
                "{} made syscalls with numbers beyond ig's tables; they are not in the profile",
                t.label
            );
        }
        items.push((t, observed_for_profile(t, include_runtime_setup)));
    }
    emit_observed(p, &items, Abi::host_abis(), prepared)?;
    Ok(items.into_iter().map(|(_, o)| o).collect())
}

/// Builds profiles from observed syscalls (one per item, or one merged with --merge), adds
/// --base, and writes them where the output flags say.
pub fn emit_observed(
    p: &ProfileArgs,
    items: &[(&Target, Observed)],
    abis: &[Abi],
    prepared: &Prepared,
) -> anyhow::Result<()> {
    let opts = BuildOptions::new(&p.default_action, seccomp::EPERM, abis.to_vec())
        .map_err(|e| UsageError(format!("--default-action: {e}")))?;
    let mut built: Vec<(&Target, OciProfile)> = Vec::new();
    for (t, observed) in items {
        let mut b = seccomp::build(observed, &opts);
        if let Some(l) = &prepared.learn {
            let class = arg_class(t, l.include_runtime_setup);
            for m in
                seccomp_args::restrict(&mut b.profile, &l.set, &t.bits.args, class, l.max_values)
            {
                if m.warning {
                    log::warn!("{}: {}", t.label, m.text);
                } else {
                    crate::diagnostics::note!("note: {}: {}", t.label, m.text);
                }
            }
        }
        for (abi, nr) in &b.unknown {
            log::warn!(
                "{}: syscall number {nr} ({}) is not in ig's syscall table and was left out of the profile",
                t.label,
                abi.as_str()
            );
        }
        for n in &b.notes {
            crate::diagnostics::note!("note: {}: {n}", t.label);
        }
        built.push((t, b.profile));
    }
    let mut extra = BTreeMap::new();
    if p.coverage.is_some() && !p.merge {
        return Err(UsageError("--coverage goes with --merge (or with `merge`)".into()).into());
    }
    if p.merge && (built.len() > 1 || p.coverage.is_some()) {
        let labelled: Vec<(&str, &OciProfile)> = built
            .iter()
            .map(|(t, prof)| (t.label.as_str(), prof))
            .collect();
        extra = write_coverage(p, &labelled)?;
        let (merged, notes) = seccomp::merge_labeled(&labelled)?;
        for n in notes {
            crate::diagnostics::note!("--merge: {n}");
        }
        let first = built[0].0;
        built = vec![(first, merged)];
    }
    let many = built.len() > 1;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (t, mut prof) in built {
        if let Some(base) = &prepared.base {
            let (merged, notes) = seccomp::merge(&[prof, base.clone()])?;
            for n in notes {
                crate::diagnostics::note!("--base: {n}");
            }
            prof = merged;
        }
        write_profile(
            p,
            t,
            &prof,
            prepared.spo_name.as_ref(),
            many,
            &extra,
            &mut out,
        )?;
    }
    Ok(())
}

/// Which learned argument values are the workload's: the same choice as for the names.
fn arg_class(t: &Target, include_runtime_setup: bool) -> Class {
    if include_runtime_setup {
        Class::All
    } else if t.filtered_only || t.bits.filtered.iter().all(BTreeSet::is_empty) {
        Class::AfterExec
    } else {
        Class::Filtered
    }
}

/// The syscalls that go into a target's profile: the set-up trimming policy of
/// [`seccomp::trim`], with what it dropped or kept printed on stderr.
pub(super) fn observed_for_profile(t: &Target, include_runtime_setup: bool) -> Observed {
    let scope = if t.filtered_only {
        Scope::Command
    } else if include_runtime_setup {
        Scope::Everything
    } else {
        Scope::Container
    };
    let recorded = Recorded {
        seen: t.bits.observed(false),
        filtered: t.bits.observed(true),
        after_exec: t.bits.observed_after_exec(),
    };
    let trimmed = seccomp::trim(&recorded, scope);
    for f in &trimmed.findings {
        let warning = if f.is_warning() { "warning: " } else { "" };
        crate::diagnostics::note!("{warning}{}: {f}", t.label);
    }
    trimmed.kept
}

/// Writes an already built profile (`merge`) where the output flags say.
pub fn write_merged(
    p: &ProfileArgs,
    t: &Target,
    prof: &OciProfile,
    prepared: &Prepared,
    inputs: &[(&str, &OciProfile)],
) -> anyhow::Result<()> {
    let extra = write_coverage(p, inputs)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    write_profile(
        p,
        t,
        prof,
        prepared.spo_name.as_ref(),
        false,
        &extra,
        &mut out,
    )
}

/// Annotation with the coverage of each syscall across merged inputs (`name: N/M`).
pub const ANNOTATION_COVERAGE: &str = "seccomp.gadget.kinvolk.io/syscall-coverage";

/// With `--coverage FILE`: writes in how many of the merged inputs each syscall runs (N of
/// M), and returns the annotation for a SeccompProfile resource.
fn write_coverage(
    p: &ProfileArgs,
    inputs: &[(&str, &OciProfile)],
) -> anyhow::Result<BTreeMap<String, String>> {
    let Some(path) = &p.coverage else {
        return Ok(BTreeMap::new());
    };
    let profiles: Vec<&OciProfile> = inputs.iter().map(|(_, p)| *p).collect();
    let counts = crate::seccomp::eval::coverage(&profiles, Abi::host_abis());
    let m = inputs.len();
    let doc = serde_json::json!({
        "inputs": inputs.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
        "syscalls": counts
            .iter()
            .map(|(n, c)| (n.clone(), serde_json::json!({"count": c, "of": m})))
            .collect::<serde_json::Map<_, _>>(),
    });
    write_atomic(
        path,
        (serde_json::to_string_pretty(&doc)? + "\n").as_bytes(),
    )
    .with_context(|| format!("writing --coverage file {}", path.display()))?;
    let partial = counts.values().filter(|&&c| c < m).count();
    crate::diagnostics::note!(
        "wrote the coverage of {} syscalls over {m} inputs to {} ({partial} not in every input)",
        counts.len(),
        path.display()
    );
    let value = counts
        .iter()
        .map(|(n, c)| format!("{n}={c}/{m}"))
        .collect::<Vec<_>>()
        .join(",");
    Ok(BTreeMap::from([(ANNOTATION_COVERAGE.to_string(), value)]))
}

/// Writes one profile: to --install DIR, to --output-dir, or to stdout.
fn write_profile(
    p: &ProfileArgs,
    t: &Target,
    prof: &OciProfile,
    spo_name: Option<&(Option<String>, String)>,
    many: bool,
    extra: &BTreeMap<String, String>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let (text, ext) = match p.output_mode {
        AdvisorOutputMode::Terminal => (serde_json::to_string_pretty(prof)? + "\n", "json"),
        AdvisorOutputMode::SeccompProfile => {
            let mut meta = spo_meta(p, t, spo_name, many);
            meta.annotations
                .extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));
            (seccomp::to_spo_yaml(prof, &meta)?, "yaml")
        }
        AdvisorOutputMode::Talos => {
            let name = talos_name(t, spo_name, many);
            crate::diagnostics::note!(
                "Talos profile {name} of {}: pods use it with localhostProfile: profiles/{name}",
                t.label
            );
            (crate::seccomp::talos::patch_yaml(prof, &name)?, "yaml")
        }
    };
    let host = crate::hostroot::get();
    if let Some(dir) = &p.install {
        let dir = host.path(dir);
        // Always OCI JSON: that is what the kubelet and runc read.
        let json = serde_json::to_string_pretty(prof)? + "\n";
        let rel = PathBuf::from("ig").join(format!("{}.json", install_name(t, spo_name, many)));
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        write_atomic(&path, json.as_bytes())?;
        crate::diagnostics::note!("installed profile of {} as {}", t.label, path.display());
        writeln!(out, "localhostProfile: {}", rel.display())?;
        return Ok(());
    }
    match &p.output_dir {
        Some(dir) => {
            let path = host.path(dir).join(format!("{}.{ext}", file_stem(t)));
            write_atomic(&path, text.as_bytes())?;
            crate::diagnostics::note!("wrote profile of {} to {}", t.label, path.display());
        }
        None => {
            if many {
                crate::diagnostics::note!("profile of {}:", t.label);
            }
            if p.output_mode != AdvisorOutputMode::Terminal && many {
                out.write_all(b"---\n")?;
            }
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}

/// The profile's file name in a Talos patch: --seccomp-profile-name, else the target's.
fn talos_name(t: &Target, name: Option<&(Option<String>, String)>, many: bool) -> String {
    match name {
        Some((_, n)) if !many => n.clone(),
        Some((_, n)) => crate::seccomp::talos::profile_name_from(&format!(
            "{}-{}",
            n.trim_end_matches(".json"),
            file_stem(t)
        )),
        None => crate::seccomp::talos::profile_name_from(&file_stem(t)),
    }
}

/// File name (without .json) under DIR/ig/ for --install.
fn install_name(t: &Target, spo_name: Option<&(Option<String>, String)>, many: bool) -> String {
    let stem = file_stem(t);
    match spo_name {
        Some((ns, n)) => {
            let n = n.trim_end_matches(".json");
            let base = match ns {
                Some(ns) => format!("{ns}-{n}"),
                None => n.to_string(),
            };
            if many {
                format!("{base}-{stem}")
            } else {
                base
            }
        }
        None => stem,
    }
}

fn spo_meta(
    a: &ProfileArgs,
    t: &Target,
    name: Option<&(Option<String>, String)>,
    many: bool,
) -> SpoMeta {
    let mut annotations = BTreeMap::new();
    annotations.insert(seccomp::ANNOTATION_NODE.to_string(), host::node_name());
    let suffix = file_stem(t).to_lowercase().replace(['_', '.'], "-");
    if let Some(c) = &t.container {
        if let Some(k) = &c.k8s {
            annotations.insert(
                seccomp::ANNOTATION_POD.into(),
                format!("{}/{}", k.namespace, k.pod_name),
            );
            annotations.insert(
                seccomp::ANNOTATION_CONTAINER.into(),
                k.container_name.clone(),
            );
        } else {
            annotations.insert(seccomp::ANNOTATION_CONTAINER.into(), c.name.clone());
        }
        annotations.insert(seccomp::ANNOTATION_CONTAINER_ID.into(), c.id.clone());
        annotations.insert(seccomp::ANNOTATION_PID.into(), c.pid.to_string());
    }
    let (namespace, name) = match name {
        Some((ns, n)) if many => (ns.clone(), format!("{n}-{suffix}")),
        Some((ns, n)) => (ns.clone(), n.clone()),
        None => (
            t.container
                .as_ref()
                .and_then(|c| c.k8s.as_ref())
                .map(|k| k.namespace.clone()),
            suffix,
        ),
    };
    SpoMeta {
        name,
        namespace,
        annotations,
        api_version: a.spo_api_version,
    }
}

/// Writes a file so that readers see either the old or the whole new content.
pub fn write_atomic(path: &Path, data: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp: PathBuf = dir.join(format!(
        ".{}.tmp{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("profile"),
        std::process::id()
    ));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        anyhow::anyhow!("writing {}: {e}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_map_to_host_abis() {
        assert_eq!(slot_abi(0), Some(Abi::native()));
        if Abi::native() == Abi::X86_64 {
            assert_eq!(slot_abi(1), Some(Abi::X86));
            assert_eq!(slot_abi(2), Some(Abi::X32));
        }
        assert_eq!(slot_abi(3), None);
    }

    #[test]
    fn bits_to_observed() {
        let mut b = Bits::default();
        b.seen[0].insert(272);
        b.seen[1].insert(310);
        b.filtered[0].insert(0);
        let o = b.observed(false);
        assert_eq!(o.per_abi.len(), 2);
        let f = b.observed(true);
        assert_eq!(f.per_abi.get(&Abi::native()).map(|s| s.len()), Some(1));
    }

    fn target_with(keys: &[u64], exited: bool) -> Target {
        let mut t = Target::named("container t".to_string());
        t.keys = keys.iter().copied().collect();
        t.exited = exited;
        t
    }

    #[test]
    fn exited_targets_do_not_pin_their_namespaces() {
        let targets = [target_with(&[1, 2], false), target_with(&[3], true)];
        assert_eq!(pinned_keys(&targets), HashSet::from([1, 2]));
    }

    #[test]
    fn garbage_takes_two_rounds_and_spares_live_and_pinned() {
        // key -> inode: 10 and 11 share inode 100 (11 is newer: 10's namespace is gone and
        // its inode was reused); 12 is an exited container's; 13 is pinned but dead.
        let keys = [(10, 100), (11, 100), (12, 200), (13, 300)];
        let newest = HashMap::from([(100, (11, 5)), (200, (12, 1)), (300, (13, 1))]);
        let live = HashSet::from([100]);
        let pinned = HashSet::from([13]);
        let (remove, gone) = garbage(&keys, &newest, &pinned, &live, &HashSet::new());
        assert!(remove.is_empty());
        assert_eq!(gone, HashSet::from([10, 12]));
        let (mut remove, gone) = garbage(&keys, &newest, &pinned, &live, &gone);
        remove.sort_unstable();
        assert_eq!(remove, vec![10, 12]);
        assert_eq!(gone, HashSet::new());
        // Once the exited container's target no longer pins it, a dead pinned key goes too.
        let (_, gone) = garbage(&keys, &newest, &HashSet::new(), &live, &HashSet::new());
        assert_eq!(gone, HashSet::from([10, 12, 13]));
    }
}
