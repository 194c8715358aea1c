//! Automatic mode (`seccomp-advisor --auto --output-dir DIR`): records every matching
//! container until stopped and writes each one's profile as it terminates, or, with
//! `--merge`, one profile per workload (replicas) with per-syscall coverage counts. What is
//! recorded is kept under `DIR/.ig-auto/` so that a restarted ig loses nothing.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use super::{Continuous, Ending, Prepared, Target};
use crate::cli::{AdvisorArgs, ProfileArgs};
use crate::diagnostics::note;
use crate::runtime::Container;
use crate::seccomp::args::{self as seccomp_args, Learned};
use crate::seccomp::Observed;
use crate::syscalls::{self, Abi};
use crate::UsageError;

/// The state directory inside the output directory (the kubelet reads only named files).
const STATE_DIR: &str = ".ig-auto";
/// In the state directory: when the last run of ig was last alive (UNIX seconds).
const HEARTBEAT: &str = "heartbeat";

/// One workload of `--merge`: the replicas written so far and their union.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Group {
    /// Labels of the replicas merged so far.
    members: Vec<String>,
    /// Syscall numbers per ABI (`Abi::as_str`), the union of every member's profile.
    syscalls: BTreeMap<String, BTreeSet<u32>>,
    /// How many members made each syscall (by name).
    coverage: BTreeMap<String, u32>,
    /// `--learn-args`: the union of every member's argument values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    args: Learned,
}

struct Writer<'a> {
    profile: ProfileArgs,
    include_runtime_setup: bool,
    prepared: &'a Prepared,
    out_dir: PathBuf,
    state_dir: PathBuf,
    groups: BTreeMap<String, Group>,
    /// Containers resumed from the state of an earlier run (by id).
    resumed: BTreeSet<String>,
    written: usize,
}

