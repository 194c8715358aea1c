//! Opening files a container controls: resolved inside the container's root, never blocking, regular files of bounded size only.
//!
//! ig runs as root on the host, and a path like `/proc/PID/root/usr/lib/libc.so.6` is resolved
//! by the kernel against *ig's* root for every absolute symlink met inside the container: a
//! container can point such a path at any host file, at a FIFO (an `open` that blocks forever)
//! or at a device. So every container path goes through [`open`] here:
//!
//! - the container part of the path is resolved with `openat2(RESOLVE_IN_ROOT |
//!   RESOLVE_NO_MAGICLINKS)` from an `O_PATH` handle on the container's root: `..` and absolute
//!   symlinks stay inside the root, `/proc/self/root`-style magic links are refused. Mount points
//!   inside the container are crossed (no `RESOLVE_NO_XDEV`): a container's libraries often sit
//!   on bind mounts and volumes, and every such mount is the container's own view anyway.
//! - what it names is first opened `O_PATH` (no open of a FIFO or a device ever happens), checked
//!   with `fstat` to be a regular file no larger than the caller's bound, and only then reopened
//!   for reading, non-blocking, through `/proc/self/fd/N` (the very inode just checked, without
//!   any new path resolution).
//! - a kernel without `openat2` (before 5.6) fails closed: nothing inside containers is read,
//!   said once on stderr.
//!
//! Paths ig gets from the kernel as a handle (`/proc/PID/map_files/<range>`, the file a process
//! really mapped) and host paths ig chose itself go through the same file-type and size checks.

