//! `ig run audit_seccomp --collect-ustack` on the real kernel and Docker engine: the user
//! stack of a logged and of a killed syscall, named and in order, agreeing with addr2line.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use crate::common::*;

fn build(dir: &Path) -> (PathBuf, PathBuf) {
    let bin = compile_levels(dir, "levels", &["-g"]);
    // Built apart (its own build id), then stripped: nothing can name its frames.
    let stripped = compile_levels(dir, "levels.stripped", &["-DSTRIPPED_COPY", "-s"]);
    (bin, stripped)
}

/// The virtual address of a file offset in the executable segment (for addr2line).
fn vaddr_of(bin: &Path, offset: u64) -> u64 {
    let out = run_ok(Command::new("readelf").args(["-lW"]).arg(bin));
    for l in String::from_utf8_lossy(&out.stdout).lines() {
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.first() == Some(&"LOAD") && l.contains(" R E ") {
            let p = |s: &str| u64::from_str_radix(s.trim_start_matches("0x"), 16).expect("hex");
            let (off, vaddr, size) = (p(f[1]), p(f[2]), p(f[4]));
            if offset >= off && offset < off + size {
                return offset - off + vaddr;
            }
        }
    }
    panic!(
        "offset 0x{offset:x} not in an executable segment of {}",
        bin.display()
    );
}

