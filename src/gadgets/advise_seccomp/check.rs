//! `ig seccomp-advisor check`, `diff` and `explain`: what a candidate profile would do to a recorded workload, how two profiles differ, and who made each recorded syscall.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use crate::audit::{self, LogLine};
use crate::cli::{CheckArgs, ConditionArgs, DiffArgs, ExplainArgs};
use crate::output::{self, Column, Printer};
use crate::seccomp::args::{self as seccomp_args, ArgSyscall, Class, Learned};
use crate::seccomp::eval::{self as eval, DockerContext, Outcome};
use crate::seccomp::{Observed, OciProfile};
use crate::syscalls::{self, Abi};
use crate::UsageError;

use super::explain::{self, Phase};
use super::Target;

/// Reads a candidate profile; Docker's conditions are resolved for this host.
fn load_profile(path: &Path, cond: &ConditionArgs) -> anyhow::Result<OciProfile> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| UsageError(format!("reading profile {}: {e}", path.display())))?;
    let ctx = DockerContext::host(&cond.caps);
    let (p, notes) = eval::load(&text, &path.display().to_string(), &ctx)
        .map_err(|e| UsageError(e.to_string()))?;
    for n in notes {
        crate::diagnostics::note!("{n}");
    }
    Ok(p)
}

/// One syscall a workload made, with who made it first.
#[derive(Clone, Debug)]
struct Use {
    abi: Abi,
    nr: u32,
    count: Option<u64>,
    pid: Option<u32>,
    comm: Option<String>,
    exe: Option<String>,
    phase: Option<Phase>,
}

struct Workload {
    label: String,
    uses: Vec<Use>,
    /// `--learn-args` values of the recording (empty for audit logs).
    args: Learned,
    /// Which of them are the workload's.
    class: Class,
}

/// One syscall the profile would stop or log.
#[derive(Serialize)]
struct Finding {
    container: String,
    syscall: String,
    abi: &'static str,
    /// The recorded argument value this row is about (`family=AF_NETLINK(16) type=...`),
    /// when the recording carries argument values and the profile has conditions on them.
    #[serde(skip_serializing_if = "Option::is_none")]
    arguments: Option<String>,
    /// What the profile does: the action, or the possible actions when it depends on
    /// argument values that were not recorded.
    action: String,
    effect: String,
    /// The call would certainly be stopped (not logged only, not depending on arguments).
    breaks: bool,
    reason: String,
    count: Option<u64>,
    pid: Option<u32>,
    comm: Option<String>,
    exe: Option<String>,
    phase: Option<Phase>,
}

fn workloads_of_targets(targets: &[Target], include_runtime_setup: bool) -> Vec<Workload> {
    targets
        .iter()
        .map(|t| {
            let observed = super::observed_for_profile(t, include_runtime_setup);
            let firsts = explain::by_name(t);
            let mut uses = Vec::new();
            for (&abi, nrs) in &observed.per_abi {
                for &nr in nrs {
                    let f = firsts.get(&(abi, nr & !syscalls::X32_SYSCALL_BIT));
                    uses.push(Use {
                        abi,
                        nr,
                        count: None,
                        pid: f.map(|f| f.pid),
                        comm: f.map(|f| f.comm.clone()),
                        exe: f.map(|f| f.exe.clone()),
                        phase: f.map(|f| f.phase),
                    });
                }
            }
            Workload {
                label: t.label.clone(),
                uses,
                args: t.bits.args.clone(),
                class: super::arg_class(t, include_runtime_setup),
            }
        })
        .collect()
}

/// Audit records, one workload per log: per syscall the number of records and the first
/// record's process.
fn workload_of_audit_logs(files: &[std::path::PathBuf]) -> anyhow::Result<Workload> {
    let mut uses: BTreeMap<(Abi, u32), Use> = BTreeMap::new();
    for input in super::profile_tools::open_inputs(files)? {
        for (i, line) in input.reader.lines().enumerate() {
            let line = line.with_context(|| format!("reading {}", input.name))?;
            let rec = match audit::parse_line(&line) {
                Ok(LogLine::Seccomp(r)) => r,
                Ok(LogLine::Loss { what, .. }) => {
                    log::warn!(
"{}:{}: the kernel lost audit records ({what}): the check may miss syscalls",
                        input.name,
                        i + 1
                    );
                    continue;
                }
                Ok(LogLine::Other) => continue,
                Err(e) => return Err(UsageError(format!("{}:{}: {e}", input.name, i + 1)).into()),
            };
            let (Some(abi), Ok(nr)) = (
                Abi::from_audit(rec.arch, rec.syscall),
                u32::try_from(rec.syscall),
            ) else {
                log::warn!(
                    "{}:{}: arch 0x{:08x} syscall {} is not one ig knows; skipped",
                    input.name,
                    i + 1,
                    rec.arch,
                    rec.syscall
                );
                continue;
            };
            let u = uses.entry((abi, nr)).or_insert_with(|| Use {
                abi,
                nr,
                count: Some(0),
                pid: Some(rec.pid),
                comm: rec.comm.clone(),
                exe: rec.exe.clone(),
                phase: None,
            });
            u.count = u.count.map(|c| c + 1);
        }
    }
    Ok(Workload {
        label: "audit log".into(),
        uses: uses.into_values().collect(),
        args: Learned::new(),
        class: Class::All,
    })
}

