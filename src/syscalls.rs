//! Syscall tables: numbers <-> names for every ABI a seccomp filter can see (x86_64, i386, x32, aarch64, arm).
//!
//! Names are spelled exactly as the kernel's syscall tables and libseccomp spell them.
//! The base data comes from the `syscalls` crate; `FIXES` lists every place where it
//! disagrees with the kernel/libseccomp, and the x32 table is derived from x86_64 by the
//! kernel's rule (`X86_64_ONLY`, `X32_SPECIFIC`). The `matches_libseccomp` test checks
//! everything against libseccomp's `scmp_sys_resolver`.

use std::collections::HashMap;
use std::fmt;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

/// Bit set in x32 syscall numbers (`__X32_SYSCALL_BIT`).
pub const X32_SYSCALL_BIT: u32 = 0x4000_0000;

/// Size of the per-ABI syscall bitmaps in eBPF; every [`table_len`] is at most this.
#[allow(dead_code)] // API for callers sizing bitmaps
pub const MAX_TABLE_LEN: u32 = 1024;

const AUDIT_ARCH_X86_64: u32 = 0xc000_003e;
const AUDIT_ARCH_I386: u32 = 0x4000_0003;
const AUDIT_ARCH_AARCH64: u32 = 0xc000_00b7;
const AUDIT_ARCH_ARM: u32 = 0x4000_0028;

/// A syscall ABI as seccomp and audit distinguish them (`X86` is i386).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Abi {
    X86_64,
    X86,
    X32,
    Aarch64,
    Arm,
}

impl Abi {
    pub const ALL: [Abi; 5] = [Abi::X86_64, Abi::X86, Abi::X32, Abi::Aarch64, Abi::Arm];

    /// ABI of a kernel audit record: `arch` is the AUDIT_ARCH_* value (c000003e, 40000003, c00000b7, 40000028), `nr` the raw syscall number (x32 is AUDIT_ARCH_X86_64 with bit 0x40000000 set in nr).
    pub fn from_audit(arch: u32, nr: u64) -> Option<Abi> {
        match arch {
            AUDIT_ARCH_X86_64 if nr & u64::from(X32_SYSCALL_BIT) != 0 => Some(Abi::X32),
            AUDIT_ARCH_X86_64 => Some(Abi::X86_64),
            AUDIT_ARCH_I386 => Some(Abi::X86),
            AUDIT_ARCH_AARCH64 => Some(Abi::Aarch64),
            AUDIT_ARCH_ARM => Some(Abi::Arm),
            _ => None,
        }
    }

    pub fn audit_arch(self) -> u32 {
        match self {
            Abi::X86_64 | Abi::X32 => AUDIT_ARCH_X86_64,
            Abi::X86 => AUDIT_ARCH_I386,
            Abi::Aarch64 => AUDIT_ARCH_AARCH64,
            Abi::Arm => AUDIT_ARCH_ARM,
        }
    }

    /// "SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"
    pub fn scmp_arch(self) -> &'static str {
        match self {
            Abi::X86_64 => "SCMP_ARCH_X86_64",
            Abi::X86 => "SCMP_ARCH_X86",
            Abi::X32 => "SCMP_ARCH_X32",
            Abi::Aarch64 => "SCMP_ARCH_AARCH64",
            Abi::Arm => "SCMP_ARCH_ARM",
        }
    }

    pub fn from_scmp_arch(s: &str) -> Option<Abi> {
        Abi::ALL.into_iter().find(|a| a.scmp_arch() == s)
    }

    /// short name used in messages and in libseccomp's resolver: "x86_64", "x86", "x32", "aarch64", "arm"
    pub fn as_str(self) -> &'static str {
        match self {
            Abi::X86_64 => "x86_64",
            Abi::X86 => "x86",
            Abi::X32 => "x32",
            Abi::Aarch64 => "aarch64",
            Abi::Arm => "arm",
        }
    }

    /// The native ABI of the machine this binary was compiled for (cfg target_arch).
    pub fn native() -> Abi {
        #[cfg(target_arch = "x86_64")]
        return Abi::X86_64;
        #[cfg(target_arch = "x86")]
        return Abi::X86;
        #[cfg(target_arch = "aarch64")]
        return Abi::Aarch64;
        #[cfg(target_arch = "arm")]
        return Abi::Arm;
    }

    /// ABIs a task on this host can use: x86_64 host -> [X86_64, X86, X32]; aarch64 -> [Aarch64, Arm].
    pub fn host_abis() -> &'static [Abi] {
        match Abi::native() {
            Abi::X86_64 | Abi::X32 => &[Abi::X86_64, Abi::X86, Abi::X32],
            Abi::X86 => &[Abi::X86],
            Abi::Aarch64 => &[Abi::Aarch64, Abi::Arm],
            Abi::Arm => &[Abi::Arm],
        }
    }
}

