//! Kernel audit netlink multicast reader (AUDIT_NLGRP_READLOG): every audit record as it is emitted, without auditd.
//!
//! The kernel's `kauditd` thread sends a copy of every audit record to the `AUDIT_NLGRP_READLOG`
//! multicast group of the `NETLINK_AUDIT` socket of the initial network namespace, whether or not
//! auditd is running and independently of the printk rate limit that thins out audit records in
//! the kernel log. Listening needs `CAP_AUDIT_READ`. Each record is one netlink message whose
//! payload is the record text (`audit(SECS.MILLIS:SERIAL): key=value ...`); parse seccomp ones
//! with [`crate::audit::record::parse_body`].
//!
//! When the reader falls behind and the socket receive buffer fills, the kernel drops records for
//! this socket and reports `ENOBUFS` once per congestion episode; [`AuditSocket::recv`] turns that
//! into [`RecvStatus::overrun`] and counts the dropped records exactly from the socket's drop
//! counter (`SO_MEMINFO`), so nothing is lost silently.

use std::io::IoSliceMut;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::time::Duration;

use nix::errno::Errno;
use nix::sys::socket::{
    self, sockopt, AddressFamily, MsgFlags, NetlinkAddr, SockFlag, SockProtocol, SockType,
};
use nix::sys::time::TimeVal;

/// Audit record type of seccomp records (`AUDIT_SECCOMP`).
pub const AUDIT_SECCOMP: u16 = 1326;

/// `AUDIT_NLGRP_READLOG`: the multicast group carrying every audit record (Linux >= 3.16).
const AUDIT_NLGRP_READLOG: u32 = 1;
/// Receive buffer requested at open.
const RCVBUF_BYTES: usize = 8 << 20;
/// Size of one receive; an audit record is at most `MAX_AUDIT_MESSAGE_LENGTH` (8970) bytes.
const RECV_BUF_LEN: usize = 64 << 10;
/// Upper bound on datagrams drained by one [`AuditSocket::recv`] call.
const MAX_DATAGRAMS_PER_RECV: usize = 256;

/// `sizeof(struct nlmsghdr)`: u32 len, u16 type, u16 flags, u32 seq, u32 pid.
const NLMSG_HDRLEN: usize = 16;
const NLMSG_ALIGNTO: usize = 4;
const NLMSG_NOOP: u16 = 1;
const NLMSG_ERROR: u16 = 2;
const NLMSG_DONE: u16 = 3;
const NLMSG_OVERRUN: u16 = 4;

/// `SO_MEMINFO` (asm-generic value; sparc differs). Not exported by the libc crate for Linux.
#[cfg(not(any(target_arch = "sparc", target_arch = "sparc64")))]
const SO_MEMINFO: libc::c_int = 55;
#[cfg(any(target_arch = "sparc", target_arch = "sparc64"))]
const SO_MEMINFO: libc::c_int = 0x0039;
/// Number of `u32` slots `SO_MEMINFO` fills (`SK_MEMINFO_VARS`).
const SK_MEMINFO_VARS: usize = 9;

/// Errors of the audit netlink socket.
#[derive(Debug, thiserror::Error)]
pub enum NetlinkError {
    #[error(
        "opening audit netlink socket: {op}: {errno}: reading kernel audit records needs CAP_AUDIT_READ (run as root, in the initial user namespace)"
    )]
    PermissionDenied { op: &'static str, errno: Errno },
    #[error(
        "opening audit netlink socket: {op}: {errno}: the kernel has no audit support (CONFIG_AUDIT) or no audit multicast log group (AUDIT_NLGRP_READLOG, Linux >= 3.16)"
    )]
    Unsupported { op: &'static str, errno: Errno },
    #[error("opening audit netlink socket: {op}: {errno}")]
    Open { op: &'static str, errno: Errno },
    #[error("receiving from audit netlink socket: {errno}")]
    Recv { errno: Errno },
    #[error("setting audit netlink socket receive timeout: {errno}")]
    SetTimeout { errno: Errno },
}

/// Outcome of one [`AuditSocket::recv`] call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecvStatus {
    /// Records appended to the output vector.
    pub records: usize,
    /// Datagrams read (the kernel sends one record per datagram).
    pub datagrams: usize,
    /// The kernel reported a socket overrun (`ENOBUFS`): records were dropped because the
    /// receive buffer was full.
    pub overrun: bool,
    /// Records the kernel dropped on this socket since the previous call (from the socket drop
    /// counter). Can be non-zero without `overrun` (the kernel reports `ENOBUFS` once per
    /// congestion episode); 0 with `overrun` set means the count is unavailable (kernel without
    /// `SO_MEMINFO`, < 4.6).
    pub lost: u64,
    /// Messages that were skipped because they were malformed, truncated or not sent by the
    /// kernel (each one is logged with `log::warn!`).
    pub malformed: usize,
    /// Nothing arrived: the receive timeout expired (or the socket is non-blocking and empty,
    /// or a signal interrupted the wait).
    pub timed_out: bool,
}

