//! Starting a command to record: in a fresh mount namespace (so its syscalls are told apart
//! from the host's), with an allow-all seccomp filter installed just before its execve (so
//! the kernel itself marks every syscall from the execve on as the command's).

use std::io;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};

use anyhow::Context;

/// Spawns `argv`. Its stdout goes to ig's stderr: ig's stdout carries only the profile.
pub fn spawn_recorded(argv: &[String]) -> anyhow::Result<Child> {
    let (prog, args) = argv
        .split_first()
        .ok_or_else(|| crate::UsageError("no command given after --".into()))?;
    let stdout: Stdio = match io::stderr().as_fd_dup() {
        Some(fd) => fd.into(),
        None => Stdio::inherit(),
    };
    let mut cmd = Command::new(prog);
    cmd.args(args).stdout(stdout);
    // SAFETY: the closure runs in the forked child before execve and only makes raw
    // syscalls (unshare, mount, prctl) on stack data; it allocates nothing and takes no lock.
    unsafe {
        cmd.pre_exec(enter_recording);
    }
    cmd.spawn().with_context(|| format!("starting {prog:?}"))
}

fn enter_recording() -> io::Result<()> {
    // SAFETY: unshare(2) with a valid flag; affects only this (child) process.
    if unsafe { libc::unshare(libc::CLONE_NEWNS) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // Mounts made by the command must not propagate back to the host.
    // SAFETY: mount(2) with NULL source/type/data and a static target path.
    let rc = unsafe {
        libc::mount(
            std::ptr::null(),
            c"/".as_ptr(),
            std::ptr::null(),
            libc::MS_REC | libc::MS_SLAVE,
            std::ptr::null(),
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    let mut filter = [libc::sock_filter {
        code: (libc::BPF_RET | libc::BPF_K) as u16,
        jt: 0,
        jf: 0,
        k: libc::SECCOMP_RET_ALLOW,
    }];
    let prog = libc::sock_fprog {
        len: filter.len() as u16,
        filter: filter.as_mut_ptr(),
    };
    // SAFETY: prctl(PR_SET_SECCOMP) reads `prog`, which points to a live one-instruction
    // filter on this stack frame; allowed for root (CAP_SYS_ADMIN) without no_new_privs.
    let rc = unsafe {
        libc::prctl(
            libc::PR_SET_SECCOMP,
            libc::SECCOMP_MODE_FILTER,
            &prog as *const libc::sock_fprog as libc::c_ulong,
            0,
            0,
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

trait DupFd {
    fn as_fd_dup(&self) -> Option<std::os::fd::OwnedFd>;
}

impl DupFd for io::Stderr {
    fn as_fd_dup(&self) -> Option<std::os::fd::OwnedFd> {
        use std::os::fd::AsFd;
        self.as_fd().try_clone_to_owned().ok()
    }
}
