//! Profiles without recording: `ig seccomp-advisor from-audit-log` (the kernel's seccomp
//! audit records of a workload run under an SCMP_ACT_LOG profile) and `merge`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use super::{self as advise_seccomp, Target};
use crate::audit::{self, LogLine};
use crate::cli::{FromAuditLogArgs, MergeArgs, PerKey};
use crate::seccomp::{self, Observed};
use crate::syscalls::Abi;
use crate::UsageError;

/// Parses `--since`: UNIX seconds (with optional fraction) or RFC 3339 in UTC or with an
/// offset (2026-11-22T10:00:00Z, 2026-11-22T10:00:00+01:00).
pub fn parse_since(s: &str) -> Result<u64, UsageError> {
    if let Ok(secs) = s.parse::<f64>() {
        if secs >= 0.0 {
            return Ok(secs as u64);
        }
    }
    let bad = || {
        UsageError(format!(
            "--since {s:?}: give UNIX seconds or a time like 2026-11-22T10:00:00Z"
        ))
    };
    let secs = crate::timestamp::parse_rfc3339(s).ok_or_else(bad)?;
    u64::try_from(secs).map_err(|_| bad())
}

/// The ABIs a profile must name for syscalls of `abi` (its whole family).
fn family(abi: Abi) -> &'static [Abi] {
    match abi {
        Abi::X86_64 | Abi::X86 | Abi::X32 => &[Abi::X86_64, Abi::X86, Abi::X32],
        Abi::Aarch64 | Abi::Arm => &[Abi::Aarch64, Abi::Arm],
    }
}

pub(super) struct Input {
    pub(super) name: String,
    pub(super) reader: Box<dyn BufRead>,
}

pub(super) fn open_inputs(files: &[std::path::PathBuf]) -> anyhow::Result<Vec<Input>> {
    if files.is_empty() || (files.len() == 1 && files[0] == Path::new("-")) {
        return Ok(vec![Input {
            name: "<stdin>".into(),
            reader: Box::new(BufReader::new(std::io::stdin())),
        }]);
    }
    files
        .iter()
        .map(|f| {
            let file = std::fs::File::open(f)
                .map_err(|e| UsageError(format!("reading {}: {e}", f.display())))?;
            Ok(Input {
                name: f.display().to_string(),
                reader: Box::new(BufReader::new(file)),
            })
        })
        .collect()
}