fn addr2line_fn(bin: &Path, vaddr: u64) -> String {
    let out = run_ok(
        Command::new("addr2line")
            .arg("-f")
            .arg("-e")
            .arg(bin)
            .arg(format!("0x{vaddr:x}")),
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn logged_and_killed_syscalls_carry_their_symbolized_stack() {
    require!(Root, Docker, Gcc);
    logged_and_killed_stacks(false);
    // Where the netlink source runs: by the kernel's seccomp cache above, then as on kernels
    // without it, by the watch set read from the container's profile, which ig says once.
    // (The ebpf source takes its stacks in audit_seccomp() whatever the selection.)
    let k = known_kernel();
    if !(k.kprobe || k.fentry) {
        logged_and_killed_stacks(true);
    }
}

fn logged_and_killed_stacks(watch_set: bool) {
    let dir = tempdir();
    let (bin, _stripped) = build(&dir);
    let prof = dir.join("profile.json");
    std::fs::write(&prof, KILL_UNSHARE_LOG_MKDIR).expect("profile");
    let name = unique("ustack");
    let env: &[(&str, &str)] = if watch_set {
        &[("IG_USTACK_WATCH_SET", "1")]
    } else {
        &[]
    };
    let mut ig = IgProcess::spawn_env(
        &[
            "run",
            "audit_seccomp",
            "-c",
            &name,
            "--collect-ustack",
            "-o",
            "json",
            "--timeout",
            "240",
        ],
        env,
    );
    ig.expect_said("ig: source:", Duration::from_secs(60));
    // The container waits until ig has seen it (its stack watch is installed within ~1 s).
    let _c = levels_container(
        &name,
        &dir,
        &prof,
        "sleep 3; /t/levels log; /t/levels kill; /t/levels.stripped log; sleep 1",
    );
    // Generous: under qemu's TCG (scripts/vm.sh) the first build-id scan of the library
    // directories and libc's DWARF take minutes.
    let done = ig.wait_for(false, Duration::from_secs(180), |l| {
        l.contains("levels.stripped")
    });
    std::thread::sleep(Duration::from_millis(1000));
    ig.signal(nix::sys::signal::Signal::SIGINT);
    let (code, out, err) = ig.finish(Duration::from_secs(20));
    assert!(done, "no record of the stripped run: {out}\n{err}");
    assert_eq!(code, Some(0), "{err}");
    let said = err
        .lines()
        .filter(|l| l.contains("stacks only for containers ig has listed"))
        .count();
    assert_eq!(said, usize::from(watch_set), "fallback said once: {err}");
    let recs = json_lines(&out);
    let find = |syscall: &str, exe: &str| {
        recs.iter()
            .find(|r| r["syscall"] == syscall && r["exe"] == exe)
            .unwrap_or_else(|| panic!("no {syscall} record of {exe}: {out}"))
    };

    for (syscall, code_prefix) in [
        ("SYS_MKDIR", "SECCOMP_RET_LOG"),
        ("SYS_UNSHARE", "SECCOMP_RET_KILL"),
    ] {
        let r = find(syscall, "/t/levels");
        assert!(
            r["code"]
                .as_str()
                .unwrap_or_default()
                .starts_with(code_prefix),
            "{r}"
        );
        let u = &r["ustack"];
        let symbols = u["symbols"]
            .as_str()
            .unwrap_or_else(|| panic!("no stack: {r}"));
        assert!(levels_in_order(symbols), "{syscall}: {symbols}");
        assert!(
            u["addresses"]
                .as_str()
                .unwrap_or_default()
                .starts_with("[0]0x"),
            "{u}"
        );
        // Every frame of our binary agrees with addr2line on the same file offset.
        for f in u["frames"].as_array().expect("frames") {
            if f["module"] != "/t/levels" {
                continue;
            }
            let off = u64::from_str_radix(
                f["offset"]
                    .as_str()
                    .expect("offset")
                    .trim_start_matches("0x"),
                16,
            )
            .expect("hex");
            let want = addr2line_fn(&bin, vaddr_of(&bin, off - 1));
            assert_eq!(f["symbol"].as_str(), Some(want.as_str()), "{f}");
        }
        // A frame inside libc is named.
        let libc = u["frames"]
            .as_array()
            .expect("frames")
            .iter()
            .find(|f| f["module"].as_str().is_some_and(|m| m.contains("libc.so")))
            .unwrap_or_else(|| panic!("no libc frame: {u}"));
        assert!(libc["symbol"].is_string(), "{libc}");
    }
    // The stripped copy still shows module + offset for its own frames.
    let r = find("SYS_MKDIR", "/t/levels.stripped");
    let symbols = r["ustack"]["symbols"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"));
    assert!(symbols.contains("levels.stripped+0x"), "{symbols}");
    assert!(!symbols.contains("level3"), "{symbols}");
}

/// A static program that is a container's entrypoint, killed (KILL) or logged (LOG) at its
/// first filtered syscall with no pause before: with the ebpf source the stack is taken in
/// audit_seccomp() itself and named through the build ids even though the container is gone
/// (`docker run --rm`). Where only the netlink source exists, the record is still attributed
/// and carries its executable.
#[test]
fn static_program_stopped_at_its_first_syscall_keeps_its_stack() {
    require!(Root, Docker, Gcc);
    let k = known_kernel();
    let (dir, prof) = static_levels();
    let name = unique("ustatic");
    let mut ig = audit_stream(&["--collect-ustack", "-o", "json", "--timeout", "120"]);
    run_static_levels(&name, &dir, &prof);
    let done = saw_static_levels(&mut ig, &name);
    std::thread::sleep(Duration::from_millis(1500));
    ig.signal(nix::sys::signal::Signal::SIGINT);
    let (code, out, err) = ig.finish(Duration::from_secs(30));
    assert!(done, "no record of the logged run: {out}\n{err}");
    assert_eq!(code, Some(0), "{err}");
    let recs = json_lines(&out);
    for r in static_levels_records(&recs, &name, k, &out) {
        assert_eq!(r["runtime"]["runtimeName"], "docker", "{r}");
    }
}

/// Docker's default seccomp profile as the engine hands it to the runtime (the OCI spec of a
/// container run without `--security-opt seccomp`), with mkdir taken out of its allow rule
/// and given one SCMP_ACT_LOG rule of its own.
fn default_profile_with_logged_mkdir(dir: &Path) -> PathBuf {
    let probe = DockerContainer::start(&unique("dflt"), &[], &["sleep", "30"]);
    let out = run_ok(Command::new("ctr").args(["-n", "moby", "containers", "info", &probe.id()]));
    let info: Value = serde_json::from_slice(&out.stdout).expect("ctr JSON");
    let mut p = info["Spec"]["linux"]["seccomp"].clone();
    assert_eq!(p["defaultAction"], "SCMP_ACT_ERRNO", "{p}");
    let rules = p["syscalls"].as_array_mut().expect("syscalls");
    let mut moved = false;
    for r in rules.iter_mut() {
        if r["action"] == "SCMP_ACT_ALLOW" && r["args"].as_array().is_none_or(|a| a.is_empty()) {
            let names = r["names"].as_array_mut().expect("names");
            let before = names.len();
            names.retain(|n| n != "mkdir");
            moved |= names.len() < before;
        }
    }
    assert!(moved, "the default profile allows mkdir: {p}");
    rules.push(serde_json::json!({"names": ["mkdir"], "action": "SCMP_ACT_LOG"}));
    let path = dir.join("default-plus-log.json");
    std::fs::write(&path, p.to_string()).expect("profile");
    path
}

/// A static program whose very first syscall (level3's, made from main -> level1 -> level2
/// -> level3 with no libc) is killed or logged, in a container started right after ig with
/// no pause: ig never listed it nor read its profile. With runc and crun, under a profile
/// that kills unshare and logs mkdir, and under Docker's default profile plus one LOG rule.
/// Where the ebpf source attaches (kprobes), with it (stacks taken in audit_seccomp()) and
/// with `--source audit` (stacks chosen by the kernel's seccomp cache at the tracepoints).
#[test]
fn first_syscall_of_a_never_seen_container_has_its_stack() {
    require!(Root, Docker, Crun, Gcc);
    let k = known_kernel();
    first_syscall_stacks(None);
    if k.kprobe || k.fentry {
        first_syscall_stacks(Some("audit"));
    }
}

/// One run of `first_syscall_of_a_never_seen_container_has_its_stack` with `--source`
/// `source` (None: ig's own choice).
fn first_syscall_stacks(source: Option<&str>) {
    let k = known_kernel();
    let ebpf = source.is_none() && (k.kprobe || k.fentry);
    let dir = tempdir();
    let bin = dir.join("levels-first");
    compile_c(
        "levels.c",
        &bin,
        &[
            "-O0",
            "-g",
            "-fno-omit-frame-pointer",
            "-fno-stack-protector",
            "-static",
            "-nostdlib",
            "-DFIRST_SYSCALL",
        ],
    );
    let custom = dir.join("profile.json");
    std::fs::write(&custom, KILL_UNSHARE_LOG_MKDIR).expect("profile");
    let default_plus_log = default_profile_with_logged_mkdir(&dir);
    // (container name, runtime, profile, mode, syscall, code prefix)
    let mut cases = Vec::new();
    for runtime in ["runc", "crun"] {
        for (profile, mode, syscall, code) in [
            (&custom, "kill", "SYS_UNSHARE", "SECCOMP_RET_KILL"),
            (&custom, "log", "SYS_MKDIR", "SECCOMP_RET_LOG"),
            (&default_plus_log, "log", "SYS_MKDIR", "SECCOMP_RET_LOG"),
        ] {
            let name = unique(&format!("first-{runtime}-{mode}"));
            cases.push((name, runtime, profile.clone(), mode, syscall, code));
        }
    }
    let names: Vec<&str> = cases.iter().map(|c| c.0.as_str()).collect();
    let filter = names.join(",");
    let mut args = vec![
        "-vv",
        "run",
        "audit_seccomp",
        "-c",
        &filter,
        "--collect-ustack",
        "-o",
        "json",
        "--timeout",
        "120",
    ];
    if let Some(s) = source {
        args.extend(["--source", s]);
    }
    let mut ig = IgProcess::spawn(&args);
    // Started right after `ig: source:`, which ig says once the stack programs are attached
    // (a runtime that set a container up before that was never seen by them).
    assert!(
        ig.wait_for(true, Duration::from_secs(30), |l| l.contains("ig: source:")),
        "{:?}",
        ig.stderr
    );
    // The netlink source's stack programs choose calls by the kernel's seccomp cache (every
    // kernel this runs on has it); the ebpf source takes its stacks in audit_seccomp().
    let by_cache = ig
        .stderr
        .iter()
        .any(|l| l.contains("--collect-ustack: stacks of every call"));
    assert!(
        by_cache != ebpf,
        "{}: source {source:?}: stack selection said {by_cache}: {:?}",
        k.name,
        ig.stderr
    );
    let vol = format!("{}:/t:ro", dir.display());
    let mut containers = Vec::new();
    for (name, runtime, profile, mode, _, _) in &cases {
        let sec = format!("seccomp={}", profile.display());
        containers.push(DockerContainer::start(
            name,
            &["--runtime", runtime, "--security-opt", &sec, "-v", &vol],
            &["/t/levels-first", mode],
        ));
    }
    for (name, ..) in &cases {
        let seen = ig.wait_for(false, Duration::from_secs(30), |l| {
            l.contains(&format!("\"containerName\":\"{name}\""))
        });
        assert!(seen, "no record of {name}: {:?} {:?}", ig.stdout, ig.stderr);
    }
    std::thread::sleep(Duration::from_millis(500));
    ig.signal(nix::sys::signal::Signal::SIGINT);
    let (code, out, err) = ig.finish(Duration::from_secs(20));
    assert_eq!(code, Some(0), "{err}");
    let recs = json_lines(&out);
    for (name, runtime, profile, mode, syscall, code_prefix) in &cases {
        let r = recs
            .iter()
            .find(|r| r["runtime"]["containerName"] == name.as_str() && r["syscall"] == *syscall)
            .unwrap_or_else(|| panic!("{runtime} {mode}: no {syscall} record of {name}: {out}"));
        let want_source = if ebpf { "ebpf" } else { "audit" };
        assert_eq!(r["source"], want_source, "{}: {r}", k.name);
        assert!(
            r["code"]
                .as_str()
                .unwrap_or_default()
                .starts_with(code_prefix),
            "{r}"
        );
        let symbols = r["ustack"]["symbols"].as_str().unwrap_or_else(|| {
            panic!(
                "{}: {runtime} {mode} under {} ({want_source} source): no stack: {r}\n{err}",
                k.name,
                profile.display()
            )
        });
        assert!(
            symbols.starts_with("[0]level3; [1]level2; [2]level1; [3]main; "),
            "{}: {runtime} {mode} ({want_source} source): {symbols}\n{r}\n{err}",
            k.name
        );
    }
}
