//! User stacks for `audit_seccomp --collect-ustack`: which syscalls a container's own seccomp
//! profile logs or kills (the kernel takes stacks only for those), turning the kernel's
//! frames into symbolizer input, and joining stacks to audit records by pid, syscall and ip.

use std::collections::{HashMap, VecDeque};
use std::os::fd::AsFd;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::bpf::records::{layout, slot_abi, StackEvent, SyscallSet, ABI_SLOTS};
use crate::safe_open;
use crate::seccomp::Action;
use crate::symbolize::{Frame, NormalizedFrame};
use crate::syscalls;

/// The syscalls (per ABI slot of this host) whose seccomp action writes an audit record:
/// LOG and the kills, or every action but ALLOW when the filter has SECCOMP_FILTER_FLAG_LOG.
/// Argument-conditioned rules count when their action would log (the stack is taken and
/// simply not used if the record never comes).
pub fn logged_syscalls(profile: &Value) -> SyscallSet {
    let flag_log = profile["flags"]
        .as_array()
        .is_some_and(|f| f.iter().any(|v| v == "SECCOMP_FILTER_FLAG_LOG"));
    // An unknown action counts as any non-ALLOW one would.
    let logs =
        |action: &str| Action::from_name(action).map_or(flag_log, |a| a.is_audited(flag_log));
    let default_logs = profile["defaultAction"].as_str().is_some_and(logs);
    // name -> (some rule logs it, some unconditional rule does not)
    let mut named: HashMap<String, (bool, bool)> = HashMap::new();
    for rule in profile["syscalls"].as_array().into_iter().flatten() {
        let action = rule["action"].as_str().unwrap_or("");
        let conditional = rule["args"].as_array().is_some_and(|a| !a.is_empty());
        let mut names: Vec<&str> = rule["names"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        names.extend(rule["name"].as_str());
        for n in names {
            let e = named.entry(n.to_string()).or_default();
            e.0 |= logs(action);
            e.1 |= !conditional && !logs(action);
        }
    }
    let mut set = SyscallSet::default();
    for slot in 0..ABI_SLOTS {
        let Some(abi) = slot_abi(slot) else { continue };
        for nr in 0..syscalls::table_len(abi) {
            let Some(name) = syscalls::name(abi, nr) else {
                continue;
            };
            let take = match named.get(name) {
                Some(&(logged, allowed_unconditionally)) => {
                    logged || (default_logs && !allowed_unconditionally)
                }
                None => default_logs,
            };
            if take {
                set.insert(slot, nr);
            }
        }
    }
    set
}

pub fn count(set: &SyscallSet) -> u32 {
    set.bits.iter().flatten().map(|w| w.count_ones()).sum()
}

/// Symbolizer input from the kernel's (build id, offset) frames, for a task that is gone:
/// each build id is looked up among the files of the container it ran in (`index`).
pub fn frames_from_build_ids(ev: &StackEvent, index: &mut BuildIdIndex) -> Vec<NormalizedFrame> {
    ev.ids
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let address = ev.ustack.get(i).copied();
            if f.status != layout::IG_BUILD_ID_VALID as i32 {
                return NormalizedFrame {
                    address: address.unwrap_or(f.offset_or_ip),
                    module: None,
                    offset: None,
                    build_id: None,
                    root: None,
                };
            }
            let padded = hex::encode(f.build_id);
            let found = index.find(&padded);
            NormalizedFrame {
                address: address.unwrap_or(0),
                module: found.as_ref().map(|(m, _, _)| m.clone()),
                offset: Some(f.offset_or_ip),
                build_id: Some(
                    found
                        .as_ref()
                        .map(|(_, _, id)| id.clone())
                        .unwrap_or(padded),
                ),
                root: found.map(|(_, root, _)| root),
            }
        })
        .collect()
}

