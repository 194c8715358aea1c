//! Facts about host processes read from /proc: mount namespaces, start times, liveness.

use std::collections::HashSet;
use std::fs;
use std::io;

/// Mount namespace inode of a process, from the `/proc/PID/ns/mnt` link (`mnt:[4026531841]`).
pub fn mntns_of(pid: u32) -> io::Result<u64> {
    let link = fs::read_link(format!("/proc/{pid}/ns/mnt"))?;
    parse_ns_link(&link.to_string_lossy()).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("unexpected namespace link {:?}", link),
        )
    })
}

/// Mount namespace of the host: that of pid 1, or, where pid 1's namespace links cannot be
/// read (some sandboxes protect pid 1 even from root), that of kthreadd (pid 2, a kernel
/// thread in the initial namespaces). On the host, ig's own namespace is the last resort;
/// in a container (`HOST_ROOT`) it is not the host's, so that is an error.
pub fn host_mntns() -> io::Result<u64> {
    let first = match mntns_of(1) {
        Ok(ns) => return Ok(ns),
        Err(e) => e,
    };
    log::debug!("reading /proc/1/ns/mnt: {first}; trying kthreadd (pid 2)");
    if let Ok(ns) = mntns_of(2) {
        return Ok(ns);
    }
    if crate::hostroot::get().root().is_some() {
        return Err(io::Error::new(
            first.kind(),
            format!("reading /proc/1/ns/mnt: {first} (run ig with --pid=host and CAP_SYS_PTRACE)"),
        ));
    }
    log::debug!("taking ig's own mount namespace as the host's");
    mntns_of(std::process::id())
}

/// The `/proc/PID/ns/KIND` link of the host's initial namespaces (pid 1, else kthreadd).
pub fn initial_ns_link(kind: &str) -> io::Result<std::path::PathBuf> {
    fs::read_link(format!("/proc/1/ns/{kind}"))
        .or_else(|_| fs::read_link(format!("/proc/2/ns/{kind}")))
}

fn parse_ns_link(s: &str) -> Option<u64> {
    s.strip_prefix("mnt:[")?.strip_suffix(']')?.parse().ok()
}

/// Every mount namespace that at least one live process is in.
pub fn live_mntns() -> HashSet<u64> {
    let mut set = HashSet::new();
    if let Ok(dir) = fs::read_dir("/proc") {
        for e in dir.flatten() {
            if let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) {
                if let Ok(ns) = mntns_of(pid) {
                    set.insert(ns);
                }
            }
        }
    }
    set
}

/// Start time of a process in nanoseconds since boot (field 22 of /proc/PID/stat).
pub fn start_time_ns(pid: u32) -> io::Result<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat"))?;
    parse_start_ticks(&stat)
        .map(|ticks| ticks.saturating_mul(1_000_000_000) / clock_ticks())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "malformed /proc/PID/stat"))
}

fn parse_start_ticks(stat: &str) -> Option<u64> {
    // comm (field 2) may hold spaces and parentheses: split after the last ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(19)?.parse().ok()
}

fn clock_ticks() -> u64 {
    // SAFETY: sysconf has no preconditions and does not touch memory we own.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 {
        t as u64
    } else {
        100
    }
}

/// Nanoseconds since boot, counting suspend (the clock of `bpf_ktime_get_boot_ns`).
pub fn boot_ns() -> u64 {
    nix::time::clock_gettime(nix::time::ClockId::CLOCK_BOOTTIME)
        .map(|t| t.tv_sec() as u64 * 1_000_000_000 + t.tv_nsec() as u64)
        .unwrap_or(0)
}

/// Wall-clock time (ns since the epoch) of a CLOCK_BOOTTIME timestamp.
pub fn boot_ns_to_unix_ns(boot: u64) -> u64 {
    let now_wall = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    now_wall.saturating_sub(boot_ns().saturating_sub(boot))
}

/// The last path component of a process's cgroup (v2 entry, else the first v1 one): the
/// directory that names its container.
pub fn cgroup_leaf_of(pid: u32) -> Option<String> {
    let text = fs::read_to_string(format!("/proc/{pid}/cgroup")).ok()?;
    let pick = |l: &&str| l.starts_with("0::");
    let line = text
        .lines()
        .find(pick)
        .filter(|l| l.len() > 4)
        .or_else(|| text.lines().next())?;
    let path = line.splitn(3, ':').nth(2)?;
    path.rsplit('/').next().map(str::to_string)
}

/// The node name: `NODE_NAME` (set from the pod spec in the DaemonSet, where the hostname
/// is the pod's), else the hostname of this machine.
pub fn node_name() -> String {
    if let Some(n) = std::env::var("NODE_NAME").ok().filter(|n| !n.is_empty()) {
        return n;
    }
    nix::unistd::gethostname()
        .ok()
        .and_then(|h| h.into_string().ok())
        .unwrap_or_else(|| "localhost".into())
}

