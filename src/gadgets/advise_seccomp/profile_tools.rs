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

/// Records made by a container runtime's own process (runc's init stage), per group: such
/// a process ran under the profile, so the group gets the runtime's asynchronous syscalls.
#[derive(Default)]
struct RuntimeSeen {
    abis: BTreeMap<String, std::collections::BTreeSet<Abi>>,
    names: std::collections::BTreeSet<String>,
}

impl RuntimeSeen {
    fn saw(&mut self, group: &str, abi: Abi, rec: &audit::SeccompRecord) {
        self.abis.entry(group.to_string()).or_default().insert(abi);
        let name = rec.comm.as_deref().or(rec.exe.as_deref()).unwrap_or("?");
        self.names.insert(name.to_string());
    }

    /// Adds the async set to each group a runtime process was seen in, and says so.
    fn add_async(&self, groups: &mut BTreeMap<String, Observed>) {
        let mut added = std::collections::BTreeSet::new();
        for (group, abis) in &self.abis {
            let Some(observed) = groups.get_mut(group) else {
                continue;
            };
            for abi in abis {
                added.extend(seccomp::add_runtime_async(observed, *abi));
            }
        }
        if !added.is_empty() {
            crate::diagnostics::note!(
                "records of a container runtime's own process ({}): added what its Go scheduler does whenever due, which one run need not show: {}",
                self.names.iter().cloned().collect::<Vec<_>>().join(", "),
                added.into_iter().collect::<Vec<_>>().join(" ")
            );
        }
    }
}

/// What the records read so far add up to.
struct Collected<'a> {
    f: &'a FromAuditLogArgs,
    since: Option<u64>,
    groups: BTreeMap<String, Observed>,
    abis: Vec<Abi>,
    records: u64,
    used: u64,
    untimed: u64,
    actions: BTreeMap<String, u64>,
    runtime: RuntimeSeen,
}

impl<'a> Collected<'a> {
    fn new(f: &'a FromAuditLogArgs, since: Option<u64>) -> Self {
        Collected {
            f,
            since,
            groups: BTreeMap::new(),
            abis: Vec::new(),
            records: 0,
            used: 0,
            untimed: 0,
            actions: BTreeMap::new(),
            runtime: RuntimeSeen::default(),
        }
    }

    /// Takes one log line (`at` is "FILE:LINE" for messages).
    fn line(&mut self, at: &str, line: &str) -> Result<(), UsageError> {
        let rec = match audit::parse_line(line) {
            Ok(LogLine::Seccomp(r)) => r,
            Ok(LogLine::Loss { what, count }) => {
                log::warn!(
                "{at}: the kernel suppressed or lost audit records{}: the profile may miss syscalls ({what})",
                    count.map(|c| format!(" ({c})")).unwrap_or_default()
                );
                return Ok(());
            }
            Ok(LogLine::Other) => return Ok(()),
            Err(e) => return Err(UsageError(format!("{at}: {e}"))),
        };
        self.records += 1;
        if let Some(since) = self.since {
            match rec.time_secs {
                Some(t) if t < since => return Ok(()),
                Some(_) => {}
                None => self.untimed += 1,
            }
        }
        if !self.f.pid.is_empty() && !self.f.pid.contains(&rec.pid) {
            return Ok(());
        }
        let exe = rec.exe.clone().unwrap_or_else(|| "(unknown exe)".into());
        if !self.f.exe.is_empty() && !self.f.exe.contains(&exe) {
            return Ok(());
        }
        let Some(abi) = Abi::from_audit(rec.arch, rec.syscall) else {
            log::warn!(
                "{at}: audit arch 0x{:08x} is not one ig knows; record skipped",
                rec.arch
            );
            return Ok(());
        };
        let Ok(nr) = u32::try_from(rec.syscall) else {
            log::warn!(
                "{at}: syscall number {} is out of range; record skipped",
                rec.syscall as i64
            );
            return Ok(());
        };
        for a in family(abi) {
            if !self.abis.contains(a) {
                self.abis.push(*a);
            }
        }
        *self
            .actions
            .entry(rec.action().unwrap_or("unknown action").to_string())
            .or_default() += 1;
        let key = match self.f.per {
            Some(PerKey::Exe) => exe,
            None => "audit log".into(),
        };
        if seccomp::is_runtime_process(rec.comm.as_deref(), rec.exe.as_deref()) {
            self.runtime.saw(&key, abi, &rec);
        }
        self.groups.entry(key).or_default().insert(abi, nr);
        self.used += 1;
        Ok(())
    }

