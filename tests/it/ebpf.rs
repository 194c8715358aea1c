//! The eBPF programs on the real kernel: every `sys_enter` attachment records, the audit
//! object's programs pass the verifier (kprobe and fentry too, where they cannot attach),
//! and the exit tracepoint remembers tasks of non-host mount namespaces.

use std::process::Command;

use ig::testing::{layout, AttachKind, AuditBpf, AuditBpfOptions, MntnsSyscalls, SyscallRecorder};

fn host_mntns() -> u64 {
    ig::testing::host_mntns().expect("host mntns")
}

/// Runs `unshare -m CMD...` and returns its pid and exit status code.
fn run_in_new_mntns(cmd: &[&str]) -> (u32, Option<i32>) {
    let mut child = Command::new("unshare")
        .arg("-m")
        .args(cmd)
        .spawn()
        .expect("unshare");
    let pid = child.id();
    let st = child.wait().expect("wait");
    (pid, st.code())
}

#[test]
fn every_sys_enter_attachment_records() {
    require!(Root);
    for kind in [
        AttachKind::TpBtf,
        AttachKind::RawTracepoint,
        AttachKind::Tracepoint,
    ] {
        let rec = SyscallRecorder::start_with(host_mntns(), 64, Some(kind))
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert_eq!(rec.attach, kind);
        let (pid, _) = run_in_new_mntns(&["/bin/true"]);
        let entries = rec.entries().expect("entries");
        let (key, v) = entries
            .iter()
            .find(|(_, v)| v.first_tgid == pid)
            .unwrap_or_else(|| panic!("{kind}: no namespace whose first task is {pid}"));
        let native = MntnsSyscalls::numbers(&v.seen, 0);
        let execve = ig::testing::number(ig::testing::Abi::native(), "execve").unwrap();
        let exit_group = ig::testing::number(ig::testing::Abi::native(), "exit_group").unwrap();
        assert!(
            native.contains(&execve) && native.contains(&exit_group),
            "{kind}: {native:?}"
        );
        // Who made each syscall first: every syscall seen has a first use; those of `true`
        // (after the namespace's first execve) are the workload's.
        let firsts = rec.first_uses(*key);
        let nrs: std::collections::BTreeSet<u32> =
            firsts.iter().filter(|f| f.abi == 0).map(|f| f.nr).collect();
        assert_eq!(nrs.len(), native.len(), "{kind}: {firsts:?}");
        let exit = firsts
            .iter()
            .find(|f| f.nr == exit_group)
            .unwrap_or_else(|| panic!("{kind}: no first use of exit_group"));
        assert_eq!(exit.pid, pid, "{kind}");
        assert_eq!(exit.phase, layout::IG_PHASE_CONTAINER, "{kind}");
        assert_eq!(ig::testing::comm_str(&exit.comm), "true", "{kind}");
        assert_eq!(ig::testing::comm_str(&exit.exe), "true", "{kind}");
        let first_unshare = firsts
            .iter()
            .filter(|f| f.phase == layout::IG_PHASE_RUNTIME)
            .map(|f| ig::testing::comm_str(&f.comm))
            .collect::<std::collections::BTreeSet<_>>();
        assert_eq!(
            first_unshare,
            std::collections::BTreeSet::from(["unshare".to_string()]),
            "{kind}: before the execve only unshare runs"
        );
        assert!(v.first_seen_ns > 0, "{kind}");
        let stats = rec.stats().expect("stats");
        assert_eq!(stats.map_full, 0);
    }
}

#[test]
fn a_full_namespace_map_is_counted() {
    require!(Root);
    // Room for 16 namespaces; 20 new ones overflow it (each keyed by its unique id, even
    // where the kernel hands the next namespace the inode number of the previous one).
    let rec = SyscallRecorder::start(host_mntns(), 16).expect("recorder");
    for _ in 0..20 {
        run_in_new_mntns(&["/bin/true"]);
    }
    assert_eq!(rec.entries().expect("entries").len(), 16);
    let stats = rec.stats().expect("stats");
    assert!(stats.map_full > 0, "a full map must be counted, not silent");
}

