//! Rust mirror of `src/bpf/include/ig_common.h`: the record formats the eBPF programs write. Sizes and
//! offsets are asserted at compile time against the C header (see build.rs), and records
//! are decoded from raw bytes with length-checked reads.

#![allow(dead_code)]

use std::mem::{offset_of, size_of};

use crate::syscalls::Abi;

/// Constants, sizes and offsets printed from ig_common.h by build.rs.
#[allow(non_upper_case_globals)]
pub mod layout {
    include!(concat!(env!("OUT_DIR"), "/ig_layout.rs"));
}

pub const SYSCALL_WORDS: usize = layout::IG_SYSCALL_WORDS as usize;
pub const ABI_SLOTS: usize = layout::IG_ABI_SLOTS as usize;
pub const TASK_COMM_LEN: usize = layout::IG_TASK_COMM_LEN as usize;
pub const MAX_STACK_DEPTH: usize = layout::IG_MAX_STACK_DEPTH as usize;
pub const CGROUP_NAME_LEN: usize = layout::IG_CGROUP_NAME_LEN as usize;

/// `struct ig_mntns_syscalls`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct MntnsSyscalls {
    pub seen: [[u32; SYSCALL_WORDS]; ABI_SLOTS],
    pub filtered: [[u32; SYSCALL_WORDS]; ABI_SLOTS],
    pub after_exec: [[u32; SYSCALL_WORDS]; ABI_SLOTS],
    pub first_seen_ns: u64,
    pub mntns: u64,
    pub flags: u32,
    pub first_tgid: u32,
    pub cgroup: [u8; CGROUP_NAME_LEN],
}

// SAFETY: MntnsSyscalls is repr(C), made only of integers, with no padding (asserted below:
// its size equals the C struct's, whose fields are laid out without holes), so every bit
// pattern is a valid value.
unsafe impl aya::Pod for MntnsSyscalls {}

pub const ARG_SLOTS: usize = layout::IG_ARG_SLOTS as usize;

/// `struct ig_arg_config`: which syscalls `--learn-args` watches and how it forms a value.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArgConfig {
    pub nr: [[u32; ABI_SLOTS]; ARG_SLOTS],
    pub idx: [[u32; 2]; ARG_SLOTS],
    pub mask: [[u64; 2]; ARG_SLOTS],
}

impl Default for ArgConfig {
    fn default() -> Self {
        ArgConfig {
            nr: [[layout::IG_ARG_NONE; ABI_SLOTS]; ARG_SLOTS],
            idx: [[layout::IG_ARG_NONE; 2]; ARG_SLOTS],
            mask: [[0; 2]; ARG_SLOTS],
        }
    }
}

// SAFETY: repr(C), integers only; the u64 array starts 8-aligned (asserted offsets below), so
// there is no padding and every bit pattern is valid.
unsafe impl aya::Pod for ArgConfig {}

/// `struct ig_arg_key`: one distinct value of one learned syscall in one namespace.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArgKey {
    pub ns: u64,
    pub slot: u32,
    pub abi: u32,
    pub value: u64,
}

// SAFETY: repr(C), integers only, no padding (size asserted against the C struct).
unsafe impl aya::Pod for ArgKey {}

/// `struct ig_arg_count_key`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ArgCountKey {
    pub ns: u64,
    pub slot: u32,
    pub abi: u32,
}

// SAFETY: repr(C), integers only, no padding (size asserted against the C struct).
unsafe impl aya::Pod for ArgCountKey {}

/// `struct ig_arg_count`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArgCount {
    pub count: u32,
    pub overflow: u32,
}

// SAFETY: repr(C), two u32s, no padding.
unsafe impl aya::Pod for ArgCount {}

