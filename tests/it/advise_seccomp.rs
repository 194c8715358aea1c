//! `ig seccomp-advisor` on the real kernel and Docker engine: profiles recorded from a
//! container's first syscall run that container; commands are covered as strace sees them.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common::*;
use serde_json::Value;

/// Syscalls only a container runtime's set-up makes (before the container's filter).
const RUNTIME_SETUP: [&str; 7] = [
    "mount",
    "umount2",
    "pivot_root",
    "sethostname",
    "keyctl",
    "mknodat",
    "symlinkat",
];

const WORK: &str =
    "echo hello > /tmp/x && cat /tmp/x && ls / > /dev/null && mkdir -p /tmp/d && rm -r /tmp/d";

/// Starts the advisor for container `name`, then the container, and returns the profile
/// written when the container exits.
fn record_container(name: &str, docker_extra: &[&str], work: &str) -> (Value, std::path::PathBuf) {
    record_container_with(name, docker_extra, work, &[]).0
}

type Recorded = ((Value, std::path::PathBuf), String);

fn record_container_with(
    name: &str,
    docker_extra: &[&str],
    work: &str,
    ig_extra: &[&str],
) -> Recorded {
    let dir = tempdir();
    let dir_s = dir.to_string_lossy().to_string();
    let args = [
        &["-c", name, "--output-dir", &dir_s, "--timeout", "120"],
        ig_extra,
    ];
    let ig = advisor(&args.concat());
    let _c = DockerContainer::start(name, docker_extra, &["sh", "-c", work]);
    let (code, _out, err) = ig.finish(Duration::from_secs(60));
    assert_eq!(code, Some(0), "advisor failed: {err}");
    assert!(err.contains("exited"), "stopped on container exit: {err}");
    assert!(!err.contains("start-up was missed"), "{err}");
    let path = dir.join(format!("{name}.json"));
    ((read_json(&path), path), err)
}

fn run_under(profile: &Path, nnp: bool, cmd: &str) -> std::process::Output {
    run_under_runtime(profile, "runc", nnp, cmd)
}

/// Runs `cmd` in the test image under `profile`, with the given OCI runtime.
fn run_under_runtime(profile: &Path, runtime: &str, nnp: bool, cmd: &str) -> std::process::Output {
    DockerRun::new("enforce")
        .runtime(runtime, nnp)
        .seccomp(profile)
        .sh(cmd)
}

#[test]
fn container_recorded_from_start_runs_under_its_profile() {
    require!(Root, Docker);
    let name = unique("adv");
    let (p, path) = record_container(&name, &[], WORK);
    assert_eq!(p["defaultAction"], "SCMP_ACT_ERRNO");
    assert_eq!(p["defaultErrnoRet"], 1);
    assert_eq!(
        p["architectures"],
        serde_json::json!(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"])
    );
    let n = allowed_names(&p);
    for must in ["execve", "exit_group", "mkdir", "openat", "write"] {
        assert!(n.contains(must), "{must} missing from {n:?}");
    }
    assert!(!n.contains("unshare"), "unshare was never called: {n:?}");
    // Only runc's set-up before the container's filter made these: not the workload's.
    for setup in RUNTIME_SETUP {
        assert!(
            !n.contains(setup),
            "{setup} is the runtime's set-up, not the container's: {n:?}"
        );
    }
    assert!(
        n.iter().all(|s| !s.starts_with("syscall_")),
        "placeholder names: {n:?}"
    );

    for nnp in [false, true] {
        let out = run_under(&path, nnp, WORK);
        assert!(
            out.status.success(),
            "no-new-privileges={nnp}: container failed under its profile: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "hello");
    }
    // A syscall never made while recording is refused with EPERM (defaultErrnoRet 1).
    let out = run_under(
        &path,
        false,
        &format!("{WORK}; unshare -i true; echo unshare-rc=$?"),
    );
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("Operation not permitted"), "{text}");
    assert!(text.contains("unshare-rc=1"), "{text}");
}

#[test]
fn ctrl_c_prints_the_profile() {
    require!(Root, Docker);
    let name = unique("sigint");
    let mut ig = advisor(&["-c", &name]);
    let _c = busy_container(&name);
    ig.expect_said("recording docker", Duration::from_secs(20));
    std::thread::sleep(Duration::from_millis(1500));
    ig.signal(nix::sys::signal::Signal::SIGINT);
    let (code, out, err) = ig.finish(Duration::from_secs(20));
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("stopped by signal"), "{err}");
    let p: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert!(
        allowed_names(&p).contains("nanosleep") || allowed_names(&p).contains("clock_nanosleep"),
        "{out}"
    );
}

#[test]
fn timeout_prints_the_profile_and_says_startup_was_missed() {
    require!(Root, Docker);
    let name = unique("timeout");
    let _c = busy_container(&name);
    let out = ig()
        .args(["seccomp-advisor", "-c", &name, "--timeout", "2"])
        .output()
        .expect("ig");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("after --timeout"), "{err}");
    assert!(err.contains("start-up was missed"), "{err}");
    let p: Value = serde_json::from_slice(&out.stdout).expect("profile");
    assert!(!allowed_names(&p).is_empty());
}

