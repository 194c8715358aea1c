//! `ig run audit_seccomp` on the real kernel and Docker engine: records match the kernel's
//! own audit records one for one, are attributed to their container (also when seccomp
//! killed the process), and every output mode parses back.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::*;
use serde_json::Value;

/// The tests here read the same kernel stream: one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn profile_file() -> PathBuf {
    temp_file("logkill.json", KILL_UNSHARE_LOG_MKDIR)
}

/// The kernel's own seccomp records, read from the audit netlink stream in this process.
struct KernelRecords {
    stop: Arc<AtomicBool>,
    handle: std::thread::JoinHandle<Vec<ig::testing::SeccompRecord>>,
}

impl KernelRecords {
    fn start() -> KernelRecords {
        let mut sock = ig::testing::AuditSocket::open().expect("audit socket");
        sock.set_timeout(Duration::from_millis(100))
            .expect("timeout");
        let stop = Arc::new(AtomicBool::new(false));
        let s2 = stop.clone();
        let handle = std::thread::spawn(move || {
            let mut out = Vec::new();
            let mut batch = Vec::new();
            while !s2.load(Ordering::Relaxed) {
                batch.clear();
                let st = sock.recv(&mut batch).expect("recv");
                assert_eq!(st.lost, 0, "the test's own reader lost records");
                for (ty, body) in &batch {
                    if *ty == ig::testing::AUDIT_SECCOMP {
                        out.push(ig::testing::parse_body(body).expect("kernel record parses"));
                    }
                }
            }
            out
        });
        KernelRecords { stop, handle }
    }

    fn finish(self) -> Vec<ig::testing::SeccompRecord> {
        std::thread::sleep(Duration::from_millis(300));
        self.stop.store(true, Ordering::Relaxed);
        self.handle.join().expect("reader")
    }
}

/// `ig run audit_seccomp ARGS...` once started, a moment given to settle.
fn started(args: &[&str]) -> IgProcess {
    let ig = audit_stream(args);
    std::thread::sleep(Duration::from_millis(300));
    ig
}

/// The kernel's records and ig's JSON stream from `source` of container `name`, both started.
fn kernel_and_stream(source: &str, name: &str) -> (KernelRecords, IgProcess) {
    let kernel = KernelRecords::start();
    let args = [
        "--source",
        source,
        "-c",
        name,
        "-o",
        "json",
        "--timeout",
        "60",
    ];
    (kernel, started(&args))
}

fn run_container(name: &str, script: &str) {
    // unshare killed by SIGSYS makes the loop's last status non-zero; that is expected.
    DockerRun::named(name).seccomp(&profile_file()).sh(script);
}

#[test]
fn container_records_match_the_kernel_one_for_one() {
    // The kernel side also counts busybox records of pids ig never reported (the ones it
    // would have missed): no other test may run containers meanwhile.
    require!(alone: Root, Docker);
    one_for_one("audit");
}

#[test]
fn ebpf_source_records_match_the_kernel_one_for_one() {
    // The kernel side also counts busybox records of pids ig never reported (the ones it
    // would have missed): no other test may run containers meanwhile.
    require!(alone: Root, Docker);
    let k = known_kernel();
    if !k.kprobe && !k.fentry {
        // No ebpf source on this kernel: it must be refused (exit 1), with both reasons.
        let out = ig()
            .args(["run", "audit_seccomp", "--source", "ebpf", "--timeout", "1"])
            .output()
            .expect("ig");
        assert_eq!(out.status.code(), Some(1), "{}", k.name);
        return;
    }
    one_for_one("ebpf");
}

