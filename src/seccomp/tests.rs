use super::*;

/// Prefix of the annotations ig writes (extra test keys share it).
const ANNOTATION_PREFIX: &str = "seccomp.gadget.kinvolk.io/";
use serde_json::{json, Value};

fn observed(entries: &[(Abi, &[u32])]) -> Observed {
    let mut o = Observed::default();
    for (abi, nrs) in entries {
        for nr in *nrs {
            o.insert(*abi, *nr);
        }
    }
    o
}

fn x86_opts() -> BuildOptions {
    BuildOptions::new("SCMP_ACT_ERRNO", 1, vec![Abi::X86_64, Abi::X86, Abi::X32]).unwrap()
}

fn allow(names: &[&str]) -> SyscallRule {
    SyscallRule {
        names: names.iter().map(|s| s.to_string()).collect(),
        action: "SCMP_ACT_ALLOW".into(),
        errno_ret: None,
        args: vec![],
    }
}

fn profile(
    default: &str,
    errno: Option<u32>,
    arches: &[&str],
    rules: Vec<SyscallRule>,
) -> OciProfile {
    OciProfile {
        default_action: default.into(),
        default_errno_ret: errno,
        architectures: arches.iter().map(|s| s.to_string()).collect(),
        flags: vec![],
        listener_path: None,
        listener_metadata: None,
        syscalls: rules,
    }
}

fn arg(index: u32, value: u64, op: &str) -> ArgRule {
    ArgRule {
        index,
        value,
        value_two: 0,
        op: op.into(),
    }
}

#[test]
fn build_unions_names_across_abis_with_exact_json_shape() {
    // x86_64: read write execve exit_group; x86: read write socketcall;
    // x32 (raw with the 0x40000000 bit, and without): read execve.
    let obs = observed(&[
        (Abi::X86_64, &[0, 1, 59, 231]),
        (Abi::X86, &[3, 4, 102]),
        (Abi::X32, &[0x4000_0000, 520]),
    ]);
    let built = build(&obs, &x86_opts());
    assert!(built.unknown.is_empty());
    assert!(built.notes.is_empty(), "{:?}", built.notes);
    assert_eq!(
        built.profile.to_json().unwrap(),
        r#"{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,"architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"],"syscalls":[{"names":["execve","exit_group","read","socketcall","write"],"action":"SCMP_ACT_ALLOW"}]}"#
    );
}

#[test]
fn build_reports_unknown_numbers_and_never_names_them() {
    let obs = observed(&[(Abi::X86_64, &[0, 59, 9999]), (Abi::X86, &[7777])]);
    let built = build(&obs, &x86_opts());
    assert_eq!(built.unknown, vec![(Abi::X86_64, 9999), (Abi::X86, 7777)]);
    let names = &built.profile.syscalls[0].names;
    assert_eq!(names, &["execve", "read"]);
    let json = built.profile.to_json().unwrap();
    assert!(!json.contains("9999") && !json.contains("7777"), "{json}");
}

#[test]
fn build_adds_observed_abis_and_notes_missing_execve() {
    let opts = BuildOptions::new("kill-process", 1, vec![Abi::X86_64]).unwrap();
    assert_eq!(opts.default_action, "SCMP_ACT_KILL_PROCESS");
    let built = build(&observed(&[(Abi::X86_64, &[0]), (Abi::X86, &[4])]), &opts);
    assert_eq!(
        built.profile.architectures,
        ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"]
    );
    // KILL_PROCESS takes no errno: none is written.
    assert_eq!(built.profile.default_errno_ret, None);
    assert!(
        built.notes.iter().any(|n| n.contains("x86 ABI")),
        "{:?}",
        built.notes
    );
    assert!(
        built.notes.iter().any(|n| n.contains("execve")),
        "{:?}",
        built.notes
    );

    let empty = build(&Observed::default(), &BuildOptions::default());
    assert!(empty.profile.syscalls.is_empty());
    assert_eq!(
        empty.profile.architectures,
        Abi::host_abis()
            .iter()
            .map(|a| a.scmp_arch())
            .collect::<Vec<_>>()
    );
    assert!(empty.notes[0].contains("no syscalls"));
}