/// Listener on the kernel audit multicast log group.
#[derive(Debug)]
pub struct AuditSocket {
    fd: OwnedFd,
    buf: Vec<u8>,
    /// Socket drop counter at the previous check; `None` if `SO_MEMINFO` is unavailable.
    drops_seen: Option<u32>,
}

impl AuditSocket {
    /// socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_AUDIT) bound to the multicast group
    /// `AUDIT_NLGRP_READLOG`, with an 8 MiB receive buffer (`SO_RCVBUFFORCE`, falling back to
    /// `SO_RCVBUF`, which `net.core.rmem_max` caps).
    ///
    /// Records are only multicast in the initial network namespace; opening in another one
    /// succeeds but receives nothing (a warning is logged when this is detected).
    pub fn open() -> Result<AuditSocket, NetlinkError> {
        let fd = socket::socket(
            AddressFamily::Netlink,
            SockType::Raw,
            SockFlag::SOCK_CLOEXEC,
            SockProtocol::NetlinkAudit,
        )
        .map_err(|errno| open_error("socket(AF_NETLINK, NETLINK_AUDIT)", errno))?;

        if let Err(force_err) = socket::setsockopt(&fd, sockopt::RcvBufForce, &RCVBUF_BYTES) {
            log::debug!("audit netlink socket: SO_RCVBUFFORCE {RCVBUF_BYTES}: {force_err}, trying SO_RCVBUF");
            if let Err(e) = socket::setsockopt(&fd, sockopt::RcvBuf, &RCVBUF_BYTES) {
                log::warn!("audit netlink socket: SO_RCVBUF {RCVBUF_BYTES}: {e}; keeping the default receive buffer");
            }
        }

        let groups = 1u32 << (AUDIT_NLGRP_READLOG - 1);
        socket::bind(fd.as_raw_fd(), &NetlinkAddr::new(0, groups))
            .map_err(|errno| open_error("bind to AUDIT_NLGRP_READLOG", errno))?;

        warn_if_not_initial_netns();

        let mut sock = AuditSocket {
            fd,
            buf: vec![0; RECV_BUF_LEN],
            drops_seen: None,
        };
        match sock.drops() {
            Ok(d) => sock.drops_seen = Some(d),
            Err(e) => log::warn!(
                "audit netlink socket: SO_MEMINFO: {e}; records dropped on socket overrun cannot be counted"
            ),
        }
        if let Ok(size) = sock.receive_buffer_size() {
            log::debug!("audit netlink socket: receive buffer {size} bytes");
        }
        Ok(sock)
    }

    /// Receive the next batch: blocks (up to the timeout set with [`set_timeout`]) for one
    /// datagram, then drains whatever else is already queued (up to 256 datagrams) without
    /// blocking. Records are appended to `out` as `(msg_type, body)`, the body being the record
    /// text without the netlink header and trailing NUL. Control messages are skipped.
    ///
    /// Socket overruns (`ENOBUFS`) are not errors: see [`RecvStatus::overrun`] and
    /// [`RecvStatus::lost`]. `Err` means the socket itself failed.
    ///
    /// [`set_timeout`]: AuditSocket::set_timeout
    pub fn recv(&mut self, out: &mut Vec<(u16, String)>) -> Result<RecvStatus, NetlinkError> {
        let mut st = RecvStatus::default();
        for i in 0..MAX_DATAGRAMS_PER_RECV {
            let flags = if i == 0 {
                MsgFlags::empty()
            } else {
                MsgFlags::MSG_DONTWAIT
            };
            match self.recv_datagram(flags) {
                Ok(Datagram {
                    len,
                    truncated,
                    sender,
                }) => {
                    st.datagrams += 1;
                    if truncated {
                        st.malformed += 1;
                        log::warn!(
                            "audit netlink socket: skipping a datagram truncated at {len} bytes"
                        );
                    } else if sender != Some(0) {
                        st.malformed += 1;
                        log::warn!("audit netlink socket: skipping a datagram not sent by the kernel (sender port {sender:?})");
                    } else {
                        let buf = self.buf.get(..len).unwrap_or(&self.buf);
                        decode_datagram(buf, out, &mut st);
                    }
                }
                // EWOULDBLOCK is EAGAIN on Linux.
                Err(Errno::EAGAIN) | Err(Errno::EINTR) => {
                    st.timed_out = i == 0;
                    break;
                }
                Err(Errno::ENOBUFS) => st.overrun = true,
                Err(errno) => return Err(NetlinkError::Recv { errno }),
            }
        }
        if st.datagrams > 0 || st.overrun {
            self.account_drops(&mut st);
        }
        Ok(st)
    }

