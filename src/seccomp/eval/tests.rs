//! Unit tests of profile evaluation, Docker condition resolution, diff and coverage.

use super::*;

fn prof(json: &str) -> OciProfile {
    profile::parse(json, "test").unwrap()
}

fn nr(abi: Abi, name: &str) -> u32 {
    syscalls::number(abi, name).unwrap()
}

#[test]
fn default_and_unconditional_rules() {
    let p = prof(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":38,"architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86"],
        "syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"},{"names":["ptrace"],"action":"SCMP_ACT_KILL_PROCESS"}]}"#,
    );
    let v = evaluate(&p, Abi::X86_64, nr(Abi::X86_64, "read"), None);
    assert_eq!(v.outcome.action, "SCMP_ACT_ALLOW");
    assert!(v.is_certain());
    let v = evaluate(&p, Abi::X86_64, nr(Abi::X86_64, "write"), None);
    assert_eq!(v.outcome.describe(), "SCMP_ACT_ERRNO(38)");
    assert_eq!(v.reason, "default");
    let v = evaluate(&p, Abi::X86_64, nr(Abi::X86_64, "ptrace"), None);
    assert_eq!(v.outcome.effect(), "killed");
}

#[test]
fn compat_and_x32_are_named_from_their_own_tables() {
    let p = prof(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"],
        "syscalls":[{"names":["uname"],"action":"SCMP_ACT_ALLOW"}]}"#,
    );
    // 122 is uname on i386 but setfsuid on x86_64.
    assert_eq!(
        evaluate(&p, Abi::X86, 122, None).outcome.action,
        "SCMP_ACT_ALLOW"
    );
    assert_eq!(
        evaluate(&p, Abi::X86_64, 122, None).outcome.action,
        "SCMP_ACT_ERRNO"
    );
    let x32 = nr(Abi::X32, "uname");
    assert_eq!(
        evaluate(&p, Abi::X32, x32, None).outcome.action,
        "SCMP_ACT_ALLOW"
    );
    assert_eq!(
        evaluate(&p, Abi::X32, x32 & !syscalls::X32_SYSCALL_BIT, None)
            .outcome
            .action,
        "SCMP_ACT_ALLOW"
    );
}

#[test]
fn an_unlisted_architecture_is_killed() {
    let p = prof(r#"{"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86_64"]}"#);
    let v = evaluate(&p, Abi::X86, 122, None);
    assert_eq!(v.outcome.action, BAD_ARCH_ACTION);
    assert!(v.reason.starts_with("bad architecture"));
    // No architectures: the native one only.
    let p = prof(r#"{"defaultAction":"SCMP_ACT_ALLOW"}"#);
    assert_eq!(covered_abis(&p), BTreeSet::from([Abi::native()]));
}

#[test]
fn first_unconditional_rule_wins_and_supersedes_conditions() {
    let p = prof(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
          {"names":["personality"],"action":"SCMP_ACT_KILL","args":[{"index":0,"value":8,"op":"SCMP_CMP_EQ"}]},
          {"names":["personality"],"action":"SCMP_ACT_LOG"},
          {"names":["personality"],"action":"SCMP_ACT_ALLOW"}]}"#,
    );
    let v = evaluate_name(&p, "personality", Some(&[8, 0, 0, 0, 0, 0]));
    assert_eq!(v.outcome.action, "SCMP_ACT_LOG");
    assert_eq!(v.reason, "rule 1");
}

