//! Recordings by ID, SeccompProfile output, --install, profiles from kernel audit logs and
//! merging, on the real kernel and Docker engine.

use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crate::common::*;
use serde_json::Value;

const WORK: &str = "echo hello > /tmp/x && cat /tmp/x && ls / > /dev/null";

/// The dmesg test changes the kernel's printk rate limit; nothing else may log meanwhile.
static SERIAL: Mutex<()> = Mutex::new(());

/// Under the serial lock, a background recording of a container name not used yet: the
/// lock, the name and the recording's ID.
fn recording_of(tag: &str) -> (MutexGuard<'static, ()>, String, String) {
    recording_by("-c", tag)
}

/// The same for a Kubernetes namespace not used yet: the lock, the namespace, the ID.
fn namespace_recording(tag: &str) -> (MutexGuard<'static, ()>, String, String) {
    recording_by("-n", tag)
}

fn recording_by(flag: &str, tag: &str) -> (MutexGuard<'static, ()>, String, String) {
    let g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let target = unique(tag);
    let id = start_recording(&[flag, &target]);
    (g, target, id)
}

/// Container `work` of pod `pod` in Kubernetes namespace `ns` (Docker labels standing in for
/// the kubelet's) running `cmd`, which must succeed.
fn run_pod(ns: &str, pod: &str, cmd: &[&str]) {
    let (ns_label, pod_label) = (
        format!("io.kubernetes.pod.namespace={ns}"),
        format!("io.kubernetes.pod.name={pod}"),
    );
    let run = DockerRun::new("bg-pod")
        .opts(&["--label", &ns_label, "--label", &pod_label])
        .opts(&["--label", "io.kubernetes.container.name=work"])
        .output(cmd);
    assert_ran(&run, pod);
}

/// The row of recording `id` in `ig seccomp-advisor list -o json`.
fn listed(id: &str) -> Value {
    let out = run_ok(ig().args(["seccomp-advisor", "list", "-o", "json"]));
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).expect("list JSON");
    list.into_iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{id} not listed"))
}

fn enforce(profile: &Path, work: &str) -> std::process::Output {
    DockerRun::new("rec-enforce").seccomp(profile).sh(work)
}

/// Runs `work` under `profile` and asserts that it succeeded (`what` says which profile).
fn assert_runs_under(profile: &Path, work: &str, what: &str) -> std::process::Output {
    let run = enforce(profile, work);
    assert_ran(&run, what);
    run
}

#[test]
fn start_container_stop_gives_a_profile_it_runs_under() {
    require!(Root, Docker);
    // The ig process that runs `start` exits before the container even exists.
    let (_g, name, id) = recording_of("bg");
    assert_eq!(id.len(), 16, "{id}");

    let me = listed(&id);
    assert_eq!(me["state"], "recording");
    assert!(me["target"].as_str().unwrap_or_default().contains(&name));

    let _c = DockerContainer::start(
        &name,
        &[],
        &[
            "sh",
            "-c",
            "echo hello > /tmp/x && cat /tmp/x && ls / > /dev/null && sleep 2",
        ],
    );
    std::thread::sleep(Duration::from_millis(1500));
    let me = listed(&id);
    assert_eq!(me["containers"], 1, "{me}");

    std::thread::sleep(Duration::from_millis(2000));
    let out = run_ok(ig().args(["seccomp-advisor", "stop", &id]));
    let p: Value = serde_json::from_slice(&out.stdout).expect("profile");
    assert_runs_under(
        &temp_file("p.json", &out.stdout),
        WORK,
        "the stopped recording",
    );
    assert!(first_rule_names(&p).contains("execve"));

    // Stopping again is a clear error that still returns what was recorded.
    let again = ig()
        .args(["seccomp-advisor", "stop", &id])
        .output()
        .expect("ig");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already stopped"));
    let p2: Value = serde_json::from_slice(&again.stdout).expect("profile again");
    assert_eq!(p, p2);
}

#[test]
fn a_recorder_that_died_still_returns_its_snapshot() {
    require!(Root, Docker);
    let (_g, name, id) = recording_of("died");
    let _c = busy_container(&name);
    std::thread::sleep(Duration::from_millis(3000));
    let pid: i32 = std::fs::read_to_string(format!("/run/ig/seccomp-advisor/{id}/pid"))
        .expect("pid file")
        .trim()
        .parse()
        .expect("pid");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::Signal::SIGKILL,
    )
    .expect("kill");
    std::thread::sleep(Duration::from_millis(300));
    let out = ig()
        .args(["seccomp-advisor", "stop", &id])
        .output()
        .expect("ig");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("died"), "{err}");
    let p: Value = serde_json::from_slice(&out.stdout).expect("last snapshot's profile");
    assert!(
        first_rule_names(&p).contains("nanosleep")
            || first_rule_names(&p).contains("clock_nanosleep")
    );
}

