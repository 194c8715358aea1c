//! Feature probes: which eBPF program types load and attach on this kernel, and in words
//! why the others do not (the gadgets choose their attachment from the same facts).

use serde::Serialize;

use crate::bpf::{self, AttachKind, BpfError, Globals};

/// `probe.bpf.c` beside this file, compiled by build.rs.
static PROBE: &[u8] = aya::include_bytes_aligned!(concat!(env!("OUT_DIR"), "/probe.bpf.o"));

#[derive(Debug, Clone, Serialize)]
pub struct ProbeResult {
    pub kind: AttachKind,
    /// Where the probe attached (a tracepoint or kernel function ig uses).
    pub target: &'static str,
    pub loads: bool,
    pub attaches: bool,
    /// Why not, when it does not load or attach.
    pub reason: Option<String>,
}

/// Loads the empty `tp_btf` program and attaches it to `sys_enter`, the way the advisor's
/// program is attached: the floor of what any `sys_enter` program costs (benchmarks).
/// Detached when the returned object is dropped.
pub fn attach_empty_sys_enter() -> Result<aya::Ebpf, BpfError> {
    let btf = bpf::kernel_btf()?;
    let g = Globals {
        u64s: vec![],
        u32s: vec![],
        u8s: vec![],
        max_entries: vec![],
        btf: Some(&btf),
        arg_config: None,
    };
    let mut ebpf = bpf::open("probe", PROBE, &g)?;
    bpf::attach_tp_btf(&mut ebpf, "ig_probe_tp_btf", "sys_enter", &btf)?;
    Ok(ebpf)
}

/// Loads and attaches one empty program of each type, then detaches them all.
pub fn probe_all() -> Vec<ProbeResult> {
    let btf = bpf::kernel_btf();
    let g = Globals {
        u64s: vec![],
        u32s: vec![],
        u8s: vec![],
        max_entries: vec![],
        btf: btf.as_ref().ok(),
        arg_config: None,
    };
    let mut ebpf = match bpf::open("probe", PROBE, &g) {
        Ok(e) => e,
        Err(e) => {
            let reason = e.to_string();
            return ALL
                .iter()
                .map(|&(kind, target)| ProbeResult {
                    kind,
                    target,
                    loads: false,
                    attaches: false,
                    reason: Some(reason.clone()),
                })
                .collect();
        }
    };
    let mut out = Vec::new();
    for &(kind, target) in ALL {
        let (loads, attach) = match kind {
            AttachKind::TpBtf => match &btf {
                Err(e) => (Err(e.to_string()), Ok(())),
                Ok(btf) => split(bpf::attach_tp_btf(
                    &mut ebpf,
                    "ig_probe_tp_btf",
                    "sys_enter",
                    btf,
                )),
            },
            AttachKind::RawTracepoint => split(bpf::attach_raw_tp(
                &mut ebpf,
                "ig_probe_raw_tp",
                "sys_enter",
            )),
            AttachKind::Tracepoint => split(bpf::attach_tp(
                &mut ebpf,
                "ig_probe_tp",
                "raw_syscalls",
                "sys_enter",
            )),
            AttachKind::Kprobe => match bpf::load_kprobe(&mut ebpf, "ig_probe_kprobe") {
                Err(e) => (Err(e.to_string()), Ok(())),
                Ok(()) => (
                    Ok(()),
                    bpf::attach_kprobe(&mut ebpf, "ig_probe_kprobe", "audit_seccomp")
                        .map_err(|e| e.to_string()),
                ),
            },
            AttachKind::Fentry => match &btf {
                Err(e) => (Err(e.to_string()), Ok(())),
                Ok(btf) => {
                    match bpf::load_fentry(&mut ebpf, "ig_probe_fentry", "audit_seccomp", btf) {
                        Err(e) => (Err(e.to_string()), Ok(())),
                        Ok(()) => (
                            Ok(()),
                            bpf::attach_fentry(&mut ebpf, "ig_probe_fentry")
                                .map_err(|e| e.to_string()),
                        ),
                    }
                }
            },
        };
        let reason = loads.as_ref().err().or(attach.as_ref().err()).cloned();
        out.push(ProbeResult {
            kind,
            target,
            loads: loads.is_ok(),
            attaches: loads.is_ok() && attach.is_ok(),
            reason,
        });
    }
    out
}

const ALL: &[(AttachKind, &str)] = &[
    (AttachKind::TpBtf, "sys_enter"),
    (AttachKind::RawTracepoint, "sys_enter"),
    (AttachKind::Tracepoint, "raw_syscalls/sys_enter"),
    (AttachKind::Kprobe, "audit_seccomp"),
    (AttachKind::Fentry, "audit_seccomp"),
];

/// Splits a load-and-attach result into (load, attach) outcomes.
fn split(r: Result<(), BpfError>) -> (Result<(), String>, Result<(), String>) {
    match r {
        Ok(()) => (Ok(()), Ok(())),
        Err(e @ BpfError::Attach { .. }) => (Ok(()), Err(e.to_string())),
        Err(e) => (Err(e.to_string()), Ok(())),
    }
}