    /// Prints the profiles of everything collected.
    fn emit(self, prepared: &advise_seccomp::Prepared) -> anyhow::Result<ExitCode> {
        if self.untimed > 0 {
            log::warn!(
                "{} record(s) carry no time and were kept despite --since",
                self.untimed
            );
        }
        if self.used == 0 {
            anyhow::bail!(
                "no seccomp audit record matched ({} read): nothing to build a profile from",
                self.records
            );
        }
        crate::diagnostics::note!(
            "{} of {} seccomp record(s) used ({})",
            self.used,
            self.records,
            self.actions
                .iter()
                .map(|(a, n)| format!("{a}: {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut groups = self.groups;
        self.runtime.add_async(&mut groups);
        let targets: Vec<(Target, Observed)> = groups
            .into_iter()
            .map(|(k, o)| (Target::named(k), o))
            .collect();
        let items: Vec<(&Target, Observed)> = targets.iter().map(|(t, o)| (t, o.clone())).collect();
        let abis = if self.abis.is_empty() {
            Abi::host_abis().to_vec()
        } else {
            self.abis
        };
        crate::diagnostics::note!(
            "note: audit records carry no syscall arguments: the profile has name-only rules (record with --learn-args for argument rules)"
        );
        advise_seccomp::emit_observed(&self.f.profile, &items, &abis, prepared)?;
        Ok(ExitCode::SUCCESS)
    }
}

pub fn from_audit_log(f: FromAuditLogArgs) -> anyhow::Result<ExitCode> {
    let prepared = advise_seccomp::prepare_output(&f.profile)?;
    let since = f.since.as_deref().map(parse_since).transpose()?;
    if f.follow {
        return follow(&f, since, &prepared);
    }
    let mut c = Collected::new(&f, since);
    for input in open_inputs(&f.files)? {
        for (i, line) in input.reader.lines().enumerate() {
            let line = line.with_context(|| format!("reading {}", input.name))?;
            c.line(&format!("{}:{}", input.name, i + 1), &line)?;
        }
    }
    c.emit(&prepared)
}

/// `--follow`: reads standard input line by line until it ends or a signal comes, then
/// prints the profile of what was read. A line ig cannot parse is reported and skipped
/// (a live stream cannot be fixed and re-run).
fn follow(
    f: &FromAuditLogArgs,
    since: Option<u64>,
    prepared: &advise_seccomp::Prepared,
) -> anyhow::Result<ExitCode> {
    if !(f.files.is_empty() || (f.files.len() == 1 && f.files[0] == Path::new("-"))) {
        return Err(UsageError(
            "--follow reads standard input: give - (for a file, use: tail -f FILE | ig seccomp-advisor from-audit-log --follow -)".into(),
        )
        .into());
    }
    let stop = crate::gadgets::stop_flag::install();
    let (tx, rx) = std::sync::mpsc::sync_channel::<std::io::Result<String>>(1024);
    // The reader blocks in read(2); it is left behind when a signal ends the stream.
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let failed = line.is_err();
            if tx.send(line).is_err() || failed {
                return;
            }
        }
    });
    crate::diagnostics::note!(
        "following standard input: the profile is printed when it ends or on Ctrl-C"
    );
    let mut c = Collected::new(f, since);
    let mut n = 0u64;
    let ended = loop {
        if stop.is_set() {
            break "stopped by signal";
        }
        match rx.recv_timeout(std::time::Duration::from_millis(100)) {
            Ok(Ok(line)) => {
                n += 1;
                if let Err(e) = c.line(&format!("<stdin>:{n}"), &line) {
                    log::warn!("{e}; line skipped");
                }
            }
            Ok(Err(e)) => {
                log::warn!("reading standard input: {e}");
                break "ended by a read error";
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break "ended",
        }
    };
    // Lines already queued when the signal came are part of the stream: take them too.
    while let Ok(Ok(line)) = rx.try_recv() {
        n += 1;
        if let Err(e) = c.line(&format!("<stdin>:{n}"), &line) {
            log::warn!("{e}; line skipped");
        }
    }
    crate::diagnostics::note!("stream {ended} after {n} line(s)");
    c.emit(prepared)
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
