//! The host layer: where the host's files are when ig runs in a container with the host's
//! root mounted at `HOST_ROOT` (Inspektor Gadget's convention: `-v /:/host -e HOST_ROOT=/host`).
//!
//! Every host path ig opens or writes (runtime sockets, kernel BTF, `--install` and
//! `--output-dir`) goes through [`HostRoot`]; `/proc` is the host's only with `--pid=host`,
//! which [`HostRoot::require_host_pid`] checks. Without `HOST_ROOT` every path is itself.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

/// The environment variable naming the host's root inside ig's container.
pub const HOST_ROOT_ENV: &str = "HOST_ROOT";
/// Where the host's root is when `HOST_ROOT` is set but empty.
pub const DEFAULT_HOST_ROOT: &str = "/host";

#[derive(Debug, thiserror::Error)]
pub enum HostError {
    #[error("HOST_ROOT={0:?} is not an absolute path: set it to where the host's / is mounted (usually /host)")]
    NotAbsolute(String),
    #[error("HOST_ROOT={path}: {detail}: mount the host's / there (docker run -v /:/host ...)")]
    Missing { path: PathBuf, detail: String },
    #[error("ig sees only its own container's processes, not the host's: run it with --pid=host (hostPID: true in Kubernetes)")]
    NotHostPid,
}

/// The host's root as seen by ig: `None` when ig runs on the host itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostRoot {
    root: Option<PathBuf>,
}

static HOST: OnceLock<HostRoot> = OnceLock::new();

/// Reads `HOST_ROOT` once, at start-up; later calls of [`get`] see the same value.
pub fn init() -> Result<&'static HostRoot, HostError> {
    if let Some(h) = HOST.get() {
        return Ok(h);
    }
    let h = HostRoot::from_env_value(std::env::var_os(HOST_ROOT_ENV).as_deref())?;
    if let Some(root) = &h.root {
        std::fs::metadata(root).map_err(|e| HostError::Missing {
            path: root.clone(),
            detail: e.to_string(),
        })?;
        log::debug!("host root at {}", root.display());
    }
    Ok(HOST.get_or_init(|| h))
}

/// The host layer in use ([`init`] or, before it, the host itself).
pub fn get() -> &'static HostRoot {
    HOST.get_or_init(HostRoot::default)
}

impl HostRoot {
    /// A host root at `root` ("/" means ig runs on the host).
    pub fn at(root: impl Into<PathBuf>) -> HostRoot {
        let root = root.into();
        HostRoot {
            root: (root != Path::new("/")).then_some(root),
        }
    }

    /// The value of `HOST_ROOT`: unset is the host itself, empty is `/host`.
    pub fn from_env_value(v: Option<&OsStr>) -> Result<HostRoot, HostError> {
        match v {
            None => Ok(HostRoot::default()),
            Some(v) if v.is_empty() => Ok(HostRoot::at(DEFAULT_HOST_ROOT)),
            Some(v) => {
                let p = PathBuf::from(v);
                if !p.is_absolute() {
                    return Err(HostError::NotAbsolute(v.to_string_lossy().into_owned()));
                }
                Ok(HostRoot::at(p))
            }
        }
    }

    /// Where the host's root is mounted, if ig runs in a container.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    /// A host path as ig reaches it: `/var/lib/kubelet/seccomp` becomes
    /// `/host/var/lib/kubelet/seccomp`. Relative paths and paths already under the root are
    /// kept as they are.
    pub fn path(&self, host: &Path) -> PathBuf {
        match &self.root {
            Some(root) if host.is_absolute() && !host.starts_with(root) => {
                root.join(host.strip_prefix("/").unwrap_or(host))
            }
            _ => host.to_path_buf(),
        }
    }

    /// Like [`HostRoot::path`], but follows the host's symbolic links inside the host's root:
    /// `/var/run/docker.sock`, with `/var/run -> /run` on the host, is
    /// `/host/run/docker.sock`, never the container's own `/run`.
    pub fn resolve(&self, host: &Path) -> PathBuf {
        let Some(root) = &self.root else {
            return host.to_path_buf();
        };
        if !host.is_absolute() || host.starts_with(root) {
            return host.to_path_buf();
        }
        resolve_under(root, host)
    }

    /// The first of `candidates` (host paths) that exists, else the first one, mapped.
    pub fn find(&self, candidates: &[&str]) -> PathBuf {
        let mapped: Vec<PathBuf> = candidates
            .iter()
            .map(|c| self.resolve(Path::new(c)))
            .collect();
        mapped
            .iter()
            .find(|p| p.exists())
            .or(mapped.first())
            .cloned()
            .unwrap_or_default()
    }

    /// In a container, ig reads the host's processes through `/proc`: that needs the host's
    /// PID namespace. On the host itself this always holds.
    pub fn require_host_pid(&self) -> Result<(), HostError> {
        if self.root.is_none() {
            return Ok(());
        }
        // Only the host's PID namespace has a second process without a parent: kthreadd,
        // pid 2. (The NSpid line of /proc/self/status cannot tell: a container's /proc starts
        // at the container's own namespace.)
        let stat = std::fs::read_to_string("/proc/2/stat").unwrap_or_default();
        if is_kthreadd_stat(&stat) {
            Ok(())
        } else {
            Err(HostError::NotHostPid)
        }
    }

    /// The kernel's BTF: `/sys/kernel/btf/vmlinux` (sysfs is there in most containers),
    /// else the host's through the root.
    pub fn btf_path(&self) -> PathBuf {
        let own = PathBuf::from(KERNEL_BTF);
        if own.exists() {
            return own;
        }
        self.path(&own)
    }