/// Build id -> file, for the files of one container, read through `/proc/PID/root` of a
/// process that still lives in it: the executables named by records, then (once, on the
/// first miss) the shared objects in the usual library directories.
pub struct BuildIdIndex {
    root: PathBuf,
    /// build id padded to 20 bytes of hex -> (path in the container, file to read, exact
    /// build id hex)
    by_id: HashMap<String, (String, PathBuf, String)>,
    scanned: bool,
    /// Root handles that stored paths name (`/proc/self/fd/N/...`).
    held: Vec<safe_open::Root>,
    /// Files of this container reported as not read (bounded by [`MAX_REPORTED`]).
    reported: usize,
}

/// Files per container that ig says on stderr it did not read; the rest only with `-vv`.
const MAX_REPORTED: usize = 16;

const LIB_DIRS: &[&str] = &[
    "/lib",
    "/lib64",
    "/usr/lib",
    "/usr/lib64",
    "/usr/local/lib",
    "/lib/x86_64-linux-gnu",
    "/usr/lib/x86_64-linux-gnu",
    "/lib/aarch64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
];
const MAX_SCANNED_FILES: usize = 4000;

fn pad40(hex: &str) -> String {
    format!("{hex:0<40}")
}

impl BuildIdIndex {
    /// `root` is `/proc/PID/root` of a live process of the container.
    pub fn new(root: PathBuf) -> BuildIdIndex {
        BuildIdIndex {
            root,
            by_id: HashMap::new(),
            scanned: false,
            held: Vec::new(),
            reported: 0,
        }
    }

    /// Reads the build id of `path` (a path inside the container) into the index. The file is
    /// opened inside the container's root only: regular, bounded, never blocking (see
    /// [`crate::safe_open`]).
    pub fn add(&mut self, path: &str) {
        let full = self.root.join(path.trim_start_matches('/'));
        self.add_at(path, full);
    }

    /// Reads the build id of the file at `inner` below `mount` (a handle on a mount of the file
    /// system that holds it) into the index as module `module`. `inner` is resolved inside
    /// `mount` only: the container may have replaced its components with symlinks.
    pub fn add_below(&mut self, module: &str, mount: safe_open::Root, inner: &str) {
        let file = mount.handle_path().join(inner.trim_start_matches('/'));
        if self.add_at(module, file) {
            // The stored path names the handle: keep it open while the index lives (also when
            // it replaced an entry of the same build id).
            self.held.push(mount);
        }
    }

    /// Reads the build id of `file` into the index as module `module`. `file` is opened with
    /// [`safe_open::open`]: a path under a held root handle resolves inside that root only.
    /// Whether it stored an entry.
    fn add_at(&mut self, module: &str, file: PathBuf) -> bool {
        let opened = match safe_open::open(&file, safe_open::MAX_FILE_SIZE) {
            Ok(opened) => opened,
            Err(err) => {
                self.refused(module, &err);
                return false;
            }
        };
        let fd_path = safe_open::fd_path(opened.as_fd());
        let id = std::panic::catch_unwind(|| blazesym::helper::read_elf_build_id(&fd_path));
        let Ok(Ok(Some(id))) = id else {
            return false;
        };
        let hex = hex::encode(&id);
        self.by_id
            .insert(pad40(&hex), (module.to_string(), file, hex));
        true
    }

    /// Says (once per file, a bounded number of times) why a container's file was not read; a
    /// file that does not exist is ordinary and only logged with `-vv`.
    fn refused(&mut self, path: &str, err: &safe_open::SafeOpenError) {
        if err.is_not_found() || self.reported >= MAX_REPORTED {
            log::debug!("build ids: {err}");
            return;
        }
        self.reported += 1;
        log::warn!(
            "looking up build ids: {path} in the container: {}",
            err.reason()
        );
    }

    /// (module path in the container, path to read it from, exact build id) of a build id.
    fn find(&mut self, padded: &str) -> Option<(String, PathBuf, String)> {
        if !self.by_id.contains_key(padded) && !self.scanned {
            self.scan();
        }
        self.by_id.get(padded).cloned()
    }