/// Records of a LOG and a KILL profile, read with `source`, against the kernel's own.
fn one_for_one(source: &str) {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let name = unique("audit");
    let (kernel, ig) = kernel_and_stream(source, &name);
    run_container(
        &name,
        "for i in 1 2 3 4 5; do mkdir /tmp/d$i; unshare -i true; done; true",
    );
    std::thread::sleep(Duration::from_millis(1500));
    ig.signal(nix::sys::signal::Signal::SIGINT);
    let (code, out, err) = ig.finish(Duration::from_secs(20));
    assert_eq!(code, Some(0), "{err}");
    let recs: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();

    let mut ours: BTreeMap<(u64, i64, String, String), u32> = BTreeMap::new();
    for r in &recs {
        assert_eq!(r["source"], source, "{r}");
        assert_eq!(r["runtime"]["containerName"], name.as_str(), "{r}");
        assert_eq!(r["runtime"]["runtimeName"], "docker");
        assert_eq!(r["exe"], "/bin/busybox", "{r}");
        let key = (
            r["proc"]["pid"].as_u64().expect("pid"),
            r["syscall_raw"].as_i64().expect("nr"),
            r["code_raw"].as_str().expect("code").to_string(),
            r["audit_arch"].as_str().expect("arch").to_string(),
        );
        *ours.entry(key).or_default() += 1;
        match r["syscall"].as_str() {
            Some("SYS_MKDIR") | Some("SYS_MKDIRAT") => assert_eq!(r["code"], "SECCOMP_RET_LOG"),
            Some("SYS_UNSHARE") => {
                let code = r["code"].as_str().expect("code");
                assert!(code.starts_with("SECCOMP_RET_KILL"), "{r}");
                assert_eq!(
                    r["proc"]["comm"], "unshare",
                    "killed task still attributed: {r}"
                );
            }
            other => panic!("unexpected syscall {other:?}: {r}"),
        }
    }
    let pids: std::collections::BTreeSet<u64> = ours.keys().map(|k| k.0).collect();
    let mut theirs: BTreeMap<(u64, i64, String, String), u32> = BTreeMap::new();
    for k in kernel.finish() {
        // The kernel's records of this container's processes: same pids (host pid space).
        if pids.contains(&u64::from(k.pid))
            || (k.exe.as_deref() == Some("/bin/busybox") && [83, 258, 272].contains(&k.syscall))
        {
            let key = (
                u64::from(k.pid),
                k.syscall as i64,
                format!("0x{:08x}", k.code),
                format!("0x{:08x}", k.arch),
            );
            *theirs.entry(key).or_default() += 1;
        }
    }
    assert_eq!(
        ours, theirs,
        "ig's records must match the kernel's one for one"
    );
    let count = |nr: i64| {
        ours.iter()
            .filter(|(k, _)| k.1 == nr)
            .map(|(_, n)| n)
            .sum::<u32>()
    };
    assert_eq!(count(83) + count(258), 5, "five mkdir records");
    assert_eq!(count(272), 5, "five unshare kills");
}

#[test]
fn host_processes_only_with_host_flag_and_escaped_comm() {
    require!(Root, Gcc);
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let helper = seccomp_log_mkdir();
    let dir = tempdir();
    let comm = "ev\u{1b}[31mil";
    for host in [false, true] {
        let mut args = vec!["--timeout", "60"];
        if host {
            args.push("--host");
        }
        let ig = started(&args);
        let st = Command::new(&helper)
            .arg(comm)
            .arg(dir.join("m1"))
            .arg(dir.join("m2"))
            .status()
            .expect("helper");
        assert!(st.success());
        std::thread::sleep(Duration::from_millis(1000));
        ig.signal(nix::sys::signal::Signal::SIGINT);
        let (code, out, err) = ig.finish(Duration::from_secs(20));
        assert_eq!(code, Some(0), "{err}");
        assert!(
            !out.contains('\u{1b}'),
            "raw escape sent to the terminal: {out:?}"
        );
        let rows: Vec<&str> = out.lines().filter(|l| l.contains("ev\\e[31mil")).collect();
        if host {
            assert_eq!(rows.len(), 2, "host process shown with --host: {out}");
            assert!(
                rows.iter()
                    .all(|r| r.contains("SYS_MKDIR") && r.contains("…_RET_LOG")
                        || r.contains("SECCOMP_RET_LOG")),
                "{out}"
            );
        } else {
            assert!(rows.is_empty(), "host process shown without --host: {out}");
        }
    }
}