#[test]
fn argument_conditions_with_and_without_values() {
    // Docker's default: clone allowed unless a namespace flag is set (masked compare).
    let p = prof(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
          {"names":["clone"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":2114060288,"valueTwo":0,"op":"SCMP_CMP_MASKED_EQ"}]},
          {"names":["socket"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":40,"op":"SCMP_CMP_NE"},{"index":1,"value":3,"op":"SCMP_CMP_LT"}]}]}"#,
    );
    let plain = evaluate_name(&p, "clone", Some(&[0x11, 0, 0, 0, 0, 0]));
    assert_eq!(plain.outcome.action, "SCMP_ACT_ALLOW");
    let newuser = evaluate_name(&p, "clone", Some(&[0x1000_0000, 0, 0, 0, 0, 0]));
    assert_eq!(newuser.outcome.action, "SCMP_ACT_ERRNO");
    let unknown = evaluate_name(&p, "clone", None);
    assert!(!unknown.is_certain());
    assert!(unknown.may_run() && unknown.may_stop());
    assert_eq!(unknown.outcome.action, "SCMP_ACT_ERRNO");
    // AND of comparisons on different arguments.
    assert!(evaluate_name(&p, "socket", Some(&[2, 1, 0, 0, 0, 0])).may_run());
    assert!(!evaluate_name(&p, "socket", Some(&[2, 5, 0, 0, 0, 0])).may_run());
    assert!(!evaluate_name(&p, "socket", Some(&[40, 1, 0, 0, 0, 0])).may_run());
}

#[test]
fn repeated_indexes_are_ored_like_runc() {
    let p = prof(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
          {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[
            {"index":0,"value":0,"op":"SCMP_CMP_EQ"},{"index":0,"value":8,"op":"SCMP_CMP_EQ"}]}]}"#,
    );
    for v in [0, 8] {
        assert!(evaluate_name(&p, "personality", Some(&[v, 0, 0, 0, 0, 0])).may_run());
    }
    assert!(!evaluate_name(&p, "personality", Some(&[4, 0, 0, 0, 0, 0])).may_run());
}

#[test]
fn overlapping_conditional_rules_take_the_most_restrictive() {
    let p = prof(
        r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
          {"names":["write"],"action":"SCMP_ACT_LOG","args":[{"index":0,"value":1,"op":"SCMP_CMP_EQ"}]},
          {"names":["write"],"action":"SCMP_ACT_ERRNO","args":[{"index":2,"value":10,"op":"SCMP_CMP_GT"}]}]}"#,
    );
    let v = evaluate_name(&p, "write", Some(&[1, 0, 100, 0, 0, 0]));
    assert_eq!(v.outcome.action, "SCMP_ACT_ERRNO");
    assert!(v.reason.starts_with("rule layout"));
    let v = evaluate_name(&p, "write", Some(&[1, 0, 5, 0, 0, 0]));
    assert_eq!(v.outcome.action, "SCMP_ACT_LOG");
    assert!(v.is_certain());
}

#[test]
fn diff_reports_added_removed_changed_and_widening() {
    let a = prof(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"],
        "syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"},{"names":["ptrace"],"action":"SCMP_ACT_ERRNO"}]}"#,
    );
    let b = prof(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"],
        "syscalls":[{"names":["read","unshare"],"action":"SCMP_ACT_ALLOW"},{"names":["ptrace"],"action":"SCMP_ACT_KILL"}]}"#,
    );
    let abis = [Abi::X86_64, Abi::X86, Abi::X32];
    let d = diff(&a, &b, &abis);
    let find = |n: &str| d.iter().find(|e| e.syscall == n).unwrap();
    assert_eq!(find("unshare").change, "added");
    assert_eq!(find("unshare").arches, vec!["x86_64", "x86", "x32"]);
    assert_eq!(find("write").change, "removed");
    assert_eq!(find("ptrace").change, "changed");
    assert!(!d.iter().any(|e| e.syscall == "read"));
    assert!(widens(&d));
    assert!(!widens(&diff(&b, &b, &abis)));
    let narrower = diff(
        &a,
        &prof(
            r#"{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"],"syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]}"#,
        ),
        &abis,
    );
    assert!(!widens(&narrower));
}

const ARCHES: &str = r#""architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"]"#;

