//! `ig features`: which eBPF program types load and attach here, and what that means for
//! each gadget.

pub mod probe;

use std::process::ExitCode;

use self::probe::{probe_all, ProbeResult};
use crate::bpf::AttachKind;
use crate::cli::FeaturesArgs;
use crate::output::{self, Column, Printer};

fn needed_by(kind: AttachKind) -> &'static str {
    match kind {
        AttachKind::TpBtf | AttachKind::RawTracepoint | AttachKind::Tracepoint => {
            "seccomp-advisor (any one of tp_btf, raw_tracepoint, tracepoint; best first)"
        }
        AttachKind::Kprobe | AttachKind::Fentry => {
            "audit_seccomp --source ebpf (else the audit netlink source is used)"
        }
    }
}

pub fn run(a: &FeaturesArgs) -> anyhow::Result<ExitCode> {
    let mode = super::parse_mode(&a.output)?;
    super::require_root("probing eBPF features")?;
    if a.hold_empty_sys_enter {
        return hold_empty_sys_enter();
    }
    let results: Vec<ProbeResult> = probe_all();
    let recs: Vec<serde_json::Value> = results
        .iter()
        .map(|r| {
            serde_json::json!({
                "type": r.kind.to_string(),
                "target": r.target,
                "loads": r.loads,
                "attaches": r.attaches,
                "usedBy": needed_by(r.kind),
                "reason": r.reason,
            })
        })
        .collect();
    let cols = vec![
        Column::new("TYPE", "type", 14),
        Column::new("TARGET", "target", 22),
        Column::new("LOADS", "loads", 5),
        Column::new("ATTACHES", "attaches", 8),
        Column::new("REASON", "reason", 40),
    ];
    let stdout = std::io::stdout();
    Printer::new(stdout.lock(), mode, cols, output::terminal_width()).table(&recs)?;
    Ok(ExitCode::SUCCESS)
}

/// Keeps an empty program attached to sys_enter until SIGINT/SIGTERM (benchmark floor).
fn hold_empty_sys_enter() -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    let _ebpf = probe::attach_empty_sys_enter().context("attaching the empty sys_enter program")?;
    crate::diagnostics::note!("empty sys_enter program attached with tp_btf (signal to detach)");
    let mut signals = nix::sys::signal::SigSet::empty();
    signals.add(nix::sys::signal::Signal::SIGINT);
    signals.add(nix::sys::signal::Signal::SIGTERM);
    signals.thread_block().context("blocking signals")?;
    signals.wait().context("waiting for a signal")?;
    Ok(ExitCode::SUCCESS)
}
