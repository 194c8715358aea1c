//! A hostile container against `ig run audit_seccomp --collect-ustack` on the real engine:
//! before seccomp kills it, it turns its executable into a symlink to a host file and to a host
//! FIFO, and fills its library directories with FIFOs, links to /dev/zero, links to host files
//! and a 1 TiB sparse `.so`. ig must print the record, end by itself at `--timeout`, never open
//! a host file through the container (watched with inotify from the host), and say what it
//! did not read.

use std::ffi::CString;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::Value;

const PROFILE: &str = r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"action":"SCMP_ACT_KILL","names":["unshare"]}]}"#;

/// inotify watches on host files: any open or read of them is reported.
struct Watch {
    fd: OwnedFd,
}

impl Watch {
    fn new(paths: &[&Path]) -> Watch {
        // SAFETY: inotify_init1 takes no pointers; a negative result is checked below.
        let raw = unsafe { libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC) };
        assert!(
            raw >= 0,
            "inotify_init1: {}",
            std::io::Error::last_os_error()
        );
        // SAFETY: `raw` is a fresh descriptor nothing else owns.
        let fd = unsafe { OwnedFd::from_raw_fd(raw) };
        for p in paths {
            let c = CString::new(p.as_os_str().as_bytes()).expect("path without NUL");
            // SAFETY: `c` is a NUL-terminated path that outlives the call.
            let wd = unsafe {
                libc::inotify_add_watch(fd.as_raw_fd(), c.as_ptr(), libc::IN_OPEN | libc::IN_ACCESS)
            };
            assert!(
                wd >= 0,
                "watching {}: {}",
                p.display(),
                std::io::Error::last_os_error()
            );
        }
        Watch { fd }
    }

    /// Number of events so far.
    fn events(&self) -> usize {
        let mut buf = [0u8; 4096];
        let mut n = 0;
        loop {
            // SAFETY: `buf` is writable for its whole length.
            let got =
                unsafe { libc::read(self.fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
            if got <= 0 {
                return n;
            }
            let mut off = 0usize;
            let got = usize::try_from(got).unwrap_or(0);
            while off + 16 <= got {
                let len = u32::from_ne_bytes(buf[off + 12..off + 16].try_into().expect("u32"));
                n += 1;
                off += 16 + len as usize;
            }
        }
    }
}

#[test]
fn a_hostile_container_cannot_make_ig_read_host_files_or_hang() {
    require!(Root, Docker, Gcc);
    let dir = tempdir();
    // Stripped: its frames stay unnamed, so ig also looks through the container's library
    // directories for build ids, where the traps are.
    compile_c(
        "hostile.c",
        &dir.join("hostile"),
        &["-O0", "-fno-omit-frame-pointer", "-s"],
    );
    std::fs::copy("/lib/x86_64-linux-gnu/libc.so.6", dir.join("libc.so.6")).expect("libc");
    std::fs::copy("/lib64/ld-linux-x86-64.so.2", dir.join("ld.so")).expect("ld.so");
    std::fs::write(dir.join("profile.json"), PROFILE).expect("profile");
    // Host-only paths the container's symlinks point at.
    let host = tempdir();
    let fifo = host.join("host.fifo");
    let file = host.join("canary.so");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o644)).expect("fifo");
    std::fs::copy("/lib/x86_64-linux-gnu/libc.so.6", &file).expect("canary");
    let watch = Watch::new(&[&fifo, &file, &host]);

    let name = unique("hostile");
    let timeout = 30u64;
    let started = Instant::now();
    let ig = stack_stream(&name, timeout);
    let (f, h) = (fifo.display().to_string(), file.display().to_string());
    let script = format!(
        "mkdir -p /lib/x86_64-linux-gnu /lib64 /app && cp /t/ld.so /lib64/ld-linux-x86-64.so.2 && \
         cp /t/hostile /app/to-file && cp /t/hostile /app/to-fifo && sleep 3; \
         cp /t/libc.so.6 /lib/x86_64-linux-gnu/libc.so.6; /app/to-file {h} {f} {h}; \
         rm -f /lib/x86_64-linux-gnu/libc.so.6; cp /t/libc.so.6 /lib/x86_64-linux-gnu/libc.so.6; \
         /app/to-fifo {f} {f} {h}; sleep 15"
    );
    let sec = format!("seccomp={}", dir.join("profile.json").display());
    let vol = format!("{}:/t:ro", dir.display());
    let _c = DockerContainer::start(
        &name,
        &["--security-opt", &sec, "-v", &vol],
        &["sh", "-c", &script],
    );

    let (code, out, err) = ig.finish(Duration::from_secs(timeout + 30));
    let took = started.elapsed();
    assert_eq!(
        code,
        Some(0),
        "ig did not end by itself at --timeout: {err}"
    );
    assert!(
        took < Duration::from_secs(timeout + 25),
        "ig took {took:?} with --timeout {timeout}"
    );
    let recs: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let killed: Vec<&Value> = recs
        .iter()
        .filter(|r| r["syscall"] == "SYS_UNSHARE" && r["runtime"]["containerName"] == name)
        .collect();
    assert_eq!(killed.len(), 2, "one record per killed run: {out}\n{err}");
    for r in &killed {
        let u = &r["ustack"];
        assert!(
            u["frames"].is_array() || u["error"].is_string(),
            "every record says what became of its stack: {r}"
        );
    }
    assert_eq!(
        watch.events(),
        0,
        "ig opened or read a host file through the container\n{err}"
    );
    // What it did not read, said once each on stderr.
    for what in ["FIFO", "character device", "1099511627776 bytes"] {
        assert!(
            err.contains(what),
            "stderr does not mention the {what}: {err}"
        );
    }
    if std::env::var_os("IG_TEST_SHOW").is_some() {
        eprintln!("--- stdout\n{out}\n--- stderr\n{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&host);
}