/// A profile allowing read and socket, the latter only for the given (family, type) pairs.
fn socket_profile(pairs: &[(u64, u64)]) -> OciProfile {
    let rules: Vec<String> = pairs
        .iter()
        .map(|(f, t)| {
            format!(
                r#"{{"names":["socket"],"action":"SCMP_ACT_ALLOW","args":[{{"index":0,"value":{f},"op":"SCMP_CMP_EQ"}},{{"index":1,"value":4294440959,"valueTwo":{t},"op":"SCMP_CMP_MASKED_EQ"}}]}}"#
            )
        })
        .collect();
    prof(&format!(
        r#"{{"defaultAction":"SCMP_ACT_ERRNO",{ARCHES},"syscalls":[{{"names":["read"],"action":"SCMP_ACT_ALLOW"}}{}{}]}}"#,
        if rules.is_empty() { "" } else { "," },
        rules.join(",")
    ))
}

#[test]
fn diff_tells_argument_conditions_apart() {
    let abis = [Abi::X86_64, Abi::X86, Abi::X32];
    let unix = socket_profile(&[(1, 1)]);
    let unix_inet = socket_profile(&[(1, 1), (2, 2)]);
    // Same possible actions (ERRNO | ALLOW), different values: an `arguments` entry.
    let d = diff(&unix, &unix_inet, &abis);
    let e = d
        .iter()
        .find(|e| e.syscall == "socket")
        .expect("socket differs");
    assert_eq!(e.change, "arguments");
    assert_eq!(e.a, e.b);
    assert_eq!(e.args.wider, vec!["family=AF_INET(2) type=SOCK_DGRAM(2)"]);
    assert!(e.args.narrower.is_empty());
    assert_eq!(e.args.rules_a.len(), 1);
    assert_eq!(e.args.rules_b.len(), 2);
    assert!(
        e.args.rules_b[1].starts_with("SCMP_ACT_ALLOW if arg0 == 0x2 && arg1 & 0xfff7f7ff == 0x2"),
        "{:?}",
        e.args.rules_b
    );
    assert!(widens(&d));
    // The other way round B is narrower: reported, but not a widening.
    let back = diff(&unix_inet, &unix, &abis);
    let e = back.iter().find(|e| e.syscall == "socket").unwrap();
    assert_eq!(
        e.args.narrower,
        vec!["family=AF_INET(2) type=SOCK_DGRAM(2)"]
    );
    assert!(!widens(&back));
    // Identical conditions in another order: no entry.
    let swapped = socket_profile(&[(2, 2), (1, 1)]);
    assert!(diff(&unix_inet, &swapped, &abis).is_empty());
    // Same values, written differently (EQ vs masked compare with a full mask).
    let masked = prof(&format!(
        r#"{{"defaultAction":"SCMP_ACT_ERRNO",{ARCHES},"syscalls":[{{"names":["read"],"action":"SCMP_ACT_ALLOW"}},
        {{"names":["socket"],"action":"SCMP_ACT_ALLOW","args":[{{"index":0,"value":18446744073709551615,"valueTwo":1,"op":"SCMP_CMP_MASKED_EQ"}},{{"index":1,"value":4294440959,"valueTwo":1,"op":"SCMP_CMP_MASKED_EQ"}}]}}]}}"#
    ));
    let same = diff(&unix, &masked, &abis);
    let e = same.iter().find(|e| e.syscall == "socket").unwrap();
    assert!(
        e.args.wider.is_empty() && e.args.narrower.is_empty(),
        "{e:?}"
    );
    assert!(!widens(&same));
}