#[test]
fn every_output_mode_parses_back() {
    require!(Root, Docker);
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    for mode in ["columns", "json", "jsonpretty", "yaml"] {
        let name = unique("mode");
        let ig = started(&["-c", &name, "-o", mode, "--timeout", "60"]);
        run_container(&name, "mkdir /tmp/a; mkdir /tmp/b; unshare -i true; true");
        std::thread::sleep(Duration::from_millis(1200));
        ig.signal(nix::sys::signal::Signal::SIGINT);
        let (code, out, err) = ig.finish(Duration::from_secs(20));
        assert_eq!(code, Some(0), "{mode}: {err}");
        let recs: Vec<Value> = match mode {
            "json" => out
                .lines()
                .map(|l| serde_json::from_str(l).expect("one object per line"))
                .collect(),
            "jsonpretty" => serde_json::Deserializer::from_str(&out)
                .into_iter::<Value>()
                .map(|v| v.expect("pretty JSON"))
                .collect(),
            "yaml" => {
                assert!(out.starts_with("---"), "{out}");
                serde_yaml::Deserializer::from_str(&out)
                    .map(|d| <Value as serde::Deserialize>::deserialize(d).expect("YAML document"))
                    .collect()
            }
            _ => {
                let mut lines = out.lines();
                let header: Vec<&str> = lines.next().expect("header").split_whitespace().collect();
                assert_eq!(
                    header,
                    [
                        "RUNTIME.CONTAINERNAME",
                        "COMM",
                        "PID",
                        "TID",
                        "CODE",
                        "SYSCALL"
                    ]
                );
                let rows: Vec<Vec<&str>> = lines.map(|l| l.split_whitespace().collect()).collect();
                assert_eq!(rows.len(), 3, "{out}");
                for r in &rows {
                    assert_eq!(r.len(), 6, "{r:?}");
                    assert_eq!(r[0], name);
                    assert!(
                        r[2].parse::<u32>().is_ok() && r[3].parse::<u32>().is_ok(),
                        "{r:?}"
                    );
                    assert!(["SYS_MKDIR", "SYS_UNSHARE"].contains(&r[5]), "{r:?}");
                }
                continue;
            }
        };
        assert_eq!(recs.len(), 3, "{mode}: {out}");
        for r in &recs {
            assert_eq!(r["runtime"]["containerName"], name.as_str(), "{mode}");
            assert!(
                r["syscall"] == "SYS_MKDIR" || r["syscall"] == "SYS_UNSHARE",
                "{mode}: {r}"
            );
        }
    }
}

#[test]
fn ebpf_source_is_refused_clearly_where_it_cannot_attach() {
    require!(Root);
    if std::path::Path::new("/sys/bus/event_source/devices/kprobe").exists() {
        // Here the ebpf source attaches; the one-for-one test covers it through auto.
        let out = ig()
            .args(["run", "audit_seccomp", "--source", "ebpf", "--timeout", "1"])
            .output()
            .expect("ig");
        assert_eq!(out.status.code(), Some(0));
        return;
    }
    let out = ig()
        .args(["run", "audit_seccomp", "--source", "ebpf", "--timeout", "1"])
        .output()
        .expect("ig");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("kprobe") && err.contains("fentry"), "{err}");
    let out = ig()
        .args(["run", "audit_seccomp", "--timeout", "1"])
        .output()
        .expect("ig");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("source: audit") && err.contains("because"),
        "auto says which and why: {err}"
    );
}

/// A reader that fails ends the run with exit 1 and its reason (forced through the
/// documented `IG_TEST_FAIL_READER` hook), instead of printing an error and exiting 0.
#[test]
fn a_failed_reader_ends_the_run_with_exit_1_and_says_why() {
    require!(Root);
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    for (hook, args, reason) in [
        (
            "events",
            &["--timeout", "30"][..],
            "IG_TEST_FAIL_READER=events",
        ),
        (
            "stacks",
            &["--collect-ustack", "--timeout", "30"][..],
            "reading the stack ring buffer: failure forced by IG_TEST_FAIL_READER=stacks",
        ),
    ] {
        let started = std::time::Instant::now();
        let out = ig()
            .args(["run", "audit_seccomp"])
            .args(args)
            .env("IG_TEST_FAIL_READER", hook)
            .output()
            .expect("ig");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{hook}: {err}");
        assert!(err.contains(reason), "{hook}: {err}");
        assert!(
            started.elapsed() < Duration::from_secs(25),
            "{hook}: the run went on to --timeout after its reader failed: {err}"
        );
    }
}