use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;
use nix::fcntl::{openat2, OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::{Mode, SFlag};

/// Largest file ig reads from a container (ELF files for symbols and build ids): the biggest
/// real shared objects are a few hundred MiB; a sparse 1 TiB "library" is refused.
pub(crate) const MAX_FILE_SIZE: u64 = 4 << 30;

/// Set once the missing `openat2` has been reported.
static NO_OPENAT2_SAID: AtomicBool = AtomicBool::new(false);

/// Why a file was not opened.
#[derive(Debug, thiserror::Error)]
pub enum SafeOpenError {
    /// The kernel has no `openat2` (Linux < 5.6): container files are not read at all.
    #[error("{path}: not read, this kernel has no openat2 (Linux 5.6+) to resolve paths safely inside a container")]
    NoOpenat2 { path: String },
    /// Resolution failed, e.g. the path goes through a magic link (`ELOOP`/`EXDEV`) or is gone.
    #[error("{path}: {err}")]
    Resolve { path: String, err: io::Error },
    /// A FIFO, device, socket or directory where a regular file was expected.
    #[error("{path}: not read, it is a {kind}, not a regular file")]
    NotRegular { path: String, kind: &'static str },
    /// Larger than the bound the caller gave.
    #[error("{path}: not read, {size} bytes is more than the {max} bytes ig reads")]
    TooLarge { path: String, size: u64, max: u64 },
}

impl SafeOpenError {
    /// What went wrong, without the path (for messages that name the file their own way).
    pub fn reason(&self) -> String {
        match self {
            SafeOpenError::NoOpenat2 { .. } => {
                "not read, this kernel has no openat2 (Linux 5.6+)".to_string()
            }
            SafeOpenError::Resolve { err, .. } => err.to_string(),
            SafeOpenError::NotRegular { kind, .. } => {
                format!("not read, it is a {kind}, not a regular file")
            }
            SafeOpenError::TooLarge { size, max, .. } => {
                format!("not read, {size} bytes is more than the {max} bytes ig reads")
            }
        }
    }

    /// The file does not exist (an ordinary miss, not worth a warning).
    pub fn is_not_found(&self) -> bool {
        matches!(self, SafeOpenError::Resolve { err, .. } if err.kind() == io::ErrorKind::NotFound)
    }

    /// The process whose `/proc/PID/...` file this was has exited meanwhile (ESRCH): an
    /// ordinary race for a short-lived process, whose frames are then named by build id.
    pub fn is_process_gone(&self) -> bool {
        matches!(self, SafeOpenError::Resolve { err, .. } if err.raw_os_error() == Some(libc::ESRCH))
    }
}

/// An `O_PATH` handle on a directory taken as a container's root.
#[derive(Debug)]
pub struct Root {
    fd: OwnedFd,
    name: String,
}

impl Root {
    /// `dir` (followed, it is a path ig chose) as a root.
    pub fn at(dir: &Path) -> io::Result<Root> {
        let fd = nix::fcntl::open(
            dir,
            OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
            Mode::empty(),
        )?;
        Ok(Root {
            fd,
            name: dir.display().to_string(),
        })
    }

    /// Opens `inner` (a path inside the root, absolute or not) for reading: a regular file of
    /// at most `max` bytes, resolved without leaving the root.
    pub fn open(&self, inner: &Path, max: u64) -> Result<File, SafeOpenError> {
        let display = self.display(inner);
        let fd = self.resolve(inner, OFlag::empty(), &display)?;
        reopen_regular(fd, &display, max)
    }

    /// The metadata of `inner`, resolved without leaving the root (nothing is opened).
    pub fn metadata(&self, inner: &Path) -> Result<std::fs::Metadata, SafeOpenError> {
        let display = self.display(inner);
        let fd = self.resolve(inner, OFlag::empty(), &display)?;
        File::from(fd)
            .metadata()
            .map_err(|err| SafeOpenError::Resolve { path: display, err })
    }

    /// The entries of directory `inner`, resolved without leaving the root.
    pub fn read_dir(&self, inner: &Path) -> Result<std::fs::ReadDir, SafeOpenError> {
        let display = self.display(inner);
        let fd = self.resolve(inner, OFlag::O_DIRECTORY, &display)?;
        // Reopening our own handle through /proc/self/fd resolves nothing inside the container.
        std::fs::read_dir(fd_path(fd.as_fd()))
            .map_err(|err| SafeOpenError::Resolve { path: display, err })
    }

    /// `/proc/self/fd/N` of the handle: a path under it given to [`open`] resolves inside
    /// this root, for as long as the `Root` lives.
    pub fn handle_path(&self) -> PathBuf {
        fd_path(self.fd.as_fd())
    }

    /// The handle itself.
    #[cfg(test)]
    pub fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }

    fn display(&self, inner: &Path) -> String {
        format!(
            "{}/{}",
            self.name.trim_end_matches('/'),
            inner.display().to_string().trim_start_matches('/')
        )
    }

    /// `O_PATH` handle on `inner`, resolved in the root.
    fn resolve(&self, inner: &Path, extra: OFlag, display: &str) -> Result<OwnedFd, SafeOpenError> {
        let relative: PathBuf = inner
            .components()
            .filter(|c| !matches!(c, Component::RootDir | Component::Prefix(_)))
            .collect();
        let relative = if relative.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            relative
        };
        let how = OpenHow::new()
            .flags(OFlag::O_PATH | OFlag::O_CLOEXEC | extra)
            .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
        match openat2(self.fd.as_fd(), &relative, how) {
            Ok(fd) => Ok(fd),
            Err(Errno::ENOSYS) => {
                if !NO_OPENAT2_SAID.swap(true, Ordering::Relaxed) {
                    log::warn!(
                        "this kernel has no openat2 (Linux 5.6+): ig reads no file inside containers, so their stack frames keep module and offset only"
                    );
                }
                Err(SafeOpenError::NoOpenat2 {
                    path: display.to_string(),
                })
            }
            Err(errno) => Err(SafeOpenError::Resolve {
                path: display.to_string(),
                err: io::Error::from(errno),
            }),
        }
    }
}