/// Whether the kernel's audit subsystem was disabled at boot (`audit=0` or `audit=off` on
/// its command line): then audit_seccomp() writes no record anywhere (no netlink stream, no
/// dmesg line), though the kernel still calls it.
pub(crate) fn audit_disabled_at_boot() -> bool {
    std::fs::read_to_string("/proc/cmdline").is_ok_and(|c| cmdline_disables_audit(&c))
}

pub(crate) fn cmdline_disables_audit(cmdline: &str) -> bool {
    cmdline
        .split_whitespace()
        .filter_map(|t| t.strip_prefix("audit="))
        .next_back()
        .is_some_and(|v| v == "0" || v == "off")
}

/// The seccomp actions the kernel does not log (`kernel.seccomp.actions_logged` lacks them):
/// audit_seccomp() is not called for them, so no source sees them.
pub(crate) fn seccomp_actions_not_logged() -> Vec<&'static str> {
    match std::fs::read_to_string("/proc/sys/kernel/seccomp/actions_logged") {
        Ok(s) => actions_missing(&s),
        Err(_) => Vec::new(),
    }
}

pub(crate) fn actions_missing(actions_logged: &str) -> Vec<&'static str> {
    let have: Vec<&str> = actions_logged.split_whitespace().collect();
    ["kill_process", "kill_thread", "trap", "errno", "log"]
        .into_iter()
        .filter(|a| !have.contains(a))
        .collect()
}

/// Where a file of the file system with device `dev` (a kernel `s_dev`), at `in_fs` from
/// that file system's root, is reachable from ig: (a handle on a mount point of that device
/// whose root contains it, the rest of the path below it), from the host's mount table (see
/// [`MountTable`]). The rest is container-controlled: open it only inside the mount point
/// (`safe_open::Root`), never by joining and following it on the host.
pub(crate) fn path_on_host(dev: u32, in_fs: &str) -> Option<(crate::safe_open::Root, String)> {
    MountTable::of(crate::hostroot::get().root().is_some()).find(dev, in_fs)
}

/// The mount table that lists the host's mounts, and how ig reaches their mount points.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct MountTable {
    pub(crate) mountinfo: &'static str,
    /// What a mount point's path is taken below.
    pub(crate) through: &'static str,
}

impl MountTable {
    /// On the host, ig's own table. In a container (`HOST_ROOT`, with `--pid=host`), ig's
    /// table lists its container's mounts, not the host's: the host's init (pid 1) has the
    /// host's, whose mount points ig reaches through that process's root.
    pub(crate) fn of(in_container: bool) -> MountTable {
        if in_container {
            MountTable {
                mountinfo: "/proc/1/mountinfo",
                through: "/proc/1/root",
            }
        } else {
            MountTable {
                mountinfo: "/proc/self/mountinfo",
                through: "/",
            }
        }
    }

    /// The file at `in_fs` on device `dev`, through the first mount of this table whose
    /// root contains it: (a handle on that mount point, the rest of the path below it).
    fn find(&self, dev: u32, in_fs: &str) -> Option<(crate::safe_open::Root, String)> {
        let info = std::fs::read_to_string(self.mountinfo).ok()?;
        path_in_mountinfo(&info, dev, in_fs)
            .into_iter()
            .find_map(|(mount, rest)| {
                let root = crate::safe_open::Root::at(&self.reach(&mount)).ok()?;
                root.metadata(std::path::Path::new(&rest)).ok()?;
                Some((root, rest))
            })
    }

    /// Where ig opens the mount point `mount` (a path of this table).
    pub(crate) fn reach(&self, mount: &std::path::Path) -> std::path::PathBuf {
        let below = mount.strip_prefix("/").unwrap_or(mount);
        std::path::Path::new(self.through).join(below)
    }
}

