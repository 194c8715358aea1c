//! `ig run audit_seccomp --collect-ustack` on the real kernel and Docker engine: the user
//! stack of a logged and of a killed syscall, named and in order, agreeing with addr2line.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

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
    let dir = tempdir();
    let (bin, _stripped) = build(&dir);
    let prof = dir.join("profile.json");
    std::fs::write(&prof, KILL_UNSHARE_LOG_MKDIR).expect("profile");
    let name = unique("ustack");
    let mut ig = stack_stream(&name, 240);
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