/// Opens `path` for reading, a regular file of at most `max` bytes. The path's form decides how
/// it is resolved:
/// - `/proc/PID/root/REST` and `/proc/self/fd/N/REST` (a held root handle): REST inside that
///   root, see [`Root::open`];
/// - anything else (`/proc/PID/map_files/...`, `/proc/self/fd/N`, host paths ig chose) is
///   followed as it is, then checked the same way.
pub fn open(path: &Path, max: u64) -> Result<File, SafeOpenError> {
    if let Some((root, inner)) = split_container_path(path) {
        let root = Root::at(&root).map_err(|err| SafeOpenError::Resolve {
            path: path.display().to_string(),
            err,
        })?;
        return root.open(&inner, max);
    }
    let display = path.display().to_string();
    let fd = nix::fcntl::open(path, OFlag::O_PATH | OFlag::O_CLOEXEC, Mode::empty()).map_err(
        |errno| SafeOpenError::Resolve {
            path: display.clone(),
            err: io::Error::from(errno),
        },
    )?;
    reopen_regular(fd, &display, max)
}

/// The metadata of `path`, resolved like [`open`] does (nothing is opened).
pub fn metadata(path: &Path) -> Result<std::fs::Metadata, SafeOpenError> {
    if let Some((root, inner)) = split_container_path(path) {
        let root = Root::at(&root).map_err(|err| SafeOpenError::Resolve {
            path: path.display().to_string(),
            err,
        })?;
        return root.metadata(&inner);
    }
    std::fs::metadata(path).map_err(|err| SafeOpenError::Resolve {
        path: path.display().to_string(),
        err,
    })
}

/// The entries of directory `path`, resolved like [`open`] does.
pub fn read_dir(path: &Path) -> Result<std::fs::ReadDir, SafeOpenError> {
    if let Some((root, inner)) = split_container_path(path) {
        let root = Root::at(&root).map_err(|err| SafeOpenError::Resolve {
            path: path.display().to_string(),
            err,
        })?;
        return root.read_dir(&inner);
    }
    std::fs::read_dir(path).map_err(|err| SafeOpenError::Resolve {
        path: path.display().to_string(),
        err,
    })
}

/// `(root, rest)` of `/proc/PID/root/REST` or `/proc/self/fd/N/REST`; None for other paths.
fn split_container_path(path: &Path) -> Option<(PathBuf, PathBuf)> {
    let mut parts = path.components();
    if parts.next() != Some(Component::RootDir)
        || parts.next() != Some(Component::Normal("proc".as_ref()))
    {
        return None;
    }
    let who = parts.next()?;
    let Component::Normal(who) = who else {
        return None;
    };
    let who = who.to_str()?;
    let root = match (who, parts.next()?) {
        (pid, Component::Normal(kind)) if kind == "root" && is_pid(pid) => {
            PathBuf::from(format!("/proc/{pid}/root"))
        }
        ("self", Component::Normal(kind)) if kind == "fd" => {
            let Some(Component::Normal(n)) = parts.next() else {
                return None;
            };
            let n = n.to_str()?;
            if !n.bytes().all(|b| b.is_ascii_digit()) || n.is_empty() {
                return None;
            }
            PathBuf::from(format!("/proc/self/fd/{n}"))
        }
        _ => return None,
    };
    let rest = parts.as_path();
    // `/proc/self/fd/N` alone is a held file, not a root.
    (!rest.as_os_str().is_empty()).then(|| (root, rest.to_path_buf()))
}