    fn scan(&mut self) {
        self.scanned = true;
        let mut seen = 0;
        for dir in LIB_DIRS {
            // Listed inside the container's root: a container's /usr/lib may be a symlink to
            // anywhere on the host.
            let Ok(entries) = safe_open::read_dir(&self.root.join(dir.trim_start_matches('/')))
            else {
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if !name.contains(".so") {
                    continue;
                }
                seen += 1;
                if seen > MAX_SCANNED_FILES {
                    return;
                }
                self.add(&format!("{dir}/{name}"));
            }
        }
    }
}

/// Where a stack was taken, for the record.
pub fn point_name(point: u32) -> &'static str {
    match point {
        layout::IG_STACK_AT_SYS_ENTER => "sys_enter",
        layout::IG_STACK_AT_SYS_EXIT => "sys_exit",
        layout::IG_STACK_AT_SIGSYS => "sigsys",
        _ => "unknown",
    }
}

/// A stack ready to be joined: normalized while (or as soon as) it arrived.
#[derive(Clone, Debug)]
pub struct Stack {
    pub ip: u64,
    pub point: u32,
    pub at: Instant,
    pub frames: Vec<NormalizedFrame>,
    /// Why normalization failed (the task was gone), if it did.
    pub note: Option<String>,
    /// The kernel's record, for the build-id fallback.
    pub raw: Option<StackEvent>,
}

/// Stacks waiting for their audit record, by (tgid, syscall number).
#[derive(Default)]
pub struct PendingStacks {
    by_key: HashMap<(u32, u64), VecDeque<Stack>>,
}

/// How long a stack waits for its record, and a record for its stack.
pub const STACK_TTL: Duration = Duration::from_secs(10);
pub const RECORD_WAIT: Duration = Duration::from_millis(300);

impl PendingStacks {
    /// Queues a stack. One taken at sys_exit of a killed call completes the one taken for
    /// the same call at its SIGSYS (that one has addresses only, no build ids): its kernel
    /// record (with build ids) is used, and its live read when the earlier one failed.
    pub fn push(&mut self, pid: u32, nr: u64, s: Stack) {
        let q = self.by_key.entry((pid, nr)).or_default();
        if s.point == layout::IG_STACK_AT_SYS_EXIT {
            if let Some(old) = q.iter_mut().find(|o| {
                o.point == layout::IG_STACK_AT_SIGSYS
                    && o.ip == s.ip
                    && o.raw.as_ref().is_some_and(|r| {
                        r.ids
                            .iter()
                            .all(|f| f.status != layout::IG_BUILD_ID_VALID as i32)
                    })
            }) {
                if old.note.is_some() || old.frames.is_empty() {
                    old.frames = s.frames;
                    old.note = s.note;
                }
                old.raw = s.raw;
                return;
            }
        }
        q.push_back(s);
    }

    pub fn has(&self, pid: u32, nr: u64) -> bool {
        self.by_key.contains_key(&(pid, nr))
    }

    /// The oldest stack of (pid, nr) with the same instruction pointer (any, if the record
    /// has none).
    pub fn take(&mut self, pid: u32, nr: u64, ip: Option<u64>) -> Option<Stack> {
        let q = self.by_key.get_mut(&(pid, nr))?;
        let i = q.iter().position(|s| ip.is_none_or(|ip| s.ip == ip))?;
        let s = q.remove(i);
        if q.is_empty() {
            self.by_key.remove(&(pid, nr));
        }
        s
    }

    /// Drops stacks older than `ttl` (their record never came).
    pub fn expire(&mut self, ttl: Duration) {
        self.by_key.retain(|_, q| {
            q.retain(|s| s.at.elapsed() < ttl);
            !q.is_empty()
        });
    }
}