/// `struct ig_seccomp_event`, decoded.
#[derive(Clone, Debug)]
pub struct SeccompEvent {
    pub timestamp_ns: u64,
    pub mntns: u64,
    pub syscall: u64,
    pub signr: i64,
    pub code: u32,
    pub pid: u32,
    pub tid: u32,
    pub uid: u32,
    pub gid: u32,
    pub abi: u32,
    pub comm: [u8; TASK_COMM_LEN],
    /// User instruction pointer (audit's ip=).
    pub ip: u64,
    /// Leaf name of the task's cgroup (names the container).
    pub cgroup: String,
    /// The executable as the task saw it (audit's exe=).
    pub exe: Option<String>,
    /// Where the executable lies in its own file system: (s_dev, path from that file
    /// system's root), with collect_ustack.
    pub exe_in_fs: Option<(u32, String)>,
    pub ustack: Vec<u64>,
    pub ids: Vec<BuildIdFrame>,
}

/// `struct ig_syscall_set`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct SyscallSet {
    pub bits: [[u32; SYSCALL_WORDS]; ABI_SLOTS],
}

// SAFETY: repr(C), u32s only, no padding (size asserted against the C struct).
unsafe impl aya::Pod for SyscallSet {}

impl SyscallSet {
    pub fn insert(&mut self, slot: usize, nr: u32) {
        if let Some(words) = self.bits.get_mut(slot) {
            if let Some(w) = words.get_mut(nr as usize / 32) {
                *w |= 1 << (nr % 32);
            }
        }
    }
}

pub const BUILD_ID_SIZE: usize = layout::IG_BUILD_ID_SIZE as usize;

/// `struct ig_build_id_frame`: a frame the kernel resolved to (build id, file offset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuildIdFrame {
    pub status: i32,
    pub build_id: [u8; BUILD_ID_SIZE],
    pub offset_or_ip: u64,
}

/// `struct ig_stack_event`.
#[derive(Clone, Debug)]
pub struct StackEvent {
    pub timestamp_ns: u64,
    pub mntns: u64,
    pub ip: u64,
    pub syscall: u64,
    pub pid: u32,
    pub tid: u32,
    pub abi: u32,
    pub point: u32,
    pub ustack: Vec<u64>,
    pub ids: Vec<BuildIdFrame>,
    /// The executable's device and path from the root of its own file system.
    pub exe_in_fs: Option<(u32, String)>,
}

impl StackEvent {
    /// Decodes a ring-buffer record, checking its length first.
    pub fn decode(buf: &[u8]) -> Result<StackEvent, ShortRecord> {
        let want = layout::SIZEOF_ig_stack_event;
        if buf.len() < want {
            return Err(ShortRecord {
                what: "ig_stack_event",
                got: buf.len(),
                want,
            });
        }
        let r = Reader { buf };
        let n = frames(r.i32(layout::OFFSETOF_ig_stack_event_ustack_len), 8);
        let ustack = (0..n)
            .map(|i| r.u64(layout::OFFSETOF_ig_stack_event_ustack + i * 8))
            .collect();
        let size = layout::SIZEOF_ig_build_id_frame;
        let m = frames(r.i32(layout::OFFSETOF_ig_stack_event_ids_len), size);
        let ids = (0..m)
            .map(|i| r.build_id_frame(layout::OFFSETOF_ig_stack_event_ids + i * size))
            .collect();
        let fs_path = r.path(
            layout::OFFSETOF_ig_stack_event_fs_path,
            r.u32(layout::OFFSETOF_ig_stack_event_fs_parts),
            r.u32(layout::OFFSETOF_ig_stack_event_fs_flags),
        );
        let fs_dev = r.u32(layout::OFFSETOF_ig_stack_event_fs_dev);
        Ok(StackEvent {
            timestamp_ns: r.u64(layout::OFFSETOF_ig_stack_event_timestamp_ns),
            mntns: r.u64(layout::OFFSETOF_ig_stack_event_mntns),
            ip: r.u64(layout::OFFSETOF_ig_stack_event_ip),
            syscall: r.u64(layout::OFFSETOF_ig_stack_event_syscall),
            pid: r.u32(layout::OFFSETOF_ig_stack_event_pid),
            tid: r.u32(layout::OFFSETOF_ig_stack_event_tid),
            abi: r.u32(layout::OFFSETOF_ig_stack_event_abi),
            point: r.u32(layout::OFFSETOF_ig_stack_event_point),
            ustack,
            ids,
            exe_in_fs: fs_path.filter(|p| p.starts_with('/')).map(|p| (fs_dev, p)),
        })
    }
}

