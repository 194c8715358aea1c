//! `--learn-args`: which syscall arguments the advisor learns, how the kernel forms a value
//! from them, and the OCI `args` rules that allow exactly the values a recording saw.
//!
//! Pure logic: the kernel program (`src/gadgets/advise_seccomp/ig_args.h`) only stores
//! distinct values; this module says which arguments form a value and turns the stored
//! values into rules. The bit values below are asserted equal to the C header's by the
//! advisor's `program.rs`.

use std::collections::{BTreeMap, BTreeSet};

use super::{ArgRule, OciProfile, SyscallRule};
use crate::syscalls::Abi;

/// How a value was seen (`IG_ARG_*` in ig_common.h): at all, under a seccomp filter, from the
/// namespace's first execve on.
pub const SEEN: u32 = 1;
pub const FILTERED: u32 = 2;
pub const AFTER_EXEC: u32 = 4;
/// Why the kernel stopped recording a syscall's values (`IG_ARG_OVER_*`).
pub const OVER_LIMIT: u32 = 1;
pub const OVER_MAP: u32 = 2;
/// No second argument (`IG_ARG_NONE`).
pub const NONE: u32 = u32::MAX;
/// Number of learnable syscalls (`IG_ARG_SLOTS`).
pub const SLOTS: usize = 6;

/// ENOSYS: what `clone3` returns when `clone` is restricted, so libc falls back to `clone`.
pub const ENOSYS: u32 = 38;
/// The CLONE_NEW* bits a `clone` flags word can carry (CLONE_NEWTIME lies in the exit-signal
/// byte of clone() and only works through clone3/unshare). Docker's default profile uses the
/// same mask.
pub const CLONE_NEW_MASK: u64 = 0x7E02_0000;
/// socket()'s type without SOCK_NONBLOCK (0x800) and SOCK_CLOEXEC (0x80000), on 32 bits so that
/// a caller's upper register bits do not matter and the mask fits SPO's int64 fields.
pub const SOCK_TYPE_MASK: u64 = 0xFFF7_F7FF;
const LOW32: u64 = 0xFFFF_FFFF;

/// Address families by number (linux/socket.h), for messages.
const AF_NAMES: &[(u64, &str)] = &[
    (0, "AF_UNSPEC"),
    (1, "AF_UNIX"),
    (2, "AF_INET"),
    (4, "AF_IPX"),
    (5, "AF_APPLETALK"),
    (9, "AF_X25"),
    (10, "AF_INET6"),
    (15, "AF_KEY"),
    (16, "AF_NETLINK"),
    (17, "AF_PACKET"),
    (29, "AF_CAN"),
    (31, "AF_BLUETOOTH"),
    (38, "AF_ALG"),
    (40, "AF_VSOCK"),
    (44, "AF_XDP"),
];
/// Socket types by number (linux/net.h), for messages.
const SOCK_NAMES: &[(u64, &str)] = &[
    (1, "SOCK_STREAM"),
    (2, "SOCK_DGRAM"),
    (3, "SOCK_RAW"),
    (4, "SOCK_RDM"),
    (5, "SOCK_SEQPACKET"),
    (6, "SOCK_DCCP"),
    (10, "SOCK_PACKET"),
];
/// The CLONE_NEW* bits of [`CLONE_NEW_MASK`] (linux/sched.h), for messages.
const CLONE_NEW_NAMES: &[(u64, &str)] = &[
    (0x0002_0000, "CLONE_NEWNS"),
    (0x0200_0000, "CLONE_NEWCGROUP"),
    (0x0400_0000, "CLONE_NEWUTS"),
    (0x0800_0000, "CLONE_NEWIPC"),
    (0x1000_0000, "CLONE_NEWUSER"),
    (0x2000_0000, "CLONE_NEWPID"),
    (0x4000_0000, "CLONE_NEWNET"),
];

fn named(v: u64, table: &[(u64, &str)]) -> String {
    match table.iter().find(|(n, _)| *n == v) {
        Some((_, name)) => format!("{name}({v})"),
        None => v.to_string(),
    }
}

/// A syscall whose arguments `--learn-args` can learn; its position is its kernel slot.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ArgSyscall {
    Socket,
    Clone,
    Personality,
    Ioctl,
    Prctl,
    Setsockopt,
}