#[test]
fn bad_ids_profiles_and_audit_lines_are_clear_errors() {
    for (args, want) in [
        (
            vec!["seccomp-advisor", "stop", "short"],
            "not a recording ID",
        ),
        (
            vec!["seccomp-advisor", "stop", "AAAAAAAAAAAAAAAA"],
            "no recording with ID",
        ),
    ] {
        let out = ig().args(&args).output().expect("ig");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(want) && err.trim().lines().count() == 1,
            "{err}"
        );
    }
    let dir = tempdir();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"defaultAction":"SCMP_ACT_FOO"}"#).expect("write");
    let good = dir.join("good.json");
    std::fs::write(&good, r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]}"#).expect("write");
    let err = fails_with(
        ig().args(["seccomp-advisor", "merge"]).arg(&good).arg(&bad),
        2,
    );
    assert!(
        err.contains("bad.json") && err.contains("SCMP_ACT_FOO"),
        "{err}"
    );

    let log = dir.join("audit.log");
    std::fs::write(&log, "type=SECCOMP msg=audit(1.0:1): pid=12 comm=\"x\" arch=c000003e syscall=zz code=0x7ffc0000\n").expect("write");
    let err = fails_with(
        ig().args(["seccomp-advisor", "from-audit-log"]).arg(&log),
        2,
    );
    assert!(
        err.contains("audit.log:1") && err.contains("syscall"),
        "{err}"
    );
}

/// A LOG run's records of runc's init stage need not show what its Go scheduler does
/// whenever due (futex, ...); from-audit-log adds that set and says so, other records don't.
#[test]
fn from_audit_log_adds_the_runtime_async_set_for_runc_records() {
    let dir = tempdir();
    let runc = dir.join("runc.log");
    std::fs::write(&runc, concat!(
        "type=SECCOMP msg=audit(1.0:1): pid=12 comm=\"runc:[2:INIT]\" exe=\"/\" sig=0 arch=c000003e syscall=3 compat=0 ip=0x1 code=0x7ffc0000\n",
        "type=SECCOMP msg=audit(1.0:2): pid=12 comm=\"sh\" exe=\"/bin/busybox\" sig=0 arch=c000003e syscall=0 compat=0 ip=0x1 code=0x7ffc0000\n",
    )).expect("write");
    let allowed = |out: &std::process::Output| {
        allowed_names(&serde_json::from_slice(&out.stdout).expect("profile"))
    };
    let out = run_ok(ig().args(["seccomp-advisor", "from-audit-log"]).arg(&runc));
    let err = String::from_utf8_lossy(&out.stderr);
    let names = allowed(&out);
    for n in ["close", "read", "futex", "mmap", "rt_sigreturn"] {
        assert!(names.contains(n), "{n}: {names:?}");
    }
    assert!(
        err.contains("runc:[2:INIT]") && err.contains("futex"),
        "{err}"
    );

    let plain = dir.join("plain.log");
    std::fs::write(&plain, "type=SECCOMP msg=audit(1.0:2): pid=12 comm=\"sh\" exe=\"/bin/busybox\" sig=0 arch=c000003e syscall=0 compat=0 ip=0x1 code=0x7ffc0000\n").expect("write");
    let out = run_ok(ig().args(["seccomp-advisor", "from-audit-log"]).arg(&plain));
    let names = allowed(&out);
    assert!(names.contains("read"), "{names:?}");
    assert!(!names.contains("futex"), "{names:?}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Go scheduler"));
}

#[test]
fn merge_unions_and_goes_permissive() {
    let dir = tempdir();
    let a = dir.join("a.json");
    let b = dir.join("b.json");
    std::fs::write(&a, r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"}]}"#).expect("a");
    std::fs::write(&b, r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["openat"],"action":"SCMP_ACT_ALLOW"},{"names":["read"],"action":"SCMP_ACT_LOG"}]}"#).expect("b");
    let out = run_ok(ig().arg("seccomp-advisor").arg("merge").arg(&a).arg(&b));
    let p: Value = serde_json::from_slice(&out.stdout).expect("merged");
    let allowed = allowed_names(&p);
    for n in ["read", "write", "openat"] {
        assert!(allowed.contains(n), "{n}: {p}");
    }
}

