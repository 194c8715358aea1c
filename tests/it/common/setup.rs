//! Set-ups several test modules share: ig recording or streaming until it says it is ready,
//! background recordings, and the `levels` program whose user stacks the tests name.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{compile_c, ig, run_ok, DockerContainer, IgProcess};

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