impl ArgSyscall {
    pub const ALL: [ArgSyscall; SLOTS] = [
        ArgSyscall::Socket,
        ArgSyscall::Clone,
        ArgSyscall::Personality,
        ArgSyscall::Ioctl,
        ArgSyscall::Prctl,
        ArgSyscall::Setsockopt,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ArgSyscall::Socket => "socket",
            ArgSyscall::Clone => "clone",
            ArgSyscall::Personality => "personality",
            ArgSyscall::Ioctl => "ioctl",
            ArgSyscall::Prctl => "prctl",
            ArgSyscall::Setsockopt => "setsockopt",
        }
    }

    /// Index in the kernel's `ig_arg_config`.
    pub fn slot(self) -> usize {
        self as usize
    }

    pub fn from_slot(slot: u32) -> Option<ArgSyscall> {
        Self::ALL.get(usize::try_from(slot).ok()?).copied()
    }

    /// What the value means, for messages.
    fn what(self) -> &'static str {
        match self {
            ArgSyscall::Socket => "(family, type)",
            ArgSyscall::Clone => "flags",
            ArgSyscall::Personality => "persona",
            ArgSyscall::Ioctl => "request",
            ArgSyscall::Prctl => "option",
            ArgSyscall::Setsockopt => "(level, option)",
        }
    }

    /// The learnable syscall called `name`.
    pub fn from_name(name: &str) -> Option<ArgSyscall> {
        Self::ALL.iter().copied().find(|s| s.name() == name)
    }

    /// The six arguments a recorded value stands for (the bits the kernel did not keep are 0);
    /// evaluating them against a profile gives what the profile does with that value.
    pub fn args_of(self, value: u64) -> [u64; 6] {
        let ([i0, i1], [m0, m1]) = self.capture();
        let mut a = [0u64; 6];
        if let Some(x) = a.get_mut(i0 as usize) {
            *x = value & m0;
        }
        if let Some(x) = a.get_mut(i1 as usize) {
            *x = (value >> 32) & m1;
        }
        a
    }

    /// The value the kernel would record for these arguments (inverse of [`Self::args_of`]).
    pub fn value_of(self, args: &[u64; 6]) -> u64 {
        let ([i0, i1], [m0, m1]) = self.capture();
        let lo = args.get(i0 as usize).map_or(0, |v| v & m0);
        let hi = args.get(i1 as usize).map_or(0, |v| v & m1 & LOW32);
        if i1 == NONE {
            lo
        } else {
            (lo & LOW32) | hi << 32
        }
    }

    /// A recorded value in words: `family=AF_NETLINK(16) type=SOCK_RAW(3)`, `flags=0x10000000
    /// (CLONE_NEWUSER)`, `request=0x5401`.
    pub fn describe(self, value: u64) -> String {
        let (lo, hi) = (value & LOW32, value >> 32);
        match self {
            ArgSyscall::Socket => format!(
                "family={} type={}",
                named(lo, AF_NAMES),
                match SOCK_NAMES.iter().find(|(n, _)| *n == hi) {
                    Some((_, name)) => format!("{name}({hi})"),
                    None => format!("{hi:#x}"),
                }
            ),
            ArgSyscall::Clone => {
                let ns: Vec<&str> = CLONE_NEW_NAMES
                    .iter()
                    .filter(|(bit, _)| value & bit != 0)
                    .map(|(_, n)| *n)
                    .collect();
                if ns.is_empty() {
                    format!("flags={value:#x} (no CLONE_NEW*)")
                } else {
                    format!("flags={value:#x} ({})", ns.join("|"))
                }
            }
            ArgSyscall::Personality => format!("persona={value:#x}"),
            ArgSyscall::Ioctl => format!("request={lo:#x}"),
            ArgSyscall::Prctl => format!("option={value}"),
            ArgSyscall::Setsockopt => format!("level={lo} option={hi}"),
        }
    }

    /// Argument indexes and masks the kernel combines into one value:
    /// `(arg[i0] & m0) | (arg[i1] & m1) << 32` (`i1` may be [`NONE`]).
    pub fn capture(self) -> ([u32; 2], [u64; 2]) {
        let none = NONE;
        match self {
            ArgSyscall::Socket => ([0, 1], [LOW32, SOCK_TYPE_MASK]),
            ArgSyscall::Clone => ([0, none], [u64::MAX, 0]),
            ArgSyscall::Personality => ([0, none], [u64::MAX, 0]),
            // The kernel reads the request as an unsigned int; callers passing an int with
            // bit 31 set sign-extend it, so only the low 32 bits are kept and compared.
            ArgSyscall::Ioctl => ([1, none], [LOW32, 0]),
            ArgSyscall::Prctl => ([0, none], [u64::MAX, 0]),
            ArgSyscall::Setsockopt => ([1, 2], [LOW32, LOW32]),
        }
    }

    /// The argument comparisons (ANDed in one rule) that allow one recorded value.
    pub fn conditions(self, value: u64) -> Vec<ArgRule> {
        let eq = |index, value| ArgRule {
            index,
            value,
            value_two: 0,
            op: "SCMP_CMP_EQ".to_string(),
        };
        let masked = |index, mask, value| ArgRule {
            index,
            value: mask,
            value_two: value,
            op: "SCMP_CMP_MASKED_EQ".to_string(),
        };
        let (lo, hi) = (value & LOW32, value >> 32);
        match self {
            ArgSyscall::Socket => vec![eq(0, lo), masked(1, SOCK_TYPE_MASK, hi)],
            ArgSyscall::Clone => vec![masked(0, CLONE_NEW_MASK, value & CLONE_NEW_MASK)],
            ArgSyscall::Personality | ArgSyscall::Prctl => vec![eq(0, value)],
            ArgSyscall::Ioctl => vec![masked(1, LOW32, lo)],
            ArgSyscall::Setsockopt => vec![eq(1, lo), eq(2, hi)],
        }
    }
}