    /// Set a receive timeout (`SO_RCVTIMEO`) so callers can poll for shutdown: when it expires,
    /// [`recv`](AuditSocket::recv) returns `Ok` with no records and `timed_out` set.
    /// `Duration::ZERO` removes the timeout (blocks indefinitely).
    pub fn set_timeout(&self, d: Duration) -> Result<(), NetlinkError> {
        // Seconds beyond time_t mean "forever" to the kernel anyway.
        let secs = libc::time_t::try_from(d.as_secs()).unwrap_or(libc::time_t::MAX);
        // Below 1_000_000, so it fits every suseconds_t.
        let mut micros =
            libc::suseconds_t::from(i32::try_from(d.subsec_micros()).unwrap_or(999_999));
        if secs == 0 && micros == 0 && !d.is_zero() {
            // A sub-microsecond timeout would mean "no timeout" to the kernel.
            micros = 1;
        }
        socket::setsockopt(
            &self.fd,
            sockopt::ReceiveTimeout,
            &TimeVal::new(secs, micros),
        )
        .map_err(|errno| NetlinkError::SetTimeout { errno })
    }

    /// The socket's file descriptor, e.g. for an async wrapper to poll.
    pub fn as_raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    /// Effective receive buffer size in bytes (`SO_RCVBUF`; the kernel doubles the requested
    /// value for bookkeeping overhead).
    pub fn receive_buffer_size(&self) -> Result<usize, Errno> {
        socket::getsockopt(&self.fd, sockopt::RcvBuf)
    }

    fn recv_datagram(&mut self, flags: MsgFlags) -> Result<Datagram, Errno> {
        let fd = self.fd.as_raw_fd();
        let mut iov = [IoSliceMut::new(&mut self.buf)];
        let msg = socket::recvmsg::<NetlinkAddr>(fd, &mut iov, None, flags)?;
        Ok(Datagram {
            len: msg.bytes,
            truncated: msg.flags.contains(MsgFlags::MSG_TRUNC),
            sender: msg.address.map(|a| a.pid()),
        })
    }

    /// The socket's drop counter (`SK_MEMINFO_DROPS` of `SO_MEMINFO`).
    fn drops(&self) -> Result<u32, Errno> {
        let mut info = [0u32; SK_MEMINFO_VARS];
        let mut len = libc::socklen_t::try_from(std::mem::size_of_val(&info))
            .map_err(|_| Errno::EOVERFLOW)?;
        // SAFETY: `info` is a live, writable buffer of `len` bytes and `len` points to its size;
        // the kernel writes at most `len` bytes into it and stores the written size in `len`.
        let rc = unsafe {
            libc::getsockopt(
                self.fd.as_raw_fd(),
                libc::SOL_SOCKET,
                SO_MEMINFO,
                info.as_mut_ptr().cast(),
                &mut len,
            )
        };
        Errno::result(rc)?;
        let idx = usize::try_from(libc::SK_MEMINFO_DROPS).map_err(|_| Errno::EINVAL)?;
        let written = usize::try_from(len).map_err(|_| Errno::EINVAL)? / std::mem::size_of::<u32>();
        if idx >= written {
            return Err(Errno::ENOPROTOOPT);
        }
        info.get(idx).copied().ok_or(Errno::ENOPROTOOPT)
    }

    fn account_drops(&mut self, st: &mut RecvStatus) {
        let Some(prev) = self.drops_seen else { return };
        match self.drops() {
            Ok(now) => {
                st.lost = u64::from(now.wrapping_sub(prev));
                self.drops_seen = Some(now);
            }
            Err(e) => {
                log::warn!("audit netlink socket: SO_MEMINFO: {e}; cannot count dropped records")
            }
        }
    }
}

