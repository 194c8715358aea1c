//! `--learn-args` on the real kernel and Docker engine: argument rules learned from a
//! recording let the workload run and refuse the argument values it never used.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::*;
use serde_json::Value;

const AF_UNIX: u64 = 1;
const AF_INET: u64 = 2;
const SOCK_STREAM: u64 = 1;
const SOCK_DGRAM: u64 = 2;
const CLONE_NEW_MASK: u64 = 0x7E02_0000;
/// The sockets `learn_args sockets udp` makes.
const STREAMS_AND_UDP: [(u64, u64); 3] = [
    (AF_UNIX, SOCK_STREAM),
    (AF_INET, SOCK_STREAM),
    (AF_INET, SOCK_DGRAM),
];

/// A new directory holding the test program (at /t/learn_args in a container).
fn program_dir() -> PathBuf {
    let dir = tempdir();
    program(&dir);
    dir
}

/// The test program, compiled static so it runs in the busybox image from a bind mount.
fn program(dir: &Path) -> PathBuf {
    let bin = dir.join("learn_args");
    compile_c("learn_args.c", &bin, &["-static", "-O1", "-pthread"]);
    bin
}

/// Records container `name` running `/t/learn_args ARGS` with `ig_extra` flags; returns the
/// profile's path and ig's stderr.
fn record(
    dir: &Path,
    name: &str,
    docker_extra: &[&str],
    args: &[&str],
    ig_extra: &[&str],
) -> (PathBuf, String) {
    let out_dir = dir.join(format!("out-{name}"));
    let out_s = out_dir.to_string_lossy().to_string();
    let ig_args = [
        &["-c", name, "--output-dir", &out_s, "--timeout", "120"],
        ig_extra,
    ];
    let ig = advisor(&ig_args.concat());
    let _c = start_workload(dir, name, docker_extra, args);
    let (code, _out, err) = ig.finish(Duration::from_secs(60));
    assert_eq!(code, Some(0), "advisor failed: {err}");
    (out_dir.join(format!("{name}.json")), err)
}

/// `ig seccomp-advisor --learn-args socket -- PROGRAM sockets EXTRA...`, succeeded.
fn learn_sockets(bin: &Path, extra: &[&str]) -> std::process::Output {
    run_ok(
        ig().args(["seccomp-advisor", "--learn-args", "socket", "--"])
            .arg(bin)
            .arg("sockets")
            .args(extra),
    )
}

/// Container `name` running `/t/learn_args ARGS` without a network.
fn start_workload(dir: &Path, name: &str, docker_extra: &[&str], args: &[&str]) -> DockerContainer {
    let m = format!("{}:/t:ro", dir.display());
    let extra = [&["--network", "none", "-v", &m][..], docker_extra].concat();
    DockerContainer::start(name, &extra, &[&["/t/learn_args"], args].concat())
}

