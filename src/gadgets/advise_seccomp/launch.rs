//! Starting a command to record: in a fresh mount namespace, so its syscalls are told apart
//! from the host's. The recorder marks everything from the namespace's first execve on,
//! which is the command's own: what ig's child does before it is not in the profile.

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
    // syscalls (unshare, mount); it allocates nothing and takes no lock.
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
