//! Provenance (`--explain`, `explain`), `check`, `diff` and `--coverage` on real recordings
//! of the Docker engine, and their usage errors.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::*;
use serde_json::Value;

const UNSHARE_WORK: &str = "unshare -U true; ls / > /dev/null";

fn docker_default() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seccomp/docker-default.json")
}

/// A profile that allows everything, so the recorder sees every syscall (seccomp runs
/// before the sys_enter tracepoint: a denied call is never recorded) and runc still
/// installs a filter, which marks the container's own syscalls.
fn allow_all(dir: &Path) -> String {
    let p = dir.join("allow-all.json");
    std::fs::write(&p, r#"{"defaultAction":"SCMP_ACT_ALLOW"}"#).expect("write");
    format!("seccomp={}", p.display())
}

/// Records two replicas `TAG-a` and `TAG-b` (everything allowed), each running its script,
/// with the advisor's `ig_args` added; returns ig's stdout and the replicas' names.
fn record_replicas(
    dir: &Path,
    tag: &str,
    scripts: [&str; 2],
    ig_args: &[&str],
) -> (String, [String; 2]) {
    let sec = allow_all(dir);
    let names = [unique(&format!("{tag}-a")), unique(&format!("{tag}-b"))];
    let targets = names.join(",");
    let rec = advisor(&[&["-c", &targets, "--timeout", "60"], ig_args].concat());
    let _containers = [0, 1].map(|i| {
        DockerContainer::start(
            &names[i],
            &["--security-opt", &sec],
            &["sh", "-c", scripts[i]],
        )
    });
    let (code, out, err) = rec.finish(Duration::from_secs(60));
    assert_eq!(code, Some(0), "{err}");
    (out, names)
}

fn check(profile: &Path, id: &str) -> (Option<i32>, Vec<Value>, String) {
    let out = ig()
        .args(["seccomp-advisor", "check", "--profile"])
        .arg(profile)
        .args(["--recording", id, "-o", "json"])
        .output()
        .expect("check");
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check output is not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (
        out.status.code(),
        rows,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What Docker's default profile (read here without ig) refuses for certain, for a
/// container with Docker's default capabilities on amd64: every name that no unconditional
/// ALLOW rule applying to it lists, and that no argument-conditioned rule mentions.
fn docker_default_denies(recorded: &BTreeSet<String>) -> BTreeSet<String> {
    let d: Value =
        serde_json::from_slice(&std::fs::read(docker_default()).expect("read")).expect("json");
    let default_caps = [
        "CAP_CHOWN",
        "CAP_DAC_OVERRIDE",
        "CAP_FSETID",
        "CAP_FOWNER",
        "CAP_MKNOD",
        "CAP_NET_RAW",
        "CAP_SETGID",
        "CAP_SETUID",
        "CAP_SETFCAP",
        "CAP_SETPCAP",
        "CAP_NET_BIND_SERVICE",
        "CAP_SYS_CHROOT",
        "CAP_KILL",
        "CAP_AUDIT_WRITE",
    ];
    let mut allowed = BTreeSet::new();
    let mut conditional = BTreeSet::new();
    for r in d["syscalls"].as_array().expect("rules") {
        let list = |v: &Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default()
        };
        let inc = &r["includes"];
        let applies = list(&inc["caps"])
            .iter()
            .all(|c| default_caps.contains(&c.as_str()))
            && (inc["arches"].is_null() || list(&inc["arches"]).contains(&"amd64".to_string()))
            && r["excludes"]["caps"].is_null();
        let rule_names = list(&r["names"]);
        if r["args"].as_array().is_some_and(|a| !a.is_empty()) {
            conditional.extend(rule_names);
        } else if applies && r["action"] == "SCMP_ACT_ALLOW" {
            allowed.extend(rule_names);
        }
    }
    recorded
        .iter()
        .filter(|n| !allowed.contains(*n) && !conditional.contains(*n))
        .cloned()
        .collect()
}

#[test]
fn provenance_and_check_of_a_recording_with_unshare() {
    require!(Root, Docker);
    let dir = tempdir();
    let name = unique("explain");
    let id = start_recording(&["-c", &name]);
    let sec = allow_all(&dir);
    let run = DockerRun::named(&name)
        .opts(&["--security-opt", &sec])
        .sh(UNSHARE_WORK);
    assert_ran(&run, "the recorded container");
    std::thread::sleep(Duration::from_millis(1500));
    let explain_file = dir.join("explain.json");
    let out = run_ok(ig().args(["seccomp-advisor", "stop", &id]));
    let recorded: Value = serde_json::from_slice(&out.stdout).expect("profile JSON");
    let profile_path = dir.join("recorded.json");
    std::fs::write(&profile_path, &out.stdout).expect("write");
    assert!(
        first_rule_names(&recorded).contains("unshare"),
        "{recorded}"
    );

    // Provenance: unshare by the unshare applet (busybox) in the container phase; mount by
    // the runtime before the filter.
    let out = run_ok(ig().args(["seccomp-advisor", "explain", &id, "-o", "json"]));
    std::fs::write(&explain_file, &out.stdout).expect("write");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("explain JSON");
    let c = &doc["containers"][0];
    assert_eq!(c["name"], name.as_str());
    let entry = |n: &str| -> Value {
        c["syscalls"]
            .as_array()
            .expect("syscalls")
            .iter()
            .find(|e| e["syscall"] == n && e["abi"] == "x86_64")
            .cloned()
            .unwrap_or_else(|| panic!("no {n} in {c}"))
    };
    let u = entry("unshare");
    assert_eq!(u["comm"], "unshare", "{u}");
    assert!(
        u["exe"].as_str().unwrap_or_default().ends_with("busybox"),
        "the unshare applet is /bin/busybox: {u}"
    );
    assert_eq!(u["phase"], "container", "{u}");
    assert_eq!(u["inProfile"], true);
    assert!(u["pid"].as_u64().unwrap_or(0) > 0);
    let m = entry("mount");
    assert_eq!(m["phase"], "runtime", "{m}");
    assert_eq!(m["inProfile"], false);
    // Every recorded syscall of the profile has a first process (no first use was lost);
    // exit and exit_group are in every profile ig writes, recorded or not.
    for n in first_rule_names(&recorded)
        .into_iter()
        .filter(|n| n != "exit" && n != "exit_group")
    {
        let e = c["syscalls"]
            .as_array()
            .expect("syscalls")
            .iter()
            .find(|e| e["syscall"] == n.as_str())
            .cloned()
            .unwrap_or_else(|| panic!("{n} not explained"));
        assert!(!e["comm"].is_null(), "{n} has no first process: {e}");
    }
    // The same file reads back as a table.
    let out = run_ok(ig().args(["seccomp-advisor", "explain"]).arg(&explain_file));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.starts_with("SYSCALL"), "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("unshare ") && l.contains("container")),
        "{table}"
    );

    // check against the recorded profile minus unshare: exits 1 and names it.
    let mut without = recorded.clone();
    let list = without["syscalls"][0]["names"]
        .as_array_mut()
        .expect("names");
    list.retain(|n| n != "unshare");
    let without_path = dir.join("without-unshare.json");
    std::fs::write(&without_path, without.to_string()).expect("write");
    let (code, rows, err) = check(&without_path, &id);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["syscall"], "unshare");
    assert_eq!(rows[0]["action"], "SCMP_ACT_ERRNO(1)");
    assert_eq!(rows[0]["comm"], "unshare");
    assert!(rows[0]["exe"]
        .as_str()
        .unwrap_or_default()
        .ends_with("busybox"));

    // Against the recorded profile: nothing breaks.
    let (code, rows, err) = check(&profile_path, &id);
    assert_eq!(code, Some(0), "{err}");
    assert!(rows.is_empty(), "{rows:?}");

    // Against Docker's default: exactly what it refuses for certain.
    let (code, rows, err) = check(&docker_default(), &id);
    assert_eq!(code, Some(1), "{err}");
    let reported: BTreeSet<String> = rows
        .iter()
        .filter(|r| r["breaks"] == true)
        .map(|r| r["syscall"].as_str().unwrap_or_default().to_string())
        .collect();
    let expected = docker_default_denies(&first_rule_names(&recorded));
    assert!(expected.contains("unshare"), "{expected:?}");
    assert_eq!(reported, expected, "{rows:?}");
}