/// `struct ig_exited_task`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct ExitedTask {
    pub mntns: u64,
    pub exit_ns: u64,
    pub tgid: u32,
    pub exit_code: i32,
    pub comm: [u8; TASK_COMM_LEN],
    pub cgroup: [u8; CGROUP_NAME_LEN],
}

// SAFETY: repr(C), integers only, no padding (size asserted equal to the C struct's, whose
// fields are naturally aligned with no holes).
unsafe impl aya::Pod for ExitedTask {}

pub const EXE_NAME_LEN: usize = layout::IG_EXE_NAME_LEN as usize;

/// `struct ig_first_use`: who made a syscall first in a namespace.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FirstUse {
    pub key: u64,
    pub time_ns: u64,
    pub pid: u32,
    pub tid: u32,
    pub abi: u32,
    pub nr: u32,
    pub phase: u32,
    pub pad: u32,
    pub comm: [u8; TASK_COMM_LEN],
    pub exe: [u8; EXE_NAME_LEN],
}

macro_rules! assert_layout {
    ($t:ty, $size:expr, $( $field:ident == $off:expr ),* $(,)?) => {
        const _: () = assert!(size_of::<$t>() == $size, "size differs from ig_common.h");
        $( const _: () = assert!(offset_of!($t, $field) == $off, "offset differs from ig_common.h"); )*
    };
}

assert_layout!(
    MntnsSyscalls,
    layout::SIZEOF_ig_mntns_syscalls,
    seen == layout::OFFSETOF_ig_mntns_syscalls_seen,
    filtered == layout::OFFSETOF_ig_mntns_syscalls_filtered,
    after_exec == layout::OFFSETOF_ig_mntns_syscalls_after_exec,
    first_seen_ns == layout::OFFSETOF_ig_mntns_syscalls_first_seen_ns,
    mntns == layout::OFFSETOF_ig_mntns_syscalls_mntns,
    flags == layout::OFFSETOF_ig_mntns_syscalls_flags,
    first_tgid == layout::OFFSETOF_ig_mntns_syscalls_first_tgid,
    cgroup == layout::OFFSETOF_ig_mntns_syscalls_cgroup,
);
assert_layout!(
    ArgConfig,
    layout::SIZEOF_ig_arg_config,
    nr == layout::OFFSETOF_ig_arg_config_nr,
    idx == layout::OFFSETOF_ig_arg_config_idx,
    mask == layout::OFFSETOF_ig_arg_config_mask,
);
assert_layout!(
    ArgKey,
    layout::SIZEOF_ig_arg_key,
    ns == layout::OFFSETOF_ig_arg_key_ns,
    slot == layout::OFFSETOF_ig_arg_key_slot,
    abi == layout::OFFSETOF_ig_arg_key_abi,
    value == layout::OFFSETOF_ig_arg_key_value,
);
assert_layout!(
    ArgCountKey,
    layout::SIZEOF_ig_arg_count_key,
    ns == layout::OFFSETOF_ig_arg_count_key_ns,
    slot == layout::OFFSETOF_ig_arg_count_key_slot,
    abi == layout::OFFSETOF_ig_arg_count_key_abi,
);
assert_layout!(
    ArgCount,
    layout::SIZEOF_ig_arg_count,
    count == layout::OFFSETOF_ig_arg_count_count,
    overflow == layout::OFFSETOF_ig_arg_count_overflow,
);
assert_layout!(
    FirstUse,
    layout::SIZEOF_ig_first_use,
    key == layout::OFFSETOF_ig_first_use_key,
    time_ns == layout::OFFSETOF_ig_first_use_time_ns,
    pid == layout::OFFSETOF_ig_first_use_pid,
    tid == layout::OFFSETOF_ig_first_use_tid,
    abi == layout::OFFSETOF_ig_first_use_abi,
    nr == layout::OFFSETOF_ig_first_use_nr,
    phase == layout::OFFSETOF_ig_first_use_phase,
    comm == layout::OFFSETOF_ig_first_use_comm,
    exe == layout::OFFSETOF_ig_first_use_exe,
);
assert_layout!(
    ExitedTask,
    layout::SIZEOF_ig_exited_task,
    mntns == layout::OFFSETOF_ig_exited_task_mntns,
    exit_ns == layout::OFFSETOF_ig_exited_task_exit_ns,
    tgid == layout::OFFSETOF_ig_exited_task_tgid,
    exit_code == layout::OFFSETOF_ig_exited_task_exit_code,
    comm == layout::OFFSETOF_ig_exited_task_comm,
    cgroup == layout::OFFSETOF_ig_exited_task_cgroup,
);