#[cfg(not(any(
    target_arch = "x86_64",
    target_arch = "x86",
    target_arch = "aarch64",
    target_arch = "arm"
)))]
compile_error!("ig's syscall tables support x86_64, x86, aarch64 and arm hosts only");

impl fmt::Display for Abi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Name of syscall `nr` in `abi`. For X32, `nr` may include the 0x40000000 bit or not (accept both). None if the table has no such syscall (never invent "syscall_123"-style names).
pub fn name(abi: Abi, nr: u32) -> Option<&'static str> {
    let idx = if abi == Abi::X32 {
        nr & !X32_SYSCALL_BIT
    } else {
        nr
    };
    table(abi)
        .by_nr
        .get(usize::try_from(idx).ok()?)
        .copied()
        .flatten()
}

/// Number of `name` in `abi` (for X32 returned WITH the 0x40000000 bit, as libseccomp prints it). None if absent.
pub fn number(abi: Abi, name: &str) -> Option<u32> {
    let nr = *table(abi).by_name.get(name)?;
    Some(if abi == Abi::X32 {
        nr | X32_SYSCALL_BIT
    } else {
        nr
    })
}

/// "SYS_" + uppercase name, e.g. "SYS_UNSHARE" (ig's display form).
pub fn display_name(name: &str) -> String {
    format!("SYS_{}", name.to_ascii_uppercase())
}

/// Upper bound (exclusive) of table indexes for `abi`, without the x32 bit; bitmaps in eBPF are 1024 bits per ABI, assert all tables fit.
pub fn table_len(abi: Abi) -> u32 {
    // Tables are built from u32 numbers below MAX_TABLE_LEN (checked in tests).
    u32::try_from(table(abi).by_nr.len()).unwrap_or(u32::MAX)
}

/// All syscalls of `abi` as `(number, name)`, ascending; numbers as [`number`] returns them.
#[allow(dead_code)] // API for callers listing a table
pub fn entries(abi: Abi) -> impl Iterator<Item = (u32, &'static str)> {
    let bit = if abi == Abi::X32 { X32_SYSCALL_BIT } else { 0 };
    (0u32..)
        .zip(table(abi).by_nr.iter())
        .filter_map(move |(nr, n)| n.map(|n| (nr | bit, n)))
}