pub async fn run(a: AdvisorArgs, runtimes_given: bool) -> anyhow::Result<ExitCode> {
    let Some(dir) = a.profile.output_dir.clone() else {
        return Err(UsageError(
            "--auto writes one file per container: give --output-dir DIR".into(),
        )
        .into());
    };
    if !a.record.command.is_empty() {
        return Err(UsageError("--auto records containers, not a command after --".into()).into());
    }
    if a.profile.install.is_some() {
        return Err(UsageError(
            "--auto writes into --output-dir; for the kubelet, give --output-dir /var/lib/kubelet/seccomp/ig".into(),
        )
        .into());
    }
    if a.profile.coverage.is_some() {
        return Err(UsageError(
            "--auto --merge writes NAME.coverage.json beside each merged profile: drop --coverage"
                .into(),
        )
        .into());
    }
    let mut prepared = super::prepare_output(&a.profile)?;
    prepared.learn = super::learning(&a.record)?;
    let out_dir = crate::hostroot::get().path(&dir);
    let state_dir = out_dir.join(STATE_DIR);
    std::fs::create_dir_all(&state_dir)
        .with_context(|| format!("creating the state directory {}", state_dir.display()))?;

    report_downtime(&state_dir);
    let resume = load_targets(&state_dir);
    let groups = if a.profile.merge {
        load_groups(&state_dir)
    } else {
        BTreeMap::new()
    };
    if !resume.is_empty() {
        note!(
            "resuming {} container(s) recorded by an earlier run of ig; syscalls they made while ig was not running are not recorded",
            resume.len()
        );
    }
    let mut profile = a.profile.clone();
    profile.merge = false;
    let writer = RefCell::new(Writer {
        profile,
        include_runtime_setup: a.record.include_runtime_setup,
        prepared: &prepared,
        out_dir: out_dir.clone(),
        state_dir,
        groups,
        resumed: resume
            .iter()
            .filter_map(|t| t.container.as_ref().map(|c| c.id.clone()))
            .collect(),
        written: 0,
    });
    let merge = a.profile.merge;
    let mut on_exit = |t: &Target| {
        let mut w = writer.borrow_mut();
        if let Err(e) = w.write(t, merge) {
            log::warn!("{}: {e:#}", t.label);
        }
    };
    let mut tick = |targets: &[Target]| writer.borrow().save(targets);
    let mut ready = || {
        note!(
            "automatic mode: each matching container's profile goes to {} when it exits (Ctrl-C to stop)",
            out_dir.display()
        )
    };
    let session = super::record(
        &a.record,
        runtimes_given,
        &mut ready,
        &mut tick,
        Ending::Continuous(Continuous {
            resume,
            on_exit: &mut on_exit,
        }),
    )
    .await?;
    let w = writer.borrow();
    // Still running: kept on disk for the next run, not written as (partial) profiles.
    w.save(&session.targets);
    let running = session.targets.iter().filter(|t| !t.exited).count();
    note!(
        "automatic mode stopped: {} profile(s) written; {running} container(s) still running, their recording kept in {}",
        w.written,
        w.state_dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

impl Writer<'_> {
    /// Writes the profile of a target that exited, then forgets its state.
    fn write(&mut self, t: &Target, merge: bool) -> anyhow::Result<()> {
        if let Some(c) = &t.container {
            if self.resumed.contains(&c.id) && t.bits.seen.iter().all(BTreeSet::is_empty) {
                log::warn!(
                    "{} exited while ig was not running and nothing of it was recorded: no profile",
                    t.label
                );
                return self.forget(t);
            }
            if self.resumed.remove(&c.id) {
                note!(
                    "{} was recorded by an earlier run of ig: its profile holds what that run and this one recorded",
                    t.label
                );
            }
        }
        if merge {
            self.write_merged(t)?;
        } else {
            super::emit(
                &self.profile,
                self.include_runtime_setup,
                std::slice::from_ref(t),
                self.prepared,
            )?;
        }
        self.written += 1;
        self.forget(t)
    }

    /// Adds a replica to its workload's union and rewrites the merged profile and coverage.
    fn write_merged(&mut self, t: &Target) -> anyhow::Result<()> {
        let key = t
            .container
            .as_ref()
            .map(group_key)
            .unwrap_or_else(|| t.label.clone());
        let observed = super::observed_for_profile(t, self.include_runtime_setup);
        let group = self.groups.entry(key.clone()).or_default();
        group.members.push(t.label.clone());
        let mut names = BTreeSet::new();
        for (abi, nrs) in &observed.per_abi {
            group
                .syscalls
                .entry(abi.as_str().to_string())
                .or_default()
                .extend(nrs.iter().copied());
            names.extend(nrs.iter().filter_map(|&nr| syscalls::name(*abi, nr)));
        }
        for n in names {
            *group.coverage.entry(n.to_string()).or_default() += 1;
        }
        if self.prepared.learn.is_some() {
            let class = super::arg_class(t, self.include_runtime_setup);
            seccomp_args::union_into(&mut group.args, &t.bits.args, class);
        }
        let mut union = Observed::default();
        for (abi, nrs) in &group.syscalls {
            if let Some(abi) = abi_from_str(abi) {
                for &nr in nrs {
                    union.insert(abi, nr);
                }
            }
        }
        let mut merged = Target::named(key.clone());
        merged.bits.args = group.args.clone();
        super::emit_observed(
            &self.profile,
            &[(&merged, union)],
            Abi::host_abis(),
            self.prepared,
        )?;
        let stem = super::file_stem(&merged);
        // The shape of `--merge --coverage FILE`: in how many inputs (replicas) each
        // syscall was recorded, of how many.
        let m = group.members.len();
        let coverage = serde_json::json!({
            "inputs": group.members,
            "syscalls": group
                .coverage
                .iter()
                .map(|(n, c)| (n.clone(), serde_json::json!({"count": c, "of": m})))
                .collect::<serde_json::Map<_, _>>(),
        });
        let path = self.out_dir.join(format!("{stem}.coverage.json"));
        let mut text = serde_json::to_vec_pretty(&coverage)?;
        text.push(b'\n');
        super::write_atomic(&path, &text)?;
        let state = serde_json::to_vec(group)?;
        super::write_atomic(&self.state_dir.join(format!("group-{stem}.json")), &state)?;
        note!(
            "merged {} into {} ({} replica(s))",
            t.label,
            self.out_dir.join(format!("{stem}.json")).display(),
            group.members.len()
        );
        Ok(())
    }

    fn forget(&self, t: &Target) -> anyhow::Result<()> {
        let path = self.state_dir.join(state_name(t));
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(e).with_context(|| format!("removing {}", path.display()))
            }
            _ => Ok(()),
        }
    }

    /// Saves what is recorded so far of every running target (about once a second), and
    /// the time, so that a later run can say how long no ig was recording.
    fn save(&self, targets: &[Target]) {
        let now = unix_now().to_string();
        if let Err(e) = super::write_atomic(&self.state_dir.join(HEARTBEAT), now.as_bytes()) {
            log::warn!("saving the heartbeat: {e:#}");
        }
        for t in targets
            .iter()
            .filter(|t| !t.exited && t.container.is_some())
        {
            let path = self.state_dir.join(state_name(t));
            let res = serde_json::to_vec(t)
                .map_err(anyhow::Error::from)
                .and_then(|bytes| super::write_atomic(&path, &bytes));
            if let Err(e) = res {
                log::warn!("saving the recording of {}: {e:#}", t.label);
            }
        }
    }
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Says how long no ig recorded into this directory: containers that started and ended in
/// that window are in no profile.
fn report_downtime(state_dir: &Path) {
    let Some(last) = std::fs::read_to_string(state_dir.join(HEARTBEAT))
        .ok()
        .and_then(|t| t.trim().parse::<u64>().ok())
    else {
        return;
    };
    let gap = unix_now().saturating_sub(last);
    note!(
        "no ig recorded into this directory for {gap} s (since {}): containers that started and ended in that time are in no profile",
        crate::timestamp::rfc3339(last.saturating_mul(1_000_000_000))
    );
}