fn strace_names(cmd: &[&str]) -> BTreeSet<String> {
    let log = tempdir().join("strace.log");
    let st = Command::new("strace")
        .args(["-f", "-qq", "-o"])
        .arg(&log)
        .args(cmd)
        .output()
        .expect("strace (apt-get install strace)");
    assert!(st.status.success(), "{st:?}");
    let text = std::fs::read_to_string(&log).expect("strace log");
    text.lines()
        .filter_map(|l| {
            let rest = l.split_once(' ').map(|(_, r)| r.trim_start()).unwrap_or(l);
            if rest.starts_with("<...") || rest.starts_with("---") || rest.starts_with("+++") {
                return None;
            }
            let name = rest.split('(').next()?;
            (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                .then(|| name.to_string())
        })
        .collect()
}

#[test]
fn command_profile_covers_everything_strace_sees() {
    require!(Root, Strace);
    let cmd = [
        "/bin/sh",
        "-c",
        "ls -la / > /dev/null; cat /etc/hostname; busybox wget --help 2>/dev/null; true",
    ];
    let mut args = vec!["seccomp-advisor", "--"];
    args.extend_from_slice(&cmd);
    let out = run_ok(ig().args(&args));
    let p: Value = serde_json::from_slice(&out.stdout).expect("profile on stdout only");
    let got = allowed_names(&p);
    let want = strace_names(&cmd);
    let missing: Vec<_> = want.difference(&got).collect();
    assert!(
        missing.is_empty(),
        "strace saw {missing:?} that the profile lacks: {got:?}"
    );
    // What ig itself did before the command's execve is not the command's.
    for not in ["unshare", "prctl", "seccomp", "mount"] {
        if !want.contains(not) {
            assert!(
                !got.contains(not),
                "{not} is ig's, not the command's: {got:?}"
            );
        }
    }
}

#[test]
fn compat_32bit_program_gets_i386_names() {
    require!(Root, Gcc, Gcc32);
    let dir = tempdir();
    let bin = dir.join("compat32");
    compile_c("compat32.c", &bin, &["-m32", "-static", "-O1"]);
    let out = run_ok(ig().args(["seccomp-advisor", "--"]).arg(&bin));
    let p: Value = serde_json::from_slice(&out.stdout).expect("profile");
    let n = allowed_names(&p);
    assert!(n.contains("uname"), "{n:?}");
    assert!(n.contains("getppid"), "{n:?}");
    // 122 is uname on i386 but setfsuid on x86_64; 64 is getppid on i386 but semget on x86_64.
    assert!(
        !n.contains("setfsuid") && !n.contains("semget"),
        "compat numbers named from the 64-bit table: {n:?}"
    );
}

#[test]
fn runtime_setup_is_kept_only_on_request_and_without_a_filter() {
    require!(Root, Docker, Crun);
    let name = unique("setup");
    let ((p, path), err) = record_container_with(&name, &[], WORK, &["--include-runtime-setup"]);
    let n = allowed_names(&p);
    assert!(n.contains("pivot_root") && n.contains("mount"), "{n:?}");
    assert!(!err.contains("runtime set-up, not included"), "{err}");
    assert!(run_under(&path, false, WORK).status.success());

    // Recorded unconfined, with runc and with crun: the runtime's set-up is told apart at the
    // container's first execve, and the profile still starts the container.
    for runtime in ["runc", "crun"] {
        let name = unique("unconfined");
        let ((p, path), err) = record_container_with(
            &name,
            &["--security-opt", "seccomp=unconfined", "--runtime", runtime],
            WORK,
            &[],
        );
        assert!(
            err.contains("recorded without a seccomp filter"),
            "says so: {err}"
        );
        let n = allowed_names(&p);
        for setup in RUNTIME_SETUP {
            assert!(
                !n.contains(setup),
                "{runtime}: {setup} is the runtime's set-up: {n:?}"
            );
        }
        for nnp in [false, true] {
            let out = run_under_runtime(&path, runtime, nnp, WORK);
            assert!(
                out.status.success(),
                "{runtime} nnp={nnp}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn workload_that_mounts_keeps_mount_and_sethostname() {
    require!(Root, Docker);
    let name = unique("mounts");
    let work = "hostname inner && mkdir -p /m && mount -t tmpfs none /m && umount /m && echo ok";
    let (p, path) = record_container(&name, &["--cap-add", "SYS_ADMIN"], work);
    let n = allowed_names(&p);
    for keep in ["mount", "umount2", "sethostname"] {
        assert!(
            n.contains(keep),
            "the workload's own {keep} must stay: {n:?}"
        );
    }
    let out = DockerRun::new("mounts-enforce")
        .opts(&["--cap-add", "SYS_ADMIN"])
        .seccomp(&path)
        .sh(work);
    assert_ran(&out, "the workload under its profile");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok");
}

#[test]
fn crun_container_profile_leaves_runtime_setup_out_and_runs() {
    require!(Root, Docker, Crun);
    let name = unique("crun");
    let (p, path) = record_container(&name, &["--runtime", "crun"], WORK);
    let n = allowed_names(&p);
    for setup in RUNTIME_SETUP {
        assert!(!n.contains(setup), "{setup} is crun's set-up: {n:?}");
    }
    for nnp in [false, true] {
        let out = run_under_runtime(&path, "crun", nnp, WORK);
        assert!(
            out.status.success(),
            "crun, nnp={nnp}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "hello");
    }
}
