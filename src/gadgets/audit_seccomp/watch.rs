//! The user-stack state of a run: watched namespaces with their own profile, stacks waiting
//! for their record, the symbolizer, and handles that keep a stopped container's files
//! readable for a while.

use std::collections::HashMap;
use std::os::unix::fs::OpenOptionsExt;
use std::time::{Duration, Instant};

use super::event::Event;
use super::program::AuditBpf;
use super::stacks::{
    self as ustack, frames_from_build_ids, logged_syscalls, unavailable_json, ustack_json,
    BuildIdIndex, PendingStacks, Stack, RECORD_WAIT,
};
use crate::bpf::records::{layout, StackEvent, SyscallSet};
use crate::host;
use crate::runtime::tracker::ContainerTracker;
use crate::runtime::{Container, ContainerFilter};
use crate::symbolize::StackSymbolizer;

/// User-stack state of a run: which namespaces are watched, stacks waiting for their
/// record, and the symbolizer.
#[derive(Default)]
pub(super) struct Stacks {
    /// The stack programs are attached (netlink source).
    pub(super) enabled: bool,
    /// Only the container roots are kept (the ebpf source takes stacks itself).
    pub(super) roots_only: bool,
    /// Stacks are selected by the kernel's seccomp cache (every filtered task), not by
    /// per-container watch sets.
    pub(super) by_cache: bool,
    /// Events and stacks lost to full ring buffers so far (the kernel's counter).
    pub(super) lost_stacks: u64,
    /// Why stacks cannot be had at all, when they cannot.
    pub(super) unavailable: Option<String>,
    /// mntns -> number of syscalls watched there (0: its profile logs nothing).
    watched: HashMap<u64, u32>,
    pub(super) pending: PendingStacks,
    symbolizer: Option<StackSymbolizer>,
    /// Per watched namespace: build id -> file, for tasks that are gone.
    build_ids: HashMap<u64, BuildIdIndex>,
    /// Per watched namespace: handles on the container's mount namespace (which keeps its
    /// mounts, bind mounts included, attached) and root directory, taken when the watch
    /// began (with the kernel-cache selection: at the namespace's first syscall), through
    /// which its files stay readable for a while after it is gone.
    roots: HashMap<u64, RootHandle>,
    /// Per process: where its executable lies on its file system, as its first stack said
    /// (the kernel leaves the place out of a process's later stacks, see [`ExePlaces`]).
    exe_places: ExePlaces,
}

/// Where each process's executable lies (device, path in that file system), as the kernel
/// said in the first stack it took of that process: later stacks of the same executable
/// leave it out (walking the path costs more than the stack). Bounded: past
/// [`ExePlaces::MAX`] processes it starts over.
#[derive(Default)]
struct ExePlaces(HashMap<u32, (u32, String)>);

impl ExePlaces {
    const MAX: usize = 16384;

    /// Remembers the place a stack carries, or gives it the one remembered for its process.
    fn fill(&mut self, st: &mut StackEvent) {
        match &st.exe_in_fs {
            Some(place) => {
                if self.0.len() >= Self::MAX {
                    self.0.clear();
                }
                self.0.insert(st.pid, place.clone());
            }
            None => st.exe_in_fs = self.0.get(&st.pid).cloned(),
        }
    }
}

struct RootHandle {
    ns: std::os::fd::OwnedFd,
    /// The namespace's root directory; taken through `ns` when first needed if the
    /// namespace was pinned before its runtime switched to the container's root.
    root: Option<std::os::fd::OwnedFd>,
    /// When the container was first seen not running.
    gone_since: Option<Instant>,
}

impl RootHandle {
    /// `/proc/self/fd/N` of the namespace's root directory.
    fn root_path(&mut self) -> std::io::Result<std::path::PathBuf> {
        use std::os::fd::AsRawFd;
        let root = match self.root.take() {
            Some(root) => root,
            None => root_through_ns(&self.ns)?,
        };
        let fd = self.root.insert(root).as_raw_fd();
        Ok(std::path::PathBuf::from(format!("/proc/self/fd/{fd}")))
    }
}

