//! eBPF loading: the programs embedded at build time, kernel BTF, tracefs, and every call
//! into aya. Gadgets ask this module for a loaded, attached program set; nothing else in ig
//! touches the bpf() syscall.

pub mod records;

use std::fmt;

use aya::programs::{BtfTracePoint, FEntry, KProbe, ProgramError, RawTracePoint, TracePoint};
use aya::{Btf, Ebpf, EbpfLoader};

#[derive(Debug, thiserror::Error)]
pub enum BpfError {
    #[error("loading eBPF object {object}: {detail}{hint}")]
    Object {
        object: &'static str,
        detail: String,
        hint: &'static str,
    },
    #[error("loading eBPF program {program}: {detail}{hint}")]
    Load {
        program: &'static str,
        detail: String,
        hint: &'static str,
        /// The kernel's errno, when the load reached the kernel.
        errno: Option<i32>,
    },
    #[error("attaching eBPF program {program}: {detail}")]
    Attach {
        program: &'static str,
        detail: String,
    },
    #[error("eBPF map {0} is missing from the object (build mismatch)")]
    MissingMap(&'static str),
    #[error("eBPF map {map}: {detail}")]
    Map { map: &'static str, detail: String },
    #[error("mounting tracefs at /sys/kernel/tracing: {0} (tracepoints need tracefs; mount it or run as root{1})")]
    Tracefs(String, &'static str),
    #[error("reading kernel BTF from {path}: {detail} (a kernel with CONFIG_DEBUG_INFO_BTF=y is needed{hint})")]
    Btf {
        path: std::path::PathBuf,
        detail: String,
        hint: String,
    },
    #[error("none of the ways to attach to {what} works on this kernel: {tried}")]
    NoAttachment { what: &'static str, tried: String },
}

const ROOT_HINT: &str = " (ig needs root: CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN)";

/// The errno the kernel answered, found in an error's source chain (aya keeps the
/// `io::Error` of the failed syscall as a source).
pub fn errno_of(e: &(dyn std::error::Error + 'static)) -> Option<i32> {
    let mut cur = Some(e);
    while let Some(c) = cur {
        if let Some(errno) = c
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::raw_os_error)
        {
            return Some(errno);
        }
        cur = c.source();
    }
    None
}

/// What an errno means for the user, in one place: EPERM/EACCES ask for root.
fn hint_for(errno: Option<i32>) -> &'static str {
    match errno {
        Some(libc::EPERM) | Some(libc::EACCES) => ROOT_HINT,
        _ => "",
    }
}

/// How a program is attached to the kernel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttachKind {
    TpBtf,
    RawTracepoint,
    Tracepoint,
    Kprobe,
    Fentry,
}

impl fmt::Display for AttachKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AttachKind::TpBtf => "tp_btf",
            AttachKind::RawTracepoint => "raw_tracepoint",
            AttachKind::Tracepoint => "tracepoint",
            AttachKind::Kprobe => "kprobe",
            AttachKind::Fentry => "fentry",
        })
    }
}

/// The running kernel's BTF (from sysfs, or the host's through `HOST_ROOT`).
pub fn kernel_btf() -> Result<Btf, BpfError> {
    let host = crate::hostroot::get();
    let path = host.btf_path();
    Btf::parse_file(&path, aya::Endianness::default()).map_err(|e| BpfError::Btf {
        path,
        detail: e.to_string(),
        hint: host.mount_hint("/sys"),
    })
}

/// Makes sure tracefs is mounted (tracepoint attachment reads event ids from it).
pub fn ensure_tracefs() -> Result<(), BpfError> {
    let mounts = std::fs::read_to_string("/proc/self/mounts").unwrap_or_default();
    if mounts
        .lines()
        .any(|l| l.split_whitespace().nth(2) == Some("tracefs"))
    {
        return Ok(());
    }
    nix::mount::mount(
        Some("tracefs"),
        "/sys/kernel/tracing",
        Some("tracefs"),
        nix::mount::MsFlags::empty(),
        None::<&str>,
    )
    .map_err(|e| {
        let hint = if crate::hostroot::get().root().is_some() {
            "; in a container: add CAP_SYS_ADMIN, or mount the host's /sys/kernel/tracing there"
        } else {
            ""
        };
        BpfError::Tracefs(e.desc().to_string(), hint)
    })
}

