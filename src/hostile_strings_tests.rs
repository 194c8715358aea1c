//! Tests: strings a container controls, field by field, through every output mode of every gadget.
//!
//! Each hostile value (control characters, escape sequences, invalid UTF-8 as ig receives it,
//! quotes, YAML specials, 1 MiB) is put into one field at a time; the record is printed in the
//! columns, json, jsonpretty and yaml modes; no raw control character may come out, and JSON
//! and YAML must parse back to exactly the record.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::bpf::records::comm_str;
use crate::gadgets::audit_seccomp::{columns as audit_columns, event_json, Event};
use crate::output::{Column, Mode, Printer};
use crate::runtime::{Container, K8sMeta, RuntimeKind};

/// Values a container can choose for its names, labels, comm or exe.
fn hostile_values() -> Vec<(&'static str, String)> {
    let invalid_utf8 = String::from_utf8_lossy(b"lib\xff\xfe\xc3(.so").into_owned();
    vec![
        (
            "terminal title + clear",
            "evil\x1b]0;pwned\x07\x1b[2J\x1b[H".to_string(),
        ),
        ("line breaks", "a\nb\rc\r\nTIMESTAMP fake row".to_string()),
        ("C1 CSI and DEL", "x\u{9b}31mred\u{7f}\u{85}".to_string()),
        ("NUL and tab", "nul\0tab\tend".to_string()),
        (
            "bidi override",
            "\u{202e}gnp.exe\u{2066}x\u{2069}".to_string(),
        ),
        ("invalid UTF-8 (lossy)", invalid_utf8),
        ("quotes", r#""dq" 'sq' \back\slash \u0041 "#.to_string()),
        (
            "YAML specials",
            "- &a *a !tag {x: [y]} # c | > % @ `".to_string(),
        ),
        ("YAML keywords", "yes".to_string()),
        ("YAML null", "~".to_string()),
        ("YAML number", "0x1F".to_string()),
        ("YAML document markers", "---\n...\n".to_string()),
        ("leading and trailing spaces", "  spaced  ".to_string()),
        ("empty", String::new()),
        ("1 MiB", "A".repeat(1 << 20)),
        // Escapes grow 3 to 6 times when escaped; 64 KiB of them keep debug-build tests quick.
        ("64 KiB of escapes", "\x1b[\u{9b}\u{202e}".repeat(1 << 14)),
    ]
}

fn is_unsafe_on_a_terminal(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Prints `rec` in every mode and checks the output (see the module comment).
fn check_all_modes(rec: &Value, columns: &[Column], what: &str) {
    // Fitting to a terminal is checked with the small values; 1 MiB ones only as piped output.
    let big = rec.to_string().len() > 1 << 19;
    let widths: &[Option<usize>] = if big { &[None] } else { &[None, Some(100)] };
    for mode in [Mode::Columns, Mode::Json, Mode::JsonPretty, Mode::Yaml] {
        for &width in widths {
            let mut p = Printer::new(Vec::new(), mode, columns.to_vec(), width);
            p.record(rec).expect("printing to memory");
            let out = String::from_utf8(p.into_inner())
                .unwrap_or_else(|e| panic!("{what}: {mode:?} output is not UTF-8: {e}"));
            if let Some(c) = out.chars().find(|&c| is_unsafe_on_a_terminal(c)) {
                panic!("{what}: raw U+{:04X} in {mode:?} output", u32::from(c));
            }
            match mode {
                Mode::Columns => assert_eq!(
                    out.lines().count(),
                    2,
                    "{what}: the columns mode prints a header and one row"
                ),
                Mode::Json | Mode::JsonPretty => {
                    if mode == Mode::Json {
                        assert_eq!(out.lines().count(), 1, "{what}: one JSON line per record");
                    }
                    let back: Value = serde_json::from_str(&out)
                        .unwrap_or_else(|e| panic!("{what}: {mode:?} does not parse: {e}"));
                    assert!(&back == rec, "{what}: {mode:?} changed the record");
                }
                Mode::Yaml => {
                    let doc = out.strip_prefix("---\n").expect("a YAML document marker");
                    let back: Value = serde_yaml::from_str(doc)
                        .unwrap_or_else(|e| panic!("{what}: YAML does not parse: {e}"));
                    assert!(&back == rec, "{what}: YAML changed the record");
                }
            }
        }
    }
}

fn benign_container() -> Container {
    Container {
        runtime: RuntimeKind::Docker,
        namespace: Some("moby".to_string()),
        id: "0123456789abcdef".repeat(4),
        name: "web".to_string(),
        image: "nginx:1".to_string(),
        pid: 42,
        mntns: 4026532323,
        labels: BTreeMap::new(),
        k8s: Some(K8sMeta {
            namespace: "default".to_string(),
            pod_name: "web-0".to_string(),
            container_name: "nginx".to_string(),
        }),
    }
}

fn benign_event() -> Event {
    let body = "audit(1700000000.123:77): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=4242 comm=\"sh\" exe=\"/bin/sh\" sig=31 arch=c000003e syscall=83 compat=0 ip=0x7f0000001234 code=0x0";
    let rec = crate::audit::record::parse_body(body).expect("benign record");
    Event::from_record(&rec)
}

/// Every field of a container that reaches output, set one at a time.
type ContainerField = (&'static str, fn(&mut Container, String));

fn container_fields() -> Vec<ContainerField> {
    vec![
        ("name", |c, v| c.name = v),
        ("id", |c, v| c.id = v),
        ("image", |c, v| c.image = v),
        ("containerd namespace", |c, v| c.namespace = Some(v)),
        ("k8s namespace", |c, v| {
            c.k8s.as_mut().expect("k8s").namespace = v;
        }),
        ("k8s pod", |c, v| c.k8s.as_mut().expect("k8s").pod_name = v),
        ("k8s container", |c, v| {
            c.k8s.as_mut().expect("k8s").container_name = v;
        }),
    ]
}

#[test]
fn audit_records_escape_every_container_field() {
    let columns: Vec<Column> = audit_columns(true)
        .into_iter()
        .chain(audit_columns(false))
        .map(|mut c| {
            c.default_visible = true;
            c
        })
        .collect();
    for (field, set) in container_fields() {
        for (label, value) in hostile_values() {
            let mut c = benign_container();
            set(&mut c, value);
            let rec = event_json(&benign_event(), Some(&c), "node-1", Mode::Json);
            check_all_modes(&rec, &columns, &format!("audit_seccomp {field} = {label}"));
        }
    }
}

#[test]
fn audit_records_escape_comm_exe_and_node() {
    let columns = audit_columns(false);
    for (label, value) in hostile_values() {
        let mut ev = benign_event();
        ev.comm = Some(value.clone());
        let rec = event_json(&ev, Some(&benign_container()), "n", Mode::Json);
        check_all_modes(&rec, &columns, &format!("comm = {label}"));
        let mut ev = benign_event();
        ev.exe = Some(value.clone());
        let rec = event_json(&ev, None, "n", Mode::Json);
        check_all_modes(&rec, &columns, &format!("exe = {label}"));
        let rec = event_json(&benign_event(), None, &value, Mode::Json);
        check_all_modes(&rec, &columns, &format!("node = {label}"));
    }
}

/// The kernel hex-encodes a comm or exe with special bytes; what ig decodes from it (invalid
/// UTF-8 included) still prints safely.
#[test]
fn hex_encoded_audit_comm_and_exe_print_safely() {
    let raw: &[u8] = b"\x1b]0;x\x07\xff\xfe\"'\n";
    let hex: String = raw.iter().map(|b| format!("{b:02X}")).collect();
    let body = format!(
        "audit(1700000000.123:77): pid=1 comm={hex} exe={hex} sig=0 arch=c000003e syscall=83 compat=0 ip=0x1 code=0x7ffc0000"
    );
    let rec = crate::audit::record::parse_body(&body).expect("hex record");
    let ev = Event::from_record(&rec);
    assert!(ev.comm.as_deref().is_some_and(|c| c.contains('\u{1b}')));
    check_all_modes(
        &event_json(&ev, None, "n", Mode::Json),
        &audit_columns(false),
        "hex comm",
    );
    // The eBPF source's comm: NUL-terminated bytes, lossy.
    let comm = comm_str(b"a\x1b[2J\xff\0rest");
    assert_eq!(comm, "a\u{1b}[2J\u{fffd}");
}

#[test]
fn container_listings_escape_every_field() {
    let columns = crate::gadgets::list_containers::columns(true);
    for (field, set) in container_fields() {
        for (label, value) in hostile_values() {
            let mut c = benign_container();
            set(&mut c, value);
            let mut rec = c.to_json();
            rec["event"] = "added".into();
            check_all_modes(
                &rec,
                &columns,
                &format!("list-containers {field} = {label}"),
            );
        }
    }
}

#[test]
fn labels_with_hostile_values_still_attribute_and_print() {
    for (label, value) in hostile_values() {
        let mut labels = BTreeMap::new();
        labels.insert("io.kubernetes.pod.namespace".to_string(), value.clone());
        labels.insert("io.kubernetes.pod.name".to_string(), value.clone());
        labels.insert("io.kubernetes.container.name".to_string(), value.clone());
        labels.insert(value.clone(), value.clone());
        let k8s = K8sMeta::from_labels(&labels).expect("k8s labels");
        assert_eq!(k8s.pod_name, value);
        assert!(!crate::runtime::is_sandbox(&labels));
        let mut c = benign_container();
        c.k8s = Some(k8s);
        c.labels = labels;
        check_all_modes(
            &c.to_json(),
            &crate::gadgets::list_containers::columns(false),
            &format!("labels = {label}"),
        );
    }
}

#[test]
fn cgroup_names_give_no_hostile_container_id() {
    for (label, value) in hostile_values() {
        // A container id taken from a hostile cgroup leaf is printed like any other string.
        if let Some(id) = crate::runtime::container_id_from_cgroup(&value) {
            let mut c = benign_container();
            c.id = id;
            check_all_modes(
                &c.to_json(),
                &crate::gadgets::list_containers::columns(false),
                &format!("cgroup = {label}"),
            );
        }
    }
}

#[test]
fn spo_profiles_keep_hostile_annotations_valid() {
    use crate::seccomp::{self as profile, SpoMeta, SpoVersion};
    let prof = profile::parse(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],"syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]}"#,
        "test",
    )
    .expect("profile");
    for (label, value) in hostile_values() {
        let mut annotations = BTreeMap::new();
        for key in ["pod", "container", "container-id", "node"] {
            annotations.insert(format!("seccomp.gadget.kinvolk.io/{key}"), value.clone());
        }
        let meta = SpoMeta {
            name: "web".to_string(),
            namespace: None,
            annotations: annotations.clone(),
            api_version: SpoVersion::V1,
        };
        let yaml =
            profile::to_spo_yaml(&prof, &meta).unwrap_or_else(|e| panic!("SPO with {label}: {e}"));
        if let Some(c) = yaml.chars().find(|&c| c.is_control() && c != '\n') {
            panic!("SPO with {label}: raw U+{:04X}", u32::from(c));
        }
        let doc: Value = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{label}: {e}"));
        for (k, v) in &annotations {
            assert_eq!(
                doc["metadata"]["annotations"][k].as_str(),
                Some(v.as_str()),
                "SPO annotation {k} with {label}"
            );
        }
        assert_eq!(profile::parse(&yaml, "spo").expect("parses back"), prof);
    }
}