#[test]
fn seccomp_profile_resource_and_install() {
    require!(Root, Docker);
    let out = run_ok(ig().args([
        "seccomp-advisor",
        "-m",
        "seccomp-profile",
        "--seccomp-profile-name",
        "demo/hello",
        "--spo-api-version",
        "v1beta1",
        "--",
        "/bin/true",
    ]));
    let v: Value = serde_yaml::from_slice(&out.stdout).expect("YAML resource");
    assert_eq!(
        v["apiVersion"],
        "security-profiles-operator.x-k8s.io/v1beta1"
    );
    assert_eq!(v["kind"], "SeccompProfile");
    assert_eq!(v["metadata"]["name"], "hello");
    assert_eq!(v["spec"]["defaultAction"], "SCMP_ACT_ERRNO");
    assert!(v["metadata"]["annotations"]["seccomp.gadget.kinvolk.io/node"].is_string());

    // A container: annotations carry its identity; --install writes a file runc accepts.
    let name = unique("install");
    let dir = tempdir();
    let ig_p = advisor(&[
        "-c",
        &name,
        "--install",
        dir.to_str().expect("dir"),
        "--timeout",
        "60",
    ]);
    let _c = DockerContainer::start(&name, &[], &["sh", "-c", WORK]);
    let (code, out, err) = ig_p.finish(Duration::from_secs(60));
    assert_eq!(code, Some(0), "{err}");
    let rel = out
        .trim()
        .strip_prefix("localhostProfile: ")
        .expect("localhostProfile line")
        .to_string();
    assert!(rel.starts_with("ig/"), "{rel}");
    let installed = dir.join(&rel);
    assert_runs_under(&installed, WORK, "the installed profile");

    let name = unique("spo");
    let ig_p = advisor(&["-c", &name, "-m", "seccomp-profile", "--timeout", "60"]);
    let c = DockerContainer::start(
        &name,
        &[
            "--label",
            "io.kubernetes.pod.namespace=ns1",
            "--label",
            "io.kubernetes.pod.name=pod1",
            "--label",
            "io.kubernetes.container.name=c1",
        ],
        &["sh", "-c", WORK],
    );
    let (code, out, err) = ig_p.finish(Duration::from_secs(60));
    assert_eq!(code, Some(0), "{err}");
    let v: Value = serde_yaml::from_str(&out).expect("YAML");
    let ann = &v["metadata"]["annotations"];
    assert_eq!(ann["seccomp.gadget.kinvolk.io/pod"], "ns1/pod1");
    assert_eq!(ann["seccomp.gadget.kinvolk.io/container"], "c1");
    assert_eq!(
        ann["seccomp.gadget.kinvolk.io/container-id"],
        c.id().as_str()
    );
}

/// Restores the kernel's printk rate limit on drop.
struct RateLimit(String);

impl Drop for RateLimit {
    fn drop(&mut self) {
        let _ = std::fs::write("/proc/sys/kernel/printk_ratelimit_burst", &self.0);
    }
}

#[test]
fn profile_from_dmesg_of_a_log_profile_runs_with_errno_default() {
    // Alone: with the rate limit raised, any other test's seccomp records would fill the
    // kernel log this test reads back.
    require!(alone: Root, Docker);
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // Without this the kernel prints 10 audit records per 5 s to dmesg and says
    // "callbacks suppressed"; from-audit-log would rightly warn that records are missing.
    let old =
        std::fs::read_to_string("/proc/sys/kernel/printk_ratelimit_burst").expect("read burst");
    let _restore = RateLimit(old);
    std::fs::write("/proc/sys/kernel/printk_ratelimit_burst", "100000").expect("raise burst");
    std::thread::sleep(Duration::from_millis(5500)); // let the current window pass

    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("time")
        .as_secs();
    // dmesg lines carry no wall-clock time: slice the log at a marker, as a user would.
    let marker = unique("dmesg-marker");
    std::fs::write("/dev/kmsg", format!("{marker}\n")).expect("write /dev/kmsg");
    let dir = tempdir();
    let log_profile = dir.join("log.json");
    std::fs::write(&log_profile, r#"{"defaultAction":"SCMP_ACT_LOG"}"#).expect("write");
    let run = enforce(&log_profile, WORK);
    assert!(run.status.success());
    std::thread::sleep(Duration::from_millis(500));
    let dmesg = Command::new("dmesg").output().expect("dmesg");
    let text = String::from_utf8_lossy(&dmesg.stdout).to_string();
    let text = text
        .split(&marker)
        .nth(1)
        .expect("marker in dmesg")
        .to_string();
    let lines = dir.join("dmesg.txt");
    std::fs::write(&lines, &text).expect("write");

    let out = ig()
        .args([
            "seccomp-advisor",
            "from-audit-log",
            "--since",
            &since.to_string(),
        ])
        .arg(&lines)
        .output()
        .expect("ig");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("suppressed"), "{err}");
    let profile = dir.join("from-log.json");
    std::fs::write(&profile, &out.stdout).expect("write");
    let p: Value = serde_json::from_slice(&out.stdout).expect("profile");
    assert_eq!(p["defaultAction"], "SCMP_ACT_ERRNO");
    let run = assert_runs_under(&profile, WORK, "the profile from its own audit log");
    assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), "hello");
    // A syscall the log never showed is refused.
    let run = enforce(&profile, &format!("{WORK}; unshare -i true; echo rc=$?"));
    assert!(String::from_utf8_lossy(&run.stdout).contains("rc=1"));
}