impl AsRawFd for AuditSocket {
    fn as_raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
}

impl AsFd for AuditSocket {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

struct Datagram {
    len: usize,
    truncated: bool,
    /// Netlink port id of the sender; 0 is the kernel.
    sender: Option<u32>,
}

fn open_error(op: &'static str, errno: Errno) -> NetlinkError {
    match errno {
        Errno::EPERM | Errno::EACCES => NetlinkError::PermissionDenied { op, errno },
        Errno::EPROTONOSUPPORT | Errno::EAFNOSUPPORT | Errno::EINVAL => {
            NetlinkError::Unsupported { op, errno }
        }
        errno => NetlinkError::Open { op, errno },
    }
}

fn warn_if_not_initial_netns() {
    let own = std::fs::read_link("/proc/self/ns/net");
    let init = crate::host::initial_ns_link("net");
    if let (Ok(own), Ok(init)) = (own, init) {
        if own != init {
            log::warn!(
                "audit netlink socket: this process is not in the initial network namespace ({} vs {}); the kernel multicasts audit records only there, so none will arrive (in a container: run with --network=host, hostNetwork: true in Kubernetes)",
                own.display(),
                init.display()
            );
        }
    }
}

const fn nlmsg_align(len: usize) -> usize {
    (len + NLMSG_ALIGNTO - 1) & !(NLMSG_ALIGNTO - 1)
}

fn read_u16(b: &[u8], at: usize) -> Option<u16> {
    let bytes = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_ne_bytes(bytes.try_into().ok()?))
}

fn read_u32(b: &[u8], at: usize) -> Option<u32> {
    let bytes = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_ne_bytes(bytes.try_into().ok()?))
}

