//! Provenance of recorded syscalls: who made each syscall first in a container (pid, comm, executable, time, runtime or container phase), `--explain FILE` and `ig seccomp-advisor explain`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::bpf::records::{comm_str, layout, FirstUse as RawFirstUse};
use crate::output::{self, Column, Printer};
use crate::seccomp::Observed;
use crate::syscalls::{self, Abi};

use super::Target;
use crate::bpf::records::slot_abi;

/// Who entered a syscall first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// The container runtime's set-up, before the container's seccomp filter.
    Runtime,
    /// The container's own processes, under its seccomp filter.
    Container,
}

/// The first use of one syscall (per ABI and phase) in a target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstUse {
    pub abi: Abi,
    pub nr: u32,
    pub phase: Phase,
    pub pid: u32,
    pub tid: u32,
    pub comm: String,
    /// Full path when the process was still there to ask, else the file name the kernel
    /// gave (`mm->exe_file`); empty for kernel threads.
    pub exe: String,
    /// Boot-time clock (CLOCK_BOOTTIME) of the call, in ns.
    pub time_ns: u64,
}

impl FirstUse {
    /// From the kernel record; `None` for an ABI slot this host does not have.
    pub fn from_raw(r: &RawFirstUse) -> Option<FirstUse> {
        let abi = slot_abi(usize::try_from(r.abi).ok()?)?;
        let phase = match r.phase {
            layout::IG_PHASE_RUNTIME => Phase::Runtime,
            layout::IG_PHASE_CONTAINER => Phase::Container,
            _ => return None,
        };
        let name = comm_str(&r.exe);
        Some(FirstUse {
            abi,
            nr: r.nr,
            phase,
            pid: r.pid,
            tid: r.tid,
            comm: comm_str(&r.comm),
            exe: full_exe_path(r.pid, &name),
            time_ns: r.time_ns,
        })
    }
}

/// The executable's path from `/proc/PID/exe` (only reads the link text) when the process is
/// still there and the link ends in the name the kernel captured; else that name.
fn full_exe_path(pid: u32, name: &str) -> String {
    if name.is_empty() {
        return String::new();
    }
    match std::fs::read_link(format!("/proc/{pid}/exe")) {
        Ok(p) if p.file_name().is_some_and(|f| f == name) => p.to_string_lossy().into_owned(),
        _ => name.to_string(),
    }
}

/// Adds `f` to `list`, keeping the earliest use per (ABI, number, phase).
pub fn absorb(list: &mut Vec<FirstUse>, f: FirstUse) {
    match list
        .iter_mut()
        .find(|e| e.abi == f.abi && e.nr == f.nr && e.phase == f.phase)
    {
        Some(e) if f.time_ns < e.time_ns => *e = f,
        Some(_) => {}
        None => list.push(f),
    }
}

/// One syscall of a profile with its provenance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub syscall: String,
    /// `x86_64`, `x86`, `x32`, `aarch64`, `arm`.
    pub abi: String,
    /// In the target's profile; `false` for the runtime's set-up left out of it.
    pub in_profile: bool,
    /// Number of calls; `null`: the recorder does not count calls (only first uses).
    pub count: Option<u64>,
    /// `runtime` or `container`; `null` when no first use was reported (the record was lost).
    pub phase: Option<Phase>,
    pub pid: Option<u32>,
    pub comm: Option<String>,
    pub exe: Option<String>,
    pub time_ns: Option<u64>,
}

/// The provenance of every syscall of one target.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Explained {
    /// The container's name (or the command).
    pub name: String,
    /// How ig names it in messages (runtime, ID, pod).
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub syscalls: Vec<Entry>,
}

/// Provenance of every syscall recorded for the target: those in `observed` (its profile),
/// then the runtime's set-up left out of it. Each gets the first use by the container if
/// there was one, else the runtime's.
pub fn explain(t: &Target, observed: &Observed) -> Explained {
    let mut syscalls = Vec::new();
    let mut all = observed.clone();
    all.extend(&t.bits.observed(false));
    for (&abi, nrs) in &all.per_abi {
        for &nr in nrs {
            let in_profile = observed.per_abi.get(&abi).is_some_and(|o| o.contains(&nr));
            let Some(name) = syscalls::name(abi, nr) else {
                continue;
            };
            let bare = nr & !syscalls::X32_SYSCALL_BIT;
            let pick = |phase| {
                t.first_uses
                    .iter()
                    .find(|f| f.abi == abi && f.nr == bare && f.phase == phase)
            };
            let first = pick(Phase::Container).or_else(|| pick(Phase::Runtime));
            syscalls.push(Entry {
                syscall: name.to_string(),
                abi: abi.as_str().to_string(),
                in_profile,
                count: None,
                phase: first.map(|f| f.phase),
                pid: first.map(|f| f.pid),
                comm: first.map(|f| f.comm.clone()),
                exe: first.map(|f| f.exe.clone()),
                time_ns: first.map(|f| f.time_ns),
            });
        }
    }
    syscalls.sort_by(|a, b| {
        (!a.in_profile, &a.syscall, &a.abi).cmp(&(!b.in_profile, &b.syscall, &b.abi))
    });
    Explained {
        name: t
            .container
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_else(|| t.label.clone()),
        label: t.label.clone(),
        id: t.container.as_ref().map(|c| c.id.clone()),
        syscalls,
    }
}

