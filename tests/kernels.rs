//! What each known kernel allows (tests/common `known_kernel()`), checked against what ig
//! finds: `ig features` and the source `ig run audit_seccomp` picks by itself. Run on the
//! host and, by scripts/test.sh, on Debian's stock 6.1 and 6.12 kernels in a VM.

mod common;

use common::*;
use serde_json::Value;

#[test]
fn features_match_what_this_kernel_allows() {
    if !require_privileged("features_match_what_this_kernel_allows") {
        return;
    }
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
    if !require_privileged("audit_seccomp_picks_the_source_this_kernel_allows") {
        return;
    }
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