/// Decode the netlink messages of one datagram, appending audit records to `out`.
fn decode_datagram(buf: &[u8], out: &mut Vec<(u16, String)>, st: &mut RecvStatus) {
    let mut rest = buf;
    while !rest.is_empty() {
        let (Some(len), Some(ty)) = (read_u32(rest, 0), read_u16(rest, 4)) else {
            st.malformed += 1;
            log::warn!(
                "audit netlink socket: skipping {} trailing bytes shorter than a netlink header",
                rest.len()
            );
            return;
        };
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        if len < NLMSG_HDRLEN || len > rest.len() {
            st.malformed += 1;
            log::warn!(
                "audit netlink socket: skipping a message with invalid nlmsg_len {len} ({} bytes left in the datagram)",
                rest.len()
            );
            return;
        }
        let payload = rest.get(NLMSG_HDRLEN..len).unwrap_or_default();
        match ty {
            NLMSG_NOOP | NLMSG_DONE => {}
            NLMSG_OVERRUN => st.overrun = true,
            NLMSG_ERROR => {
                st.malformed += 1;
                let code = read_u32(payload, 0).map(|c| c as i32);
                log::warn!(
                    "audit netlink socket: skipping a netlink error message (error {code:?})"
                );
            }
            ty => {
                // The record text, possibly NUL-terminated.
                let text = payload.split(|&b| b == 0).next().unwrap_or_default();
                out.push((ty, String::from_utf8_lossy(text).into_owned()));
                st.records += 1;
            }
        }
        rest = rest.get(nlmsg_align(len)..).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::record::{parse_body, seccomp_action};
    use std::process::Command;
    use std::time::Instant;

    fn nlmsg(ty: u16, payload: &[u8]) -> Vec<u8> {
        let len = NLMSG_HDRLEN + payload.len();
        let mut m = Vec::new();
        m.extend_from_slice(&(len as u32).to_ne_bytes());
        m.extend_from_slice(&ty.to_ne_bytes());
        m.extend_from_slice(&0u16.to_ne_bytes());
        m.extend_from_slice(&7u32.to_ne_bytes());
        m.extend_from_slice(&0u32.to_ne_bytes());
        m.extend_from_slice(payload);
        m.resize(nlmsg_align(len), 0);
        m
    }

    #[test]
    fn decode_messages() {
        let mut buf = nlmsg(AUDIT_SECCOMP, b"audit(1.2:3): pid=1\0");
        buf.extend(nlmsg(NLMSG_NOOP, b""));
        buf.extend(nlmsg(1300, b"audit(1.2:4): arch=c000003e syscall=1"));
        let mut out = Vec::new();
        let mut st = RecvStatus::default();
        decode_datagram(&buf, &mut out, &mut st);
        assert_eq!(
            out,
            vec![
                (AUDIT_SECCOMP, "audit(1.2:3): pid=1".to_owned()),
                (1300, "audit(1.2:4): arch=c000003e syscall=1".to_owned())
            ]
        );
        assert_eq!((st.records, st.malformed), (2, 0));
    }

    #[test]
    fn decode_rejects_bad_lengths() {
        for buf in [
            // nlmsg_len beyond the datagram.
            {
                let mut m = nlmsg(AUDIT_SECCOMP, b"pid=1");
                m[0] = 200;
                m
            },
            // nlmsg_len smaller than the header.
            {
                let mut m = nlmsg(AUDIT_SECCOMP, b"pid=1");
                m[..4].copy_from_slice(&4u32.to_ne_bytes());
                m
            },
            // Shorter than a header.
            vec![1, 2, 3],
        ] {
            let mut out = Vec::new();
            let mut st = RecvStatus::default();
            decode_datagram(&buf, &mut out, &mut st);
            assert!(out.is_empty(), "{buf:?}");
            assert_eq!(st.malformed, 1, "{buf:?}");
        }
        // The valid message before a bad one is kept.
        let mut buf = nlmsg(AUDIT_SECCOMP, b"pid=1");
        buf.extend_from_slice(&[0xff; 5]);
        let mut out = Vec::new();
        let mut st = RecvStatus::default();
        decode_datagram(&buf, &mut out, &mut st);
        assert_eq!(out, vec![(AUDIT_SECCOMP, "pid=1".to_owned())]);
        assert_eq!(st.malformed, 1);
    }

    /// Needs root and Docker with the image `ig-test-busybox`; fails (never skips) otherwise.
    #[test]
    fn seccomp_log_records_from_docker() {
        let status = std::fs::read_to_string("/proc/self/status").expect("read /proc/self/status");
        let euid = status
            .lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().nth(1))
            .expect("effective uid in /proc/self/status");
        assert!(
            euid == "0",
            "this test needs root (CAP_AUDIT_READ) to read the audit multicast group"
        );
        let docker = "/usr/bin/docker";
        assert!(
            std::path::Path::new(docker).exists(),
            "this test needs Docker at {docker} and the image ig-test-busybox"
        );

        let mut sock = AuditSocket::open().expect("open audit socket");
        sock.set_timeout(Duration::from_millis(200))
            .expect("set timeout");
        eprintln!("receive buffer: {:?}", sock.receive_buffer_size());

        let profile =
            std::env::temp_dir().join(format!("ig-audit-test-{}.json", std::process::id()));
        std::fs::write(
            &profile,
            r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_LOG"}]}"#,
        )
        .expect("write seccomp profile");
        let output = Command::new(docker)
            .args(["run", "--rm", "--security-opt"])
            .arg(format!("seccomp={}", profile.display()))
            .args([
                "ig-test-busybox",
                "sh",
                "-c",
                "mkdir /tmp/d1; mkdir /tmp/d2",
            ])
            .output()
            .expect("run docker");
        let _ = std::fs::remove_file(&profile);
        assert!(
            output.status.success(),
            "docker run failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );

        let mut found = Vec::new();
        let mut out = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(5);
        while found.len() < 2 && Instant::now() < deadline {
            out.clear();
            let st = sock.recv(&mut out).expect("recv");
            assert!(!st.overrun && st.lost == 0, "records lost: {st:?}");
            for (ty, body) in &out {
                if *ty != AUDIT_SECCOMP {
                    continue;
                }
                let rec = parse_body(body).unwrap_or_else(|e| panic!("{e}: {body:?}"));
                // Only this test's busybox mkdir: other processes on the host may be logging.
                if seccomp_action(rec.code) == Some("SECCOMP_RET_LOG")
                    && rec.arch == 0xc000_003e
                    && (rec.syscall == 83 || rec.syscall == 258)
                    && rec.comm.as_deref() == Some("mkdir")
                {
                    eprintln!("record: {body}");
                    found.push(rec);
                }
            }
        }
        assert!(
            found.len() >= 2,
            "expected 2 SECCOMP_RET_LOG records for mkdir/mkdirat, got {found:?}"
        );
        assert!(
            found.iter().all(|r| r.comm.as_deref() == Some("mkdir")),
            "{found:?}"
        );
    }
}