/// The `ustack` object of a record: IG's strings plus structured frames.
pub fn ustack_json(frames: &[Frame], point: u32, note: Option<&str>) -> Value {
    let (addresses, symbols) = crate::symbolize::ig_strings(frames);
    let mut v = json!({
        "addresses": addresses,
        "symbols": symbols,
        "frames": frames.iter().map(|f| { let mut v = json!({
            "index": f.index,
            "address": format!("0x{:016x}", f.address),
            "module": f.module,
            "offset": f.offset.map(|o| format!("0x{o:x}")),
            "symbol": f.symbol,
            "symbolOffset": f.symbol_offset.map(|o| format!("0x{o:x}")),
            "file": f.file,
            "line": f.line,
        });
        if let Some(why) = &f.unreadable {
            v["unreadable"] = why.as_str().into();
        }
        v }).collect::<Vec<_>>(),
        "takenAt": point_name(point),
    });
    if let Some(n) = note {
        v["note"] = n.into();
    }
    v
}

const SECCOMP_RET_ACTION_FULL: u32 = 0xffff_0000;
const SECCOMP_RET_KILL_THREAD: u32 = 0;

/// Why a record found no stack, as precisely as its action code and the loss counter tell.
/// `by_cache`: stacks are taken for every filtered task (else only for watched containers).
pub fn why_no_stack(code: u32, by_cache: bool, lost: u64) -> String {
    let mut why = if code & SECCOMP_RET_ACTION_FULL == SECCOMP_RET_KILL_THREAD {
        "seccomp killed this thread while other threads of its process lived: the kernel ends such a thread at once, without the SIGSYS at which ig takes the stack (only a process's last thread, or SECCOMP_RET_KILL_PROCESS, gets it)".to_string()
    } else if by_cache {
        format!(
            "no stack of this call arrived within {} s of the record",
            STACK_WINDOW_SECS
        )
    } else {
        "no stack was taken for this call (the record arrived late)".to_string()
    };
    if lost > 0 {
        why.push_str(&format!(
            "; {lost} events or stacks were lost so far because a ring buffer was full"
        ));
    }
    why
}

/// How long, with the kernel-cache selection, a stack waits for its record.
pub const STACK_WINDOW_SECS: u64 = 2;

