//! The advisor's kernel side: loads `advise_seccomp.bpf.c`, attaches it to `sys_enter` the
//! best way this kernel allows, and reads the per-mount-namespace syscall bitmaps.

use std::cell::RefCell;
use std::collections::HashMap;

use aya::maps::{HashMap as BpfHashMap, MapData, RingBuf};
use aya::Ebpf;

use crate::bpf::records::{layout, FirstUse, MntnsSyscalls};
use crate::bpf::{self, AttachKind, BpfError, Globals};

/// `advise_seccomp.bpf.c` beside this file, compiled by build.rs.
static ADVISE_SECCOMP: &[u8] =
    aya::include_bytes_aligned!(concat!(env!("OUT_DIR"), "/advise_seccomp.bpf.o"));

const MAP: &str = "ig_syscalls";
const STATS: &str = "ig_stats";
const FIRST_USES: &str = "ig_first_uses";

/// First uses of one namespace: the earliest per (ABI slot, number, phase).
type FirstUses = HashMap<(u32, u32, u32), FirstUse>;

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
}

#[derive(Debug, Default, Clone, Copy)]
pub struct RecorderStats {
    /// New mount namespaces that found the map full (their syscalls are not recorded).
    pub map_full: u64,
    /// Syscall numbers beyond the bitmaps.
    pub nr_out_of_range: u64,
    /// First-use records lost because their ring buffer was full.
    first_uses_lost: u64,
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

    /// Like `start`, but only with the given attachment when `only` is set (tests use it
    /// to check every fallback on kernels where the first choice works).
    pub fn start_with(
        host_mntns: u64,
        max_namespaces: u32,
        only: Option<AttachKind>,
    ) -> Result<SyscallRecorder, BpfError> {
        let allowed = |k: AttachKind| only.is_none_or(|o| o == k);
        let btf = bpf::kernel_btf();
        let native = crate::syscalls::Abi::native();
        let nr = |name| crate::syscalls::number(native, name).unwrap_or(u32::MAX);
        let g = Globals {
            u64s: vec![("host_mntns", host_mntns)],
            u32s: vec![("execve_nr", nr("execve")), ("execveat_nr", nr("execveat"))],
            u8s: vec![],
            max_entries: vec![(MAP, max_namespaces)],
            btf: btf.as_ref().ok(),
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
        })
    }
}
