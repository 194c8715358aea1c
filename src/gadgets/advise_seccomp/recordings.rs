//! Background recordings by ID (`ig seccomp-advisor start|stop|list`): a detached recorder
//! process per recording, its state under /run/ig/seccomp-advisor/ID, and a snapshot of
//! what it has recorded written every second, so a recorder that dies still gives its
//! profiles.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use clap::Parser;
use serde::{Deserialize, Serialize};

use super::{self as advise_seccomp, write_atomic, Target};
use crate::cli::{AdvisorAction, AdvisorArgs, Cli, Command as CliCommand, DaemonArgs};
use crate::cli::{RecordingListArgs, StopArgs};
use crate::output::{self, Column, Printer};
use crate::UsageError;

const ID_LEN: usize = 16;

fn state_root() -> PathBuf {
    std::env::var_os("IG_STATE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/run/ig"))
        .join("seccomp-advisor")
}

#[derive(Serialize, Deserialize)]
struct Request {
    /// The arguments given to `start`, replayed by the recorder.
    argv: Vec<String>,
    runtimes_given: bool,
    created_unix: u64,
}

#[derive(Serialize, Deserialize)]
struct Saved {
    updated_unix: u64,
    /// Why recording ended ("" while recording).
    reason: String,
    targets: Vec<Target>,
}

fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn new_id() -> anyhow::Result<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut raw = [0u8; ID_LEN];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut raw))
        .context("reading /dev/urandom for a recording ID")?;
    Ok(raw
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect())
}

fn check_id(id: &str) -> Result<PathBuf, UsageError> {
    if id.len() != ID_LEN || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(UsageError(format!(
            "{id:?} is not a recording ID (16 letters and digits, as printed by `ig seccomp-advisor start`)"
        )));
    }
    let dir = state_root().join(id);
    if !dir.is_dir() {
        return Err(UsageError(format!(
            "no recording with ID {id}: see `ig seccomp-advisor list`"
        )));
    }
    Ok(dir)
}

/// The arguments that followed `start` on this command line.
fn start_argv() -> Vec<String> {
    let args: Vec<String> = std::env::args().collect();
    let pos = args
        .iter()
        .position(|a| a == "start")
        .map(|p| p + 1)
        .unwrap_or(args.len());
    args[pos..].to_vec()
}