#[test]
fn build_options_validate() {
    let e = BuildOptions::new("SCMP_ACT_FOO", 1, vec![]).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("unknown action \"SCMP_ACT_FOO\" (valid: SCMP_ACT_KILL, "),
        "{e}"
    );
    assert!(BuildOptions::new("errno", 0, vec![]).is_err());
    assert!(BuildOptions::new("errno", 4096, vec![]).is_err());
    assert_eq!(parse_action("Log").unwrap(), "SCMP_ACT_LOG");
}

#[test]
fn parse_errors_are_clear() {
    let e = parse(
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\",\n \"syscalls\": [}",
        "base.json",
    )
    .unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("parsing profile base.json: "), "{msg}");
    assert!(msg.contains("line 2 column"), "{msg}");

    let e = parse(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_FOO"}]}"#,
        "base.json",
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "parsing profile base.json: unknown action \"SCMP_ACT_FOO\" (valid: {}) at syscalls[0].action",
            Action::all_names()
        )
    );

    let cases = [
        (r#"{"syscalls":[]}"#, "missing defaultAction"),
        (
            r#"{"defaultAction":"SCMP_ACT_NOPE"}"#,
            "unknown action \"SCMP_ACT_NOPE\"",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ALLOW","defaultErrnoRet":1}"#,
            "takes no errno",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_Z80"]}"#,
            "unknown architecture \"SCMP_ARCH_Z80\"",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","flags":["SECCOMP_FILTER_FLAG_X"]}"#,
            "unknown flag",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","errnoRet":1}]}"#,
            "syscalls[0].errnoRet is 1 but SCMP_ACT_ALLOW takes no errno",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","args":[{"index":6,"value":0,"op":"SCMP_CMP_EQ"}]}]}"#,
            "argument index 6 out of range",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":0,"op":"SCMP_CMP_ISH"}]}]}"#,
            "unknown operator \"SCMP_CMP_ISH\"",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":[],"action":"SCMP_ACT_ALLOW"}]}"#,
            "syscalls[0] has no syscall names",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["mount"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN"]}}]}"#,
            "Docker \"includes\" conditions",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":-1}"#,
            "invalid value: integer `-1`",
        ),
        ("   \n", "the file is empty"),
    ];
    for (text, want) in cases {
        let msg = parse(text, "p.json").unwrap_err().to_string();
        assert!(msg.starts_with("parsing profile p.json: "), "{msg}");
        assert!(msg.contains(want), "{text}: {msg}");
    }
}

const DOCKER_STYLE: &str = r#"{
    "defaultAction": "SCMP_ACT_ERRNO",
    "defaultErrnoRet": 1,
    "archMap": [
        {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
        {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]},
        {"architecture": "SCMP_ARCH_RISCV64", "subArchitectures": null}
    ],
    "syscalls": [
        {"names": ["read", "write", "execve"], "action": "SCMP_ACT_ALLOW", "args": [], "comment": "", "includes": {}, "excludes": {}},
        {"name": "exit_group", "action": "SCMP_ACT_ALLOW", "args": null},
        {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 0, "valueTwo": 0, "op": "SCMP_CMP_EQ"}]},
        {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 4294967295, "op": "SCMP_CMP_EQ"}]},
        {"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]},
        {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38}
    ]
}"#;