#[derive(Debug, thiserror::Error)]
#[error("decoding {what}: record is {got} bytes, expected at least {want}")]
pub struct ShortRecord {
    pub what: &'static str,
    pub got: usize,
    pub want: usize,
}

/// A byte cursor whose every read is bounds-checked.
struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    fn bytes<const N: usize>(&self, off: usize) -> [u8; N] {
        let mut out = [0u8; N];
        // Bounds were checked by the caller against the full struct size.
        if let Some(src) = self.buf.get(off..off + N) {
            out.copy_from_slice(src);
        }
        out
    }
    fn u32(&self, off: usize) -> u32 {
        u32::from_ne_bytes(self.bytes(off))
    }
    fn i32(&self, off: usize) -> i32 {
        i32::from_ne_bytes(self.bytes(off))
    }
    fn u64(&self, off: usize) -> u64 {
        u64::from_ne_bytes(self.bytes(off))
    }
    fn i64(&self, off: usize) -> i64 {
        i64::from_ne_bytes(self.bytes(off))
    }

    fn build_id_frame(&self, base: usize) -> BuildIdFrame {
        BuildIdFrame {
            status: self.i32(base + layout::OFFSETOF_ig_build_id_frame_status),
            build_id: self.bytes(base + layout::OFFSETOF_ig_build_id_frame_build_id),
            offset_or_ip: self.u64(base + layout::OFFSETOF_ig_build_id_frame_offset_or_ip),
        }
    }

    /// A path of `n` components of IG_PATH_PART_LEN bytes at `off`.
    fn path(&self, off: usize, n: u32, flags: u32) -> Option<String> {
        let len = layout::IG_PATH_PART_LEN as usize;
        let n = (n as usize).min(layout::IG_PATH_PARTS as usize);
        // An empty slot is a mount crossing.
        let parts: Vec<String> = (0..n)
            .map(|i| {
                let start = off + i * len;
                comm_str(self.buf.get(start..start + len).unwrap_or_default())
            })
            .filter(|p| !p.is_empty())
            .collect();
        path_from_parts(&parts, flags & layout::IG_PATH_COMPLETE != 0)
    }
}

