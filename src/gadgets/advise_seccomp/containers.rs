//! Recording containers: which map namespaces belong to which target as containers start,
//! exit or were missed between two listings, and garbage collection of the recorder map.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::{Duration, Instant};

use super::program::SyscallRecorder;

use crate::bpf::records::{comm_str, MntnsSyscalls};
use crate::gadgets::StopReason;
use crate::host;
use crate::runtime::tracker::ContainerTracker;
use crate::runtime::{container_id_from_cgroup, Container, ContainerFilter};

use super::record::Ending;
use super::target::{label_of, Bits, Target};

const TICK: Duration = Duration::from_millis(200);
const GC_EVERY: Duration = Duration::from_secs(5);
/// With Kubernetes filters the set of containers is open: after the last one exits, wait
/// this long for another (the next container of the pod) before finishing.
const POD_GRACE: Duration = Duration::from_secs(3);

/// Records the containers `filter` matches until they have all exited (or, in continuous
/// mode, until a signal or the timeout). Each tick scans the recorder map, follows the
/// runtimes' listing, adopts namespaces only their cgroup explains and reads what the
/// running targets recorded.
pub(super) async fn record_containers(
    rec: &mut SyscallRecorder,
    tracker: &mut ContainerTracker,
    filter: &ContainerFilter,
    started: u64,
    stop: &mut tokio::sync::watch::Receiver<StopReason>,
    tick: &mut dyn FnMut(&[Target]),
    ending: Ending<'_>,
) -> anyhow::Result<(Vec<Target>, StopReason)> {
    let mut recording = ContainerRecording::new(filter, started, ending);
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
    /// Whether only a signal or the timeout ends the recording.
    until_stopped: bool,
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
    fn new(filter: &'f ContainerFilter, started: u64, ending: Ending<'c>) -> Self {
        let until_stopped = !matches!(ending, Ending::TargetsExit);
        let (targets, on_exit) = match ending {
            Ending::Continuous(c) => (c.resume, Some(c.on_exit)),
            Ending::TargetsExit | Ending::Stop => (Vec::new(), None),
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
            until_stopped,
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

    /// Finished when every target has exited (never when only a stop ends it): every named
    /// container seen, or, without names, the pod quiet for [`POD_GRACE`].
    fn finished(&mut self) -> bool {
        let all_exited = !self.until_stopped
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

#[cfg(test)]
mod tests {
    use super::*;

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