/// Candidate paths for `path_on_host`, from mountinfo text.
pub(crate) fn path_in_mountinfo(
    info: &str,
    dev: u32,
    in_fs: &str,
) -> Vec<(std::path::PathBuf, String)> {
    let want = format!("{}:{}", dev >> 20, dev & 0xf_ffff);
    let mut out = Vec::new();
    for line in info.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        let (Some(devno), Some(root), Some(mountpoint)) = (f.get(2), f.get(3), f.get(4)) else {
            continue;
        };
        if *devno != want {
            continue;
        }
        let root = root.trim_end_matches('/');
        let Some(rest) = in_fs.strip_prefix(root) else {
            continue;
        };
        if !(rest.is_empty() || rest.starts_with('/')) {
            continue;
        }
        // mountinfo escapes spaces and the like as octal (\040): such mounts are skipped.
        if mountpoint.contains('\\') {
            continue;
        }
        out.push((
            std::path::PathBuf::from(mountpoint),
            rest.trim_start_matches('/').to_string(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn audit_off_and_unlogged_actions_are_read() {
        assert!(cmdline_disables_audit("BOOT_IMAGE=/v quiet audit=0\n"));
        assert!(cmdline_disables_audit("audit=off"));
        assert!(!cmdline_disables_audit("audit=1 audit_backlog_limit=0"));
        assert!(!cmdline_disables_audit("audit=0 audit=1"));
        assert_eq!(
            actions_missing("kill_process kill_thread trap errno user_notif trace log\n"),
            Vec::<&str>::new()
        );
        assert_eq!(
            actions_missing("kill_process log"),
            vec!["kill_thread", "trap", "errno"]
        );
    }

    #[test]
    fn files_are_found_through_the_mounts_of_their_device() {
        let info = "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n\
                    30 22 0:45 / /tmp rw - tmpfs tmpfs rw\n\
                    31 22 8:1 /srv/data /data rw - ext4 /dev/sda1 rw\n";
        let dev = (8 << 20) | 1;
        assert_eq!(
            path_in_mountinfo(info, dev, "/srv/data/bin/x"),
            vec![
                (std::path::PathBuf::from("/"), "srv/data/bin/x".to_string()),
                (std::path::PathBuf::from("/data"), "bin/x".to_string())
            ]
        );
        assert_eq!(
            path_in_mountinfo(info, 45, "/d/levels"),
            vec![(std::path::PathBuf::from("/tmp"), "d/levels".to_string())]
        );
        assert!(path_in_mountinfo(info, 45 + 1, "/d/levels").is_empty());
        assert!(path_in_mountinfo(info, dev, "/srv/database").len() == 1);
    }

    use super::*;

    #[test]
    fn in_a_container_mounts_are_the_host_inits_reached_through_its_root() {
        let host = MountTable::of(false);
        assert_eq!(host.mountinfo, "/proc/self/mountinfo");
        assert_eq!(
            host.reach(std::path::Path::new("/var/lib/docker/overlay2/x/merged")),
            std::path::PathBuf::from("/var/lib/docker/overlay2/x/merged")
        );
        let in_container = MountTable::of(true);
        assert_eq!(in_container.mountinfo, "/proc/1/mountinfo");
        assert_eq!(
            in_container.reach(std::path::Path::new("/data")),
            std::path::PathBuf::from("/proc/1/root/data")
        );
        assert_eq!(
            in_container.reach(std::path::Path::new("/")),
            std::path::PathBuf::from("/proc/1/root/")
        );
    }

    /// Through pid 1's table and root, a file on this host is found and opened inside its
    /// mount (what ig does in a container with --pid=host).
    #[test]
    fn a_file_is_found_through_the_host_inits_mount_table() {
        use std::os::unix::fs::MetadataExt;
        if !std::path::Path::new("/proc/1/root/").exists()
            || std::fs::read_to_string("/proc/1/mountinfo").is_err()
        {
            eprintln!("IG-TEST-SKIP a_file_is_found_through_the_host_inits_mount_table: /proc/1/root is not readable (needs root)");
            return;
        }
        let dir = std::env::temp_dir().join(format!("ig-mounttable-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("f");
        std::fs::write(&file, b"x").expect("file");
        let meta = std::fs::metadata(&file).expect("stat");
        // The kernel's s_dev (major << 20 | minor), and the file's path from its file
        // system's root: what the ebpf source reads from a task's executable.
        let dev = (libc::major(meta.dev()) << 20) | libc::minor(meta.dev());
        let path = file.to_str().expect("utf-8");
        let own = std::fs::read_to_string("/proc/self/mountinfo").expect("own mountinfo");
        let want = format!("{}:{}", dev >> 20, dev & 0xf_ffff);
        let in_fs = own
            .lines()
            .map(|l| l.split(' ').collect::<Vec<_>>())
            .filter(|f| f.len() > 4 && f[2] == want)
            .filter_map(|f| {
                let below = path.strip_prefix(f[4].trim_end_matches('/'))?;
                Some((f[4].len(), format!("{}{below}", f[3].trim_end_matches('/'))))
            })
            .max()
            .map(|(_, p)| p)
            .expect("the file's own mount");
        let table = MountTable::of(true);
        let found = table.find(dev, &in_fs);
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            found.is_some(),
            "{} not found through {table:?}",
            file.display()
        );
    }

    #[test]
    fn parses_ns_links() {
        assert_eq!(parse_ns_link("mnt:[4026531841]"), Some(4026531841));
        assert_eq!(parse_ns_link("net:[1]"), None);
    }

    #[test]
    fn parses_stat_with_odd_comm() {
        let stat = "42 (a) b (c)) S 1 42 42 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 12345 0 0";
        assert_eq!(parse_start_ticks(stat), Some(12345));
    }

    #[test]
    fn own_process_is_readable() {
        let me = std::process::id();
        assert!(mntns_of(me).is_ok());
        assert!(start_time_ns(me).is_ok());
    }
}