/// Lifts RLIMIT_MEMLOCK for kernels that still charge BPF memory to it (< 5.11).
fn raise_memlock() {
    let _ = nix::sys::resource::setrlimit(
        nix::sys::resource::Resource::RLIMIT_MEMLOCK,
        nix::sys::resource::RLIM_INFINITY,
        nix::sys::resource::RLIM_INFINITY,
    );
}

/// Values set in an object's read-only globals before loading.
pub struct Globals<'a> {
    pub u64s: Vec<(&'static str, u64)>,
    pub u32s: Vec<(&'static str, u32)>,
    pub u8s: Vec<(&'static str, u8)>,
    pub max_entries: Vec<(&'static str, u32)>,
    pub btf: Option<&'a Btf>,
    /// The advisor's `arg_config` (`--learn-args`), when set.
    pub arg_config: Option<&'a records::ArgConfig>,
}

/// Parses an object and creates its maps (programs are loaded one by one later).
pub fn open(object: &'static str, bytes: &[u8], g: &Globals<'_>) -> Result<Ebpf, BpfError> {
    raise_memlock();
    let mut loader = EbpfLoader::new();
    loader.btf(g.btf);
    for (name, v) in &g.u64s {
        loader.override_global(name, v, true);
    }
    for (name, v) in &g.u32s {
        loader.override_global(name, v, true);
    }
    for (name, v) in &g.u8s {
        loader.override_global(name, v, true);
    }
    for (name, n) in &g.max_entries {
        loader.map_max_entries(name, *n);
    }
    if let Some(c) = g.arg_config {
        loader.override_global("arg_config", c, true);
    }
    loader.load(bytes).map_err(|e| BpfError::Object {
        object,
        hint: hint_for(errno_of(&e)),
        detail: e.to_string(),
    })
}

/// An error with its causes ("a: b: c"): aya's outer messages alone can be just a path.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let m = c.to_string();
        if !s.contains(&m) {
            s.push_str(": ");
            s.push_str(&m);
        }
        cur = c.source();
    }
    s
}

fn load_err(program: &'static str, e: ProgramError) -> BpfError {
    let errno = errno_of(&e);
    let detail = match &e {
        // Keep the verifier log's last lines: they say why.
        ProgramError::LoadError {
            io_error,
            verifier_log,
        } => {
            let log = verifier_log.to_string();
            let lines: Vec<&str> = log.lines().filter(|l| !l.trim().is_empty()).collect();
            let tail = lines.len().saturating_sub(6);
            if lines.is_empty() {
                format!("the BPF_PROG_LOAD syscall failed: {io_error}")
            } else {
                format!(
                    "the BPF_PROG_LOAD syscall failed: {io_error} ... Verifier output: {}",
                    lines[tail..].join(" | ")
                )
            }
        }
        other => chain(other),
    };
    BpfError::Load {
        program,
        hint: hint_for(errno),
        detail,
        errno,
    }
}

fn attach_err(program: &'static str, e: impl std::error::Error) -> BpfError {
    BpfError::Attach {
        program,
        detail: chain(&e),
    }
}

fn program<'a, T>(ebpf: &'a mut Ebpf, name: &'static str) -> Result<&'a mut T, BpfError>
where
    &'a mut T: TryFrom<&'a mut aya::programs::Program>,
{
    let p = ebpf.program_mut(name).ok_or_else(|| BpfError::Load {
        program: name,
        detail: "not in the object (build mismatch)".into(),
        hint: "",
        errno: None,
    })?;
    p.try_into().map_err(|_| BpfError::Load {
        program: name,
        detail: "has an unexpected program type".into(),
        hint: "",
        errno: None,
    })
}

/// Loads and attaches a `tp_btf` program to the BTF tracepoint `tp`.
pub fn attach_tp_btf(
    ebpf: &mut Ebpf,
    name: &'static str,
    tp: &str,
    btf: &Btf,
) -> Result<(), BpfError> {
    let p: &mut BtfTracePoint = program(ebpf, name)?;
    p.load(tp, btf).map_err(|e| load_err(name, e))?;
    p.attach().map_err(|e| attach_err(name, e))?;
    Ok(())
}

/// Loads and attaches a `raw_tracepoint` program.
pub fn attach_raw_tp(ebpf: &mut Ebpf, name: &'static str, tp: &str) -> Result<(), BpfError> {
    let p: &mut RawTracePoint = program(ebpf, name)?;
    p.load().map_err(|e| load_err(name, e))?;
    p.attach(tp).map_err(|e| attach_err(name, e))?;
    Ok(())
}

/// Loads and attaches a classic `tracepoint` program.
pub fn attach_tp(
    ebpf: &mut Ebpf,
    name: &'static str,
    category: &str,
    tp: &str,
) -> Result<(), BpfError> {
    ensure_tracefs()?;
    let p: &mut TracePoint = program(ebpf, name)?;
    p.load().map_err(|e| load_err(name, e))?;
    p.attach(category, tp).map_err(|e| attach_err(name, e))?;
    Ok(())
}

/// Loads a kprobe program; attaching is separate so "loads but cannot attach" can be told.
pub fn load_kprobe(ebpf: &mut Ebpf, name: &'static str) -> Result<(), BpfError> {
    let p: &mut KProbe = program(ebpf, name)?;
    p.load().map_err(|e| load_err(name, e))
}

pub fn attach_kprobe(ebpf: &mut Ebpf, name: &'static str, func: &str) -> Result<(), BpfError> {
    let p: &mut KProbe = program(ebpf, name)?;
    p.attach(func, 0).map(|_| ()).map_err(|e| {
        let mut detail = chain(&e);
        if !kprobes_available() {
            detail.push_str(
                ": this kernel has no kprobe support (no kprobe PMU in /sys/bus/event_source/devices; CONFIG_KPROBES is off)",
            );
        }
        BpfError::Attach {
            program: name,
            detail,
        }
    })
}

pub fn load_fentry(
    ebpf: &mut Ebpf,
    name: &'static str,
    func: &str,
    btf: &Btf,
) -> Result<(), BpfError> {
    let p: &mut FEntry = program(ebpf, name)?;
    p.load(func, btf).map_err(|e| {
        let mut err = load_err(name, e);
        if let BpfError::Load { errno, hint, .. } = &mut err {
            if *errno == Some(libc::EPERM) && nix::unistd::geteuid().is_root() {
                *hint = " (the kernel refuses fentry programs even to root: BPF trampolines are unavailable or locked down)";
            }
        }
        err
    })
}

pub fn attach_fentry(ebpf: &mut Ebpf, name: &'static str) -> Result<(), BpfError> {
    let p: &mut FEntry = program(ebpf, name)?;
    p.attach().map(|_| ()).map_err(|e| attach_err(name, e))
}

/// Whether the kernel has a kprobe PMU (perf-based kprobes, CONFIG_KPROBES).
pub fn kprobes_available() -> bool {
    std::path::Path::new("/sys/bus/event_source/devices/kprobe").exists()
}

/// Sum of a per-CPU u64 counter array's slot `idx` over all CPUs.
pub fn stat(ebpf: &Ebpf, map: &'static str, idx: u32) -> Result<u64, BpfError> {
    let m = ebpf.map(map).ok_or(BpfError::MissingMap(map))?;
    let arr = aya::maps::PerCpuArray::<_, u64>::try_from(m).map_err(|e| BpfError::Map {
        map,
        detail: e.to_string(),
    })?;
    let values = arr.get(&idx, 0).map_err(|e| BpfError::Map {
        map,
        detail: e.to_string(),
    })?;
    Ok(values.iter().sum())
}