pub fn from_audit_log(f: FromAuditLogArgs) -> anyhow::Result<ExitCode> {
    let prepared = advise_seccomp::prepare_output(&f.profile)?;
    let since = f.since.as_deref().map(parse_since).transpose()?;
    let mut groups: BTreeMap<String, Observed> = BTreeMap::new();
    let mut abis: Vec<Abi> = Vec::new();
    let (mut records, mut used, mut untimed) = (0u64, 0u64, 0u64);
    let mut actions: BTreeMap<String, u64> = BTreeMap::new();
    for input in open_inputs(&f.files)? {
        for (i, line) in input.reader.lines().enumerate() {
            let line = line.with_context(|| format!("reading {}", input.name))?;
            let rec = match audit::parse_line(&line) {
                Ok(LogLine::Seccomp(r)) => r,
                Ok(LogLine::Loss { what, count }) => {
                    log::warn!(
                        "{}:{}: the kernel suppressed or lost audit records{}: the profile may miss syscalls ({what})",
                        input.name,
                        i + 1,
                        count.map(|c| format!(" ({c})")).unwrap_or_default()
                    );
                    continue;
                }
                Ok(LogLine::Other) => continue,
                Err(e) => return Err(UsageError(format!("{}:{}: {e}", input.name, i + 1)).into()),
            };
            records += 1;
            if let Some(since) = since {
                match rec.time_secs {
                    Some(t) if t < since => continue,
                    Some(_) => {}
                    None => untimed += 1,
                }
            }
            if !f.pid.is_empty() && !f.pid.contains(&rec.pid) {
                continue;
            }
            let exe = rec.exe.clone().unwrap_or_else(|| "(unknown exe)".into());
            if !f.exe.is_empty() && !f.exe.contains(&exe) {
                continue;
            }
            let Some(abi) = Abi::from_audit(rec.arch, rec.syscall) else {
                log::warn!(
                    "{}:{}: audit arch 0x{:08x} is not one ig knows; record skipped",
                    input.name,
                    i + 1,
                    rec.arch
                );
                continue;
            };
            let Ok(nr) = u32::try_from(rec.syscall) else {
                log::warn!(
                    "{}:{}: syscall number {} is out of range; record skipped",
                    input.name,
                    i + 1,
                    rec.syscall as i64
                );
                continue;
            };
            for a in family(abi) {
                if !abis.contains(a) {
                    abis.push(*a);
                }
            }
            *actions
                .entry(rec.action().unwrap_or("unknown action").to_string())
                .or_default() += 1;
            let key = match f.per {
                Some(PerKey::Exe) => exe,
                None => "audit log".into(),
            };
            groups.entry(key).or_default().insert(abi, nr);
            used += 1;
        }
    }
    if untimed > 0 {
        log::warn!("{untimed} record(s) carry no time and were kept despite --since");
    }
    if used == 0 {
        anyhow::bail!(
            "no seccomp audit record matched ({records} read): nothing to build a profile from"
        );
    }
    crate::diagnostics::note!(
        "{used} of {records} seccomp record(s) used ({})",
        actions
            .iter()
            .map(|(a, n)| format!("{a}: {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let targets: Vec<(Target, Observed)> = groups
        .into_iter()
        .map(|(k, o)| (Target::named(k), o))
        .collect();
    let items: Vec<(&Target, Observed)> = targets.iter().map(|(t, o)| (t, o.clone())).collect();
    let abis = if abis.is_empty() {
        Abi::host_abis().to_vec()
    } else {
        abis
    };
    advise_seccomp::emit_observed(&f.profile, &items, &abis, &prepared)?;
    Ok(ExitCode::SUCCESS)
}

pub fn merge(m: MergeArgs) -> anyhow::Result<ExitCode> {
    let prepared = advise_seccomp::prepare_output(&m.profile)?;
    let mut profiles = Vec::new();
    for f in &m.files {
        let text = std::fs::read_to_string(f)
            .map_err(|e| UsageError(format!("reading {}: {e}", f.display())))?;
        let p = seccomp::parse(&text, &f.display().to_string())
            .map_err(|e| UsageError(e.to_string()))?;
        profiles.push((f.display().to_string(), p));
    }
    let labelled: Vec<(&str, &seccomp::OciProfile)> =
        profiles.iter().map(|(n, p)| (n.as_str(), p)).collect();
    let (mut merged, notes) = seccomp::merge_labeled(&labelled)?;
    for n in notes {
        crate::diagnostics::note!("merge: {n}");
    }
    if let Some(base) = &prepared.base {
        let (with_base, notes) = seccomp::merge(&[merged, base.clone()])?;
        for n in notes {
            crate::diagnostics::note!("--base: {n}");
        }
        merged = with_base;
    }
    let target = Target::named("merged".into());
    advise_seccomp::write_merged(&m.profile, &target, &merged, &prepared, &labelled)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_accepts_unix_and_rfc3339() {
        assert_eq!(parse_since("1659008985").ok(), Some(1_659_008_985));
        assert_eq!(
            parse_since("2022-07-28T11:49:45Z").ok(),
            Some(1_659_008_985)
        );
        assert_eq!(
            parse_since("2022-07-28T13:49:45+02:00").ok(),
            Some(1_659_008_985)
        );
        assert!(parse_since("yesterday").is_err());
        assert!(parse_since("2022-13-01T00:00:00Z").is_err());
    }
}