fn is_pid(s: &str) -> bool {
    s == "self" || (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
}

/// `/proc/self/fd/N` of a descriptor.
pub fn fd_path(fd: BorrowedFd<'_>) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

/// Checks an `O_PATH` handle (regular file, at most `max` bytes), then opens that inode for
/// reading, non-blocking.
fn reopen_regular(fd: OwnedFd, display: &str, max: u64) -> Result<File, SafeOpenError> {
    let st = nix::sys::stat::fstat(&fd).map_err(|errno| SafeOpenError::Resolve {
        path: display.to_string(),
        err: io::Error::from(errno),
    })?;
    let kind = SFlag::from_bits_truncate(st.st_mode & SFlag::S_IFMT.bits());
    if kind != SFlag::S_IFREG {
        return Err(SafeOpenError::NotRegular {
            path: display.to_string(),
            kind: kind_name(kind),
        });
    }
    let size = u64::try_from(st.st_size).unwrap_or(0);
    if size > max {
        return Err(SafeOpenError::TooLarge {
            path: display.to_string(),
            size,
            max,
        });
    }
    let file = nix::fcntl::open(
        &fd_path(fd.as_fd()),
        OFlag::O_RDONLY | OFlag::O_NONBLOCK | OFlag::O_CLOEXEC | OFlag::O_NOCTTY,
        Mode::empty(),
    )
    .map(File::from)
    .map_err(|errno| SafeOpenError::Resolve {
        path: display.to_string(),
        err: io::Error::from(errno),
    })?;
    Ok(file)
}

fn kind_name(kind: SFlag) -> &'static str {
    match kind {
        SFlag::S_IFIFO => "FIFO",
        SFlag::S_IFCHR => "character device",
        SFlag::S_IFBLK => "block device",
        SFlag::S_IFSOCK => "socket",
        SFlag::S_IFDIR => "directory",
        SFlag::S_IFLNK => "symbolic link",
        _ => "special file",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::os::unix::fs::symlink;
    use std::time::{Duration, Instant};

    /// A fake container root beside a fake host directory, with every trick the issue names.
    struct Fixture {
        dir: tempfile::TempDir,
    }

    impl Fixture {
        fn new() -> Fixture {
            let dir = tempfile::tempdir().expect("temp dir");
            let host = dir.path().join("host");
            let root = dir.path().join("root");
            for d in [&host, &root.join("lib")] {
                std::fs::create_dir_all(d).expect("mkdir");
            }
            std::fs::write(host.join("secret"), b"host secret").expect("secret");
            nix::unistd::mkfifo(&host.join("fifo"), Mode::from_bits_truncate(0o600))
                .expect("host fifo");
            std::fs::write(root.join("lib/libok.so"), b"\x7fELF container").expect("lib");
            nix::unistd::mkfifo(&root.join("lib/fifo.so"), Mode::from_bits_truncate(0o600))
                .expect("fifo");
            symlink(host.join("secret"), root.join("lib/abs-host.so")).expect("symlink");
            symlink(host.join("fifo"), root.join("lib/abs-fifo.so")).expect("symlink");
            symlink("../../../host/secret", root.join("lib/dotdot.so")).expect("symlink");
            symlink("/lib/libok.so", root.join("lib/abs-inside.so")).expect("symlink");
            symlink("/dev/zero", root.join("lib/zero.so")).expect("symlink");
            let sparse = File::create(root.join("lib/huge.so")).expect("sparse");
            sparse.set_len(1 << 40).expect("1 TiB sparse file");
            Fixture { dir }
        }

        fn root(&self) -> Root {
            Root::at(&self.dir.path().join("root")).expect("root handle")
        }

        fn read(&self, inner: &str) -> Result<String, SafeOpenError> {
            let mut s = String::new();
            let mut f = self.root().open(Path::new(inner), MAX_FILE_SIZE)?;
            f.read_to_string(&mut s).expect("read");
            Ok(s)
        }
    }

    #[test]
    fn a_regular_file_inside_is_read() {
        let fx = Fixture::new();
        assert_eq!(fx.read("/lib/libok.so").unwrap(), "\x7fELF container");
        assert_eq!(fx.read("lib/libok.so").unwrap(), "\x7fELF container");
        // An absolute symlink resolves inside the root, as the container sees it.
        assert_eq!(fx.read("/lib/abs-inside.so").unwrap(), "\x7fELF container");
    }

    #[test]
    fn symlinks_to_the_host_stay_inside_the_root() {
        let fx = Fixture::new();
        for inner in [
            "/lib/abs-host.so",
            "/lib/dotdot.so",
            "/lib/abs-fifo.so",
            "/../host/secret",
        ] {
            let err = fx.read(inner).expect_err(inner);
            assert!(err.is_not_found(), "{inner}: {err}");
        }
    }

    #[test]
    fn fifos_devices_and_magic_links_are_refused_without_blocking() {
        let fx = Fixture::new();
        let started = Instant::now();
        let err = fx.read("/lib/fifo.so").expect_err("fifo");
        assert!(
            matches!(err, SafeOpenError::NotRegular { kind: "FIFO", .. }),
            "{err}"
        );
        // The container's /dev/zero does not exist in the fake root; the host's is not reached.
        assert!(fx.read("/lib/zero.so").expect_err("zero").is_not_found());
        // A magic link (here the real /proc/self/root, from a root that has /proc) is refused.
        let host = Root::at(Path::new("/")).expect("root");
        let err = host
            .open(Path::new("/proc/self/root/etc/passwd"), MAX_FILE_SIZE)
            .expect_err("magic link");
        assert!(
            matches!(&err, SafeOpenError::Resolve { err, .. } if err.raw_os_error() == Some(libc::ELOOP)),
            "{err}"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_device_inside_the_root_is_refused() {
        // A root whose /dev/zero is the real one: the host's root itself.
        let root = Root::at(Path::new("/")).expect("root");
        let err = root
            .open(Path::new("/dev/zero"), MAX_FILE_SIZE)
            .expect_err("device");
        assert!(
            matches!(
                err,
                SafeOpenError::NotRegular {
                    kind: "character device",
                    ..
                }
            ),
            "{err}"
        );
        let err = root
            .open(Path::new("/tmp"), MAX_FILE_SIZE)
            .expect_err("dir");
        assert!(matches!(
            err,
            SafeOpenError::NotRegular {
                kind: "directory",
                ..
            }
        ));
    }

    #[test]
    fn a_sparse_terabyte_is_refused_by_size() {
        let fx = Fixture::new();
        let err = fx.read("/lib/huge.so").expect_err("huge");
        assert!(
            matches!(err, SafeOpenError::TooLarge { size, .. } if size == 1 << 40),
            "{err}"
        );
    }

    #[test]
    fn container_paths_are_split_and_resolved_in_their_root() {
        let fx = Fixture::new();
        let root = fx.root();
        let held = fd_path(root.fd.as_fd());
        let ok = held.join("lib/libok.so");
        let mut s = String::new();
        open(&ok, MAX_FILE_SIZE)
            .expect("through a held root")
            .read_to_string(&mut s)
            .expect("read");
        assert_eq!(s, "\x7fELF container");
        assert!(open(&held.join("lib/abs-host.so"), MAX_FILE_SIZE)
            .expect_err("escape")
            .is_not_found());
        assert!(metadata(&held.join("lib/abs-host.so")).is_err());
        assert_eq!(
            split_container_path(Path::new("/proc/42/root/usr/lib/x.so")),
            Some((
                PathBuf::from("/proc/42/root"),
                PathBuf::from("usr/lib/x.so")
            ))
        );
        assert_eq!(split_container_path(Path::new("/proc/self/fd/7")), None);
        assert_eq!(
            split_container_path(Path::new("/proc/42/map_files/1-2")),
            None
        );
        assert_eq!(split_container_path(Path::new("/usr/lib/x.so")), None);
    }

    #[test]
    fn a_directory_listing_stays_inside_the_root() {
        let fx = Fixture::new();
        symlink(fx.dir.path().join("host"), fx.dir.path().join("root/usr")).expect("symlink");
        let root = fx.root();
        let names: Vec<String> = root
            .read_dir(Path::new("/lib"))
            .expect("lib")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.contains(&"libok.so".to_string()));
        assert!(root
            .read_dir(Path::new("/usr"))
            .expect_err("host dir")
            .is_not_found());
    }

    /// A process that exited while ig read its maps (ESRCH from `/proc/PID/map_files`) is
    /// the ordinary race of a short-lived process, told apart from a missing file and from a
    /// refusal.
    #[test]
    fn a_process_gone_is_told_apart() {
        let err = |errno| SafeOpenError::Resolve {
            path: "/proc/7/map_files/401000-48c000".into(),
            err: io::Error::from_raw_os_error(errno),
        };
        assert!(err(libc::ESRCH).is_process_gone() && !err(libc::ESRCH).is_not_found());
        assert!(!err(libc::ENOENT).is_process_gone() && err(libc::ENOENT).is_not_found());
        assert!(!err(libc::ELOOP).is_process_gone());
    }
}