pub fn start(a: AdvisorArgs, runtimes_given: bool) -> anyhow::Result<ExitCode> {
    advise_seccomp::prepare(&a)?;
    crate::gadgets::require_root("recording syscalls with eBPF")?;
    let id = new_id()?;
    let dir = state_root().join(&id);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let req = Request {
        argv: start_argv(),
        runtimes_given,
        created_unix: now_unix(),
    };
    write_atomic(&dir.join("request.json"), &serde_json::to_vec_pretty(&req)?)?;
    let log = std::fs::File::create(dir.join("log")).context("creating the recorder log")?;
    let exe = std::env::current_exe().context("finding ig's own executable")?;
    let mut cmd = Command::new(exe);
    cmd.args(["seccomp-advisor", "daemon", "--id", &id])
        .stdin(Stdio::null())
        .stdout(log.try_clone().context("recorder log")?)
        .stderr(log);
    // SAFETY: setsid(2) in the forked child before exec, no allocation; it detaches the
    // recorder from the terminal so closing it (SIGHUP) does not end the recording.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().context("starting the background recorder")?;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if dir.join("ready").exists() {
            break;
        }
        if let Ok(Some(status)) = child.try_wait() {
            let log = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
            let last = log
                .lines()
                .last()
                .unwrap_or("no output")
                .trim_start_matches("ig: ");
            anyhow::bail!("the recorder exited during start-up ({status}): {last}");
        }
        if Instant::now() >= deadline {
            anyhow::bail!(
                "the recorder did not become ready within 60 s; see {}",
                dir.join("log").display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    writeln!(std::io::stdout(), "{id}").context("writing the recording ID")?;
    Ok(ExitCode::SUCCESS)
}

fn parse_request(req: &Request) -> anyhow::Result<AdvisorArgs> {
    let mut argv = vec!["ig".to_string(), "seccomp-advisor".into(), "start".into()];
    argv.extend(req.argv.iter().cloned());
    let cli = Cli::try_parse_from(&argv).context("replaying the recording's arguments")?;
    match cli.command {
        CliCommand::SeccompAdvisor(c) => match c.action {
            Some(AdvisorAction::Start(a)) => Ok(a),
            _ => anyhow::bail!("recording request is not a start"),
        },
        _ => anyhow::bail!("recording request is not a seccomp-advisor start"),
    }
}

fn read_request(dir: &Path) -> anyhow::Result<Request> {
    let text = std::fs::read(dir.join("request.json"))
        .with_context(|| format!("reading {}", dir.join("request.json").display()))?;
    serde_json::from_slice(&text).context("parsing the recording request")
}

/// The background recorder.
pub async fn daemon(d: DaemonArgs) -> anyhow::Result<ExitCode> {
    let dir = check_id(&d.id)?;
    let req = read_request(&dir)?;
    let a = parse_request(&req)?;
    std::fs::write(dir.join("pid"), std::process::id().to_string()).context("writing pid")?;
    let ready_path = dir.join("ready");
    let snap_path = dir.join("snapshot.json");
    let mut ready = || {
        if let Err(e) = std::fs::write(&ready_path, b"") {
            log::error!("marking the recorder ready: {e}");
        }
    };
    let mut tick = |targets: &[Target]| {
        let saved = Saved {
            updated_unix: now_unix(),
            reason: String::new(),
            targets: targets.to_vec(),
        };
        match serde_json::to_vec(&saved) {
            Ok(bytes) => {
                if let Err(e) = write_atomic(&snap_path, &bytes) {
                    log::error!("saving a snapshot: {e}");
                }
            }
            Err(e) => log::error!("saving a snapshot: {e}"),
        }
    };
    // A recording by Kubernetes names only stays open for the next matching container
    // until `stop`; one by container names ends once they have all exited.
    let ending = if a.record.target.filter().names.is_empty() {
        advise_seccomp::Ending::Stop
    } else {
        advise_seccomp::Ending::TargetsExit
    };
    let session =
        advise_seccomp::record(&a.record, req.runtimes_given, &mut ready, &mut tick, ending)
            .await?;
    let reason = match session.reason {
        crate::gadgets::StopReason::Signal => "stopped",
        crate::gadgets::StopReason::Timeout => "timeout",
        crate::gadgets::StopReason::Running => "targets exited",
    };
    let saved = Saved {
        updated_unix: now_unix(),
        reason: reason.into(),
        targets: session.targets,
    };
    write_atomic(&dir.join("result.json"), &serde_json::to_vec(&saved)?)?;
    crate::diagnostics::note!("recording finished ({reason})");
    Ok(ExitCode::SUCCESS)
}

fn read_saved(path: &Path) -> Option<Saved> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// What a background recording holds: its final result, else its last snapshot (a
/// recording still running or dead), with its `--include-runtime-setup` flag.
pub fn recorded_targets(id: &str) -> anyhow::Result<(Vec<Target>, bool)> {
    let dir = check_id(id)?;
    let a = parse_request(&read_request(&dir)?)?;
    let saved = match read_saved(&dir.join("result.json")) {
        Some(s) => s,
        None => {
            let s = read_saved(&dir.join("snapshot.json")).with_context(|| {
                format!("recording {id} has no result and no snapshot yet: try again in a second")
            })?;
            crate::diagnostics::note!(
                "recording {id} has not finished: using its last snapshot ({} s old)",
                now_unix().saturating_sub(s.updated_unix)
            );
            s
        }
    };
    Ok((saved.targets, a.record.include_runtime_setup))
}

fn recorder_pid(dir: &Path) -> Option<u32> {
    std::fs::read_to_string(dir.join("pid"))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Whether the recorder of `id` is still running (its pid lives and is our daemon).
fn recorder_alive(dir: &Path, id: &str) -> bool {
    let Some(pid) = recorder_pid(dir) else {
        return false;
    };
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|c| {
            let c = String::from_utf8_lossy(&c);
            c.contains("daemon") && c.contains(id)
        })
        .unwrap_or(false)
}

#[derive(Debug, PartialEq, Eq)]
enum State {
    Recording,
    Finished,
    Stopped,
    Dead,
}

fn state_of(dir: &Path, id: &str) -> State {
    if dir.join("stopped").exists() {
        State::Stopped
    } else if dir.join("result.json").exists() {
        State::Finished
    } else if recorder_alive(dir, id) {
        State::Recording
    } else {
        State::Dead
    }
}

fn print_profiles(dir: &Path, saved: &Saved) -> anyhow::Result<()> {
    let req = read_request(dir)?;
    let a = parse_request(&req)?;
    let mut prepared = advise_seccomp::prepare_output(&a.profile)?;
    prepared.learn = advise_seccomp::learning(&a.record)?;
    if saved.targets.is_empty() {
        anyhow::bail!("the recording saw no targeted container: no profile");
    }
    let observed = advise_seccomp::emit(
        &a.profile,
        a.record.include_runtime_setup,
        &saved.targets,
        &prepared,
    )?;
    if let Some(path) = &a.record.explain {
        super::explain::write_for(path, &saved.targets, &observed)?;
    }
    Ok(())
}

pub fn stop(s: &StopArgs) -> anyhow::Result<ExitCode> {
    let dir = check_id(&s.id)?;
    match state_of(&dir, &s.id) {
        State::Stopped => {
            let saved = read_saved(&dir.join("result.json"))
                .context("reading the saved result of the recording")?;
            print_profiles(&dir, &saved)?;
            anyhow::bail!(
                "recording {} was already stopped; its profiles were printed again",
                s.id
            );
        }
        State::Finished => {
            let saved = read_saved(&dir.join("result.json"))
                .context("reading the saved result of the recording")?;
            crate::diagnostics::note!(
                "recording {} had finished by itself ({})",
                s.id,
                saved.reason
            );
            print_profiles(&dir, &saved)?;
        }
        State::Recording => {
            if let Some(pid) = recorder_pid(&dir) {
                let _ = nix::sys::signal::kill(
                    nix::unistd::Pid::from_raw(pid as i32),
                    nix::sys::signal::Signal::SIGTERM,
                );
            }
            let deadline = Instant::now() + Duration::from_secs(60);
            while !dir.join("result.json").exists()
                && recorder_alive(&dir, &s.id)
                && Instant::now() < deadline
            {
                std::thread::sleep(Duration::from_millis(50));
            }
            match read_saved(&dir.join("result.json")) {
                Some(saved) => print_profiles(&dir, &saved)?,
                None => return died(&dir, &s.id),
            }
        }
        State::Dead => return died(&dir, &s.id),
    }
    std::fs::write(dir.join("stopped"), b"").context("marking the recording stopped")?;
    Ok(ExitCode::SUCCESS)
}

/// The recorder is gone without a result: print its last snapshot and fail.
fn died(dir: &Path, id: &str) -> anyhow::Result<ExitCode> {
    let _ = std::fs::write(dir.join("stopped"), b"");
    match read_saved(&dir.join("snapshot.json")) {
        Some(saved) => {
            print_profiles(dir, &saved)?;
            anyhow::bail!(
                "the recorder of {id} died; the profiles above hold what it had recorded by its last snapshot ({} s before now); see {}",
                now_unix().saturating_sub(saved.updated_unix),
                dir.join("log").display()
            )
        }
        None => anyhow::bail!(
            "the recorder of {id} died before it saved anything; see {}",
            dir.join("log").display()
        ),
    }
}

pub fn list(l: &RecordingListArgs) -> anyhow::Result<ExitCode> {
    let mode = crate::gadgets::parse_mode(&l.output)?;
    let mut recs = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(state_root())
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for dir in entries {
        let Some(id) = dir.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
            continue;
        };
        let Ok(req) = read_request(&dir) else {
            continue;
        };
        let state = state_of(&dir, &id);
        let saved =
            read_saved(&dir.join("result.json")).or_else(|| read_saved(&dir.join("snapshot.json")));
        let containers: Vec<String> = saved
            .map(|s| s.targets.iter().map(|t| t.label.clone()).collect())
            .unwrap_or_default();
        recs.push(serde_json::json!({
            "id": id,
            "target": req.argv.join(" "),
            "started": crate::timestamp::rfc3339(req.created_unix * 1_000_000_000),
            "containers": containers.len(),
            "seen": containers,
            "state": format!("{state:?}").to_lowercase(),
        }));
    }
    let cols = vec![
        Column::new("ID", "id", 16),
        Column::new("TARGET", "target", 24),
        Column::new("STARTED", "started", 20),
        Column::new("CONTAINERS", "containers", 10).right(),
        Column::new("STATE", "state", 9),
    ];
    let stdout = std::io::stdout();
    Printer::new(stdout.lock(), mode, cols, output::terminal_width()).table(&recs)?;
    Ok(ExitCode::SUCCESS)
}