/// One correction to the `syscalls` crate's tables.
enum Fix {
    /// Give number `nr` this name (renames the crate's entry, or adds one).
    Set(Abi, u32, &'static str),
    /// The crate lists these numbers, but the kernel has no such syscalls on this ABI.
    Drop(Abi, RangeInclusive<u32>),
}

/// Where the `syscalls` crate (0.8.1) differs from the kernel / libseccomp.
const FIXES: &[Fix] = &[
    // i386 17 is `break` (kernel syscall_32.tbl, libseccomp); `break` is a Rust keyword, so
    // the crate's enum variant is the raw identifier `r#break` and name() returns "r#break".
    Fix::Set(Abi::X86, 17, "break"),
    // aarch64 79: kernel (asm-generic __NR3264_fstatat -> `newfstatat` on 64-bit) and
    // libseccomp call it `newfstatat`; the crate says `fstatat`.
    Fix::Set(Abi::Aarch64, 79, "newfstatat"),
    // aarch64 403..=423 are the *_time64 syscalls (clock_gettime64 ... sched_rr_get_interval_time64),
    // which asm-generic only defines for 32-bit ABIs; arm64 native has none of them
    // (libseccomp agrees). The crate wrongly lists them for aarch64.
    Fix::Drop(Abi::Aarch64, 403..=423),
];

/// x32-specific numbers 512..=547, in order (`x32` rows of arch/x86/entry/syscalls/syscall_64.tbl).
/// On x32 these names exist only here, never at their x86_64 numbers.
const X32_SPECIFIC: [&str; 36] = [
    "rt_sigaction",
    "rt_sigreturn",
    "ioctl",
    "readv",
    "writev",
    "recvfrom",
    "sendmsg",
    "recvmsg",
    "execve",
    "ptrace",
    "rt_sigpending",
    "rt_sigtimedwait",
    "rt_sigqueueinfo",
    "sigaltstack",
    "timer_create",
    "mq_notify",
    "kexec_load",
    "waitid",
    "set_robust_list",
    "get_robust_list",
    "vmsplice",
    "move_pages",
    "preadv",
    "pwritev",
    "rt_tgsigqueueinfo",
    "recvmmsg",
    "sendmmsg",
    "process_vm_readv",
    "process_vm_writev",
    "setsockopt",
    "getsockopt",
    "io_setup",
    "io_submit",
    "execveat",
    "preadv2",
    "pwritev2",
];
const X32_FIRST: u32 = 512;

/// The other `64` (not `common`) rows of syscall_64.tbl: absent on x32. (map_shadow_stack
/// was `64` in 6.6-6.9 and is `common` since, so it stays in x32.)
const X86_64_ONLY: &[&str] = &[
    "uselib",
    "_sysctl",
    "create_module",
    "get_kernel_syms",
    "query_module",
    "nfsservctl",
    "set_thread_area",
    "get_thread_area",
    "epoll_ctl_old",
    "epoll_wait_old",
    "vserver",
];

struct Table {
    by_nr: Vec<Option<&'static str>>,
    by_name: HashMap<&'static str, u32>,
}

impl Table {
    fn new(entries: impl IntoIterator<Item = (u32, &'static str)>) -> Table {
        let mut by_nr: Vec<Option<&'static str>> = Vec::new();
        for (nr, name) in entries {
            let Ok(i) = usize::try_from(nr) else { continue };
            if by_nr.len() <= i {
                by_nr.resize(i + 1, None);
            }
            by_nr[i] = Some(name);
        }
        let by_name = (0u32..)
            .zip(&by_nr)
            .filter_map(|(nr, n)| n.map(|n| (n, nr)))
            .collect();
        Table { by_nr, by_name }
    }
}

/// `(number, name)` for every syscall the crate's module `$arch` knows.
macro_rules! crate_table {
    ($arch:ident) => {{
        use ::syscalls::$arch::Sysno;
        // Not Sysno::iter(): in 0.8.1 it stops before the last syscall.
        let last = usize::try_from(Sysno::last().id()).unwrap_or(0);
        (0..=last)
            .filter_map(Sysno::new)
            .filter_map(|s| Some((u32::try_from(s.id()).ok()?, s.name())))
            .collect::<Vec<(u32, &'static str)>>()
    }};
}

fn fixed_crate_table(abi: Abi) -> Vec<(u32, &'static str)> {
    let mut t = match abi {
        Abi::X86_64 | Abi::X32 => crate_table!(x86_64),
        Abi::X86 => crate_table!(x86),
        Abi::Aarch64 => crate_table!(aarch64),
        Abi::Arm => crate_table!(arm),
    };
    for fix in FIXES {
        match fix {
            Fix::Set(a, nr, n) if *a == abi => {
                t.retain(|(x, _)| x != nr);
                t.push((*nr, n));
            }
            Fix::Drop(a, r) if *a == abi => t.retain(|(x, _)| !r.contains(x)),
            _ => {}
        }
    }
    t
}

fn build(abi: Abi) -> Table {
    if abi != Abi::X32 {
        return Table::new(fixed_crate_table(abi));
    }
    let common = fixed_crate_table(Abi::X86_64)
        .into_iter()
        .filter(|(_, n)| !X32_SPECIFIC.contains(n) && !X86_64_ONLY.contains(n));
    Table::new(common.chain((X32_FIRST..).zip(X32_SPECIFIC)))
}

fn table(abi: Abi) -> &'static Table {
    static TABLES: OnceLock<Vec<Table>> = OnceLock::new();
    // ALL is in declaration order, so `abi as usize` indexes it.
    &TABLES.get_or_init(|| Abi::ALL.into_iter().map(build).collect())[abi as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use std::process::Command;
    use std::time::Instant;

    const X: u32 = X32_SYSCALL_BIT;

    #[test]
    fn known_pairs() {
        let pairs: &[(Abi, u32, &str)] = &[
            (Abi::X86_64, 272, "unshare"),
            (Abi::X86_64, 39, "getpid"),
            (Abi::X86_64, 262, "newfstatat"),
            (Abi::X86_64, 166, "umount2"),
            (Abi::X86, 310, "unshare"),
            (Abi::X86, 20, "getpid"),
            (Abi::X86, 140, "_llseek"),
            (Abi::X86, 142, "_newselect"),
            (Abi::X86, 300, "fstatat64"),
            (Abi::X86, 17, "break"),
            (Abi::X32, X + 272, "unshare"),
            (Abi::X32, X + 512, "rt_sigaction"),
            (Abi::X32, X + 547, "pwritev2"),
            (Abi::Aarch64, 97, "unshare"),
            (Abi::Aarch64, 79, "newfstatat"),
            (Abi::Arm, 270, "arm_fadvise64_64"),
            (Abi::Arm, 52, "umount2"),
        ];
        for &(abi, nr, n) in pairs {
            assert_eq!(name(abi, nr), Some(n), "{abi} {nr}");
            assert_eq!(number(abi, n), Some(nr), "{abi} {n}");
        }
        // x32: bit optional on input, always set on output.
        assert_eq!(name(Abi::X32, 272), Some("unshare"));
        assert_eq!(name(Abi::X32, 512), Some("rt_sigaction"));
        // x32 has no 64-bit-only entries.
        assert_eq!(name(Abi::X32, 13), None);
        assert_eq!(name(Abi::X32, X + 205), None);
        assert_eq!(number(Abi::X32, "vserver"), None);
        // x86_64 has no x32 range.
        assert_eq!(name(Abi::X86_64, 512), None);
        assert_eq!(name(Abi::X86_64, X + 272), None);
        for missing in [
            "open",
            "stat",
            "dup2",
            "epoll_wait",
            "fstatat",
            "clock_gettime64",
        ] {
            assert_eq!(number(Abi::Aarch64, missing), None, "{missing}");
        }
        assert_eq!(name(Abi::Aarch64, 403), None);
        assert_eq!(name(Abi::X86_64, 9999), None);
        assert_eq!(name(Abi::X86_64, u32::MAX), None);
        assert_eq!(number(Abi::X86_64, "syscall_272"), None);
        // Last syscall of the crate's table is present (Sysno::iter() would skip it).
        assert_eq!(number(Abi::X86_64, "file_setattr"), Some(469));
        assert_eq!(display_name("unshare"), "SYS_UNSHARE");
    }

    #[test]
    fn abi_metadata() {
        assert_eq!(Abi::from_audit(0xc000003e, 0x40000110), Some(Abi::X32));
        assert_eq!(Abi::from_audit(0xc000003e, 272), Some(Abi::X86_64));
        assert_eq!(Abi::from_audit(0x40000003, 310), Some(Abi::X86));
        assert_eq!(Abi::from_audit(0xc00000b7, 97), Some(Abi::Aarch64));
        assert_eq!(Abi::from_audit(0x40000028, 337), Some(Abi::Arm));
        assert_eq!(Abi::from_audit(0xdeadbeef, 0), None);
        for abi in Abi::ALL {
            let nr = if abi == Abi::X32 { X } else { 0 };
            assert_eq!(Abi::from_audit(abi.audit_arch(), nr.into()), Some(abi));
            assert_eq!(Abi::from_scmp_arch(abi.scmp_arch()), Some(abi));
            assert_eq!(Abi::ALL[abi as usize], abi);
        }
        assert!(Abi::host_abis().contains(&Abi::native()));
    }

    #[test]
    fn tables_fit_and_are_consistent() {
        for abi in Abi::ALL {
            let len = table_len(abi);
            assert!(len <= MAX_TABLE_LEN, "{abi}: {len} entries");
            let mut seen = BTreeSet::new();
            for (nr, n) in entries(abi) {
                assert!(seen.insert(n), "{abi}: {n} twice");
                assert_eq!(number(abi, n), Some(nr));
                assert_eq!(name(abi, nr), Some(n));
                assert!(
                    !n.is_empty()
                        && n.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                    "{abi}: odd name {n:?}"
                );
            }
            assert!(seen.len() > 300, "{abi}: only {}", seen.len());
        }
    }

    /// Names libseccomp 2.5 knows but places on fewer ABIs than current kernels do.
    const NEWER_THAN_LIBSECCOMP: &[(Abi, &str)] = &[
        // syscall_64.tbl: `64` in 6.6-6.9, `common` (so also x32) since.
        (Abi::X32, "map_shadow_stack"),
    ];

    enum Query {
        Nr(u32),
        Name(&'static str),
    }

    /// Runs `scmp_sys_resolver -a <abi> <arg>` for every query, in parallel.
    fn resolve_all(queries: &[(Abi, Query)]) -> Vec<String> {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get()) * 4;
        let chunk = queries.len().div_ceil(threads).max(1);
        std::thread::scope(|s| {
            let handles: Vec<_> = queries
                .chunks(chunk)
                .map(|qs| {
                    s.spawn(move || {
                        qs.iter()
                            .map(|(abi, q)| {
                                let arg = match q {
                                    Query::Nr(n) => n.to_string(),
                                    Query::Name(n) => (*n).to_string(),
                                };
                                let out = Command::new("scmp_sys_resolver")
                                    .args(["-a", abi.as_str(), &arg])
                                    .output()
                                    .expect("running scmp_sys_resolver");
                                String::from_utf8_lossy(&out.stdout).trim().to_string()
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        })
    }

    /// Fails the test unless `scmp_sys_resolver` (the libseccomp oracle) runs and answers.
    fn require_oracle() {
        match Command::new("scmp_sys_resolver")
            .args(["-a", "x86_64", "unshare"])
            .output()
        {
            Ok(o) => assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "272"),
            Err(e) => panic!(
                "scmp_sys_resolver (the libseccomp oracle) cannot be run ({e}); \
                 install Debian's `seccomp` package: apt-get install seccomp"
            ),
        }
    }

    /// Every number of every table (and ARM's private ones), and every name we know.
    fn all_queries() -> Vec<(Abi, Query)> {
        let mut queries = Vec::new();
        for abi in Abi::ALL {
            let bit = if abi == Abi::X32 { X } else { 0 };
            queries.extend((0..MAX_TABLE_LEN).map(|nr| (abi, Query::Nr(nr | bit))));
            if abi == Abi::Arm {
                // ARM-private syscalls (__ARM_NR_BASE + 1..): cacheflush, set_tls, ...
                queries.extend((0xf0000..0xf0010).map(|nr| (abi, Query::Nr(nr))));
            }
            queries.extend(entries(abi).map(|(_, n)| (abi, Query::Name(n))));
        }
        queries
    }

    /// Our tables against libseccomp's answers: disagreements, and what only one side knows.
    #[derive(Default)]
    struct Comparison {
        errors: Vec<String>,
        only_ours: BTreeMap<Abi, Vec<String>>,
        only_scmp: BTreeMap<Abi, Vec<String>>,
        pseudo: BTreeMap<Abi, Vec<String>>,
    }

    impl Comparison {
        fn of(queries: &[(Abi, Query)], answers: &[String]) -> Comparison {
            // libseccomp's number -> name answers, for the name pass.
            let scanned: BTreeMap<(Abi, u32), &str> = queries
                .iter()
                .zip(answers)
                .filter_map(|((abi, q), ans)| match q {
                    Query::Nr(nr) if ans != "UNKNOWN" => Some(((*abi, *nr), ans.as_str())),
                    _ => None,
                })
                .collect();
            let mut c = Comparison::default();
            for ((abi, q), ans) in queries.iter().zip(answers) {
                match q {
                    Query::Nr(nr) => c.number(*abi, *nr, scanned.get(&(*abi, *nr)).copied()),
                    Query::Name(n) => c.name(*abi, n, ans, &scanned),
                }
            }
            c
        }

        /// Number `nr` of `abi`, which libseccomp names `scmp`.
        fn number(&mut self, abi: Abi, nr: u32, scmp: Option<&str>) {
            match (name(abi, nr), scmp) {
                (Some(a), Some(b)) if a != b => self
                    .errors
                    .push(format!("{abi} {nr:#x}: ours {a}, libseccomp {b}")),
                (None, Some(b)) if nr & !X < table_len(abi) => self.errors.push(format!(
                    "{abi} {nr:#x}: libseccomp knows {b}, our table has nothing"
                )),
                (None, Some(b)) => self
                    .only_scmp
                    .entry(abi)
                    .or_default()
                    .push(format!("{b}={nr:#x}")),
                _ => {}
            }
        }

        /// Name `n` on `abi`, which libseccomp resolved to `ans`.
        fn name(
            &mut self,
            abi: Abi,
            n: &'static str,
            ans: &str,
            scanned: &BTreeMap<(Abi, u32), &str>,
        ) {
            let ours = number(abi, n);
            let ours_nr = ours.unwrap_or(u32::MAX);
            match ans.parse::<i64>() {
                // Negative: libseccomp has no real number for this name on this
                // arch, except i386's socketcall/ipc-multiplexed calls, whose name
                // resolves to a pseudo-number while their direct number still
                // resolves to the name (checked by the number scan).
                Ok(v) if v < 0 && scanned.get(&(abi, ours_nr)) == Some(&n) => {
                    self.pseudo.entry(abi).or_default().push(format!("{n}={v}"))
                }
                // -1: libseccomp has never heard of the name (newer syscall).
                // Below -1 (__PNR_*): it knows the name but says this ABI lacks it.
                Ok(v) if v == -1 || (v < 0 && NEWER_THAN_LIBSECCOMP.contains(&(abi, n))) => self
                    .only_ours
                    .entry(abi)
                    .or_default()
                    .push(format!("{n}={}", ours_nr & !X)),
                Ok(v) if v < 0 => self.errors.push(format!(
                    "{abi} {n}: ours {ours_nr:#x}, libseccomp says this ABI lacks it ({v})"
                )),
                Ok(v) if Some(v) != ours.map(i64::from) => self
                    .errors
                    .push(format!("{abi} {n}: ours {ours:?}, libseccomp {v}")),
                Ok(_) => {}
                Err(_) => self
                    .errors
                    .push(format!("{abi} {n}: libseccomp said {ans:?}")),
            }
        }

        /// What only one side knows, for the test log.
        fn print(&self) {
            for (abi, v) in &self.only_ours {
                println!(
                    "only in our {abi} table (newer than libseccomp?): {}",
                    v.join(" ")
                );
            }
            for (abi, v) in &self.pseudo {
                println!(
                    "{abi}: libseccomp resolves these names to pseudo-numbers (number scan agrees): {}",
                    v.join(" ")
                );
            }
            for (abi, v) in &self.only_scmp {
                println!(
                    "only libseccomp knows ({abi}, outside our table): {}",
                    v.join(" ")
                );
            }
        }
    }

    #[test]
    fn matches_libseccomp() {
        let start = Instant::now();
        require_oracle();
        let queries = all_queries();
        let answers = resolve_all(&queries);
        let elapsed = start.elapsed();
        let c = Comparison::of(&queries, &answers);
        println!(
            "libseccomp comparison: {} resolver runs in {elapsed:?}",
            queries.len()
        );
        c.print();
        assert!(
            c.errors.is_empty(),
            "disagreements with libseccomp:\n{}",
            c.errors.join("\n")
        );
    }
}