/// The syscalls chosen with `--learn-args[=LIST]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LearnSet(pub BTreeSet<ArgSyscall>);

impl LearnSet {
    /// From the flag's values: none means every supported syscall.
    pub fn parse(items: &[String]) -> Result<LearnSet, String> {
        let mut set = BTreeSet::new();
        for item in items.iter().map(|s| s.trim()) {
            if item.is_empty() || item == "all" {
                set.extend(ArgSyscall::ALL);
                continue;
            }
            match ArgSyscall::ALL.iter().find(|s| s.name() == item) {
                Some(s) => {
                    set.insert(*s);
                }
                None => {
                    return Err(format!(
                        "--learn-args: {item:?} is not a syscall ig learns arguments of (choose from: {}, or all)",
                        ArgSyscall::ALL.map(ArgSyscall::name).join(", ")
                    ))
                }
            }
        }
        if set.is_empty() {
            set.extend(ArgSyscall::ALL);
        }
        Ok(LearnSet(set))
    }
}

/// The distinct values of one syscall in one ABI, with how each was seen (IG_ARG_* bits).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArgValues {
    pub values: BTreeMap<u64, u32>,
    /// IG_ARG_OVER_* bits: the kernel stopped recording values of this syscall.
    pub overflow: u32,
}

/// What a recording learned: per syscall, per ABI.
pub type Learned = BTreeMap<ArgSyscall, BTreeMap<Abi, ArgValues>>;

/// Which recorded values belong to the workload (mirrors how the syscall names are chosen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Every value (--include-runtime-setup).
    All,
    /// Values made under a seccomp filter (a container's own calls).
    Filtered,
    /// Values made from the namespace's first execve on (a command ig started, or a
    /// container recorded without a filter).
    AfterExec,
}

impl Class {
    fn bit(self) -> u32 {
        match self {
            Class::All => SEEN,
            Class::Filtered => FILTERED,
            Class::AfterExec => AFTER_EXEC,
        }
    }
}

/// The recorded values of `s` on `abi` that belong to the workload (`class`, or every value
/// when none is of the class, as [`restrict`] chooses them). `None` when the recording holds
/// no value or the kernel stopped recording them (the set is then incomplete).
pub fn workload_values(
    learned: &Learned,
    s: ArgSyscall,
    abi: Abi,
    class: Class,
) -> Option<BTreeSet<u64>> {
    let v = learned.get(&s)?.get(&abi)?;
    if v.overflow != 0 {
        return None;
    }
    let out = class_values([v], class);
    (!out.is_empty()).then_some(out)
}