/// Two replicas of one service doing different work, recorded together.
#[test]
fn diff_and_coverage_of_two_replicas() {
    require!(Root, Docker);
    let dir = tempdir();
    let out_dir = dir.join("profiles");
    let out_dir_s = out_dir.display().to_string();
    let (_, [a, b]) = record_replicas(
        &dir,
        "rep",
        ["ls / > /dev/null", "unshare -U true; mkdir /tmp/d"],
        &["--output-dir", &out_dir_s],
    );
    let pa = out_dir.join(format!("{a}.json"));
    let pb = out_dir.join(format!("{b}.json"));
    let (na, nb) = (
        first_rule_names(&read_json(&pa)),
        first_rule_names(&read_json(&pb)),
    );

    // diff A B: B adds unshare and mkdir (exit 1: B allows more); the reverse only removes.
    let out = ig()
        .args(["seccomp-advisor", "diff", "-o", "json"])
        .args([&pa, &pb])
        .output()
        .expect("diff");
    assert_eq!(out.status.code(), Some(1));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("diff JSON");
    let added: BTreeSet<String> = rows
        .iter()
        .filter(|r| r["change"] == "added" && r["arches"][0] == "x86_64")
        .map(|r| r["syscall"].as_str().unwrap_or_default().to_string())
        .collect();
    let removed: BTreeSet<String> = rows
        .iter()
        .filter(|r| r["change"] == "removed" && r["arches"][0] == "x86_64")
        .map(|r| r["syscall"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(added, nb.difference(&na).cloned().collect(), "{rows:?}");
    assert_eq!(removed, na.difference(&nb).cloned().collect(), "{rows:?}");
    assert!(added.contains("unshare"), "{added:?}");
    assert!(
        added.contains("mkdir") || added.contains("mkdirat"),
        "{added:?}"
    );
    let out = ig()
        .args(["seccomp-advisor", "diff"])
        .args([&pb, &pa])
        .output()
        .expect("diff");
    let widened = !na.is_subset(&nb);
    assert_eq!(out.status.code(), Some(i32::from(widened)));

    // merge --coverage: N of 2 per syscall, as a file and an SPO annotation.
    let cov = dir.join("coverage.json");
    let out = run_ok(
        ig().args([
            "seccomp-advisor",
            "merge",
            "-m",
            "seccomp-profile",
            "--coverage",
        ])
        .arg(&cov)
        .args([&pa, &pb]),
    );
    let yaml = String::from_utf8_lossy(&out.stdout);
    let doc: Value = read_json(&cov);
    assert_eq!(doc["inputs"].as_array().map(Vec::len), Some(2));
    for n in na.union(&nb) {
        let want = u64::from(na.contains(n)) + u64::from(nb.contains(n));
        assert_eq!(doc["syscalls"][n]["count"], want, "{n}: {doc}");
        assert_eq!(doc["syscalls"][n]["of"], 2);
    }
    assert!(
        yaml.contains("seccomp.gadget.kinvolk.io/syscall-coverage:")
            && yaml.contains("unshare=1/2")
            && yaml.contains("execve=2/2"),
        "{yaml}"
    );
}

/// `--merge --coverage` on a recording of two replicas: one profile, and N of 2 per syscall.
#[test]
fn merge_flag_writes_coverage_of_a_recording() {
    require!(Root, Docker);
    let dir = tempdir();
    let cov = dir.join("coverage.json");
    let cov_s = cov.display().to_string();
    let (out, _) = record_replicas(
        &dir,
        "cov",
        ["true", "unshare -U true"],
        &["--merge", "--coverage", &cov_s],
    );
    let merged: Value = serde_json::from_str(&out).expect("one merged profile");
    assert!(first_rule_names(&merged).contains("unshare"));
    let doc: Value = read_json(&cov);
    assert_eq!(doc["inputs"].as_array().map(Vec::len), Some(2), "{doc}");
    assert_eq!(doc["syscalls"]["unshare"]["count"], 1, "{doc}");
    assert_eq!(doc["syscalls"]["execve"]["count"], 2, "{doc}");
    assert_eq!(doc["syscalls"]["execve"]["of"], 2, "{doc}");
}

#[test]
fn bad_input_is_a_usage_error() {
    let dir = tempdir();
    let good = dir.join("good.json");
    std::fs::write(&good, r#"{"defaultAction":"SCMP_ACT_ERRNO"}"#).expect("write");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"defaultAction":"SCMP_ACT_NOPE"}"#).expect("write");
    // No workload, two workloads, a bad profile, a missing profile.
    for args in [
        vec!["check", "--profile", good.to_str().unwrap_or_default()],
        vec![
            "check",
            "--profile",
            good.to_str().unwrap_or_default(),
            "--recording",
            "AAAAAAAAAAAAAAAA",
            "--audit-log",
            "/dev/null",
        ],
        vec![
            "check",
            "--profile",
            bad.to_str().unwrap_or_default(),
            "--audit-log",
            "/dev/null",
        ],
        vec![
            "diff",
            good.to_str().unwrap_or_default(),
            "/nonexistent.json",
        ],
        vec!["-c", "somebody", "--coverage", "/tmp/x.json"],
    ] {
        let out = ig()
            .arg("seccomp-advisor")
            .args(&args)
            .output()
            .expect("ig");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn check_of_an_audit_log_counts_records_per_syscall() {
    let dir = tempdir();
    let log = dir.join("dmesg.txt");
    // Two unshare records and one getppid record of a 64-bit task, one i386 uname.
    let rec = |pid: u32, comm: &str, exe: &str, arch: &str, nr: u32| {
        format!("[  1.0] audit: type=1326 audit(1700000000.100:7): auid=4294967295 uid=0 gid=0 ses=4294967295 subj=unconfined pid={pid} comm=\"{comm}\" exe=\"{exe}\" sig=0 arch={arch} syscall={nr} compat=0 ip=0x7f0 code=0x7ffc0000\n")
    };
    let text = rec(10, "unshare", "/bin/busybox", "c000003e", 272)
        + &rec(11, "unshare", "/bin/busybox", "c000003e", 272)
        + &rec(12, "sh", "/bin/busybox", "c000003e", 110)
        + &rec(13, "t32", "/t32", "40000003", 122);
    std::fs::write(&log, text).expect("write");
    let profile = dir.join("p.json");
    std::fs::write(
        &profile,
        r#"{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"],"syscalls":[{"names":["getppid","uname"],"action":"SCMP_ACT_ALLOW"}]}"#,
    )
    .expect("write");
    let out = ig()
        .args(["seccomp-advisor", "check", "--profile"])
        .arg(&profile)
        .arg("--audit-log")
        .arg(&log)
        .args(["-o", "json"])
        .output()
        .expect("check");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["syscall"], "unshare");
    assert_eq!(rows[0]["count"], 2);
    assert_eq!(rows[0]["pid"], 10);
    assert_eq!(rows[0]["exe"], "/bin/busybox");
}

/// `check -- CMD` records the command and checks it; its own syscalls are the `container`
/// phase (from its execve on), and `unshare` names the host's unshare executable.
#[test]
fn check_of_a_command_names_its_executables() {
    require!(Root);
    let dir = tempdir();
    let profile = dir.join("no-unshare.json");
    std::fs::write(
        &profile,
        r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["unshare"],"action":"SCMP_ACT_ERRNO"}]}"#,
    )
    .expect("write");
    let explain_file = dir.join("explain.json");
    let out = ig()
        .args(["seccomp-advisor", "check", "--profile"])
        .arg(&profile)
        .arg("--explain")
        .arg(&explain_file)
        .args(["-o", "json", "--", "/bin/sh", "-c", "unshare -U true; true"])
        .output()
        .expect("check");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["syscall"], "unshare");
    assert_eq!(rows[0]["comm"], "unshare");
    assert_eq!(rows[0]["phase"], "container");
    let exe = rows[0]["exe"].as_str().unwrap_or_default();
    assert!(exe.ends_with("unshare"), "{exe}");
    let doc: Value =
        serde_json::from_slice(&std::fs::read(&explain_file).expect("explain")).expect("json");
    let execve = doc["containers"][0]["syscalls"]
        .as_array()
        .expect("syscalls")
        .iter()
        .find(|e| e["syscall"] == "execve")
        .cloned()
        .expect("execve explained");
    assert_eq!(execve["phase"], "container", "{execve}");
}