/// The root directory of a mount namespace (O_PATH), opened from a short-lived thread that
/// joins the namespace: its root stays readable for as long as the handle is held, even
/// after every process of the namespace is gone.
fn root_through_ns(ns: &std::os::fd::OwnedFd) -> std::io::Result<std::os::fd::OwnedFd> {
    use nix::fcntl::OFlag;
    use nix::sched::CloneFlags;
    let ns = ns.try_clone()?;
    let joined = std::thread::spawn(move || -> nix::Result<std::os::fd::OwnedFd> {
        // setns into a mount namespace needs a root and working directory of our own.
        nix::sched::unshare(CloneFlags::CLONE_FS)?;
        nix::sched::setns(&ns, CloneFlags::CLONE_NEWNS)?;
        nix::fcntl::open(
            "/",
            OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
            nix::sys::stat::Mode::empty(),
        )
    });
    joined
        .join()
        .map_err(|_| std::io::Error::other("the thread joining the mount namespace panicked"))?
        .map_err(std::io::Error::from)
}

/// A handle on the mount namespace of `pid`, if it still is `mntns` (the inode).
fn pin_ns(pid: u32, mntns: u64) -> std::io::Result<RootHandle> {
    use std::os::unix::fs::MetadataExt;
    let f = std::fs::File::open(format!("/proc/{pid}/ns/mnt"))?;
    if f.metadata()?.ino() != mntns {
        return Err(std::io::Error::other(format!(
            "process {pid} left mount namespace {mntns}"
        )));
    }
    Ok(RootHandle {
        ns: f.into(),
        root: None,
        gone_since: None,
    })
}

/// How long a stack taken by the kernel-cache selection waits for its audit record.
pub(super) const STACK_WINDOW: Duration = Duration::from_secs(ustack::STACK_WINDOW_SECS);

/// How long a stopped container's files stay pinned for naming its last stacks.
const ROOT_GRACE: Duration = Duration::from_secs(10);

impl Stacks {
    fn sym(&mut self) -> &mut StackSymbolizer {
        self.symbolizer.get_or_insert_with(StackSymbolizer::new)
    }

    /// Stacks are taken for the namespaces ig watches with their own profile.
    pub(super) fn by_watch_set(&self) -> bool {
        self.enabled && !self.by_cache
    }

    /// A stack from the kernel: normalized now, while its task may still live. Returns the
    /// unique id of an announced mount namespace that is now held, for the kernel side to
    /// stop announcing it (one not held yet is announced again).
    pub(super) fn arrived(&mut self, mut st: StackEvent) -> Option<u64> {
        // With the kernel-cache selection, the first syscall of a new mount namespace (or the
        // first stack from one) pins it: its files stay readable after the container exits.
        if self.by_cache && !self.roots.contains_key(&st.mntns) {
            match pin_ns(st.pid, st.mntns) {
                Ok(h) => {
                    self.roots.insert(st.mntns, h);
                }
                Err(e) => log::debug!("keeping a handle on mount namespace {}: {e}", st.mntns),
            }
        }
        if st.point == layout::IG_STACK_AT_NEW_NS {
            return self.roots.contains_key(&st.mntns).then_some(st.ip);
        }
        self.exe_places.fill(&mut st);
        log::debug!(
            "stack of pid {} syscall {} at point {} ip {:#x}: {} frames, {} build ids",
            st.pid,
            st.syscall,
            st.point,
            st.ip,
            st.ustack.len(),
            st.ids.len()
        );
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
        None
    }

    pub(super) fn should_wait(&self, ev: &Event, age: Duration) -> bool {
        self.enabled
            && age < RECORD_WAIT
            && ev
                .mntns
                .is_some_and(|ns| self.by_cache || self.watched.get(&ns).is_some_and(|&n| n > 0))
            && !self.pending.has(ev.pid, ev.syscall)
    }

    /// Lets go of pinned namespaces that no process has been in for ROOT_GRACE.
    pub(super) fn release_pins(&mut self, live: &std::collections::HashSet<u64>) {
        self.release_roots(|ns| live.contains(&ns));
    }