impl SeccompEvent {
    /// Decodes a ring-buffer record, checking its length first.
    pub fn decode(buf: &[u8]) -> Result<SeccompEvent, ShortRecord> {
        let want = layout::SIZEOF_ig_seccomp_event;
        if buf.len() < want {
            return Err(ShortRecord {
                what: "ig_seccomp_event",
                got: buf.len(),
                want,
            });
        }
        let r = Reader { buf };
        let n = frames(r.i32(layout::OFFSETOF_ig_seccomp_event_ustack_len), 8);
        let ustack = (0..n)
            .map(|i| r.u64(layout::OFFSETOF_ig_seccomp_event_ustack + i * 8))
            .collect();
        let size = layout::SIZEOF_ig_build_id_frame;
        let m = frames(r.i32(layout::OFFSETOF_ig_seccomp_event_ids_len), size);
        let ids = (0..m)
            .map(|i| r.build_id_frame(layout::OFFSETOF_ig_seccomp_event_ids + i * size))
            .collect();
        let cgroup: [u8; CGROUP_NAME_LEN] = r.bytes(layout::OFFSETOF_ig_seccomp_event_cgroup);
        let exe = r.path(
            layout::OFFSETOF_ig_seccomp_event_exe,
            r.u32(layout::OFFSETOF_ig_seccomp_event_exe_parts),
            r.u32(layout::OFFSETOF_ig_seccomp_event_exe_flags),
        );
        let fs_path = r.path(
            layout::OFFSETOF_ig_seccomp_event_fs_path,
            r.u32(layout::OFFSETOF_ig_seccomp_event_fs_parts),
            r.u32(layout::OFFSETOF_ig_seccomp_event_fs_flags),
        );
        let fs_dev = r.u32(layout::OFFSETOF_ig_seccomp_event_fs_dev);
        Ok(SeccompEvent {
            timestamp_ns: r.u64(layout::OFFSETOF_ig_seccomp_event_timestamp_ns),
            mntns: r.u64(layout::OFFSETOF_ig_seccomp_event_mntns),
            syscall: r.u64(layout::OFFSETOF_ig_seccomp_event_syscall),
            signr: r.i64(layout::OFFSETOF_ig_seccomp_event_signr),
            code: r.u32(layout::OFFSETOF_ig_seccomp_event_code),
            pid: r.u32(layout::OFFSETOF_ig_seccomp_event_pid),
            tid: r.u32(layout::OFFSETOF_ig_seccomp_event_tid),
            uid: r.u32(layout::OFFSETOF_ig_seccomp_event_uid),
            gid: r.u32(layout::OFFSETOF_ig_seccomp_event_gid),
            abi: r.u32(layout::OFFSETOF_ig_seccomp_event_abi),
            comm: r.bytes(layout::OFFSETOF_ig_seccomp_event_comm),
            ip: r.u64(layout::OFFSETOF_ig_seccomp_event_ip),
            cgroup: comm_str(&cgroup),
            exe,
            exe_in_fs: fs_path.filter(|p| p.starts_with('/')).map(|p| (fs_dev, p)),
            ustack,
            ids,
        })
    }
}

/// Number of whole entries of `each` bytes in a kernel length (negative: an errno, none).
fn frames(len: i32, each: usize) -> usize {
    (usize::try_from(len.max(0)).unwrap_or(0) / each).min(MAX_STACK_DEPTH)
}

/// A path from the components the kernel walked (file first, root last): absolute when the
/// walk reached the root, else marked as cut with a leading `...`.
pub fn path_from_parts(parts: &[String], complete: bool) -> Option<String> {
    if parts.is_empty() && !complete {
        return None;
    }
    let joined = parts
        .iter()
        .rev()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("/");
    Some(if complete {
        format!("/{joined}")
    } else {
        format!(".../{joined}")
    })
}

impl FirstUse {
    /// Decodes a ring-buffer record, checking its length first.
    pub fn decode(buf: &[u8]) -> Result<FirstUse, ShortRecord> {
        let want = size_of::<FirstUse>();
        if buf.len() < want {
            return Err(ShortRecord {
                what: "ig_first_use",
                got: buf.len(),
                want,
            });
        }
        let r = Reader { buf };
        Ok(FirstUse {
            key: r.u64(offset_of!(FirstUse, key)),
            time_ns: r.u64(offset_of!(FirstUse, time_ns)),
            pid: r.u32(offset_of!(FirstUse, pid)),
            tid: r.u32(offset_of!(FirstUse, tid)),
            abi: r.u32(offset_of!(FirstUse, abi)),
            nr: r.u32(offset_of!(FirstUse, nr)),
            phase: r.u32(offset_of!(FirstUse, phase)),
            pad: 0,
            comm: r.bytes(offset_of!(FirstUse, comm)),
            exe: r.bytes(offset_of!(FirstUse, exe)),
        })
    }
}

