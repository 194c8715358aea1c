//! audit_seccomp's kernel side: the exit tracepoint that remembers which mount namespace a
//! container task was in when it exited (so a task killed by seccomp is still attributed),
//! and the `ebpf` event source on the kernel's audit_seccomp() (kprobe, else fentry).

use aya::maps::{HashMap as BpfHashMap, MapData, RingBuf};
use aya::Ebpf;

use crate::bpf::records::{layout, ExitedTask, SyscallSet};
use crate::bpf::{self, AttachKind, BpfError, Globals};

/// `audit_seccomp.bpf.c` beside this file, compiled by build.rs.
static AUDIT_SECCOMP: &[u8] =
    aya::include_bytes_aligned!(concat!(env!("OUT_DIR"), "/audit_seccomp.bpf.o"));

const EXITED: &str = "ig_exited";
const EVENTS: &str = "ig_events";
const STATS: &str = "ig_stats";
const WATCH: &str = "ig_ustack_watch";
const STACKS: &str = "ig_stacks";
const SEEN: &str = "ig_ustack_seen";

pub struct AuditBpf {
    ebpf: Ebpf,
    /// How the event source is attached, when the `ebpf` source is in use.
    pub source: Option<AttachKind>,
    /// How `--collect-ustack` picks the calls it takes stacks of (set when loaded).
    pub stack_selection: StackSelection,
}

/// Which calls the user-stack programs take stacks of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StackSelection {
    /// Every call of a task under a seccomp filter outside the set the kernel's own action
    /// cache says its filters allow outright (Linux 5.11+): no profile, no listing needed.
    KernelCache,
    /// Only watched namespaces (`watch`), for the syscalls their own profile logs or kills.
    /// The string says why the kernel cache cannot be used.
    WatchSet(String),
}

/// Whether the kernel's BTF has the seccomp action cache (`struct seccomp_filter` member
/// `cache` of type `struct action_cache`, Linux 5.11+ on architectures with
/// SECCOMP_ARCH_NATIVE; the struct exists exactly when the member does).
pub fn seccomp_cache(btf: Result<&aya::Btf, &BpfError>) -> StackSelection {
    use aya_obj::btf::BtfKind;
    match btf {
        Ok(btf) => match btf.id_by_type_name_kind("action_cache", BtfKind::Struct) {
            Ok(_) => StackSelection::KernelCache,
            Err(_) => StackSelection::WatchSet(
                "this kernel has no seccomp action cache (no `struct action_cache` in its BTF: it needs Linux 5.11 or later on x86, arm64, arm, s390, parisc or riscv)".into(),
            ),
        },
        Err(e) => StackSelection::WatchSet(format!("the kernel's seccomp action cache cannot be looked up ({e})")),
    }
}

pub struct AuditBpfOptions {
    pub host_mntns: u64,
    pub containers_only: bool,
    pub collect_ustack: bool,
    /// Attach the event source on audit_seccomp (else only the exit tracepoint).
    pub want_source: bool,
}

impl AuditBpf {
    /// Loads the object and attaches the exit tracepoint. With `want_source`, also tries
    /// kprobe then fentry on audit_seccomp; the error (with both reasons) is returned
    /// separately so the caller can fall back to the audit netlink source.
    pub fn start(o: &AuditBpfOptions) -> Result<(AuditBpf, Option<BpfError>), BpfError> {
        let btf = bpf::kernel_btf();
        // IG_USTACK_WATCH_SET forces the older selection (tests of kernels without the cache).
        let stack_selection = if std::env::var_os("IG_USTACK_WATCH_SET").is_some() {
            StackSelection::WatchSet("IG_USTACK_WATCH_SET is set".into())
        } else {
            seccomp_cache(btf.as_ref())
        };
        let by_cache = o.collect_ustack && stack_selection == StackSelection::KernelCache;
        let g = Globals {
            u64s: vec![("host_mntns", o.host_mntns)],
            u32s: vec![],
            u8s: vec![
                ("containers_only", u8::from(o.containers_only)),
                ("collect_ustack", u8::from(o.collect_ustack)),
                ("ustack_by_cache", u8::from(by_cache)),
            ],
            max_entries: vec![],
            btf: btf.as_ref().ok(),
            arg_config: None,
        };
        let mut ebpf = bpf::open("audit_seccomp", AUDIT_SECCOMP, &g)?;
        bpf::attach_tp(&mut ebpf, "ig_task_exit", "sched", "sched_process_exit")?;
        let mut bpf = AuditBpf {
            ebpf,
            source: None,
            stack_selection,
        };
        if !o.want_source {
            return Ok((bpf, None));
        }
        let mut reasons = Vec::new();
        match bpf::load_kprobe(&mut bpf.ebpf, "ig_audit_seccomp_kprobe").and_then(|()| {
            bpf::attach_kprobe(&mut bpf.ebpf, "ig_audit_seccomp_kprobe", "audit_seccomp")
        }) {
            Ok(()) => {
                bpf.source = Some(AttachKind::Kprobe);
                return Ok((bpf, None));
            }
            Err(e) => reasons.push(format!("kprobe: {e}")),
        }
        match &btf {
            Ok(btf) => match bpf::load_fentry(
                &mut bpf.ebpf,
                "ig_audit_seccomp_fentry",
                "audit_seccomp",
                btf,
            )
            .and_then(|()| bpf::attach_fentry(&mut bpf.ebpf, "ig_audit_seccomp_fentry"))
            {
                Ok(()) => {
                    bpf.source = Some(AttachKind::Fentry);
                    return Ok((bpf, None));
                }
                Err(e) => reasons.push(format!("fentry: {e}")),
            },
            Err(e) => reasons.push(format!("fentry: {e}")),
        }
        let err = BpfError::NoAttachment {
            what: "audit_seccomp",
            tried: reasons.join("; "),
        };
        Ok((bpf, Some(err)))
    }

