//! The advisor's kernel side: loads `advise_seccomp.bpf.c`, attaches it to `sys_enter` the
//! best way this kernel allows, and reads the per-mount-namespace syscall bitmaps (and, with
//! `--learn-args`, the distinct argument values of a few syscalls).

use std::cell::RefCell;
use std::collections::HashMap;

use aya::maps::{HashMap as BpfHashMap, MapData, RingBuf};
use aya::Ebpf;

use crate::bpf::records::slot_abi;
use crate::bpf::records::{
    layout, ArgConfig, ArgCount, ArgCountKey, ArgKey, FirstUse, MntnsSyscalls,
};
use crate::bpf::{self, AttachKind, BpfError, Globals};
use crate::seccomp::args::LearnSet;

/// `advise_seccomp.bpf.c` beside this file, compiled by build.rs.
static ADVISE_SECCOMP: &[u8] =
    aya::include_bytes_aligned!(concat!(env!("OUT_DIR"), "/advise_seccomp.bpf.o"));

const MAP: &str = "ig_syscalls";
const STATS: &str = "ig_stats";
const FIRST_USES: &str = "ig_first_uses";

/// First uses of one namespace: the earliest per (ABI slot, number, phase).
type FirstUses = HashMap<(u32, u32, u32), FirstUse>;

const ARG_VALUES: &str = "ig_arg_values";
const ARG_COUNTS: &str = "ig_arg_counts";

// The pure argument model mirrors the kernel header's constants.
const _: () = {
    use crate::seccomp::args;
    assert!(args::SEEN == layout::IG_ARG_SEEN);
    assert!(args::FILTERED == layout::IG_ARG_FILTERED);
    assert!(args::AFTER_EXEC == layout::IG_ARG_AFTER_EXEC);
    assert!(args::OVER_LIMIT == layout::IG_ARG_OVER_LIMIT);
    assert!(args::OVER_MAP == layout::IG_ARG_OVER_MAP);
    assert!(args::NONE == layout::IG_ARG_NONE);
    assert!(args::SLOTS == crate::bpf::records::ARG_SLOTS);
};

/// The kernel's `arg_config` for the chosen syscalls: each one's number per ABI slot (from
/// ig's tables; x32 without its 0x40000000 bit, as the kernel program compares it), and the
/// arguments and masks that form its value.
pub(crate) fn arg_config(set: &LearnSet) -> ArgConfig {
    let mut cfg = ArgConfig::default();
    for s in &set.0 {
        let (idx, mask) = s.capture();
        cfg.idx[s.slot()] = idx;
        cfg.mask[s.slot()] = mask;
        for abi_slot in 0..crate::bpf::records::ABI_SLOTS {
            let nr = slot_abi(abi_slot).and_then(|abi| crate::syscalls::number(abi, s.name()));
            if let Some(nr) = nr {
                cfg.nr[s.slot()][abi_slot] = nr & !layout::IG_X32_SYSCALL_BIT;
            }
        }
    }
    cfg
}

/// `--learn-args`: which syscalls, and the bounds of the kernel maps.
#[derive(Clone, Debug)]
pub struct ArgLearning {
    pub config: ArgConfig,
    /// Distinct values kept per syscall, namespace and ABI before it falls back to names.
    pub max_values: u32,
    /// Entries of the value map shared by all namespaces.
    pub map_entries: u32,
}

impl ArgLearning {
    /// Every syscall ig learns arguments of (tests and benchmarks use it).
    pub fn every_syscall(max_values: u32, map_entries: u32) -> ArgLearning {
        ArgLearning {
            config: arg_config(&LearnSet(crate::seccomp::args::ArgSyscall::ALL.into())),
            max_values,
            map_entries,
        }
    }
}