/// A NUL-terminated kernel `comm` as a String (lossy).
pub fn comm_str(comm: &[u8]) -> String {
    let end = comm.iter().position(|&b| b == 0).unwrap_or(comm.len());
    String::from_utf8_lossy(&comm[..end]).into_owned()
}

impl MntnsSyscalls {
    /// Syscall numbers whose bit is set in `bits[abi_slot]`.
    pub fn numbers(bits: &[[u32; SYSCALL_WORDS]; ABI_SLOTS], abi_slot: usize) -> Vec<u32> {
        let mut out = Vec::new();
        if let Some(words) = bits.get(abi_slot) {
            for (w, &word) in words.iter().enumerate() {
                for b in 0..32u32 {
                    if word & (1 << b) != 0 {
                        out.push(w as u32 * 32 + b);
                    }
                }
            }
        }
        out
    }
}

/// The ABI each bitmap slot of the eBPF map stands for on this host.
pub fn slot_abi(slot: usize) -> Option<Abi> {
    let native = Abi::native();
    match slot as u32 {
        layout::IG_ABI_NATIVE => Some(native),
        layout::IG_ABI_COMPAT => match native {
            Abi::X86_64 => Some(Abi::X86),
            Abi::Aarch64 => Some(Abi::Arm),
            _ => None,
        },
        layout::IG_ABI_X32 if native == Abi::X86_64 => Some(Abi::X32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_records_are_rejected() {
        assert!(SeccompEvent::decode(&[0u8; 10]).is_err());
    }

    #[test]
    fn decodes_fields_at_header_offsets() {
        let mut buf = vec![0u8; layout::SIZEOF_ig_seccomp_event];
        buf[layout::OFFSETOF_ig_seccomp_event_pid..][..4].copy_from_slice(&4242u32.to_ne_bytes());
        buf[layout::OFFSETOF_ig_seccomp_event_code..][..4]
            .copy_from_slice(&0x7ffc0000u32.to_ne_bytes());
        buf[layout::OFFSETOF_ig_seccomp_event_comm..][..3].copy_from_slice(b"abc");
        buf[layout::OFFSETOF_ig_seccomp_event_ustack_len..][..4]
            .copy_from_slice(&16i32.to_ne_bytes());
        let e = SeccompEvent::decode(&buf).unwrap();
        assert_eq!(e.pid, 4242);
        assert_eq!(e.code, 0x7ffc0000);
        assert_eq!(comm_str(&e.comm), "abc");
        assert_eq!(e.ustack.len(), 2);
        assert_eq!(e.exe, None);
    }

    #[test]
    fn paths_from_kernel_parts() {
        let parts = ["busybox".to_string(), "bin".to_string()];
        assert_eq!(
            path_from_parts(&parts, true).as_deref(),
            Some("/bin/busybox")
        );
        assert_eq!(
            path_from_parts(&parts, false).as_deref(),
            Some(".../bin/busybox")
        );
        assert_eq!(path_from_parts(&[], true).as_deref(), Some("/"));
        assert_eq!(path_from_parts(&[], false), None);
    }

    #[test]
    fn bitmap_numbers() {
        let mut bits = [[0u32; SYSCALL_WORDS]; ABI_SLOTS];
        bits[0][0] = 0b101;
        bits[0][1] = 1;
        bits[2][8] = 1 << 16;
        assert_eq!(MntnsSyscalls::numbers(&bits, 0), vec![0, 2, 32]);
        assert_eq!(MntnsSyscalls::numbers(&bits, 2), vec![272]);
    }
}