/// The `--explain FILE` document.
#[derive(Serialize, Deserialize)]
pub struct ExplainFile {
    pub containers: Vec<Explained>,
}

/// Writes `--explain FILE` for targets and the syscalls of their profiles.
pub fn write_for(path: &Path, targets: &[Target], observed: &[Observed]) -> anyhow::Result<()> {
    let items = targets
        .iter()
        .zip(observed)
        .map(|(t, o)| explain(t, o))
        .collect();
    write_file(path, items)
}

/// Writes `--explain FILE`.
pub fn write_file(path: &Path, items: Vec<Explained>) -> anyhow::Result<()> {
    let doc = ExplainFile { containers: items };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    super::write_atomic(path, text.as_bytes())
        .with_context(|| format!("writing --explain file {}", path.display()))?;
    crate::diagnostics::note!(
        "wrote the provenance of every syscall to {}",
        path.display()
    );
    Ok(())
}

fn columns() -> Vec<Column> {
    vec![
        Column::new("SYSCALL", "syscall", 16),
        Column::new("ABI", "abi", 6),
        Column::new("COUNT", "count", 5).right(),
        Column::new("FIRST-PROCESS", "process", 20),
        Column::new("EXE", "exe", 24).ellipsis_start(),
        Column::new("PHASE", "phase", 9),
        Column::new("IN-PROFILE", "inProfile", 10),
    ]
}

fn row(e: &Entry) -> serde_json::Value {
    let dash = || "-".to_string();
    serde_json::json!({
        "syscall": e.syscall,
        "abi": e.abi,
        "inProfile": if e.in_profile { "yes" } else { "no (set-up)" },
        "count": e.count.map(|c| c.to_string()).unwrap_or_else(dash),
        "process": match (&e.comm, e.pid) {
            (Some(c), Some(p)) => format!("{c} ({p})"),
            _ => dash(),
        },
        "exe": e.exe.clone().filter(|x| !x.is_empty()).unwrap_or_else(dash),
        "phase": match e.phase {
            Some(Phase::Runtime) => "runtime".to_string(),
            Some(Phase::Container) => "container".to_string(),
            None => dash(),
        },
    })
}

/// Prints the provenance: a table per container (columns), or the document (json modes).
pub fn print(items: &[Explained], mode: output::Mode) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let res: anyhow::Result<()> = (|| {
        if mode != output::Mode::Columns {
            let doc = serde_json::to_value(ExplainFile {
                containers: items.to_vec(),
            })?;
            let mut p = Printer::new(&mut out, mode, columns(), None);
            p.record(&doc)?;
            return Ok(());
        }
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            if items.len() > 1 {
                writeln!(out, "# {}", output::escape_cell(&x.label))?;
            }
            let rows: Vec<_> = x.syscalls.iter().map(row).collect();
            let mut p = Printer::new(&mut out, mode, columns(), output::terminal_width());
            p.table(&rows)?;
        }
        Ok(())
    })();
    match res {
        Err(e) if is_broken_pipe(&e) => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<output::OutputError>().is_some_and(|o| {
                matches!(o, output::OutputError::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

/// Groups first uses by name for messages: `name -> (comm, exe)` of the container phase.
pub fn by_name(t: &Target) -> BTreeMap<(Abi, u32), &FirstUse> {
    let mut m: BTreeMap<(Abi, u32), &FirstUse> = BTreeMap::new();
    for f in &t.first_uses {
        let e = m.entry((f.abi, f.nr)).or_insert(f);
        if f.phase == Phase::Container && e.phase == Phase::Runtime {
            *e = f;
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fu(nr: u32, phase: Phase, t: u64, comm: &str) -> FirstUse {
        FirstUse {
            abi: Abi::native(),
            nr,
            phase,
            pid: 7,
            tid: 7,
            comm: comm.into(),
            exe: "busybox".into(),
            time_ns: t,
        }
    }

    #[test]
    fn keeps_the_earliest_use_per_phase() {
        let mut l = Vec::new();
        absorb(&mut l, fu(1, Phase::Container, 20, "late"));
        absorb(&mut l, fu(1, Phase::Container, 10, "early"));
        absorb(&mut l, fu(1, Phase::Runtime, 5, "runc"));
        assert_eq!(l.len(), 2);
        assert_eq!(
            l.iter().find(|f| f.phase == Phase::Container).unwrap().comm,
            "early"
        );
    }

    #[test]
    fn explains_with_the_container_phase_first() {
        let native = Abi::native();
        let unshare = syscalls::number(native, "unshare").unwrap();
        let mount = syscalls::number(native, "mount").unwrap();
        let mut t = Target::named("c".into());
        t.first_uses = vec![
            fu(unshare, Phase::Runtime, 1, "runc:[2:INIT]"),
            fu(unshare, Phase::Container, 9, "unshare"),
            fu(mount, Phase::Runtime, 2, "runc:[2:INIT]"),
        ];
        let mut o = Observed::default();
        o.insert(native, unshare);
        o.insert(native, mount);
        let x = explain(&t, &o);
        let get = |n: &str| x.syscalls.iter().find(|e| e.syscall == n).unwrap();
        assert_eq!(get("unshare").comm.as_deref(), Some("unshare"));
        assert_eq!(get("unshare").phase, Some(Phase::Container));
        assert_eq!(get("mount").phase, Some(Phase::Runtime));
        let json = serde_json::to_value(&x).unwrap();
        assert_eq!(json["syscalls"][1]["phase"], "container");
    }
}