    /// A hint for a file ig could not find: which mount provides it.
    pub fn mount_hint(&self, host: &str) -> String {
        match &self.root {
            Some(root) => format!(
                " (ig runs with HOST_ROOT={}: mount the host's {host} at {})",
                root.display(),
                self.path(Path::new(host)).display()
            ),
            None => String::new(),
        }
    }
}

/// The kernel's BTF on the host.
pub const KERNEL_BTF: &str = "/sys/kernel/btf/vmlinux";

/// Is this `/proc/2/stat` kthreadd's: a process whose parent pid is 0? In any other PID
/// namespace than the host's, only pid 1 has no parent.
pub fn is_kthreadd_stat(stat: &str) -> bool {
    // comm may hold spaces and parentheses: the fields after the last ')' are state, ppid.
    stat.rfind(')')
        .and_then(|i| stat[i + 1..].split_whitespace().nth(1))
        .is_some_and(|ppid| ppid == "0")
}

/// Resolves `host` (absolute) under `root`, following symbolic links the way the host
/// would, but never above `root`: an absolute link target starts again at `root`, `..` stops
/// at it. Components that do not exist are joined as they are.
fn resolve_under(root: &Path, host: &Path) -> PathBuf {
    const MAX_LINKS: usize = 40;
    let mut pending: Vec<PathBuf> = rel_components(host);
    pending.reverse();
    let mut done: Vec<PathBuf> = Vec::new();
    let mut links = 0;
    while let Some(c) = pending.pop() {
        if c.as_os_str() == ".." {
            done.pop();
            continue;
        }
        let candidate = done
            .iter()
            .fold(root.to_path_buf(), |p, c| p.join(c))
            .join(&c);
        match std::fs::symlink_metadata(&candidate) {
            Ok(m) if m.file_type().is_symlink() && links < MAX_LINKS => {
                links += 1;
                let Ok(target) = std::fs::read_link(&candidate) else {
                    done.push(c);
                    continue;
                };
                if target.is_absolute() {
                    done.clear();
                }
                let mut more = rel_components(&target);
                more.reverse();
                pending.extend(more);
            }
            _ => done.push(c),
        }
    }
    done.iter().fold(root.to_path_buf(), |p, c| p.join(c))
}

/// The normal and `..` components of a path, as single-component paths.
fn rel_components(p: &Path) -> Vec<PathBuf> {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(PathBuf::from(n)),
            Component::ParentDir => Some(PathBuf::from("..")),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_values() {
        assert_eq!(HostRoot::from_env_value(None).unwrap().root(), None);
        assert_eq!(
            HostRoot::from_env_value(Some(OsStr::new("")))
                .unwrap()
                .root(),
            Some(Path::new("/host"))
        );
        assert_eq!(
            HostRoot::from_env_value(Some(OsStr::new("/")))
                .unwrap()
                .root(),
            None
        );
        assert!(matches!(
            HostRoot::from_env_value(Some(OsStr::new("host"))),
            Err(HostError::NotAbsolute(_))
        ));
    }

    #[test]
    fn paths_map_under_the_root_once() {
        let h = HostRoot::at("/host");
        assert_eq!(
            h.path(Path::new("/var/lib/kubelet/seccomp")),
            Path::new("/host/var/lib/kubelet/seccomp")
        );
        assert_eq!(h.path(Path::new("/host/x")), Path::new("/host/x"));
        assert_eq!(h.path(Path::new("out")), Path::new("out"));
        assert_eq!(HostRoot::default().path(Path::new("/a")), Path::new("/a"));
    }

    #[test]
    fn links_resolve_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("run")).unwrap();
        std::fs::create_dir_all(root.join("var")).unwrap();
        std::fs::write(root.join("run/docker.sock"), b"").unwrap();
        // Absolute target, as on Debian: /var/run -> /run.
        std::os::unix::fs::symlink("/run", root.join("var/run")).unwrap();
        // A link that climbs: stays at the root.
        std::os::unix::fs::symlink("../../../../etc", root.join("run/up")).unwrap();
        let h = HostRoot::at(root);
        assert_eq!(
            h.resolve(Path::new("/var/run/docker.sock")),
            root.join("run/docker.sock")
        );
        assert_eq!(
            h.resolve(Path::new("/run/up/passwd")),
            root.join("etc/passwd")
        );
        assert_eq!(
            h.find(&["/nonexistent.sock", "/var/run/docker.sock"]),
            root.join("run/docker.sock")
        );
        assert_eq!(h.find(&["/a.sock", "/b.sock"]), root.join("a.sock"));
    }

    #[test]
    fn link_loops_end() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/loop", dir.path().join("loop")).unwrap();
        let h = HostRoot::at(dir.path());
        // Terminates; the exact result does not matter.
        let _ = h.resolve(Path::new("/loop/x"));
    }

    #[test]
    fn kthreadd_is_told_from_a_container_process() {
        assert!(is_kthreadd_stat("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0"));
        assert!(!is_kthreadd_stat("2 (sh) S 1 2 2 0 -1 4194560 0 0"));
        assert!(!is_kthreadd_stat("2 (a) S 0) S 1 2 2"));
        assert!(!is_kthreadd_stat(""));
        // On this machine (ig's tests run on the host), pid 2 is kthreadd.
        let own = std::fs::read_to_string("/proc/2/stat").unwrap_or_default();
        assert!(is_kthreadd_stat(&own), "{own}");
    }
}