pub struct SyscallRecorder {
    ebpf: Ebpf,
    pub attach: AttachKind,
    /// Why better attachments were not used (empty when the first choice worked).
    pub fallbacks: Vec<String>,
    pub max_namespaces: u32,
    /// Ring buffer of first uses (who made each syscall first in a namespace).
    first_ring: RefCell<RingBuf<MapData>>,
    /// First uses read so far, per namespace key: the earliest per (ABI, number, phase).
    first_uses: RefCell<HashMap<u64, FirstUses>>,
    /// Set when argument values are learned.
    pub args: Option<ArgLearning>,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct RecorderStats {
    /// New mount namespaces that found the map full (their syscalls are not recorded).
    pub map_full: u64,
    /// Syscall numbers beyond the bitmaps.
    pub nr_out_of_range: u64,
    /// First-use records lost because their ring buffer was full.
    first_uses_lost: u64,
    /// Learned-argument counters that could not be inserted (their values were not kept).
    pub args_full: u64,
}

impl RecorderStats {
    pub fn first_uses_lost(&self) -> u64 {
        self.first_uses_lost
    }
}

impl SyscallRecorder {
    /// Loads the program and attaches it: tp_btf, else raw_tracepoint, else tracepoint.
    pub fn start(host_mntns: u64, max_namespaces: u32) -> Result<SyscallRecorder, BpfError> {
        Self::start_with(host_mntns, max_namespaces, None)
    }

    /// Like `start`, also learning argument values when `args` is set.
    pub fn start_learning(
        host_mntns: u64,
        max_namespaces: u32,
        only: Option<AttachKind>,
        args: Option<ArgLearning>,
    ) -> Result<SyscallRecorder, BpfError> {
        let mut rec = Self::load(host_mntns, max_namespaces, only, args.as_ref())?;
        rec.args = args;
        Ok(rec)
    }

    /// Like `start`, but only with the given attachment when `only` is set (tests use it
    /// to check every fallback on kernels where the first choice works).
    pub fn start_with(
        host_mntns: u64,
        max_namespaces: u32,
        only: Option<AttachKind>,
    ) -> Result<SyscallRecorder, BpfError> {
        Self::load(host_mntns, max_namespaces, only, None)
    }

    fn load(
        host_mntns: u64,
        max_namespaces: u32,
        only: Option<AttachKind>,
        args: Option<&ArgLearning>,
    ) -> Result<SyscallRecorder, BpfError> {
        let allowed = |k: AttachKind| only.is_none_or(|o| o == k);
        let btf = bpf::kernel_btf();
        let native = crate::syscalls::Abi::native();
        let nr = |name| crate::syscalls::number(native, name).unwrap_or(u32::MAX);
        let mut u32s = vec![("execve_nr", nr("execve")), ("execveat_nr", nr("execveat"))];
        // Without --learn-args the value maps are not used: keep them tiny.
        let mut max_entries = vec![(MAP, max_namespaces), (ARG_VALUES, 1), (ARG_COUNTS, 1)];
        if let Some(a) = args {
            u32s.push(("learn_args", 1));
            u32s.push(("arg_values_max", a.max_values));
            max_entries = vec![
                (MAP, max_namespaces),
                (ARG_VALUES, a.map_entries),
                (ARG_COUNTS, a.map_entries),
            ];
        }
        let g = Globals {
            u64s: vec![("host_mntns", host_mntns)],
            u32s,
            u8s: vec![],
            max_entries,
            btf: btf.as_ref().ok(),
            arg_config: args.map(|a| &a.config),
        };
        let mut ebpf = bpf::open("advise_seccomp", ADVISE_SECCOMP, &g)?;
        let mut fallbacks = Vec::new();
        let attach = 'found: {
            match &btf {
                _ if !allowed(AttachKind::TpBtf) => {}
                Ok(btf) => {
                    match bpf::attach_tp_btf(&mut ebpf, "ig_advise_sys_enter_btf", "sys_enter", btf)
                    {
                        Ok(()) => break 'found AttachKind::TpBtf,
                        Err(e) => fallbacks.push(format!("tp_btf: {e}")),
                    }
                }
                Err(e) => fallbacks.push(format!("tp_btf: {e}")),
            }
            if allowed(AttachKind::RawTracepoint) {
                match bpf::attach_raw_tp(&mut ebpf, "ig_advise_sys_enter_raw", "sys_enter") {
                    Ok(()) => break 'found AttachKind::RawTracepoint,
                    Err(e) => fallbacks.push(format!("raw_tracepoint: {e}")),
                }
            }
            if !allowed(AttachKind::Tracepoint) {
                return Err(BpfError::NoAttachment {
                    what: "sys_enter",
                    tried: fallbacks.join("; "),
                });
            }
            match bpf::attach_tp(
                &mut ebpf,
                "ig_advise_sys_enter_tp",
                "raw_syscalls",
                "sys_enter",
            ) {
                Ok(()) => break 'found AttachKind::Tracepoint,
                Err(e) => fallbacks.push(format!("tracepoint: {e}")),
            }
            return Err(BpfError::NoAttachment {
                what: "sys_enter",
                tried: fallbacks.join("; "),
            });
        };
        let ring = ebpf
            .take_map(FIRST_USES)
            .ok_or(BpfError::MissingMap(FIRST_USES))?;
        let ring = RingBuf::try_from(ring).map_err(|e| BpfError::Map {
            map: FIRST_USES,
            detail: e.to_string(),
        })?;
        Ok(SyscallRecorder {
            ebpf,
            attach,
            fallbacks,
            max_namespaces,
            first_ring: RefCell::new(ring),
            first_uses: RefCell::new(HashMap::new()),
            args: None,
        })
    }