#[test]
fn docker_style_profile_round_trips() {
    let p = parse(DOCKER_STYLE, "docker.json").unwrap();
    assert_eq!(
        p.architectures,
        [
            "SCMP_ARCH_X86_64",
            "SCMP_ARCH_X86",
            "SCMP_ARCH_X32",
            "SCMP_ARCH_AARCH64",
            "SCMP_ARCH_ARM",
            "SCMP_ARCH_RISCV64"
        ]
    );
    assert_eq!(p.syscalls.len(), 6);
    assert_eq!(p.syscalls[1].names, ["exit_group"]);
    assert_eq!(p.syscalls[3].args, [arg(0, 4294967295, "SCMP_CMP_EQ")]);
    assert_eq!(p.syscalls[5].errno_ret, Some(38));

    let json = p.to_json_pretty().unwrap();
    assert!(
        !json.contains("archMap") && !json.contains("comment") && !json.contains("valueTwo"),
        "{json}"
    );
    let again = parse(&json, "again.json").unwrap();
    assert_eq!(again, p);
    // serde's Deserialize goes through the same reader.
    let via_serde: OciProfile = serde_json::from_str(DOCKER_STYLE).unwrap();
    assert_eq!(via_serde, p);

    // Merging a single profile keeps its meaning.
    let (m, notes) = merge(std::slice::from_ref(&p)).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    let v: Value = serde_json::to_value(&m).unwrap();
    assert_eq!(
        v["syscalls"][0],
        json!({"names": ["execve", "exit_group", "read", "write"], "action": "SCMP_ACT_ALLOW"})
    );
    assert_eq!(
        v["syscalls"][1],
        json!({"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38})
    );
    let conds: Vec<&Value> = v["syscalls"].as_array().unwrap()[2..].iter().collect();
    assert_eq!(conds.len(), 3);
    assert!(conds
        .iter()
        .all(|r| r["action"] == "SCMP_ACT_ALLOW" && r["args"].as_array().unwrap().len() == 1));
}

#[test]
fn merge_replicas_unions_allow_lists() {
    let a = profile(
        "SCMP_ACT_ERRNO",
        Some(1),
        &["SCMP_ARCH_X86"],
        vec![allow(&["write", "read"])],
    );
    let b = profile(
        "SCMP_ACT_ERRNO",
        Some(1),
        &["SCMP_ARCH_X86_64"],
        vec![allow(&["read", "openat"])],
    );
    let (m, notes) = merge(&[a.clone(), b.clone()]).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(
        m.to_json().unwrap(),
        r#"{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,"architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86"],"syscalls":[{"names":["openat","read","write"],"action":"SCMP_ACT_ALLOW"}]}"#
    );
    assert_eq!(merge(&[b, a]).unwrap().0, m);
    assert!(merge(&[]).is_err());
}

#[test]
fn merge_conflicting_profiles() {
    // A: ERRNO default, personality only under args, ptrace KILL.
    let mut a = profile(
        "SCMP_ACT_ERRNO",
        Some(1),
        &["SCMP_ARCH_X86_64"],
        vec![allow(&["read"])],
    );
    a.syscalls.push(SyscallRule {
        args: vec![arg(0, 8, "SCMP_CMP_EQ")],
        ..allow(&["personality", "socket"])
    });
    a.syscalls.push(SyscallRule {
        names: vec!["ptrace".into()],
        action: "SCMP_ACT_KILL".into(),
        errno_ret: None,
        args: vec![],
    });
    // B: ERRNO default with another errno; personality unconditionally; clone3 ENOSYS.
    let mut b = profile(
        "SCMP_ACT_ERRNO",
        Some(38),
        &["SCMP_ARCH_X86"],
        vec![allow(&["personality", "write"])],
    );
    b.syscalls.push(SyscallRule {
        names: vec!["clone3".into()],
        action: "SCMP_ACT_ERRNO".into(),
        errno_ret: Some(38),
        args: vec![],
    });
    let (m, notes) = merge_labeled(&[("a.json", &a), ("b.json", &b)]).unwrap();
    let v = serde_json::to_value(&m).unwrap();
    assert_eq!(
        v,
        json!({
            "defaultAction": "SCMP_ACT_ERRNO",
            "defaultErrnoRet": 1,
            "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
            "syscalls": [
                {"names": ["personality", "read", "write"], "action": "SCMP_ACT_ALLOW"},
                // clone3: b's explicit ENOSYS beats a's implicit default (same permissiveness);
                // ptrace: a kills it, b's default returns errno 38, which is more permissive.
                {"names": ["clone3", "ptrace"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38},
                {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]}
            ]
        })
    );
    let all = notes.join("\n");
    assert!(
        all.contains(
            "different defaultErrnoRet values (1 in a.json, 38 in b.json); keeping 1 from a.json"
        ),
        "{all}"
    );
    assert!(all.contains("personality: SCMP_ACT_ALLOW unconditionally (from b.json), which supersedes the argument-conditioned rules from a.json"), "{all}");

    // Different default actions: the most permissive wins, with a note; errno dropped.
    let c = profile("SCMP_ACT_LOG", None, &[], vec![]);
    let d = profile("SCMP_ACT_KILL_PROCESS", None, &[], vec![allow(&["read"])]);
    let (m, notes) = merge_labeled(&[("a.json", &a), ("c.json", &c), ("d.json", &d)]).unwrap();
    assert_eq!(m.default_action, "SCMP_ACT_LOG");
    assert_eq!(m.default_errno_ret, None);
    let all = notes.join("\n");
    assert!(all.contains("different defaultAction values (SCMP_ACT_ERRNO, SCMP_ACT_LOG, SCMP_ACT_KILL_PROCESS); using the most permissive, SCMP_ACT_LOG (from c.json)"), "{all}");
    assert!(all.contains("dropping defaultErrnoRet"), "{all}");
    // read stays allowed; ptrace (KILL in a) is LOGged as c logs everything it has no rule for;
    // a's conditional ALLOW rules are still more permissive than LOG and survive.
    let v = serde_json::to_value(&m).unwrap();
    assert_eq!(
        v["syscalls"][0],
        json!({"names": ["read"], "action": "SCMP_ACT_ALLOW"})
    );
    assert_eq!(v["syscalls"][1]["names"], json!(["personality", "socket"]));
    assert_eq!(v["syscalls"].as_array().unwrap().len(), 2);

    // Conflicting listener paths cannot be merged.
    let mut e = c.clone();
    e.listener_path = Some("/run/a.sock".into());
    let mut f = c.clone();
    f.listener_path = Some("/run/b.sock".into());
    let err = merge(&[e, f]).unwrap_err().to_string();
    assert!(err.contains("listenerPath differs"), "{err}");
}

#[test]
fn merge_keeps_restrictive_conditionals_unless_another_input_opens_them() {
    // A blocklist profile: allow by default, but kill `kill` when arg0 == 1.
    let mut a = profile("SCMP_ACT_ALLOW", None, &[], vec![]);
    a.syscalls.push(SyscallRule {
        names: vec!["kill".into()],
        action: "SCMP_ACT_KILL_PROCESS".into(),
        errno_ret: None,
        args: vec![arg(0, 1, "SCMP_CMP_EQ")],
    });
    let (alone, notes) = merge(std::slice::from_ref(&a)).unwrap();
    assert_eq!(alone, a);
    assert!(notes.is_empty());
    let b = profile("SCMP_ACT_ALLOW", None, &[], vec![]);
    let (m, notes) = merge(&[a, b]).unwrap();
    assert!(m.syscalls.is_empty());
    assert!(
        notes[0].contains("profile 2 gives SCMP_ACT_ALLOW for all arguments"),
        "{notes:?}"
    );
}

fn meta(version: SpoVersion) -> SpoMeta {
    let mut annotations = BTreeMap::new();
    annotations.insert(ANNOTATION_NODE.to_string(), "node-1".to_string());
    annotations.insert(ANNOTATION_POD.to_string(), "default/nginx-7c5b".to_string());
    annotations.insert(ANNOTATION_CONTAINER.to_string(), "nginx".to_string());
    // Strings YAML would otherwise read as numbers, booleans or null.
    annotations.insert(ANNOTATION_CONTAINER_ID.to_string(), "1e10".to_string());
    annotations.insert(ANNOTATION_PID.to_string(), "4242".to_string());
    annotations.insert(format!("{ANNOTATION_PREFIX}test-bool"), "true".to_string());
    annotations.insert(format!("{ANNOTATION_PREFIX}test-null"), "~".to_string());
    annotations.insert(format!("{ANNOTATION_PREFIX}test-octal"), "0o17".to_string());
    // ... and strings YAML 1.1 readers (kubectl) would turn into booleans or numbers.
    for (k, v) in [
        ("yes", "yes"),
        ("on", "On"),
        ("n", "n"),
        ("underscore", "1_000"),
        ("sexagesimal", "12:30:45"),
        ("empty", ""),
        ("quote", "a\"b\\c"),
        ("newline", "x\ny\u{2028}z"),
    ] {
        annotations.insert(format!("{ANNOTATION_PREFIX}test-{k}"), v.to_string());
    }
    SpoMeta {
        name: "nginx-default".to_string(),
        namespace: None,
        annotations,
        api_version: version,
    }
}

fn rich_profile() -> OciProfile {
    let mut p = parse(DOCKER_STYLE, "docker.json").unwrap();
    p.flags = vec!["SECCOMP_FILTER_FLAG_LOG".into()];
    p.syscalls.push(SyscallRule {
        names: vec!["ioctl".into()],
        action: "SCMP_ACT_ALLOW".into(),
        errno_ret: None,
        args: vec![ArgRule {
            index: 1,
            value: 0xffff,
            value_two: 0x5401,
            op: "SCMP_CMP_MASKED_EQ".into(),
        }],
    });
    p
}

#[test]
fn spo_yaml_validates_against_the_crd_for_both_versions() {
    let crd = crd_schema::load_crd();
    for version in [SpoVersion::V1, SpoVersion::V1Beta1] {
        for p in [
            build(
                &observed(&[(Abi::X86_64, &[0, 1, 59]), (Abi::X32, &[520])]),
                &x86_opts(),
            )
            .profile,
            rich_profile(),
        ] {
            let text = to_spo_yaml(&p, &meta(version)).unwrap();
            let doc: Value = serde_yaml::from_str(&text).unwrap();
            let errs = crd_schema::validate_resource(&crd, &doc);
            assert!(errs.is_empty(), "{version:?}: {errs:#?}\n{text}");
            assert_eq!(
                doc["apiVersion"],
                format!("security-profiles-operator.x-k8s.io/{}", version.as_str())
            );
            assert_eq!(doc["kind"], "SeccompProfile");
            assert_eq!(doc["metadata"]["name"], "nginx-default");
            assert!(doc["metadata"].get("namespace").is_none());
            assert!(doc["spec"].get("defaultErrnoRet").is_none());
            let annotations = &doc["metadata"]["annotations"];
            for (k, v) in &meta(version).annotations {
                assert_eq!(annotations[k], Value::String(v.clone()), "{k}\n{text}");
            }
            // The resource reads back as the same profile (defaultErrnoRet 1 is implied).
            let mut back = parse(&text, "spo.yaml").unwrap();
            back.default_errno_ret = p.default_errno_ret;
            assert_eq!(back, p);
        }
    }
}

/// Found by the `profile` fuzz target: U+FFFF in a syscall name was written raw, and YAML may
/// not carry it, so ig's own SPO output did not parse back.
#[test]
fn spo_yaml_escapes_characters_yaml_cannot_carry_raw() {
    let mut p = rich_profile();
    p.syscalls[0].names = vec!["re\u{ffff}ad".to_string(), "wri\u{fffe}te".to_string()];
    let text = to_spo_yaml(&p, &meta(SpoVersion::V1)).unwrap();
    assert!(
        text.contains("re\\uffffad") && text.contains("wri\\ufffete"),
        "{text}"
    );
    let back = parse(&text, "spo.yaml").expect("ig's own SPO YAML parses back");
    assert_eq!(back.syscalls[0].names, p.syscalls[0].names);
}

#[test]
fn spo_yaml_quotes_yaml_1_1_ambiguities() {
    let m = SpoMeta {
        name: "on".to_string(),
        ..meta(SpoVersion::V1)
    };
    let text = to_spo_yaml(&rich_profile(), &m).unwrap();
    for want in [
        "  name: \"on\"\n",
        "    seccomp.gadget.kinvolk.io/test-yes: \"yes\"\n",
        "    seccomp.gadget.kinvolk.io/test-on: \"On\"\n",
        "    seccomp.gadget.kinvolk.io/test-n: \"n\"\n",
        "    seccomp.gadget.kinvolk.io/test-underscore: \"1_000\"\n",
        "    seccomp.gadget.kinvolk.io/pid: \"4242\"\n",
        "    seccomp.gadget.kinvolk.io/test-empty: \"\"\n",
        "    seccomp.gadget.kinvolk.io/test-newline: \"x\\u000ay\\u2028z\"\n",
        "    seccomp.gadget.kinvolk.io/node: node-1\n",
        "  defaultAction: SCMP_ACT_ERRNO\n",
        "  - names:\n    - personality\n    action: SCMP_ACT_ALLOW\n    args:\n    - index: 0\n      op: SCMP_CMP_EQ\n      value: 0\n",
        "      op: SCMP_CMP_MASKED_EQ\n      value: 65535\n      valueTwo: 21505\n",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    let doc: Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(doc["metadata"]["name"], "on");
    for (k, v) in &m.annotations {
        assert_eq!(
            doc["metadata"]["annotations"][k],
            Value::String(v.clone()),
            "{k}"
        );
    }
}

#[test]
fn the_crd_validator_can_fail() {
    let crd = crd_schema::load_crd();
    let text = to_spo_yaml(&rich_profile(), &meta(SpoVersion::V1)).unwrap();
    let good: Value = serde_yaml::from_str(&text).unwrap();
    assert!(crd_schema::validate_resource(&crd, &good).is_empty());

    let mutate = |f: &dyn Fn(&mut Value)| {
        let mut doc = good.clone();
        f(&mut doc);
        crd_schema::validate_resource(&crd, &doc).join("\n")
    };
    let e = mutate(&|d| d["spec"]["syscalls"][0]["action"] = json!("SCMP_ACT_FOO"));
    assert!(
        e.contains(".spec.syscalls[0].action: \"SCMP_ACT_FOO\" is not one of"),
        "{e}"
    );
    let e = mutate(&|d| d["spec"]["defaultErrnoRet"] = json!(1));
    assert!(e.contains(".spec.defaultErrnoRet: unknown field"), "{e}");
    let e = mutate(&|d| d["spec"]["architectures"][0] = json!("SCMP_ARCH_Z80"));
    assert!(e.contains("is not one of"), "{e}");
    let e = mutate(&|d| d["spec"]["syscalls"][0]["names"] = json!(["read", "read"]));
    assert!(e.contains("duplicate \"read\" in a set"), "{e}");
    let e = mutate(&|d| d["spec"]["syscalls"][0]["names"] = json!([]));
    assert!(e.contains("fewer than 1 items"), "{e}");
    let e = mutate(&|d| d["spec"]["syscalls"][2]["args"][0]["value"] = json!(-1));
    assert!(e.contains("below the minimum 0"), "{e}");
    let e = mutate(&|d| d["spec"]["syscalls"][2]["args"][0]["index"] = json!(1u64 << 40));
    assert!(e.contains("is not an int32"), "{e}");
    let e = mutate(&|d| d["spec"]["listenerPath"] = json!("/tmp/agent.sock"));
    assert!(e.contains("does not match"), "{e}");
    let e = mutate(&|d| {
        d["spec"]["listenerPath"] = json!("/var/run/security-profiles-operator/agent.sock")
    });
    assert!(e.is_empty(), "{e}");
    let e = mutate(&|d| {
        d["spec"].as_object_mut().unwrap().remove("defaultAction");
    });
    assert!(
        e.contains("missing required field \"defaultAction\""),
        "{e}"
    );
    let e = mutate(&|d| d["apiVersion"] = json!("security-profiles-operator.x-k8s.io/v2"));
    assert!(e.contains("not served"), "{e}");
    let e = mutate(&|d| d["metadata"]["name"] = json!("Nginx_1"));
    assert!(e.contains("DNS-1123"), "{e}");
    let e = mutate(&|d| d["metadata"]["namespace"] = json!("default"));
    assert!(e.contains("cluster-scoped"), "{e}");
}

#[test]
fn spo_rendering_refuses_what_the_crd_cannot_hold() {
    let m = meta(SpoVersion::V1);
    let mut p = profile(
        "SCMP_ACT_ERRNO",
        Some(38),
        &["SCMP_ARCH_X86_64"],
        vec![allow(&["read"])],
    );
    let e = to_spo_yaml(&p, &m).unwrap_err().to_string();
    assert!(e.contains("defaultErrnoRet 38 cannot be expressed"), "{e}");
    p.default_errno_ret = None;
    p.architectures.push("SCMP_ARCH_LOONGARCH64".into());
    let e = to_spo_yaml(&p, &m).unwrap_err().to_string();
    assert!(e.contains("not accepted by the SeccompProfile CRD"), "{e}");
    p.architectures.pop();
    p.syscalls[0].args = vec![arg(0, u64::MAX, "SCMP_CMP_EQ")];
    let e = to_spo_yaml(&p, &m).unwrap_err().to_string();
    assert!(e.contains("exceeds the CRD's int64 range"), "{e}");
    p.syscalls[0].args = vec![arg(0, 1, "SCMP_CMP_EQ"); 7];
    assert!(to_spo_yaml(&p, &m)
        .unwrap_err()
        .to_string()
        .contains("at most 6"));
    p.syscalls[0].args.clear();
    p.listener_path = Some("/tmp/x.sock".into());
    assert!(to_spo_yaml(&p, &m)
        .unwrap_err()
        .to_string()
        .contains("listenerPath"));
    p.listener_path = None;
    let bad = SpoMeta {
        name: "Bad_Name".into(),
        ..m.clone()
    };
    assert!(to_spo_yaml(&p, &bad).is_err());

    // A namespace is written only when given.
    let ns = SpoMeta {
        namespace: Some("team-a".into()),
        annotations: BTreeMap::new(),
        api_version: SpoVersion::V1Beta1,
        ..m
    };
    let text = to_spo_yaml(&p, &ns).unwrap();
    let doc: Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(
        doc["metadata"],
        json!({"name": "nginx-default", "namespace": "team-a"})
    );
}

#[test]
fn spo_names() {
    assert_eq!(
        parse_spo_name("nginx").unwrap(),
        (None, "nginx".to_string())
    );
    assert_eq!(
        parse_spo_name("team-a/nginx.v2").unwrap(),
        (Some("team-a".to_string()), "nginx.v2".to_string())
    );
    for bad in [
        "",
        "Nginx",
        "-x",
        "x-",
        "a/b/c",
        "ns/",
        "/x",
        "a..b",
        "bad_ns/x",
        &"a".repeat(254),
    ] {
        let e = parse_spo_name(bad).unwrap_err();
        assert!(
            e.to_string().starts_with("invalid SeccompProfile name"),
            "{bad}: {e}"
        );
    }
    assert!(parse_spo_name(&format!("{}/x", "n".repeat(64))).is_err());
    assert_eq!(
        "v1beta1".parse::<SpoVersion>().unwrap(),
        SpoVersion::V1Beta1
    );
    assert!("v2".parse::<SpoVersion>().is_err());
}

#[test]
fn mini_regex_handles_the_crd_patterns() {
    use mini_regex::Regex;
    let listener = Regex::new(r"^/var/run/security-profiles-operator/[a-zA-Z0-9_\-\.]+$").unwrap();
    assert!(listener.is_match("/var/run/security-profiles-operator/a-b_c.sock"));
    assert!(!listener.is_match("/var/run/security-profiles-operator/"));
    assert!(!listener.is_match("/var/run/security-profiles-operator/a/b"));
    let reason = Regex::new(r"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$").unwrap();
    assert!(
        reason.is_match("Installed")
            && reason.is_match("A")
            && !reason.is_match("A:")
            && !reason.is_match("")
    );
    let ty = Regex::new(r"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$").unwrap();
    assert!(
        ty.is_match("Ready")
            && ty.is_match("foo.example.com/Ready")
            && !ty.is_match("Foo.com/Ready")
            && !ty.is_match("Ready-")
    );
    assert!(Regex::new("ab").unwrap().is_match("xaby"));
    assert!(
        Regex::new("^a{2,3}$").unwrap().is_match("aaa")
            && !Regex::new("^a{2,3}$").unwrap().is_match("aaaa")
    );
    assert!(
        Regex::new("(?=x)").is_err() && Regex::new(r"\p").is_err() && Regex::new("(a").is_err()
    );
}

#[test]
fn profiles_read_from_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("base.json");
    std::fs::write(&path, format!("\u{feff}{DOCKER_STYLE}")).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let p = parse(&text, &path.display().to_string()).unwrap();
    assert_eq!(p.default_action, "SCMP_ACT_ERRNO");
}