#[test]
fn diff_dropping_conditions_is_a_widening_with_examples() {
    let abis = [Abi::X86_64];
    let unix = socket_profile(&[(1, 1)]);
    let any = prof(&format!(
        r#"{{"defaultAction":"SCMP_ACT_ERRNO",{ARCHES},"syscalls":[{{"names":["read","socket"],"action":"SCMP_ACT_ALLOW"}}]}}"#
    ));
    let d = diff(&unix, &any, &abis);
    let e = d.iter().find(|e| e.syscall == "socket").unwrap();
    assert_eq!(e.change, "changed");
    assert!(e.args.rules_b.is_empty());
    assert!(!e.args.wider.is_empty());
    assert!(e
        .args
        .wider
        .iter()
        .all(|w| w != "family=AF_UNIX(1) type=SOCK_STREAM(1)"));
    assert!(widens(&d));
    // clone: conditions on the namespace bits, then an unconditional allow.
    let ns = prof(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["clone"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":2114060288,"valueTwo":0,"op":"SCMP_CMP_MASKED_EQ"}]}]}"#,
    );
    let all = prof(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["clone"],"action":"SCMP_ACT_ALLOW"}]}"#,
    );
    let d = diff(&ns, &all, &[Abi::native()]);
    let e = d.iter().find(|e| e.syscall == "clone").unwrap();
    assert!(
        e.args.wider.iter().any(|w| w.contains("CLONE_NEW")),
        "{:?}",
        e.args.wider
    );
    assert!(widens(&d));
    assert!(!widens(&diff(&all, &ns, &[Abi::native()])));
}

fn docker_default() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/seccomp/docker-default.json"
    ))
    .unwrap()
}

#[test]
fn docker_default_resolves_its_conditions() {
    let ctx = DockerContext {
        arch: "amd64",
        caps: DOCKER_DEFAULT_CAPS.iter().map(|c| c.to_string()).collect(),
        kernel: (6, 1),
    };
    let (p, notes) = load(&docker_default(), "docker-default.json", &ctx).unwrap();
    assert_eq!(notes.len(), 1);
    let x = |n: &str| evaluate_name(&p, n, None);
    assert!(x("read").may_run() && x("read").is_certain());
    // CAP_SYS_ADMIN rules do not apply: unshare, mount and setns are refused.
    for n in ["unshare", "mount", "setns", "bpf"] {
        assert_eq!(x(n).outcome.describe(), "SCMP_ACT_ERRNO(1)", "{n}");
    }
    // clone3 gets ENOSYS so that libc falls back to clone.
    assert_eq!(x("clone3").outcome.describe(), "SCMP_ACT_ERRNO(38)");
    // chroot comes with CAP_SYS_CHROOT (a default capability); arch_prctl on amd64.
    assert!(x("chroot").may_run());
    assert!(x("arch_prctl").may_run());
    assert!(!x("s390_runtime_instr").may_run());
    // clone: allowed unless a namespace flag is set.
    assert!(!x("clone").is_certain());
    assert!(evaluate_name(&p, "clone", Some(&[0x11, 0, 0, 0, 0, 0])).may_run());
    assert!(!evaluate_name(&p, "clone", Some(&[0x1000_0000, 0, 0, 0, 0, 0])).may_run());
    // ptrace needs kernel 4.8.
    assert!(x("ptrace").may_run());
    let old = DockerContext {
        kernel: (4, 4),
        ..ctx.clone()
    };
    let (p_old, _) = load(&docker_default(), "d", &old).unwrap();
    assert!(!evaluate_name(&p_old, "ptrace", None).may_run());
    // With CAP_SYS_ADMIN, unshare is allowed and clone3 no longer gets ENOSYS.
    let admin = DockerContext {
        caps: vec!["CAP_SYS_ADMIN".into()],
        ..ctx
    };
    let (p_admin, _) = load(&docker_default(), "d", &admin).unwrap();
    assert!(evaluate_name(&p_admin, "unshare", None).may_run());
    assert!(evaluate_name(&p_admin, "clone3", None).may_run());
}

#[test]
fn coverage_counts_inputs_per_syscall() {
    let a = prof(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"}]}"#,
    );
    let b = prof(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read","openat"],"action":"SCMP_ACT_LOG"}]}"#,
    );
    let c = coverage(&[&a, &b], &[Abi::native()]);
    assert_eq!(c.get("read"), Some(&2));
    assert_eq!(c.get("write"), Some(&1));
    assert_eq!(c.get("openat"), Some(&1));
    assert_eq!(c.get("ptrace"), None);
}