/// Issue 12: the background recorder runs the foreground's engine, so a container that
/// lives about 100 ms, started right after `start` returns, is recorded and yields a
/// profile it runs under: with runc and crun, no-new-privileges off and on.
#[test]
fn start_then_a_100ms_container_then_stop_gives_a_profile() {
    require!(Root, Docker, Crun);
    for runtime in ["runc", "crun"] {
        for nnp in [false, true] {
            short_container_profile(runtime, nnp);
        }
    }
}

/// One case of `start_then_a_100ms_container_then_stop_gives_a_profile`.
fn short_container_profile(runtime: &str, nnp: bool) {
    let case = format!("{runtime}, no-new-privileges={nnp}");
    let (_g, name, id) = recording_of("bg-short");
    let work = "mkdir -p /tmp/a && echo hi > /tmp/a/f && ls / > /dev/null && sleep 0.1";
    let started = std::time::Instant::now();
    let run = DockerRun::named(&name).runtime(runtime, nnp).sh(work);
    assert_ran(&run, &format!("the short container ({case})"));
    println!(
        "{case}: container ran for {:?} (docker run included)",
        started.elapsed()
    );
    let out = run_ok(ig().args(["seccomp-advisor", "stop", &id]));
    let p: Value = serde_json::from_slice(&out.stdout).expect("profile");
    let listed = first_rule_names(&p);
    assert!(listed.contains("execve"), "{case}: {listed:?}");
    assert!(
        listed.contains("mkdir") || listed.contains("mkdirat"),
        "{case}: {listed:?}"
    );
    let profile = temp_file("p.json", &out.stdout);
    let run = DockerRun::new("rec-enforce")
        .seccomp(&profile)
        .runtime(runtime, nnp)
        .sh(work);
    assert_ran(&run, &format!("the short container's profile ({case})"));
}

/// Issue 12: ten containers started back to back, each living well under 100 ms, all
/// matching one background recording's filter (one Kubernetes namespace label), yield ten
/// profiles, each of which its container runs under.
#[test]
fn ten_short_containers_of_one_k8s_namespace_give_ten_profiles() {
    require!(Root, Docker);
    let (_g, ns, id) = namespace_recording("ten-ns");
    let work = "mkdir -p /tmp/a && echo hi > /tmp/a/f && ls / > /dev/null";
    let pods: Vec<String> = (0..10).map(|i| format!("pod-{i}")).collect();
    for pod in &pods {
        run_pod(&ns, pod, &["sh", "-c", work]);
    }
    let out = run_ok(ig().args(["seccomp-advisor", "stop", &id]));
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let profiles: Vec<Value> = serde_json::Deserializer::from_slice(&out.stdout)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .expect("JSON profiles");
    assert_eq!(profiles.len(), 10, "one profile per container: {err}");
    for pod in &pods {
        assert!(
            err.lines()
                .any(|l| l.contains("profile of") && l.contains(pod.as_str())),
            "no profile named for {pod}: {err}"
        );
    }
    for (i, p) in profiles.iter().enumerate() {
        assert!(first_rule_names(p).contains("execve"), "{p}");
        let path = temp_file(&format!("p{i}.json"), p.to_string());
        assert_runs_under(&path, work, &format!("profile {i}"));
    }
}

/// A background recording by namespace stays open until `stop`: a pod started after the
/// last one exited, later than the foreground grace period (3 s), is still recorded.
#[test]
fn a_background_namespace_recording_waits_for_stop_not_for_quiet() {
    require!(Root, Docker);
    let (_g, ns, id) = namespace_recording("open-ns");
    for (i, pod) in ["early", "late"].iter().enumerate() {
        if i > 0 {
            std::thread::sleep(Duration::from_secs(5));
        }
        run_pod(&ns, pod, &["true"]);
    }
    let list = run_ok(ig().args(["seccomp-advisor", "list"]));
    let row = String::from_utf8_lossy(&list.stdout)
        .lines()
        .find(|l| l.starts_with(&id))
        .map(str::to_string)
        .unwrap_or_default();
    assert!(row.ends_with("recording"), "still recording: {row:?}");
    let out = run_ok(ig().args(["seccomp-advisor", "stop", &id]));
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    for pod in ["early", "late"] {
        assert!(
            err.lines()
                .any(|l| l.contains("profile of") && l.contains(&format!("/{pod},"))),
            "no profile for pod {pod}: {err}"
        );
    }
    assert!(!err.contains("finished by itself"), "{err}");
}