/// The values of `class` among `sets`, or every value when none is of the class (a syscall
/// allowed for another reason, e.g. kept from the runtime's set-up).
fn class_values<'a>(
    sets: impl IntoIterator<Item = &'a ArgValues> + Clone,
    class: Class,
) -> BTreeSet<u64> {
    let pick = |bit: u32| -> BTreeSet<u64> {
        sets.clone()
            .into_iter()
            .flat_map(|v| v.values.iter())
            .filter(|(_, how)| *how & bit != 0)
            .map(|(value, _)| *value)
            .collect()
    };
    let out = pick(class.bit());
    if out.is_empty() {
        pick(SEEN)
    } else {
        out
    }
}

/// Adds one replica's values to a workload's union (`--auto --merge`): per syscall and ABI the
/// values that are the replica's workload (as [`workload_values`] picks them, marked as of
/// every class so that any class picks them again), and its overflow bits (one replica whose
/// values overflowed leaves the syscall name-only, as `merge` does with a name-only input).
pub fn union_into(union: &mut Learned, replica: &Learned, class: Class) {
    for (&s, per_abi) in replica {
        for (&abi, v) in per_abi {
            let into = union.entry(s).or_default().entry(abi).or_default();
            into.overflow |= v.overflow;
            let values = workload_values(replica, s, abi, class).unwrap_or_default();
            for value in values {
                *into.values.entry(value).or_default() |= SEEN | FILTERED | AFTER_EXEC;
            }
        }
    }
}

/// A line for stderr about the argument rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub warning: bool,
    pub text: String,
}

/// Replaces the unconditional allow of each learned syscall with one rule per recorded value
/// (libseccomp ORs a syscall's rules and ANDs the comparisons inside one rule).
///
/// A syscall whose values overflowed, or that has no recorded value, stays name-only and a
/// message says so. When `clone` is restricted, `clone3` (whose flags seccomp cannot read)
/// fails with ENOSYS so libc falls back to `clone`. A profile that allows i386 `socketcall`
/// cannot restrict socket families for 32-bit programs: a warning says so.
pub fn restrict(
    profile: &mut OciProfile,
    set: &LearnSet,
    learned: &Learned,
    class: Class,
    limit: u32,
) -> Vec<Message> {
    let mut msgs = Vec::new();
    let mut restricted: Vec<ArgSyscall> = Vec::new();
    let mut added: Vec<SyscallRule> = Vec::new();
    for &s in &set.0 {
        if !allows_by_name(profile, s.name()) {
            continue;
        }
        let (msg, rules) = value_rules(s, learned.get(&s), class, limit);
        msgs.push(msg);
        if let Some(rules) = rules {
            added.extend(rules);
            restricted.push(s);
        }
    }
    let mut drop: Vec<&str> = restricted.iter().map(|s| s.name()).collect();
    if restricted.contains(&ArgSyscall::Clone) {
        drop.push("clone3");
        msgs.push(Message {
            warning: false,
            text: "clone3 passes its flags in memory that seccomp cannot read: it fails with ENOSYS (38) so that libc falls back to clone, whose flags are checked (as Docker's default profile does)".to_string(),
        });
        added.push(SyscallRule {
            names: vec!["clone3".to_string()],
            action: "SCMP_ACT_ERRNO".to_string(),
            errno_ret: Some(ENOSYS),
            args: Vec::new(),
        });
    }
    for r in profile.syscalls.iter_mut() {
        if r.action == "SCMP_ACT_ALLOW" && r.args.is_empty() {
            r.names.retain(|n| !drop.contains(&n.as_str()));
        }
    }
    profile.syscalls.retain(|r| !r.names.is_empty());
    profile.syscalls.extend(added);
    if set.0.contains(&ArgSyscall::Socket) && allows_by_name(profile, "socketcall") {
        msgs.push(Message {
            warning: true,
            text: "socketcall (i386 ABI) is allowed: it multiplexes socket() with its arguments in memory, which seccomp cannot read, so 32-bit programs using socketcall are not restricted by family (only the socket syscall is)".to_string(),
        });
    }
    msgs
}

/// Whether `profile` allows `name` whatever its arguments.
fn allows_by_name(profile: &OciProfile, name: &str) -> bool {
    profile.syscalls.iter().any(|r| {
        r.action == "SCMP_ACT_ALLOW" && r.args.is_empty() && r.names.iter().any(|n| n == name)
    })
}