pub fn unavailable_json(why: &str) -> Value {
    json!({ "error": format!("stack unavailable: {why}") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syscalls::Abi;

    fn has(set: &SyscallSet, abi: Abi, name: &str) -> bool {
        let nr = syscalls::number(abi, name).unwrap() & !syscalls::X32_SYSCALL_BIT;
        let slot = (0..ABI_SLOTS).find(|&s| slot_abi(s) == Some(abi)).unwrap();
        set.bits[slot][nr as usize / 32] & (1 << (nr % 32)) != 0
    }

    #[test]
    fn log_and_kill_rules_are_taken_allowed_ones_not() {
        let p = json!({"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
            {"action":"SCMP_ACT_KILL","names":["unshare"]},
            {"action":"SCMP_ACT_LOG","names":["mkdir","mkdirat"]}]});
        let s = logged_syscalls(&p);
        let native = Abi::native();
        assert!(has(&s, native, "unshare") && has(&s, native, "mkdir"));
        assert!(!has(&s, native, "read"));
        if native == Abi::X86_64 {
            assert!(has(&s, Abi::X86, "unshare"), "compat numbers too");
        }
    }

    #[test]
    fn a_logging_default_takes_everything_not_allowed() {
        let p = json!({"defaultAction":"SCMP_ACT_LOG","syscalls":[
            {"action":"SCMP_ACT_ALLOW","names":["read","write"]},
            {"action":"SCMP_ACT_ALLOW","names":["openat"],"args":[{"index":1,"value":0,"op":"SCMP_CMP_EQ"}]}]});
        let s = logged_syscalls(&p);
        let native = Abi::native();
        assert!(!has(&s, native, "read"));
        assert!(
            has(&s, native, "openat"),
            "conditionally allowed: default may apply"
        );
        assert!(has(&s, native, "getpid"));
    }

    #[test]
    fn errno_logs_only_with_the_log_flag() {
        let p = json!({"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"action":"SCMP_ACT_ALLOW","names":["read"]}]});
        assert_eq!(count(&logged_syscalls(&p)), 0);
        let p = json!({"defaultAction":"SCMP_ACT_ERRNO","flags":["SECCOMP_FILTER_FLAG_LOG"],"syscalls":[{"action":"SCMP_ACT_ALLOW","names":["read"]}]});
        let s = logged_syscalls(&p);
        assert!(has(&s, Abi::native(), "getpid") && !has(&s, Abi::native(), "read"));
    }

    #[test]
    fn a_missing_stack_says_why_by_action() {
        let kill_thread = why_no_stack(0, true, 0);
        assert!(kill_thread.contains("other threads"), "{kill_thread}");
        let log = why_no_stack(0x7ffc_0000, true, 0);
        assert!(log.contains("within 2 s"), "{log}");
        assert!(!log.contains("lost"), "{log}");
        let lost = why_no_stack(0x8000_0000, true, 3);
        assert!(lost.contains("3 events or stacks were lost"), "{lost}");
        assert!(why_no_stack(0x7ffc_0000, false, 0).contains("arrived late"));
    }

    #[test]
    fn stacks_join_by_pid_nr_and_ip() {
        let mut p = PendingStacks::default();
        let st = |ip| Stack {
            ip,
            point: 1,
            at: Instant::now(),
            frames: vec![],
            note: None,
            raw: None,
        };
        p.push(7, 83, st(0x10));
        p.push(7, 83, st(0x20));
        assert_eq!(p.take(7, 83, Some(0x20)).map(|s| s.ip), Some(0x20));
        assert!(p.take(7, 84, None).is_none());
        assert_eq!(p.take(7, 83, None).map(|s| s.ip), Some(0x10));
        assert!(p.take(7, 83, None).is_none());
    }

    #[test]
    fn a_killed_calls_sys_exit_stack_completes_its_sigsys_one() {
        let raw = |status| StackEvent {
            timestamp_ns: 0,
            mntns: 1,
            ip: 0x40,
            syscall: 272,
            pid: 7,
            tid: 7,
            abi: 0,
            point: 0,
            ustack: vec![0x40],
            ids: vec![crate::bpf::records::BuildIdFrame {
                status,
                build_id: [0; crate::bpf::records::BUILD_ID_SIZE],
                offset_or_ip: 0x40,
            }],
            exe_in_fs: None,
        };
        let st = |point, status, note: Option<&str>| Stack {
            ip: 0x40,
            point,
            at: Instant::now(),
            frames: vec![],
            note: note.map(str::to_string),
            raw: Some(raw(status)),
        };
        let (valid, ip_only) = (
            layout::IG_BUILD_ID_VALID as i32,
            layout::IG_BUILD_ID_IP as i32,
        );
        let mut p = PendingStacks::default();
        p.push(
            7,
            272,
            st(layout::IG_STACK_AT_SIGSYS, ip_only, Some("gone")),
        );
        p.push(
            7,
            272,
            st(layout::IG_STACK_AT_SYS_EXIT, valid, Some("gone")),
        );
        let s = p.take(7, 272, Some(0x40)).expect("one stack");
        assert_eq!(s.point, layout::IG_STACK_AT_SIGSYS);
        assert_eq!(s.raw.expect("raw").ids[0].status, valid);
        assert!(p.take(7, 272, None).is_none(), "one stack per killed call");
        // Any other sys_exit stack (a failed call) is its own.
        p.push(7, 2, st(layout::IG_STACK_AT_SYS_EXIT, valid, None));
        p.push(7, 2, st(layout::IG_STACK_AT_SYS_EXIT, valid, None));
        assert!(p.take(7, 2, None).is_some() && p.take(7, 2, None).is_some());
    }
}
