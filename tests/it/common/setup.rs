//! Set-ups several test modules share: ig recording or streaming until it says it is ready,
//! background recordings, and the `levels` program whose user stacks the tests name.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use super::{compile_c, ig, run_ok, DockerContainer, DockerRun, IgProcess, KnownKernel};

/// The profile the stack tests run programs under: unshare killed, mkdir logged.
pub const KILL_UNSHARE_LOG_MKDIR: &str = r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"action":"SCMP_ACT_KILL","names":["unshare"]},{"action":"SCMP_ACT_LOG","names":["mkdir","mkdirat"]}]}"#;

/// `ig seccomp-advisor ARGS...`, once it waits for its containers.
pub fn advisor(args: &[&str]) -> IgProcess {
    let mut rec = IgProcess::spawn(&[&["seccomp-advisor"], args].concat());
    rec.expect_said("waiting for a matching container", Duration::from_secs(30));
    rec
}

/// `ig run audit_seccomp ARGS...`, once it has said which source it reads.
pub fn audit_stream(args: &[&str]) -> IgProcess {
    let mut ig = IgProcess::spawn(&[&["run", "audit_seccomp"], args].concat());
    ig.expect_said("ig: source:", Duration::from_secs(60));
    ig
}

/// The JSON audit stream of container `name` with user stacks, for at most `timeout_s`.
pub fn stack_stream(name: &str, timeout_s: u64) -> IgProcess {
    let timeout = timeout_s.to_string();
    let args = [
        "-c",
        name,
        "--collect-ustack",
        "-o",
        "json",
        "--timeout",
        &timeout,
    ];
    audit_stream(&args)
}

/// `ig seccomp-advisor start ARGS...`: the new background recording's ID.
pub fn start_recording(args: &[&str]) -> String {
    let out = run_ok(ig().args(["seccomp-advisor", "start"]).args(args));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Compiles tests/data/levels.c (main -> level1 -> level2 -> level3 -> the syscall) into
/// `dir/file`, with frame pointers and `flags`.
pub fn compile_levels(dir: &Path, file: &str, flags: &[&str]) -> PathBuf {
    let bin = dir.join(file);
    let flags = [&["-O0", "-fno-omit-frame-pointer"], flags].concat();
    compile_c("levels.c", &bin, &flags);
    bin
}

/// A new directory holding a static `levels.static` (with debug info) and `profile.json`
/// (KILL_UNSHARE_LOG_MKDIR): the directory and the profile's path.
pub fn static_levels() -> (PathBuf, PathBuf) {
    let dir = super::tempdir();
    compile_levels(&dir, "levels.static", &["-g", "-static"]);
    let prof = dir.join("profile.json");
    std::fs::write(&prof, KILL_UNSHARE_LOG_MKDIR).expect("profile");
    (dir, prof)
}

/// The static program as the entrypoint of `--rm` containers under `profile`: killed at its
/// first unshare as `NAME-0`, logged at its first mkdir as `NAME-1`.
pub fn run_static_levels(name: &str, dir: &Path, profile: &Path) {
    for (i, mode) in ["kill", "log"].iter().enumerate() {
        // The kill run ends by SIGSYS: its status is not the point.
        DockerRun::named(&format!("{name}-{i}"))
            .seccomp(profile)
            .programs(dir)
            .output(&["/t/levels.static", mode]);
    }
}

/// Whether ig's stream shows `NAME-1`'s logged mkdir (within a minute).
pub fn saw_static_levels(ig: &mut IgProcess, name: &str) -> bool {
    ig.wait_for(false, Duration::from_secs(60), |l| {
        l.contains(&format!("{name}-1")) && l.contains("SYS_MKDIR")
    })
}

/// `NAME-0`'s unshare and `NAME-1`'s mkdir records among `recs`, each attributed to its
/// container and executable; from the ebpf source with the stack named in order where the
/// kernel `k` allows it, else from the audit source with a stack object.
pub fn static_levels_records<'a>(
    recs: &'a [Value],
    name: &str,
    k: KnownKernel,
    out: &str,
) -> Vec<&'a Value> {
    let mut found = Vec::new();
    for (i, syscall) in ["SYS_UNSHARE", "SYS_MKDIR"].iter().enumerate() {
        let cname = format!("{name}-{i}");
        let r = recs
            .iter()
            .find(|r| r["runtime"]["containerName"] == cname.as_str() && r["syscall"] == *syscall)
            .unwrap_or_else(|| {
                panic!(
                    "{}: no attributed {syscall} record of {cname}: {out}",
                    k.name
                )
            });
        assert_eq!(r["exe"], "/t/levels.static", "{}: {r}", k.name);
        if k.kprobe || k.fentry {
            assert_eq!(r["source"], "ebpf", "{r}");
            let symbols = r["ustack"]["symbols"]
                .as_str()
                .unwrap_or_else(|| panic!("{}: no stack: {r}", k.name));
            assert!(levels_in_order(symbols), "{}: {syscall}: {symbols}", k.name);
        } else {
            assert_eq!(r["source"], "audit", "{r}");
            assert!(r["ustack"].is_object(), "{r}");
        }
        found.push(r);
    }
    found
}

/// Whether a symbolized stack names level3, level2, level1 and main, innermost first.
pub fn levels_in_order(symbols: &str) -> bool {
    let pos = |name: &str| symbols.find(&format!("]{name}; "));
    match (pos("level3"), pos("level2"), pos("level1"), pos("main")) {
        (Some(a), Some(b), Some(c), Some(d)) => a < b && b < c && c < d,
        _ => false,
    }
}

/// Container `name` running `sh -c SCRIPT` under the seccomp `profile`, with `dir` at /t
/// and the host's libc at its own path (so a dynamic `levels` runs and its libc frames can
/// be named).
pub fn levels_container(name: &str, dir: &Path, profile: &Path, script: &str) -> DockerContainer {
    let sec = format!("seccomp={}", profile.display());
    let vol = format!("{}:/t:ro", dir.display());
    DockerContainer::start(
        name,
        &[
            "--security-opt",
            &sec,
            "-v",
            &vol,
            "-v",
            "/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu:ro",
            "-v",
            "/lib64:/lib64:ro",
        ],
        &["sh", "-c", script],
    )
}

/// Container `name` that runs until removed, writing and sleeping 0.2 s in turn.
pub fn busy_container(name: &str) -> DockerContainer {
    DockerContainer::start(
        name,
        &[],
        &[
            "sh",
            "-c",
            "while true; do echo x > /dev/null; sleep 0.2; done",
        ],
    )
}

/// tests/data/seccomp_log_mkdir.c built: `PROG COMM PATH...` renames itself COMM, installs a
/// filter that logs mkdir, and makes each directory.
pub fn seccomp_log_mkdir() -> PathBuf {
    let bin = super::tempdir().join("seccomp_log_mkdir");
    compile_c("seccomp_log_mkdir.c", &bin, &["-O1"]);
    bin
}