    fn map(&self) -> Result<BpfHashMap<&MapData, u64, MntnsSyscalls>, BpfError> {
        let m = self.ebpf.map(MAP).ok_or(BpfError::MissingMap(MAP))?;
        BpfHashMap::try_from(m).map_err(|e| BpfError::Map {
            map: MAP,
            detail: e.to_string(),
        })
    }

    /// The bitmaps of one mount namespace (by its unique id), if it has been seen.
    pub fn get(&self, key: u64) -> Result<Option<MntnsSyscalls>, BpfError> {
        match self.map()?.get(&key, 0) {
            Ok(v) => Ok(Some(v)),
            Err(aya::maps::MapError::KeyNotFound) => Ok(None),
            Err(e) => Err(BpfError::Map {
                map: MAP,
                detail: e.to_string(),
            }),
        }
    }

    /// Every recorded namespace with its value.
    pub fn entries(&self) -> Result<Vec<(u64, MntnsSyscalls)>, BpfError> {
        self.drain_first_uses();
        let map = self.map()?;
        let mut out = Vec::new();
        for kv in map.iter() {
            match kv {
                Ok(kv) => out.push(kv),
                // An entry removed while iterating.
                Err(aya::maps::MapError::KeyNotFound) => continue,
                Err(e) => {
                    return Err(BpfError::Map {
                        map: MAP,
                        detail: e.to_string(),
                    })
                }
            }
        }
        Ok(out)
    }

    /// Reads the first-use records the kernel queued since the last call.
    pub fn drain_first_uses(&self) {
        let mut ring = self.first_ring.borrow_mut();
        let mut store = self.first_uses.borrow_mut();
        while let Some(item) = ring.next() {
            match FirstUse::decode(&item) {
                Ok(f) => {
                    let slot = store
                        .entry(f.key)
                        .or_default()
                        .entry((f.abi, f.nr, f.phase))
                        .or_insert(f);
                    if f.time_ns < slot.time_ns {
                        *slot = f;
                    }
                }
                Err(e) => log::warn!("{e}"),
            }
        }
    }

    /// The first uses of a namespace recorded so far (drain first).
    pub fn first_uses(&self, key: u64) -> Vec<FirstUse> {
        self.first_uses
            .borrow()
            .get(&key)
            .map(|m| m.values().copied().collect())
            .unwrap_or_default()
    }

    /// Keeps the first uses only of the namespaces `keep` accepts (the others' map entries
    /// are gone; their records may have been drained after the removal).
    pub fn retain_first_uses(&self, mut keep: impl FnMut(u64) -> bool) {
        self.first_uses.borrow_mut().retain(|k, _| keep(*k));
    }

