//! What each known kernel allows (tests/common `known_kernel()`), checked against what ig
//! finds: `ig features` and the source `ig run audit_seccomp` picks by itself. Run on the
//! host and, by scripts/test.sh, on Debian's stock 6.1 and 6.12 kernels in a VM.

use std::time::Duration;

use crate::common::*;
use serde_json::Value;

#[test]
fn features_match_what_this_kernel_allows() {
    require!(Root);
    let k = known_kernel();
    let out = run_ok(ig().args(["features", "-o", "json"]));
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<Value> = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Array(a)) => a,
        _ => text
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON"))
            .collect(),
    };
    let attaches = |ty: &str| {
        let r = rows
            .iter()
            .find(|r| r["type"] == ty)
            .unwrap_or_else(|| panic!("no {ty} row: {text}"));
        r["attaches"]
            .as_bool()
            .unwrap_or_else(|| panic!("{ty}: {r}"))
    };
    for ty in ["tp_btf", "raw_tracepoint", "tracepoint"] {
        assert!(attaches(ty), "{}: {ty} must attach: {text}", k.name);
    }
    assert_eq!(attaches("kprobe"), k.kprobe, "{}: kprobe: {text}", k.name);
    assert_eq!(attaches("fentry"), k.fentry, "{}: fentry: {text}", k.name);
}

#[test]
fn audit_seccomp_picks_the_source_this_kernel_allows() {
    require!(Root);
    let k = known_kernel();
    let out = ig()
        .args(["run", "audit_seccomp", "--timeout", "1"])
        .output()
        .expect("ig");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let want = match (k.kprobe, k.fentry) {
        (true, _) => "ig: source: ebpf (kprobe on audit_seccomp)",
        (false, true) => "ig: source: ebpf (fentry on audit_seccomp)",
        (false, false) => "ig: source: audit (kernel audit netlink), because",
    };
    assert!(err.contains(want), "{}: want {want:?}: {err}", k.name);
}

/// `audit=0` at boot: the kernel writes no audit record, yet still calls audit_seccomp().
/// The audit source must refuse with that reason; the ebpf source (where the kernel allows
/// it) still sees every call and says so. Booted that way by scripts/test.sh
/// (`IG_VM_CMDLINE=audit=0`); on a normal boot the same test checks that neither says it.
#[test]
fn audit_off_at_boot_is_said_by_each_source() {
    // Not a Docker test: root is all it needs (the audit=0 VM runs without daemons).
    require!(Root, Gcc);
    let k = known_kernel();
    let off = std::fs::read_to_string("/proc/cmdline")
        .expect("cmdline")
        .split_whitespace()
        .any(|t| t == "audit=0");
    let said = "audit subsystem is disabled (audit=0 at boot)";
    let out = ig()
        .args([
            "run",
            "audit_seccomp",
            "--source",
            "audit",
            "--timeout",
            "1",
        ])
        .output()
        .expect("ig");
    let err = String::from_utf8_lossy(&out.stderr);
    if off {
        assert_eq!(out.status.code(), Some(1), "{}: {err}", k.name);
        assert!(err.contains(said), "{}: {err}", k.name);
    } else {
        assert_eq!(out.status.code(), Some(0), "{}: {err}", k.name);
        assert!(!err.contains(said), "{}: {err}", k.name);
    }
    if !(k.kprobe || k.fentry) {
        return;
    }
    let helper = seccomp_log_mkdir();
    let dir = tempdir();
    let mut ig = audit_stream(&[
        "--source",
        "ebpf",
        "--host",
        "-o",
        "json",
        "--timeout",
        "60",
    ]);
    std::thread::sleep(Duration::from_millis(500));
    let st = std::process::Command::new(&helper)
        .arg("audit-off")
        .arg(dir.join("m1"))
        .arg(dir.join("m2"))
        .status()
        .expect("helper");
    assert!(st.success());
    let n = std::cell::Cell::new(0);
    let both = ig.wait_for(false, Duration::from_secs(60), |l| {
        n.set(n.get() + usize::from(l.contains("audit-off")));
        n.get() >= 2
    });
    assert!(both, "{}: the ebpf source did not show both mkdirs", k.name);
    ig.signal(nix::sys::signal::Signal::SIGINT);
    let (code, out, err) = ig.finish(Duration::from_secs(30));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err.contains(said), off, "{}: {err}", k.name);
    let mine: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON"))
        .filter(|r| r["proc"]["comm"] == "audit-off")
        .collect();
    assert_eq!(mine.len(), 2, "{}: both logged mkdirs: {out}", k.name);
    for r in &mine {
        assert_eq!(r["code"], "SECCOMP_RET_LOG", "{r}");
        assert_eq!(r["exe"], helper.to_string_lossy().as_ref(), "{r}");
    }
}