#[test]
fn audit_programs_verify_and_exits_are_remembered() {
    require!(Root);
    let (mut bpf, _) = AuditBpf::start(&AuditBpfOptions {
        host_mntns: host_mntns(),
        containers_only: true,
        collect_ustack: true,
        want_source: false,
    })
    .expect("audit object with its exit tracepoint");
    for (kind, res) in bpf.verify_source_programs() {
        match (kind, res) {
            (AttachKind::Kprobe, r) => {
                r.unwrap_or_else(|e| panic!("kprobe program must pass the verifier: {e}"))
            }
            (AttachKind::Fentry, Ok(())) => {}
            (AttachKind::Fentry, Err(e)) => {
                // Refused here (EPERM) on kernels that forbid trampolines; said in words.
                assert!(e.to_string().contains("Operation not permitted"), "{e}");
            }
            (k, r) => panic!("unexpected {k}: {r:?}"),
        }
    }
    let (pid, code) = run_in_new_mntns(&["/bin/sh", "-c", "exit 3"]);
    assert_eq!(code, Some(3));
    let x = bpf
        .exited(pid)
        .expect("exit of a task in a non-host mount namespace is remembered");
    assert_eq!(x.tgid, pid);
    assert_ne!(x.mntns, host_mntns());
    assert_eq!(x.exit_code, 3 << 8);
    assert_eq!(ig::testing::comm_str(&x.comm), "sh");
}

#[test]
fn every_sys_enter_attachment_learns_argument_values_of_both_abis() {
    use ig::testing::layout;
    use ig::testing::ArgLearning;
    // Kernel slots: socket 0, clone 1 (ig_common.h).
    const SOCKET: u32 = 0;
    const CLONE: u32 = 1;
    require!(Root, Gcc, Gcc32);
    let dir = crate::common::tempdir();
    let bin = dir.join("learn_args");
    let bin32 = dir.join("learn_args32");
    crate::common::compile_c("learn_args.c", &bin, &["-static", "-O1", "-pthread"]);
    crate::common::compile_c(
        "learn_args.c",
        &bin32,
        &["-m32", "-static", "-O1", "-pthread"],
    );
    let (bin, bin32) = (bin.to_string_lossy(), bin32.to_string_lossy());
    // glibc's fork(): CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD.
    let fork_flags = 0x0120_0011;
    let unix_stream = 1 | 1 << 32;
    let args = ArgLearning::every_syscall(64, 1024);
    for kind in [
        AttachKind::TpBtf,
        AttachKind::RawTracepoint,
        AttachKind::Tracepoint,
    ] {
        let rec = SyscallRecorder::start_learning(host_mntns(), 64, Some(kind), Some(args.clone()))
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        let (p64, c64) = run_in_new_mntns(&[&bin, "sockets"]);
        let (pf, cf) = run_in_new_mntns(&[&bin, "clone"]);
        let (p32, c32) = run_in_new_mntns(&[&bin32, "clone"]);
        assert_eq!((c64, cf, c32), (Some(0), Some(0), Some(0)), "{kind}");
        let entries = rec.entries().expect("entries");
        let key_of = |pid| {
            entries
                .iter()
                .find(|(_, v)| v.first_tgid == pid)
                .map(|(k, _)| *k)
                .unwrap_or_else(|| panic!("{kind}: no namespace of {pid}"))
        };
        let learned = rec.arg_entries().expect("argument values");
        let has = |pid, slot: u32, abi: u32, value: u64| {
            let ns = key_of(pid);
            learned.values.iter().any(|(k, how)| {
                k.ns == ns
                    && k.slot == slot
                    && k.abi == abi
                    && k.value == value
                    && how & layout::IG_ARG_AFTER_EXEC != 0
            })
        };
        assert!(
            has(p64, SOCKET, layout::IG_ABI_NATIVE, unix_stream),
            "{kind}: {learned:?}"
        );
        assert!(
            has(pf, CLONE, layout::IG_ABI_NATIVE, fork_flags),
            "{kind}: {learned:?}"
        );
        assert!(
            has(p32, CLONE, layout::IG_ABI_COMPAT, fork_flags),
            "{kind}: {learned:?}"
        );
        assert!(
            learned.counts.iter().all(|(_, c)| c.overflow == 0),
            "{kind}"
        );
        assert_eq!(rec.stats().expect("stats").args_full, 0);
    }
}
