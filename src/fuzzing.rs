//! Entry points for the fuzz targets in `fuzz/`: every parser of input ig does not control.
//!
//! Each function takes raw bytes, runs one parser on them and checks the properties that must
//! hold for any input (no panic, output that parses back, escaping that leaves no control
//! character). A failed check panics, which the fuzzer reports as a crash. The targets reach
//! them through `ig::testing`; not a stable API.

use std::collections::BTreeMap;

use crate::audit::record::{parse_body, parse_line, LogLine};
use crate::bpf::records::{comm_str, SeccompEvent, StackEvent};
use crate::output::{escape_cell, needs_escape, Column, Mode, Printer};
use crate::runtime::{container_id_from_cgroup, is_sandbox, Container, K8sMeta, RuntimeKind};
use crate::seccomp as profile;

/// Audit record bodies as the netlink socket delivers them (`audit(T:S): pid=...`).
pub fn audit_body(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(rec) = parse_body(&text) {
        check_record(&rec);
    }
}

/// Log lines in every form ig reads: dmesg, `dmesg -T`, audit.log, journal, Talos.
pub fn audit_line(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for line in text.lines() {
        if let Ok(LogLine::Seccomp(rec)) = parse_line(line) {
            check_record(&rec);
        }
    }
}

fn check_record(rec: &crate::audit::record::SeccompRecord) {
    let _ = rec.action();
    let _ = rec.action_data();
    let json = serde_json::to_string(rec).expect("a parsed record serializes");
    let _: serde_json::Value = serde_json::from_str(&json).expect("its JSON parses back");
}

/// OCI/Docker JSON and SPO YAML profiles: parse, then what ig writes must parse back equal.
pub fn profile(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(p) = profile::parse(text, "fuzz") else {
        return;
    };
    let json = p.to_json().expect("a parsed profile serializes");
    let again = profile::parse(&json, "fuzz-json").expect("ig's own JSON parses back");
    assert_eq!(p, again, "JSON round trip changed the profile");
    let meta = profile::SpoMeta {
        name: "fuzz".to_string(),
        namespace: None,
        annotations: BTreeMap::new(),
        api_version: profile::SpoVersion::default(),
    };
    if let Ok(yaml) = profile::to_spo_yaml(&p, &meta) {
        let back = profile::parse(&yaml, "fuzz-yaml").expect("ig's own SPO YAML parses back");
        assert_eq!(
            back.syscalls.len(),
            p.syscalls.len(),
            "SPO round trip lost rules"
        );
    }
    let _ = profile::merge(&[p.clone(), p]);
}

/// `/proc/PID/maps` lines.
pub fn maps_line(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for line in text.lines() {
        if let Some(m) = crate::symbolize::parse_maps_line(line) {
            assert!(line.contains(m.path), "the path is a part of the line");
        }
    }
}

/// Ring-buffer records of the eBPF programs (seccomp events and user stacks), at any length.
pub fn ring_record(data: &[u8]) {
    if let Ok(ev) = SeccompEvent::decode(data) {
        let comm = comm_str(&ev.comm);
        assert!(!comm.contains('\0'), "comm stops at its NUL");
        assert!(
            ev.ustack.len() * 8 <= data.len(),
            "no frame beyond the record"
        );
        if let Some(exe) = &ev.exe {
            assert!(!exe.contains('\0'), "path components stop at their NUL");
        }
    }
    if let Ok(ev) = StackEvent::decode(data) {
        assert!(
            ev.ustack.len() * 8 <= data.len(),
            "no frame beyond the record"
        );
        if let Some((_, p)) = &ev.exe_in_fs {
            assert!(p.starts_with('/'), "a place in a file system is absolute");
            assert!(!p.contains('\0'), "path components stop at their NUL");
        }
    }
}

/// Runtime labels and names: attribution, then every output mode must escape them and parse
/// back. Input: `key=value` lines; the first line is the container's name, the second its
/// cgroup leaf.
pub fn runtime_labels(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let name = lines.next().unwrap_or_default().to_string();
    let cgroup = lines.next().unwrap_or_default();
    let labels: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let _ = is_sandbox(&labels);
    if let Some(id) = container_id_from_cgroup(cgroup) {
        assert!(cgroup.contains(id.as_str()), "the id comes from the leaf");
    }
    let c = Container {
        runtime: RuntimeKind::Docker,
        namespace: labels.get("ns").cloned(),
        id: cgroup.to_string(),
        name: name.clone(),
        image: labels.get("image").cloned().unwrap_or_default(),
        pid: 1,
        mntns: 1,
        k8s: K8sMeta::from_labels(&labels),
        labels,
    };
    check_outputs(&c.to_json());
    assert!(
        !escape_cell(&name).chars().any(needs_escape),
        "a cell keeps no control character"
    );
}

/// Writes `rec` in every output mode; each must parse back (JSON, YAML) or hold no control
/// character but the line end (columns).
pub fn check_outputs(rec: &serde_json::Value) {
    let columns = vec![
        Column::new("NAME", "runtime.containerName", 10),
        Column::new("IMAGE", "runtime.containerImageName", 10),
        Column::new("POD", "k8s.podName", 10),
    ];
    for mode in [Mode::Columns, Mode::Json, Mode::JsonPretty, Mode::Yaml] {
        for width in [None, Some(80)] {
            let mut p = Printer::new(Vec::new(), mode, columns.clone(), width);
            p.record(rec).expect("printing to memory");
            let out = String::from_utf8(p.into_inner()).expect("output is UTF-8");
            assert!(
                !out.chars().any(|c| needs_escape(c) && c != '\n'),
                "raw control or bidi character in {mode:?} output"
            );
            match mode {
                Mode::Json | Mode::JsonPretty => {
                    let back: serde_json::Value =
                        serde_json::from_str(&out).expect("JSON output parses back");
                    assert_eq!(&back, rec, "JSON output changed the record");
                }
                Mode::Yaml => {
                    let back: serde_json::Value =
                        serde_yaml::from_str(out.trim_start_matches("---\n"))
                            .expect("YAML output parses back");
                    assert_eq!(&back, rec, "YAML output changed the record");
                }
                Mode::Columns => {}
            }
        }
    }
}