fn findings(profile: &OciProfile, workloads: &[Workload]) -> Vec<Finding> {
    let mut out = Vec::new();
    for w in workloads {
        for u in &w.uses {
            let v = eval::evaluate(profile, u.abi, u.nr, None);
            if !v.may_stop() {
                continue;
            }
            let name = syscalls::name(u.abi, u.nr)
                .map(str::to_string)
                .unwrap_or_else(|| format!("#{}", u.nr & !syscalls::X32_SYSCALL_BIT));
            // Conditions in the profile and values in the recording: judge each value.
            let recorded = (!v.is_certain())
                .then(|| ArgSyscall::from_name(&name))
                .flatten()
                .and_then(|s| {
                    seccomp_args::workload_values(&w.args, s, u.abi, w.class).map(|vs| (s, vs))
                });
            match recorded {
                Some((s, values)) => {
                    for value in values {
                        let vv = eval::evaluate(profile, u.abi, u.nr, Some(&s.args_of(value)));
                        if vv.may_stop() {
                            out.push(finding(w, u, &name, vv, Some(s.describe(value))));
                        }
                    }
                }
                None => out.push(finding(w, u, &name, v, None)),
            }
        }
    }
    out
}

/// One row: what the profile does with `u` (for one recorded argument value, or for all).
fn finding(
    w: &Workload,
    u: &Use,
    name: &str,
    v: eval::Verdict,
    arguments: Option<String>,
) -> Finding {
    Finding {
        container: w.label.clone(),
        syscall: name.to_string(),
        abi: u.abi.as_str(),
        arguments,
        action: v
            .possible
            .iter()
            .map(Outcome::describe)
            .collect::<Vec<_>>()
            .join(" | "),
        effect: if v.is_certain() {
            v.outcome.effect().to_string()
        } else {
            format!("{} or allowed, by arguments", v.outcome.effect())
        },
        breaks: v.is_certain() && !v.outcome.runs(),
        reason: v.reason,
        count: u.count,
        pid: u.pid,
        comm: u.comm.clone(),
        exe: u.exe.clone(),
        phase: u.phase,
    }
}

fn check_columns(many: bool) -> Vec<Column> {
    let mut c = Vec::new();
    if many {
        c.push(Column::new("CONTAINER", "container", 16));
    }
    c.extend([
        Column::new("SYSCALL", "syscall", 14),
        Column::new("ABI", "abi", 6),
        Column::new("ARGUMENTS", "argumentsText", 18),
        Column::new("ACTION", "action", 18),
        Column::new("EFFECT", "effect", 10),
        Column::new("COUNT", "countText", 5).right(),
        Column::new("FIRST-PROCESS", "process", 18),
        Column::new("EXE", "exeText", 20).ellipsis_start(),
    ]);
    c
}

fn print_rows(
    mode: output::Mode,
    columns: Vec<Column>,
    rows: &[serde_json::Value],
) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut p = Printer::new(
        stdout.lock(),
        mode,
        columns,
        (mode == output::Mode::Columns)
            .then(output::terminal_width)
            .flatten(),
    );
    match p.table(rows) {
        Err(output::OutputError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.map_err(Into::into),
    }
}