/// Runs `/t/learn_args ARGS` under `profile`; returns its output line.
fn run_under(
    dir: &Path,
    profile: &Path,
    runtime: &str,
    nnp: bool,
    extra: &[&str],
    args: &[&str],
) -> String {
    let out = workload(dir, args, |run| {
        run.runtime(runtime, nnp).seccomp(profile).opts(extra)
    });
    assert_ran(
        &out,
        &format!(
            "{runtime} nnp={nnp}: the workload under {}",
            profile.display()
        ),
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// `/t/learn_args ARGS` in the test image without a network, with what `opts` adds.
fn workload(
    dir: &Path,
    args: &[&str],
    opts: impl FnOnce(DockerRun) -> DockerRun,
) -> std::process::Output {
    let run = DockerRun::new("la-run")
        .opts(&["--network", "none"])
        .programs(dir);
    opts(run).output(&[&["/t/learn_args"], args].concat())
}

/// The argument lists of the rules for `name` (empty list: an unconditional rule).
fn rules_of(p: &Value, name: &str) -> Vec<(String, Vec<Value>)> {
    p["syscalls"]
        .as_array()
        .expect("syscalls")
        .iter()
        .filter(|r| {
            r["names"]
                .as_array()
                .is_some_and(|n| n.iter().any(|n| n == name))
        })
        .map(|r| {
            (
                r["action"].as_str().unwrap_or_default().to_string(),
                r["args"].as_array().cloned().unwrap_or_default(),
            )
        })
        .collect()
}

/// (family, type) pairs the profile allows for socket; panics on an unconditional rule.
fn socket_pairs(p: &Value) -> BTreeSet<(u64, u64)> {
    rules_of(p, "socket")
        .into_iter()
        .map(|(action, args)| {
            assert_eq!(action, "SCMP_ACT_ALLOW");
            assert_eq!(
                args.len(),
                2,
                "socket rule without its two conditions: {args:?}"
            );
            assert_eq!(args[0]["op"], "SCMP_CMP_EQ");
            assert_eq!(args[1]["op"], "SCMP_CMP_MASKED_EQ");
            (
                args[0]["value"].as_u64().expect("family"),
                args[1]["valueTwo"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn learned_socket_families_are_enforced_and_merge_into_their_union() {
    require!(Root, Docker, Crun, Gcc);
    let dir = program_dir();
    let name = unique("la-sock");
    let (path, err) = record(&dir, &name, &[], &["sockets"], &["--learn-args"]);
    let p = read_json(&path);
    assert_eq!(
        socket_pairs(&p),
        BTreeSet::from([(AF_UNIX, SOCK_STREAM), (AF_INET, SOCK_STREAM)]),
        "SOCK_CLOEXEC is masked out of the type; {err}"
    );
    assert!(
        err.contains("socket: allowed only for the 2 recorded"),
        "{err}"
    );

    for nnp in [false, true] {
        let line = run_under(&dir, &path, "runc", nnp, &[], &["sockets", "probe"]);
        // dgram: AF_INET was recorded, but only with SOCK_STREAM: the two conditions of one
        // rule are ANDed (and the rules of a syscall ORed).
        assert_eq!(
            line, "unix=0 inet=0 netlink=1 packet=1 dgram=1",
            "runc nnp={nnp}"
        );
    }
    // crun reads the same rules (crun's own set-up after the filter differs from runc's
    // without no-new-privileges, which is a name-level matter: run it with it on).
    let line = run_under(&dir, &path, "crun", true, &[], &["sockets", "probe"]);
    assert_eq!(line, "unix=0 inet=0 netlink=1 packet=1 dgram=1", "crun");
    // Without a filter the same calls succeed: the EPERMs above are the profile's.
    let out = workload(&dir, &["sockets", "probe"], |run| {
        run.opts(&["--security-opt", "seccomp=unconfined"])
    });
    assert_ran(&out, "unconfined");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "unix=0 inet=0 netlink=0 packet=0 dgram=0"
    );

    // A second recording (no-new-privileges on) adds a datagram socket; the merge allows
    // the union of both recordings' values.
    let name2 = unique("la-sock2");
    let (path2, _) = record(
        &dir,
        &name2,
        &["--security-opt", "no-new-privileges=true"],
        &["sockets", "udp"],
        &["--learn-args", "socket"],
    );
    let p2 = read_json(&path2);
    assert_eq!(socket_pairs(&p2), BTreeSet::from(STREAMS_AND_UDP));
    let out = run_ok(
        ig().args(["seccomp-advisor", "merge"])
            .arg(&path)
            .arg(&path2),
    );
    let merged_path = dir.join("merged.json");
    std::fs::write(&merged_path, &out.stdout).expect("write merged");
    let merged = read_json(&merged_path);
    assert_eq!(socket_pairs(&merged), BTreeSet::from(STREAMS_AND_UDP));
    for nnp in [false, true] {
        let line = run_under(&dir, &merged_path, "runc", nnp, &[], &["sockets", "udp"]);
        assert_eq!(line, "unix=0 inet=0 udp=0", "merged, nnp={nnp}");
        let line = run_under(&dir, &merged_path, "runc", nnp, &[], &["sockets", "probe"]);
        // The merged profile allows AF_INET datagrams (the second recording made one).
        assert_eq!(
            line, "unix=0 inet=0 netlink=1 packet=1 dgram=0",
            "merged, nnp={nnp}"
        );
    }

    // SPO output carries the rules (index, value, valueTwo, op) and reads back the same.
    let out = run_ok(
        ig().args([
            "seccomp-advisor",
            "merge",
            "-m",
            "seccomp-profile",
            "--seccomp-profile-name",
            "learned",
        ])
        .arg(&path),
    );
    let yaml = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        yaml.contains("valueTwo: 1") && yaml.contains("op: SCMP_CMP_MASKED_EQ"),
        "{yaml}"
    );
    let yaml_path = dir.join("learned.yaml");
    std::fs::write(&yaml_path, &yaml).expect("write yaml");
    let back = run_ok(ig().args(["seccomp-advisor", "merge"]).arg(&yaml_path));
    let back: Value = serde_json::from_slice(&back.stdout).expect("profile from YAML");
    assert_eq!(socket_pairs(&back), socket_pairs(&p));
}

#[test]
fn learned_clone_flags_refuse_new_namespaces_but_not_fork_or_threads() {
    require!(Root, Docker, Crun, Gcc);
    let dir = program_dir();
    let name = unique("la-clone");
    let (path, err) = record(
        &dir,
        &name,
        &[],
        &["clone"],
        &["--learn-args", "socket,clone"],
    );
    let p = read_json(&path);
    let clone = rules_of(&p, "clone");
    assert!(!clone.is_empty(), "{err}");
    for (action, args) in &clone {
        assert_eq!(action, "SCMP_ACT_ALLOW");
        assert_eq!(args.len(), 1, "{args:?}");
        assert_eq!(args[0]["op"], "SCMP_CMP_MASKED_EQ");
        assert_eq!(args[0]["value"].as_u64(), Some(CLONE_NEW_MASK));
        assert_eq!(
            args[0]["valueTwo"].as_u64().unwrap_or(0),
            0,
            "fork and threads create no namespace"
        );
    }
    let clone3 = rules_of(&p, "clone3");
    assert_eq!(clone3.len(), 1);
    assert_eq!(clone3[0].0, "SCMP_ACT_ERRNO");
    let c3 = p["syscalls"]
        .as_array()
        .expect("syscalls")
        .iter()
        .find(|r| r["names"] == serde_json::json!(["clone3"]))
        .expect("clone3 rule");
    assert_eq!(
        c3["errnoRet"], 38,
        "ENOSYS so that libc falls back to clone"
    );
    assert!(err.contains("clone3") && err.contains("ENOSYS"), "{err}");

    // CAP_SYS_ADMIN so that only seccomp can refuse the new namespaces.
    for nnp in [false, true] {
        let line = run_under(
            &dir,
            &path,
            "runc",
            nnp,
            &["--cap-add", "SYS_ADMIN"],
            &["clone", "probe"],
        );
        assert_eq!(
            line, "fork=0 thread=0 newuser=1 newnet=1 fork2=0",
            "runc nnp={nnp}"
        );
    }
    let line = run_under(
        &dir,
        &path,
        "crun",
        true,
        &["--cap-add", "SYS_ADMIN"],
        &["clone", "probe"],
    );
    assert_eq!(line, "fork=0 thread=0 newuser=1 newnet=1 fork2=0", "crun");
    let out = workload(&dir, &["clone", "probe"], |run| {
        run.opts(&[
            "--cap-add",
            "SYS_ADMIN",
            "--security-opt",
            "seccomp=unconfined",
        ])
    });
    assert_ran(&out, "unconfined");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "fork=0 thread=0 newuser=0 newnet=0 fork2=0"
    );
}

#[test]
fn commands_and_background_recordings_learn_arguments_too() {
    require!(Root, Docker, Gcc, Gcc32);
    let dir = tempdir();
    let bin = program(&dir);
    let bin_s = bin.to_string_lossy().to_string();

    // -- CMD
    let out = learn_sockets(&bin, &["udp"]);
    let p: Value = serde_json::from_slice(&out.stdout).expect("profile");
    assert_eq!(socket_pairs(&p), BTreeSet::from(STREAMS_AND_UDP));
    assert!(
        rules_of(&p, "clone3").is_empty(),
        "clone was not learned: clone3 untouched"
    );

    // A value set beyond --max-arg-values falls back to a name-only rule, and says so.
    let out = run_ok(ig().args([
        "seccomp-advisor",
        "--learn-args",
        "socket",
        "--max-arg-values",
        "2",
        "--",
        &bin_s,
        "sockets",
        "udp",
    ]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("socket: more than 2 distinct"), "{err}");
    let p: Value = serde_json::from_slice(&out.stdout).expect("profile");
    assert_eq!(
        rules_of(&p, "socket"),
        vec![("SCMP_ACT_ALLOW".to_string(), vec![])]
    );

    // A 32-bit program: glibc reaches socket() through i386 socketcall, which seccomp cannot
    // filter by family. The profile allows it and says so.
    let bin32 = dir.join("learn_args32");
    compile_c(
        "learn_args.c",
        &bin32,
        &["-m32", "-static", "-O1", "-pthread"],
    );
    let out = run_ok(
        ig().args(["seccomp-advisor", "--learn-args", "socket", "--"])
            .arg(&bin32)
            .arg("sockets"),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let p: Value = serde_json::from_slice(&out.stdout).expect("profile");
    assert_eq!(
        rules_of(&p, "socketcall"),
        vec![("SCMP_ACT_ALLOW".to_string(), vec![])]
    );
    assert!(
        err.contains("warning")
            && err.contains("socketcall")
            && err.contains("not restricted by family"),
        "{err}"
    );

    // --auto: each container's profile is written as it exits, with its argument rules.
    let name = unique("la-auto");
    let auto_dir = dir.join("auto");
    let auto_s = auto_dir.to_string_lossy().to_string();
    let mut auto = IgProcess::spawn(&[
        "seccomp-advisor",
        "--auto",
        "-c",
        &name,
        "--learn-args",
        "socket",
        "--output-dir",
        &auto_s,
        "--timeout",
        "60",
    ]);
    std::thread::sleep(Duration::from_millis(3000));
    let _c = start_workload(&dir, &name, &[], &["sockets"]);
    let written = auto.wait_for(true, Duration::from_secs(30), |l| {
        l.contains("wrote profile of")
    });
    auto.signal(nix::sys::signal::Signal::SIGINT);
    let (_, _, err) = auto.finish(Duration::from_secs(30));
    assert!(written, "{err}");
    let p = read_json(&auto_dir.join(format!("{name}.json")));
    assert_eq!(
        socket_pairs(&p),
        BTreeSet::from([(AF_UNIX, SOCK_STREAM), (AF_INET, SOCK_STREAM)])
    );

    // start / stop
    let name = unique("la-bg");
    let id = start_recording(&["-c", &name, "--learn-args", "socket"]);
    let _c = start_workload(&dir, &name, &[], &["sockets"]);
    std::thread::sleep(Duration::from_millis(3000));
    let out = run_ok(ig().args(["seccomp-advisor", "stop", &id]));
    let p: Value = serde_json::from_slice(&out.stdout).expect("profile");
    assert_eq!(
        socket_pairs(&p),
        BTreeSet::from([(AF_UNIX, SOCK_STREAM), (AF_INET, SOCK_STREAM)])
    );
}

#[test]
fn learn_args_rejects_unknown_syscalls_and_audit_logs_stay_name_only() {
    let err = fails_with(
        ig().args(["seccomp-advisor", "--learn-args", "socket,open", "-c", "x"]),
        2,
    );
    assert!(
        err.contains("\"open\"") && err.contains("socket, clone"),
        "{err}"
    );

    let dir = tempdir();
    let log = dir.join("audit.log");
    std::fs::write(
        &log,
        "type=SECCOMP msg=audit(1.0:1): pid=12 comm=\"x\" exe=\"/x\" sig=0 arch=c000003e syscall=41 compat=0 ip=0x1 code=0x7ffc0000\n",
    )
    .expect("write");
    let out = run_ok(ig().args(["seccomp-advisor", "from-audit-log"]).arg(&log));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("carry no syscall arguments") && err.contains("name-only"),
        "{err}"
    );
    let p: Value = serde_json::from_slice(&out.stdout).expect("profile");
    assert_eq!(
        rules_of(&p, "socket"),
        vec![("SCMP_ACT_ALLOW".to_string(), vec![])]
    );
}

/// `check` with a recording that carries argument values judges each value against the
/// profile's conditions; `diff` tells two learned profiles apart by their values.
#[test]
fn check_and_diff_judge_learned_argument_values() {
    require!(Root, Gcc);
    let dir = tempdir();
    let bin = program(&dir);
    let bin_s = bin.to_string_lossy().to_string();
    let narrow = dir.join("narrow.json");
    let wide = dir.join("wide.json");
    for (path, extra) in [(&narrow, &[][..]), (&wide, &["udp"][..])] {
        let out = learn_sockets(&bin, extra);
        std::fs::write(path, &out.stdout).expect("write profile");
    }

    // The probe makes AF_NETLINK, AF_PACKET and (AF_INET, SOCK_DGRAM) sockets too.
    let out = ig()
        .args(["seccomp-advisor", "check", "--profile"])
        .arg(&narrow)
        .args([
            "--learn-args",
            "socket",
            "-o",
            "json",
            "--",
            &bin_s,
            "sockets",
            "probe",
        ])
        .output()
        .expect("ig check");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("check json");
    let denied: BTreeSet<String> = rows
        .iter()
        .filter(|r| r["syscall"] == "socket")
        .map(|r| {
            assert_eq!(r["breaks"], true, "{r}");
            r["arguments"].as_str().expect("arguments").to_string()
        })
        .collect();
    assert_eq!(
        denied,
        BTreeSet::from([
            "family=AF_NETLINK(16) type=SOCK_RAW(3)".to_string(),
            "family=AF_PACKET(17) type=SOCK_RAW(3)".to_string(),
            "family=AF_INET(2) type=SOCK_DGRAM(2)".to_string(),
        ]),
        "{rows:?}"
    );
    assert!(!err.contains("whether they pass is unknown"), "{err}");

    // Without --learn-args the values are unknown: listed, not counted as breaking.
    let out = ig()
        .args(["seccomp-advisor", "check", "--profile"])
        .arg(&narrow)
        .args(["-o", "json", "--", &bin_s, "sockets", "probe"])
        .output()
        .expect("ig check");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("whether they pass is unknown"), "{err}");

    // diff: the wider profile adds (AF_INET, SOCK_DGRAM); exit 1 one way, 0 the other.
    let out = ig()
        .args(["seccomp-advisor", "diff", "-o", "json"])
        .arg(&narrow)
        .arg(&wide)
        .output()
        .expect("ig diff");
    assert_eq!(out.status.code(), Some(1));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("diff json");
    let socket = rows
        .iter()
        .find(|r| r["syscall"] == "socket")
        .expect("socket differs");
    assert_eq!(socket["change"], "arguments");
    assert_eq!(
        socket["wider"],
        serde_json::json!(["family=AF_INET(2) type=SOCK_DGRAM(2)"])
    );
    let back = ig()
        .args(["seccomp-advisor", "diff"])
        .arg(&wide)
        .arg(&narrow)
        .output()
        .expect("ig diff");
    assert_eq!(back.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&back.stdout).contains("B no longer allows family=AF_INET(2)"));
}

/// `--auto --merge --learn-args`: the workload's profile allows the union of its replicas'
/// argument values, as `merge` does.
#[test]
fn auto_merge_unions_the_replicas_argument_values() {
    require!(Root, Docker, Gcc);
    let dir = program_dir();
    let base = unique("la-rep");
    let (r1, r2) = (format!("{base}-1"), format!("{base}-2"));
    let targets = format!("{r1},{r2}");
    let auto_dir = dir.join("auto-merge");
    let auto_s = auto_dir.to_string_lossy().to_string();
    let mut auto = IgProcess::spawn(&[
        "seccomp-advisor",
        "--auto",
        "--merge",
        "-c",
        &targets,
        "--learn-args",
        "socket",
        "--output-dir",
        &auto_s,
        "--timeout",
        "90",
    ]);
    auto.expect_said("automatic mode:", Duration::from_secs(30));
    let mut merged = 0;
    for (name, args) in [(&r1, &["sockets"][..]), (&r2, &["sockets", "udp"][..])] {
        let _c = start_workload(&dir, name, &[], args);
        merged += 1;
        auto.expect_said(&format!("({merged} replica(s))"), Duration::from_secs(30));
    }
    auto.signal(nix::sys::signal::Signal::SIGINT);
    let (_, _, err) = auto.finish(Duration::from_secs(30));
    assert!(!err.contains("keep name-only rules"), "{err}");
    let p = read_json(&auto_dir.join(format!("{base}.json")));
    assert_eq!(socket_pairs(&p), BTreeSet::from(STREAMS_AND_UDP), "{err}");
}