    /// Marks the held roots whose namespace is gone (`running` says which are not) and lets
    /// go of those gone for ROOT_GRACE, with their build-id indexes.
    fn release_roots(&mut self, running: impl Fn(u64) -> bool) {
        for (ns, h) in self.roots.iter_mut() {
            if running(*ns) {
                h.gone_since = None;
            } else {
                h.gone_since.get_or_insert_with(Instant::now);
            }
        }
        let released: Vec<u64> = self
            .roots
            .iter()
            .filter(|(_, h)| h.gone_since.is_some_and(|t| t.elapsed() >= ROOT_GRACE))
            .map(|(ns, _)| *ns)
            .collect();
        for ns in released {
            self.roots.remove(&ns);
            self.build_ids.remove(&ns);
        }
    }

    pub(super) fn for_record(&mut self, ev: &Event, c: Option<&Container>) -> serde_json::Value {
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
            _ if self.by_cache => {}
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
            log::debug!(
                "no stack for pid {} syscall {} ip {:?}",
                ev.pid,
                ev.syscall,
                ev.ip
            );
            return unavailable_json(&ustack::why_no_stack(
                ev.code,
                self.by_cache,
                self.lost_stacks,
            ));
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
            exe_in_fs: ev.exe_in_fs.clone(),
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
            .get_mut(&ns)
            .and_then(|h| match h.root_path() {
                Ok(p) => Some(p),
                Err(e) => {
                    log::info!("the root of mount namespace {ns}: {e}");
                    None
                }
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
                add_exe_on_host(index, ev, raw);
                (frames_from_build_ids(raw, index), None)
            }
            None => {
                let mut index = BuildIdIndex::new(std::path::PathBuf::from("/nonexistent"));
                add_exe_on_host(&mut index, ev, raw);
                let frames = frames_from_build_ids(raw, &mut index);
                (frames, Some(index))
            }
        }
    }
}

/// The executable of a record, found on this host through its file system (a bind mount's
/// source, or a container's root still mounted) where the kernel saw it when it took the
/// stack, named as the task saw it.
fn add_exe_on_host(index: &mut BuildIdIndex, ev: &Event, raw: &StackEvent) {
    let (Some(exe), Some((dev, in_fs))) = (&ev.exe, &raw.exe_in_fs) else {
        log::debug!(
            "build ids: no place on this host for the executable of pid {}",
            ev.pid
        );
        return;
    };
    log::debug!(
        "build ids: {exe} of pid {} is {in_fs} on device {dev}",
        ev.pid
    );
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
pub(super) async fn update_watches(
    containers: &mut ContainerTracker,
    mut bpf: Option<&mut AuditBpf>,
    filter: &ContainerFilter,
    stacks: &mut Stacks,
) {
    // Release the files of containers stopped for a while.
    stacks.release_roots(|ns| containers.running_mntns(ns));
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
        ns: open(format!("/proc/{pid}/ns/mnt"), libc::O_CLOEXEC)?,
        root: Some(open(
            format!("/proc/{pid}/root"),
            libc::O_PATH | libc::O_DIRECTORY,
        )?),
        gone_since: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stack(pid: u32, place: Option<(u32, &str)>) -> StackEvent {
        StackEvent {
            timestamp_ns: 0,
            mntns: 1,
            ip: 0,
            syscall: 83,
            pid,
            tid: pid,
            abi: 0,
            point: 0,
            ustack: Vec::new(),
            ids: Vec::new(),
            exe_in_fs: place.map(|(dev, p)| (dev, p.to_string())),
        }
    }

    /// The kernel tells a process's executable place once; its later stacks get it here.
    #[test]
    fn a_process_later_stacks_take_the_place_its_first_one_told() {
        let mut places = ExePlaces::default();
        let mut first = stack(7, Some((45, "/d/levels")));
        places.fill(&mut first);
        let mut later = stack(7, None);
        places.fill(&mut later);
        assert_eq!(later.exe_in_fs, Some((45, "/d/levels".to_string())));
        // Another process is not given it; a new place (an execve) replaces the old one.
        let mut other = stack(8, None);
        places.fill(&mut other);
        assert_eq!(other.exe_in_fs, None);
        places.fill(&mut stack(7, Some((45, "/d/other"))));
        let mut again = stack(7, None);
        places.fill(&mut again);
        assert_eq!(again.exe_in_fs, Some((45, "/d/other".to_string())));
    }
}