pub async fn check(c: CheckArgs, runtimes_given: bool) -> anyhow::Result<ExitCode> {
    let mode = crate::gadgets::parse_mode(&c.output)?;
    let profile = load_profile(&c.profile, &c.conditions)?;
    let live = !c.record.command.is_empty() || !c.record.target.filter().is_empty();
    let sources = usize::from(live)
        + usize::from(c.recording.is_some())
        + usize::from(!c.audit_log.is_empty());
    if sources != 1 {
        return Err(UsageError(
            "check needs one workload: -c NAME / -n NS -p POD / -- COMMAND (recorded now), --recording ID, or --audit-log FILE..."
                .into(),
        )
        .into());
    }
    let workloads = if let Some(id) = &c.recording {
        let (targets, _) = super::recordings::recorded_targets(id)?;
        if targets.is_empty() {
            anyhow::bail!("recording {id} saw no targeted container: nothing to check");
        }
        workloads_of_targets(&targets, false)
    } else if !c.audit_log.is_empty() {
        vec![workload_of_audit_logs(&c.audit_log)?]
    } else {
        let session = super::record(
            &c.record,
            runtimes_given,
            &mut || {},
            &mut |_| {},
            super::Ending::TargetsExit,
        )
        .await?;
        if session.targets.is_empty() {
            anyhow::bail!("no targeted container was seen: nothing to check");
        }
        let w = workloads_of_targets(&session.targets, false);
        if let Some(path) = &c.record.explain {
            let observed: Vec<Observed> = session
                .targets
                .iter()
                .map(|t| super::observed_for_profile(t, c.record.include_runtime_setup))
                .collect();
            explain::write_for(path, &session.targets, &observed)?;
        }
        w
    };
    let found = findings(&profile, &workloads);
    let rows: Vec<serde_json::Value> = found
        .iter()
        .map(|f| {
            let mut v = serde_json::to_value(f).unwrap_or_default();
            if mode == output::Mode::Columns {
                v["argumentsText"] = f.arguments.clone().unwrap_or("-".into()).into();
                v["countText"] = f.count.map(|n| n.to_string()).unwrap_or("-".into()).into();
                v["process"] = match (&f.comm, f.pid) {
                    (Some(c), Some(p)) => format!("{c} ({p})"),
                    _ => "-".to_string(),
                }
                .into();
                v["exeText"] = f
                    .exe
                    .clone()
                    .filter(|e| !e.is_empty())
                    .unwrap_or("-".into())
                    .into();
            }
            v
        })
        .collect();
    print_rows(mode, check_columns(workloads.len() > 1), &rows)?;
    let breaking = found.iter().filter(|f| f.breaks).count();
    let uncertain = found
        .iter()
        .filter(|f| !f.breaks && f.effect.contains("arguments"))
        .count();
    if uncertain > 0 {
        crate::diagnostics::note!(
"{uncertain} syscall(s) have argument conditions in the profile; their arguments were not recorded (record with --learn-args to judge each value), so whether they pass is unknown"
        );
    }
    if breaking > 0 {
        crate::diagnostics::note!(
            "the profile would deny, kill or trap {breaking} syscall(s) or argument value(s) the workload made"
        );
        Ok(ExitCode::from(1))
    } else {
        crate::diagnostics::note!("nothing the workload made would be denied, killed or trapped");
        Ok(ExitCode::SUCCESS)
    }
}

pub fn diff(d: &DiffArgs) -> anyhow::Result<ExitCode> {
    let mode = crate::gadgets::parse_mode(&d.output)?;
    let a = load_profile(&d.a, &d.conditions)?;
    let b = load_profile(&d.b, &d.conditions)?;
    let entries = eval::diff(&a, &b, Abi::host_abis());
    let desc = |v: &[Outcome]| {
        v.iter()
            .map(Outcome::describe)
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let rows: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            let mut v = serde_json::to_value(e).unwrap_or_default();
            if mode == output::Mode::Columns {
                v["arch"] = e.arches.join(",").into();
                v["before"] = desc(&e.a).into();
                v["after"] = desc(&e.b).into();
                v["argsText"] = args_text(&e.args).into();
            }
            v
        })
        .collect();
    let columns = vec![
        Column::new("CHANGE", "change", 7),
        Column::new("SYSCALL", "syscall", 16),
        Column::new("ABI", "arch", 14),
        Column::new("A", "before", 18),
        Column::new("B", "after", 18),
        Column::new("ARGUMENTS", "argsText", 30),
    ];
    print_rows(mode, columns, &rows)?;
    if eval::widens(&entries) {
        crate::diagnostics::note!(
            "{} lets through syscalls or argument values that {} did not",
            d.b.display(),
            d.a.display()
        );
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// The argument-level part of a diff row, in words.
fn args_text(d: &eval::ArgDiff) -> String {
    let mut parts = Vec::new();
    if !d.wider.is_empty() {
        parts.push(format!("B also allows {}", d.wider.join(", ")));
    }
    if !d.narrower.is_empty() {
        parts.push(format!("B no longer allows {}", d.narrower.join(", ")));
    }
    if parts.is_empty() && d.rules_a != d.rules_b {
        parts.push("conditions differ, same values allowed".to_string());
    }
    if parts.is_empty() {
        "-".to_string()
    } else {
        parts.join("; ")
    }
}

pub fn explain(x: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let mode = crate::gadgets::parse_mode(&x.output)?;
    let path = Path::new(&x.source);
    let items = if path.is_file() {
        let text = std::fs::read(path)
            .map_err(|e| UsageError(format!("reading {}: {e}", path.display())))?;
        let doc: explain::ExplainFile = serde_json::from_slice(&text).map_err(|e| {
            UsageError(format!(
                "{} is not a file written by --explain: {e}",
                path.display()
            ))
        })?;
        doc.containers
    } else {
        let (targets, include) = super::recordings::recorded_targets(&x.source)?;
        targets
            .iter()
            .map(|t| {
                let o = super::observed_for_profile(t, include);
                explain::explain(t, &o)
            })
            .collect()
    };
    explain::print(&items, mode)
}