/// The kills from a Docker profile; LOG, ERRNO and TRAP from tests/data/flag_log.c, whose own
/// filter has SECCOMP_FILTER_FLAG_LOG (Docker 20.10 ignores a profile's `flags`).
const KILLS: &str = r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
 {"action":"SCMP_ACT_KILL_THREAD","names":["unshare"]},
 {"action":"SCMP_ACT_KILL_PROCESS","names":["chroot"]}]}"#;

#[test]
fn every_logged_action_matches_the_kernel_from_each_source() {
    require!(Root, Docker, Gcc);
    let k = known_kernel();
    let mut sources = vec!["audit"];
    if k.kprobe || k.fentry {
        sources.push("ebpf");
    }
    for source in sources {
        every_action_one_for_one(source);
    }
}

fn every_action_one_for_one(source: &str) {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let name = unique("actions");
    let dir = tempdir();
    let prof = dir.join("kills.json");
    std::fs::write(&prof, KILLS).expect("profile");
    compile_c("flag_log.c", &dir.join("flag_log"), &["-O1", "-static"]);
    let (kernel, mut ig) = kernel_and_stream(source, &name);
    let out = DockerRun::named(&name)
        .seccomp(&prof)
        .programs(&dir)
        .sh("unshare -i true; chroot / true; /t/flag_log");
    assert_ran(&out, "the container of every action");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with("mkdir 0 rmdir -1 "),
        "flag_log: {said} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last = ig.wait_for(false, Duration::from_secs(30), |l| {
        l.contains("SYS_SETHOSTNAME")
    });
    std::thread::sleep(Duration::from_millis(1000));
    ig.signal(nix::sys::signal::Signal::SIGINT);
    let (code, out, err) = ig.finish(Duration::from_secs(20));
    assert_eq!(code, Some(0), "{err}");
    assert!(last, "{source}: no record of the TRAP: {out}\n{err}");
    let mut ours: BTreeMap<(u64, i64, String, String), u32> = BTreeMap::new();
    let mut by_syscall: BTreeMap<String, (String, u32)> = BTreeMap::new();
    for l in out.lines() {
        let r: Value = serde_json::from_str(l).expect("JSON line");
        assert_eq!(r["source"], source, "{r}");
        assert_eq!(r["runtime"]["containerName"], name.as_str(), "{r}");
        let exe = if r["syscall"] == "SYS_UNSHARE" || r["syscall"] == "SYS_CHROOT" {
            "/bin/busybox"
        } else {
            "/t/flag_log"
        };
        assert_eq!(r["exe"], exe, "{r}");
        let key = (
            r["proc"]["pid"].as_u64().expect("pid"),
            r["syscall_raw"].as_i64().expect("nr"),
            r["code_raw"].as_str().expect("code").to_string(),
            r["audit_arch"].as_str().expect("arch").to_string(),
        );
        *ours.entry(key).or_default() += 1;
        let e = by_syscall
            .entry(r["syscall"].as_str().unwrap_or("?").to_string())
            .or_insert((r["code"].as_str().unwrap_or("?").to_string(), 0));
        e.1 += 1;
    }
    let pids: std::collections::BTreeSet<u64> = ours.keys().map(|k| k.0).collect();
    let mut theirs: BTreeMap<(u64, i64, String, String), u32> = BTreeMap::new();
    for k in kernel.finish() {
        if pids.contains(&u64::from(k.pid)) {
            let key = (
                u64::from(k.pid),
                k.syscall as i64,
                format!("0x{:08x}", k.code),
                format!("0x{:08x}", k.arch),
            );
            *theirs.entry(key).or_default() += 1;
        }
    }
    assert_eq!(ours, theirs, "{source}: one for one with the kernel");
    for (syscall, code) in [
        ("SYS_MKDIR", "SECCOMP_RET_LOG"),
        ("SYS_UNSHARE", "SECCOMP_RET_KILL_THREAD"),
        ("SYS_CHROOT", "SECCOMP_RET_KILL_PROCESS"),
        ("SYS_SETHOSTNAME", "SECCOMP_RET_TRAP"),
        ("SYS_RMDIR", "SECCOMP_RET_ERRNO"),
    ] {
        assert_eq!(
            by_syscall.get(syscall),
            Some(&(code.to_string(), 1)),
            "{source}: {syscall}: {by_syscall:?}\n{err}"
        );
    }
}