/// `ABI.as_str()` back to the ABI.
fn abi_from_str(s: &str) -> Option<Abi> {
    [Abi::X86_64, Abi::X86, Abi::X32, Abi::Aarch64, Abi::Arm]
        .into_iter()
        .find(|a| a.as_str() == s)
}

/// The state file of a container: its runtime id (hex or a name; made file-safe).
fn state_name(t: &Target) -> String {
    let id = t
        .container
        .as_ref()
        .map(|c| c.id.as_str())
        .unwrap_or("none");
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("container-{safe}.json")
}

fn load_targets(dir: &Path) -> Vec<Target> {
    load(dir, "container-")
        .into_iter()
        .filter_map(|(path, text)| match serde_json::from_str::<Target>(&text) {
            Ok(mut t) => {
                t.exited = false;
                Some(t)
            }
            Err(e) => {
                log::warn!("{}: not a saved recording ({e}); ignored", path.display());
                None
            }
        })
        .collect()
}

fn load_groups(dir: &Path) -> BTreeMap<String, Group> {
    load(dir, "group-")
        .into_iter()
        .filter_map(|(path, text)| {
            let key = path
                .file_name()?
                .to_str()?
                .strip_prefix("group-")?
                .strip_suffix(".json")?
                .to_string();
            match serde_json::from_str::<Group>(&text) {
                Ok(g) => Some((key, g)),
                Err(e) => {
                    log::warn!("{}: not a saved merge ({e}); ignored", path.display());
                    None
                }
            }
        })
        .collect()
}

fn load(dir: &Path, prefix: &str) -> Vec<(PathBuf, String)> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    rd.flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".json"))
        })
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect()
}

/// The workload a container belongs to, for `--merge`: Kubernetes namespace, the pod's
/// owner (the pod name without the suffixes its controller generated) and container name;
/// otherwise the runtime name without a trailing replica number (`web-1`, `web_2`).
fn group_key(c: &Container) -> String {
    match &c.k8s {
        Some(k) => format!(
            "{}_{}_{}",
            k.namespace,
            pod_owner(&k.pod_name),
            k.container_name
        ),
        None => strip_replica_number(&c.name).to_string(),
    }
}

/// `web-7d4b9c8f6d-x2x7q` (Deployment) -> `web`; `db-0` (StatefulSet) -> `db`;
/// `agent-8kx2p` (DaemonSet, Job) -> `agent`; a name without such suffixes stays.
fn pod_owner(pod: &str) -> &str {
    let mut name = pod;
    // The pod's own random suffix: 5 lowercase letters and digits (never vowels).
    if let Some((base, last)) = name.rsplit_once('-') {
        if last.len() == 5
            && last
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            name = base;
            // A ReplicaSet's pod-template hash: 6 to 10 of the same alphabet.
            if let Some((base, hash)) = name.rsplit_once('-') {
                if (6..=10).contains(&hash.len())
                    && hash
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                    && hash.bytes().any(|b| b.is_ascii_digit())
                {
                    name = base;
                }
            }
            return name;
        }
    }
    strip_replica_number(name)
}

/// `web-1`, `web_2` -> `web`.
fn strip_replica_number(name: &str) -> &str {
    match name.rfind(['-', '_']) {
        Some(i)
            if i > 0 && name[i + 1..].bytes().all(|b| b.is_ascii_digit()) && i + 1 < name.len() =>
        {
            &name[..i]
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pod_owners() {
        assert_eq!(pod_owner("web-7d4b9c8f6d-x2x7q"), "web");
        assert_eq!(pod_owner("db-0"), "db");
        assert_eq!(pod_owner("agent-8kx2p"), "agent");
        assert_eq!(pod_owner("standalone"), "standalone");
        assert_eq!(strip_replica_number("ig-test-rep-12-1"), "ig-test-rep-12");
        assert_eq!(strip_replica_number("web_2"), "web");
        assert_eq!(strip_replica_number("web-"), "web-");
        assert_eq!(strip_replica_number("-1"), "-1");
    }

    #[test]
    fn abi_names_round_trip() {
        for a in [Abi::X86_64, Abi::X86, Abi::X32, Abi::Aarch64, Abi::Arm] {
            assert_eq!(abi_from_str(a.as_str()), Some(a));
        }
    }
}