    /// Forgets a namespace (it is gone and nobody targets it).
    pub fn remove(&mut self, key: u64) -> Result<(), BpfError> {
        self.first_uses.borrow_mut().remove(&key);
        let m = self.ebpf.map_mut(MAP).ok_or(BpfError::MissingMap(MAP))?;
        let mut map =
            BpfHashMap::<_, u64, MntnsSyscalls>::try_from(m).map_err(|e| BpfError::Map {
                map: MAP,
                detail: e.to_string(),
            })?;
        match map.remove(&key) {
            Ok(()) | Err(aya::maps::MapError::KeyNotFound) => Ok(()),
            Err(e) => Err(BpfError::Map {
                map: MAP,
                detail: e.to_string(),
            }),
        }
    }

    pub fn stats(&self) -> Result<RecorderStats, BpfError> {
        Ok(RecorderStats {
            map_full: bpf::stat(&self.ebpf, STATS, layout::IG_STAT_MAP_FULL)?,
            nr_out_of_range: bpf::stat(&self.ebpf, STATS, layout::IG_STAT_NR_RANGE)?,
            first_uses_lost: bpf::stat(&self.ebpf, STATS, layout::IG_STAT_RINGBUF_FULL)?,
            args_full: bpf::stat(&self.ebpf, STATS, layout::IG_STAT_ARGS_FULL)?,
        })
    }

    /// Every learned argument value (key) with how it was seen (IG_ARG_* bits), and every
    /// per-syscall counter (its overflow bits tell a syscall that stopped being learned).
    /// Empty without `--learn-args`.
    pub fn arg_entries(&self) -> Result<ArgEntries, BpfError> {
        if self.args.is_none() {
            return Ok(ArgEntries::default());
        }
        Ok(ArgEntries {
            values: self.read_all::<ArgKey, u32>(ARG_VALUES)?,
            counts: self.read_all::<ArgCountKey, ArgCount>(ARG_COUNTS)?,
        })
    }

    fn read_all<K: aya::Pod, V: aya::Pod>(
        &self,
        name: &'static str,
    ) -> Result<Vec<(K, V)>, BpfError> {
        let err = |e: aya::maps::MapError| BpfError::Map {
            map: name,
            detail: e.to_string(),
        };
        let m = self.ebpf.map(name).ok_or(BpfError::MissingMap(name))?;
        let map = BpfHashMap::<_, K, V>::try_from(m).map_err(err)?;
        let mut out = Vec::new();
        for kv in map.iter() {
            match kv {
                Ok(kv) => out.push(kv),
                Err(aya::maps::MapError::KeyNotFound) => continue,
                Err(e) => return Err(err(e)),
            }
        }
        Ok(out)
    }

    /// Forgets the learned values of a namespace (with `remove`).
    pub fn remove_args(&mut self, ns: u64) -> Result<(), BpfError> {
        let entries = self.arg_entries()?;
        self.remove_keys::<ArgKey, u32>(
            ARG_VALUES,
            entries
                .values
                .iter()
                .map(|(k, _)| *k)
                .filter(|k| k.ns == ns),
        )?;
        self.remove_keys::<ArgCountKey, ArgCount>(
            ARG_COUNTS,
            entries
                .counts
                .iter()
                .map(|(k, _)| *k)
                .filter(|k| k.ns == ns),
        )
    }

    fn remove_keys<K: aya::Pod, V: aya::Pod>(
        &mut self,
        name: &'static str,
        keys: impl Iterator<Item = K>,
    ) -> Result<(), BpfError> {
        let err = |e: aya::maps::MapError| BpfError::Map {
            map: name,
            detail: e.to_string(),
        };
        let m = self.ebpf.map_mut(name).ok_or(BpfError::MissingMap(name))?;
        let mut map = BpfHashMap::<_, K, V>::try_from(m).map_err(err)?;
        for k in keys {
            match map.remove(&k) {
                Ok(()) | Err(aya::maps::MapError::KeyNotFound) => {}
                Err(e) => return Err(err(e)),
            }
        }
        Ok(())
    }
}

/// What the kernel learned about syscall arguments, all namespaces.
#[derive(Debug, Default, Clone)]
pub struct ArgEntries {
    pub values: Vec<(ArgKey, u32)>,
    pub counts: Vec<(ArgCountKey, ArgCount)>,
}