/// The allow rules of `s`, one per recorded value of the workload, with the message that says
/// so; or no rules and the message that says why `s` keeps its name-only rule.
fn value_rules(
    s: ArgSyscall,
    per_abi: Option<&BTreeMap<Abi, ArgValues>>,
    class: Class,
    limit: u32,
) -> (Message, Option<Vec<SyscallRule>>) {
    let over = per_abi.map_or(0, |m| m.values().fold(0, |o, v| o | v.overflow));
    if over != 0 {
        let why = if over & OVER_MAP != 0 {
            "the kernel map of argument values was full".to_string()
        } else {
            format!("more than {limit} distinct {} values were made", s.what())
        };
        let text = format!("{}: {why}; it keeps a name-only rule", s.name());
        return (
            Message {
                warning: true,
                text,
            },
            None,
        );
    }
    let values = class_values(per_abi.into_iter().flat_map(|m| m.values()), class);
    if values.is_empty() {
        let text = format!(
            "{}: no argument values were recorded for it; it keeps a name-only rule",
            s.name()
        );
        return (
            Message {
                warning: false,
                text,
            },
            None,
        );
    }
    let conditions: BTreeSet<Vec<ArgRule>> = values.iter().map(|v| s.conditions(*v)).collect();
    let text = format!(
        "{}: allowed only for the {} recorded {} value(s) ({} rule(s))",
        s.name(),
        values.len(),
        s.what(),
        conditions.len()
    );
    let rules = conditions
        .into_iter()
        .map(|args| SyscallRule {
            names: vec![s.name().to_string()],
            action: "SCMP_ACT_ALLOW".to_string(),
            errno_ret: None,
            args,
        })
        .collect();
    (
        Message {
            warning: false,
            text,
        },
        Some(rules),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seccomp::{self as profile, BuildOptions, Observed};
    use crate::syscalls;

    const AF_UNIX: u64 = 1;
    const AF_INET: u64 = 2;
    const SOCK_STREAM: u64 = 1;
    const SOCK_DGRAM: u64 = 2;

    fn profile_of(names: &[&str]) -> OciProfile {
        let mut o = Observed::default();
        for n in names {
            o.insert(Abi::X86_64, syscalls::number(Abi::X86_64, n).unwrap());
        }
        let opts = BuildOptions {
            abis: vec![Abi::X86_64, Abi::X86, Abi::X32],
            ..BuildOptions::default()
        };
        profile::build(&o, &opts).profile
    }

    fn learned(s: ArgSyscall, values: &[(u64, u32)], overflow: u32) -> Learned {
        let mut l = Learned::new();
        l.entry(s).or_default().insert(
            Abi::X86_64,
            ArgValues {
                values: values.iter().copied().collect(),
                overflow,
            },
        );
        l
    }

    const F: u32 = SEEN | FILTERED;

    #[test]
    fn parses_the_set() {
        let all = LearnSet::parse(&[]).unwrap();
        assert_eq!(all.0.len(), SLOTS);
        let two = LearnSet::parse(&["socket".into(), "clone".into()]).unwrap();
        assert_eq!(
            two.0,
            BTreeSet::from([ArgSyscall::Socket, ArgSyscall::Clone])
        );
        let e = LearnSet::parse(&["open".into()]).unwrap_err();
        assert!(e.contains("\"open\"") && e.contains("socket, clone"), "{e}");
    }

    #[test]
    fn socket_rules_allow_exactly_the_pairs_seen() {
        let mut p = profile_of(&["read", "socket", "exit_group"]);
        let l = learned(
            ArgSyscall::Socket,
            &[
                (AF_UNIX | SOCK_STREAM << 32, F),
                (AF_INET | SOCK_DGRAM << 32, F),
            ],
            0,
        );
        let set = LearnSet::parse(&["socket".into()]).unwrap();
        let msgs = restrict(&mut p, &set, &l, Class::Filtered, 64);
        assert!(msgs.iter().all(|m| !m.warning), "{msgs:?}");
        assert!(!p.syscalls[0].names.contains(&"socket".to_string()));
        let rules: Vec<&SyscallRule> = p
            .syscalls
            .iter()
            .filter(|r| r.names == ["socket"])
            .collect();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].args[0].value, AF_UNIX);
        assert_eq!(rules[0].args[1].op, "SCMP_CMP_MASKED_EQ");
        assert_eq!(rules[0].args[1].value, SOCK_TYPE_MASK);
        assert_eq!(rules[0].args[1].value_two, SOCK_STREAM);
        // The profile stays valid for runtimes and the SPO schema checks.
        let text = p.to_json().unwrap();
        profile::parse(&text, "test").unwrap();
    }

    #[test]
    fn clone_rules_check_namespace_bits_and_send_clone3_to_enosys() {
        let fork = 0x0120_0011; // CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD
        let thread = 0x003d_0f00;
        let mut p = profile_of(&["clone", "clone3", "exit_group"]);
        let l = learned(ArgSyscall::Clone, &[(fork, F), (thread, F)], 0);
        let set = LearnSet::parse(&["clone".into()]).unwrap();
        let msgs = restrict(&mut p, &set, &l, Class::Filtered, 64);
        assert!(msgs.iter().any(|m| m.text.contains("ENOSYS")));
        let clone: Vec<&SyscallRule> = p.syscalls.iter().filter(|r| r.names == ["clone"]).collect();
        assert_eq!(
            clone.len(),
            1,
            "both values carry no CLONE_NEW* bit: one rule"
        );
        assert_eq!(clone[0].args[0].value, CLONE_NEW_MASK);
        assert_eq!(clone[0].args[0].value_two, 0);
        let c3 = p.syscalls.iter().find(|r| r.names == ["clone3"]).unwrap();
        assert_eq!(
            (c3.action.as_str(), c3.errno_ret),
            ("SCMP_ACT_ERRNO", Some(38))
        );
        assert!(!p.syscalls[0].names.contains(&"clone3".to_string()));
    }

    #[test]
    fn overflow_keeps_a_name_only_rule_and_warns() {
        let mut p = profile_of(&["ioctl", "exit_group"]);
        let l = learned(ArgSyscall::Ioctl, &[(0x5401, F)], OVER_LIMIT);
        let set = LearnSet::parse(&[]).unwrap();
        let msgs = restrict(&mut p, &set, &l, Class::Filtered, 64);
        assert!(msgs
            .iter()
            .any(|m| m.warning && m.text.contains("more than 64")));
        assert!(p.syscalls[0].names.contains(&"ioctl".to_string()));
        assert_eq!(p.syscalls.len(), 1);
    }

    #[test]
    fn values_outside_the_class_are_used_only_when_nothing_else_exists() {
        let setup_only = SEEN;
        let mut p = profile_of(&["prctl", "exit_group"]);
        let l = learned(ArgSyscall::Prctl, &[(38, setup_only), (15, F)], 0);
        let set = LearnSet::parse(&["prctl".into()]).unwrap();
        restrict(&mut p, &set, &l, Class::Filtered, 64);
        let r: Vec<u64> = p
            .syscalls
            .iter()
            .filter(|r| r.names == ["prctl"])
            .map(|r| r.args[0].value)
            .collect();
        assert_eq!(r, [15]);
        // Nothing recorded at all: name-only, with a note.
        let mut q = profile_of(&["prctl", "exit_group"]);
        let msgs = restrict(&mut q, &set, &Learned::new(), Class::Filtered, 64);
        assert!(q.syscalls[0].names.contains(&"prctl".to_string()));
        assert!(msgs[0].text.contains("no argument values"));
    }

    #[test]
    fn socketcall_is_reported() {
        let mut o = Observed::default();
        o.insert(
            Abi::X86_64,
            syscalls::number(Abi::X86_64, "socket").unwrap(),
        );
        o.insert(Abi::X86, syscalls::number(Abi::X86, "socketcall").unwrap());
        let mut p = profile::build(&o, &BuildOptions::default()).profile;
        let l = learned(ArgSyscall::Socket, &[(AF_UNIX | SOCK_STREAM << 32, F)], 0);
        let msgs = restrict(
            &mut p,
            &LearnSet::parse(&[]).unwrap(),
            &l,
            Class::Filtered,
            64,
        );
        assert!(msgs
            .iter()
            .any(|m| m.warning && m.text.contains("socketcall")));
    }

    #[test]
    fn learned_profiles_merge_into_the_union_of_values() {
        let set = LearnSet::parse(&["socket".into()]).unwrap();
        let mut a = profile_of(&["socket", "exit_group"]);
        restrict(
            &mut a,
            &set,
            &learned(ArgSyscall::Socket, &[(AF_UNIX | SOCK_STREAM << 32, F)], 0),
            Class::Filtered,
            64,
        );
        let mut b = profile_of(&["socket", "exit_group"]);
        restrict(
            &mut b,
            &set,
            &learned(
                ArgSyscall::Socket,
                &[
                    (AF_UNIX | SOCK_STREAM << 32, F),
                    (AF_INET | SOCK_DGRAM << 32, F),
                ],
                0,
            ),
            Class::Filtered,
            64,
        );
        let (m, _) = profile::merge(&[a, b]).unwrap();
        let families: BTreeSet<u64> = m
            .syscalls
            .iter()
            .filter(|r| r.names.contains(&"socket".to_string()))
            .map(|r| r.args[0].value)
            .collect();
        assert_eq!(families, BTreeSet::from([AF_UNIX, AF_INET]));
        assert!(m
            .syscalls
            .iter()
            .all(|r| r.args.is_empty() || r.names == ["socket"]));
    }

    #[test]
    fn recorded_values_turn_back_into_arguments_and_words() {
        for s in ArgSyscall::ALL {
            for v in [0u64, 1 | 2 << 32, 0x5401, 0x0120_0011] {
                let masked = s.value_of(&s.args_of(v));
                assert_eq!(s.value_of(&s.args_of(masked)), masked, "{s:?} {v:#x}");
            }
        }
        let a = ArgSyscall::Socket.args_of(16 | 3 << 32);
        assert_eq!((a[0], a[1]), (16, 3));
        assert_eq!(
            ArgSyscall::Socket.describe(16 | 3 << 32),
            "family=AF_NETLINK(16) type=SOCK_RAW(3)"
        );
        assert_eq!(
            ArgSyscall::Clone.describe(0x4000_0011),
            "flags=0x40000011 (CLONE_NEWNET)"
        );
        assert_eq!(ArgSyscall::Setsockopt.args_of(1 | 2 << 32)[1..3], [1, 2]);
        assert_eq!(ArgSyscall::Ioctl.args_of(0x5401)[1], 0x5401);
        assert_eq!(ArgSyscall::from_name("prctl"), Some(ArgSyscall::Prctl));
        assert_eq!(ArgSyscall::from_name("open"), None);
    }

    #[test]
    fn workload_values_follow_the_class_and_refuse_overflow() {
        let l = learned(ArgSyscall::Prctl, &[(38, SEEN), (15, F)], 0);
        let got = workload_values(&l, ArgSyscall::Prctl, Abi::X86_64, Class::Filtered);
        assert_eq!(got, Some(BTreeSet::from([15])));
        let all = workload_values(&l, ArgSyscall::Prctl, Abi::X86_64, Class::All);
        assert_eq!(all, Some(BTreeSet::from([15, 38])));
        // Only set-up values: those, as restrict() does.
        let l = learned(ArgSyscall::Prctl, &[(38, SEEN)], 0);
        let got = workload_values(&l, ArgSyscall::Prctl, Abi::X86_64, Class::Filtered);
        assert_eq!(got, Some(BTreeSet::from([38])));
        assert_eq!(
            workload_values(&l, ArgSyscall::Prctl, Abi::X86, Class::Filtered),
            None
        );
        let over = learned(ArgSyscall::Prctl, &[(15, F)], OVER_LIMIT);
        assert_eq!(
            workload_values(&over, ArgSyscall::Prctl, Abi::X86_64, Class::Filtered),
            None
        );
    }

    #[test]
    fn each_recorded_value_is_judged_against_a_learned_profile() {
        use crate::seccomp::eval;
        let set = LearnSet::parse(&["socket".into()]).unwrap();
        let mut p = profile_of(&["socket", "exit_group"]);
        let allowed = learned(
            ArgSyscall::Socket,
            &[
                (AF_UNIX | SOCK_STREAM << 32, F),
                (AF_INET | SOCK_DGRAM << 32, F),
            ],
            0,
        );
        restrict(&mut p, &set, &allowed, Class::Filtered, 64);
        let nr = syscalls::number(Abi::X86_64, "socket").unwrap();
        let judge =
            |v: u64| eval::evaluate(&p, Abi::X86_64, nr, Some(&ArgSyscall::Socket.args_of(v)));
        assert!(judge(AF_UNIX | SOCK_STREAM << 32).outcome.runs());
        // SOCK_CLOEXEC and SOCK_NONBLOCK do not matter.
        assert!(judge(AF_INET | (SOCK_DGRAM | 0x80800) << 32).outcome.runs());
        let netlink = judge(16 | 3 << 32);
        assert!(netlink.is_certain() && !netlink.outcome.runs());
        assert!(!judge(AF_INET | SOCK_STREAM << 32).outcome.runs());
    }

    #[test]
    fn replicas_union_their_workload_values() {
        let mut union = Learned::new();
        let a = learned(
            ArgSyscall::Socket,
            &[(AF_UNIX | SOCK_STREAM << 32, F), (16, SEEN)],
            0,
        );
        let b = learned(ArgSyscall::Socket, &[(AF_INET | SOCK_DGRAM << 32, F)], 0);
        union_into(&mut union, &a, Class::Filtered);
        union_into(&mut union, &b, Class::Filtered);
        let got = workload_values(&union, ArgSyscall::Socket, Abi::X86_64, Class::AfterExec);
        assert_eq!(
            got,
            Some(BTreeSet::from([
                AF_UNIX | SOCK_STREAM << 32,
                AF_INET | SOCK_DGRAM << 32
            ])),
            "the set-up value 16 of replica a is not its workload's"
        );
        let mut p = profile_of(&["socket", "exit_group"]);
        let set = LearnSet::parse(&["socket".into()]).unwrap();
        restrict(&mut p, &set, &union, Class::AfterExec, 64);
        assert_eq!(
            p.syscalls.iter().filter(|r| r.names == ["socket"]).count(),
            2
        );
        // A replica whose values overflowed leaves socket name-only.
        let c = learned(ArgSyscall::Socket, &[], OVER_LIMIT);
        union_into(&mut union, &c, Class::Filtered);
        let mut q = profile_of(&["socket", "exit_group"]);
        restrict(&mut q, &set, &union, Class::AfterExec, 64);
        assert!(q.syscalls[0].names.contains(&"socket".to_string()));
    }

    #[test]
    fn setsockopt_and_ioctl_conditions() {
        let c = ArgSyscall::Setsockopt.conditions(1 | 2 << 32);
        assert_eq!(
            (c[0].index, c[0].value, c[1].index, c[1].value),
            (1, 1, 2, 2)
        );
        let i = ArgSyscall::Ioctl.conditions(0x8004_5430);
        assert_eq!(
            (i[0].index, i[0].value, i[0].value_two),
            (1, LOW32, 0x8004_5430)
        );
    }

    #[test]
    fn learned_rules_render_as_valid_spo_resources() {
        let mut p = profile_of(&["socket", "clone", "ioctl", "setsockopt", "exit_group"]);
        let mut l = learned(ArgSyscall::Socket, &[(AF_INET | SOCK_DGRAM << 32, F)], 0);
        l.extend(learned(ArgSyscall::Clone, &[(0x0120_0011, F)], 0));
        // A sign-extended request: only its low 32 bits are compared, within int64.
        l.extend(learned(
            ArgSyscall::Ioctl,
            &[(0xffff_ffff_8004_5430 & LOW32, F)],
            0,
        ));
        l.extend(learned(ArgSyscall::Setsockopt, &[(1 | 2 << 32, F)], 0));
        restrict(
            &mut p,
            &LearnSet::parse(&[]).unwrap(),
            &l,
            Class::Filtered,
            64,
        );
        let crd = crate::seccomp::crd_schema::load_crd();
        for version in [profile::SpoVersion::V1, profile::SpoVersion::V1Beta1] {
            let meta = profile::SpoMeta {
                name: "learned".to_string(),
                namespace: None,
                annotations: BTreeMap::new(),
                api_version: version,
            };
            let text = profile::to_spo_yaml(&p, &meta).unwrap();
            let doc: serde_json::Value = serde_yaml::from_str(&text).unwrap();
            let errs = crate::seccomp::crd_schema::validate_resource(&crd, &doc);
            assert!(errs.is_empty(), "{errs:#?}\n{text}");
            assert!(text.contains("valueTwo"), "{text}");
            let mut back = profile::parse(&text, "spo.yaml").unwrap();
            back.default_errno_ret = p.default_errno_ret;
            assert_eq!(back, p);
        }
    }
}