    /// Attaches the user-stack programs (sys_enter, sys_exit with an error, SIGSYS sent to
    /// itself), which take stacks as `stack_selection` says.
    pub fn enable_stacks(&mut self) -> Result<(), BpfError> {
        let btf = bpf::kernel_btf()?;
        bpf::attach_tp_btf(&mut self.ebpf, "ig_ustack_sys_enter", "sys_enter", &btf)?;
        bpf::attach_tp_btf(&mut self.ebpf, "ig_ustack_sys_exit", "sys_exit", &btf)?;
        bpf::attach_tp_btf(&mut self.ebpf, "ig_ustack_sigsys", "signal_generate", &btf)?;
        Ok(())
    }

    /// Takes user stacks in mount namespace `mntns` for the syscalls in `set`.
    pub fn watch(&mut self, mntns: u64, set: &SyscallSet) -> Result<(), BpfError> {
        let m = self
            .ebpf
            .map_mut(WATCH)
            .ok_or(BpfError::MissingMap(WATCH))?;
        let mut map = BpfHashMap::<_, u64, SyscallSet>::try_from(m).map_err(|e| BpfError::Map {
            map: WATCH,
            detail: e.to_string(),
        })?;
        map.insert(mntns, set, 0).map_err(|e| BpfError::Map {
            map: WATCH,
            detail: e.to_string(),
        })
    }

    /// Marks the mount namespace with unique id `uid` as held by user space: it is no longer
    /// announced.
    pub fn hold_seen_ns(&mut self, uid: u64) -> Result<(), BpfError> {
        let m = self.ebpf.map_mut(SEEN).ok_or(BpfError::MissingMap(SEEN))?;
        let mut map = BpfHashMap::<_, u64, u64>::try_from(m).map_err(|e| BpfError::Map {
            map: SEEN,
            detail: e.to_string(),
        })?;
        map.insert(uid, 0, 0).map_err(|e| BpfError::Map {
            map: SEEN,
            detail: e.to_string(),
        })
    }

    /// The user-stack ring buffer, taken once.
    pub fn take_stacks(&mut self) -> Result<RingBuf<MapData>, BpfError> {
        let m = self
            .ebpf
            .take_map(STACKS)
            .ok_or(BpfError::MissingMap(STACKS))?;
        RingBuf::try_from(m).map_err(|e| BpfError::Map {
            map: STACKS,
            detail: e.to_string(),
        })
    }

    /// Only verifies that the event-source programs pass the verifier (used by tests on
    /// kernels where they cannot attach).
    pub fn verify_source_programs(&mut self) -> Vec<(AttachKind, Result<(), BpfError>)> {
        let mut out = vec![(
            AttachKind::Kprobe,
            bpf::load_kprobe(&mut self.ebpf, "ig_audit_seccomp_kprobe"),
        )];
        if let Ok(btf) = bpf::kernel_btf() {
            out.push((
                AttachKind::Fentry,
                bpf::load_fentry(
                    &mut self.ebpf,
                    "ig_audit_seccomp_fentry",
                    "audit_seccomp",
                    &btf,
                ),
            ));
        }
        out
    }

    fn exited_map(&self) -> Result<BpfHashMap<&MapData, u32, ExitedTask>, BpfError> {
        let m = self.ebpf.map(EXITED).ok_or(BpfError::MissingMap(EXITED))?;
        BpfHashMap::try_from(m).map_err(|e| BpfError::Map {
            map: EXITED,
            detail: e.to_string(),
        })
    }

    /// What the kernel remembered about task `tid` when it exited, if it was in a container.
    pub fn exited(&self, tid: u32) -> Option<ExitedTask> {
        self.exited_map().ok()?.get(&tid, 0).ok()
    }

    /// Threads of process `tgid` that exited (tid, record).
    pub fn exited_threads(&self, tgid: u32) -> Vec<(u32, ExitedTask)> {
        let Ok(map) = self.exited_map() else {
            return Vec::new();
        };
        map.iter()
            .filter_map(Result::ok)
            .filter(|(_, v)| v.tgid == tgid)
            .collect()
    }

    /// The event ring buffer (ebpf source), taken once.
    pub fn take_events(&mut self) -> Result<RingBuf<MapData>, BpfError> {
        let m = self
            .ebpf
            .take_map(EVENTS)
            .ok_or(BpfError::MissingMap(EVENTS))?;
        RingBuf::try_from(m).map_err(|e| BpfError::Map {
            map: EVENTS,
            detail: e.to_string(),
        })
    }

    /// Events the kernel could not queue because the ring buffer was full.
    pub fn lost_events(&self) -> u64 {
        bpf::stat(&self.ebpf, STATS, layout::IG_STAT_RINGBUF_FULL).unwrap_or(0)
    }

    /// Exit records that could not be stored.
    pub fn lost_exits(&self) -> u64 {
        bpf::stat(&self.ebpf, STATS, layout::IG_STAT_EXITS_FULL).unwrap_or(0)
    }
}
