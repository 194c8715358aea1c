//! What a seccomp profile does with one syscall, evaluated the way runc/crun compile it with libseccomp and the kernel runs it, and the differences between two profiles.
//!
//! The order of the rules does not matter to the kernel; it matters to libseccomp, which
//! builds one decision tree per syscall from the rules in the order runtimes add them
//! (profile order). Its documented and observed resolution, which [`evaluate`] follows:
//!
//! * seccomp_rule_add(3): "comparisons ... are AND'ed together"; rules for the same syscall
//!   are OR'ed (the tree takes the first rule whose comparisons all match).
//! * An unconditional rule for a syscall replaces every rule added for it before and makes
//!   every later rule for it a no-op (libseccomp `src/db.c`, `db_col_rule_add`: "syscall
//!   exists without any chains - existing filter is at least as large as the new entry").
//!   So the *first* unconditional rule wins, and conditional rules of that syscall never
//!   apply. The runc maintainers describe the same in opencontainers/runc#2735 / #2737
//!   ("it only overrides conditional rules, and non-conditional rules are not overridden").
//! * libseccomp allows one comparison per argument in a rule (seccomp_rule_add(3), "you can
//!   only compare each argument once"); runc and youki therefore add a rule whose `args`
//!   repeat an index as one rule per comparison (an OR; runc#2735, youki#3489).
//! * When several conditional rules with different actions match one call, which one
//!   wins depends on the order libseccomp laid out the argument tree; the kernel itself,
//!   across stacked filters, takes the most restrictive action (seccomp(2), "Filter return
//!   values", and libseccomp#87). ig reports the most restrictive of the matching actions
//!   and marks the verdict as depending on rule layout.
//! * A syscall of an architecture the filter does not list is killed (libseccomp's default
//!   bad-architecture action, `SCMP_FLTATR_ACT_BADARCH` = KILL_THREAD); an empty
//!   `architectures` means the native one only (`seccomp_init(3)`).
//! * `SCMP_CMP_MASKED_EQ` with OCI `value` = mask and `valueTwo` = datum matches when
//!   `arg & mask == datum`.
//!
//! Argument values are usually unknown (recordings hold syscall numbers only): a syscall
//! with conditional rules then has several possible outcomes, all of them listed.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::seccomp::args::ArgSyscall;
use crate::seccomp::{self as profile, ArgRule, OciProfile};
use crate::syscalls::{self, Abi};

/// Action of libseccomp's bad-architecture attribute by default.
pub const BAD_ARCH_ACTION: &str = "SCMP_ACT_KILL_THREAD";

/// One seccomp outcome: an action and, for ERRNO/TRACE, the errno it returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Outcome {
    pub action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errno: Option<u32>,
}

impl Outcome {
    fn new(action: &str, errno: Option<u32>) -> Outcome {
        let action = profile::parse_action(action).unwrap_or("SCMP_ACT_KILL_PROCESS");
        let errno = profile::takes_errno(action).then(|| errno.unwrap_or(profile::EPERM));
        Outcome { action, errno }
    }

    /// The call runs (ALLOW, or LOG which runs it and logs it).
    pub fn runs(&self) -> bool {
        matches!(self.action, "SCMP_ACT_ALLOW" | "SCMP_ACT_LOG")
    }

    /// What happens to the caller, in words.
    pub fn effect(&self) -> &'static str {
        match self.action {
            "SCMP_ACT_ALLOW" => "allowed",
            "SCMP_ACT_LOG" => "logged",
            "SCMP_ACT_ERRNO" => "denied",
            "SCMP_ACT_TRACE" => "traced (fails with ENOSYS without a tracer)",
            "SCMP_ACT_NOTIFY" => "sent to the notify listener",
            "SCMP_ACT_TRAP" => "trapped (SIGSYS)",
            _ => "killed",
        }
    }

    /// `SCMP_ACT_ERRNO(1)`-style text.
    pub fn describe(&self) -> String {
        match self.errno {
            Some(e) => format!("{}({e})", self.action),
            None => self.action.to_string(),
        }
    }
}

/// What the profile does with one syscall.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The outcome if it is certain, else the most restrictive possible one.
    pub outcome: Outcome,
    /// Every outcome the call can have (one when certain; several when it depends on
    /// arguments that are not known), most restrictive first.
    pub possible: Vec<Outcome>,
    /// Why the outcome is what it is: `default`, `rule N` (0-based), `bad architecture`,
    /// `arguments`, `rule layout`.
    pub reason: String,
}

impl Verdict {
    fn certain(outcome: Outcome, reason: String) -> Verdict {
        Verdict {
            outcome,
            possible: vec![outcome],
            reason,
        }
    }

    pub fn is_certain(&self) -> bool {
        self.possible.len() == 1
    }

    /// The call may run (some possible outcome runs it).
    pub fn may_run(&self) -> bool {
        self.possible.iter().any(Outcome::runs)
    }

    /// The call may fail, be killed, trapped or logged (some outcome is not plain ALLOW).
    pub fn may_stop(&self) -> bool {
        self.possible.iter().any(|o| !o.runs())
    }
}

fn restrictiveness(o: &Outcome) -> u8 {
    profile::permissiveness(o.action).unwrap_or(0)
}

fn sort_possible(mut v: Vec<Outcome>) -> Vec<Outcome> {
    v.sort_by_key(|o| (restrictiveness(o), *o));
    v.dedup();
    v
}

/// The architectures the profile's filter covers, with `SCMP_ARCH_NATIVE` resolved.
pub fn covered_abis(p: &OciProfile) -> BTreeSet<Abi> {
    if p.architectures.is_empty() {
        return BTreeSet::from([Abi::native()]);
    }
    p.architectures
        .iter()
        .filter_map(|a| {
            if a == "SCMP_ARCH_NATIVE" {
                Some(Abi::native())
            } else {
                Abi::from_scmp_arch(a)
            }
        })
        .collect()
}

/// A rule as libseccomp sees it: conditions AND'ed (runc splits repeated indexes).
fn expand_args(args: &[ArgRule]) -> Vec<Vec<&ArgRule>> {
    let mut idx = BTreeSet::new();
    let repeated = args.iter().any(|a| !idx.insert(a.index));
    if repeated {
        args.iter().map(|a| vec![a]).collect()
    } else {
        vec![args.iter().collect()]
    }
}

fn compare(a: &ArgRule, v: u64) -> bool {
    match a.op.as_str() {
        "SCMP_CMP_NE" => v != a.value,
        "SCMP_CMP_LT" => v < a.value,
        "SCMP_CMP_LE" => v <= a.value,
        "SCMP_CMP_EQ" => v == a.value,
        "SCMP_CMP_GE" => v >= a.value,
        "SCMP_CMP_GT" => v > a.value,
        "SCMP_CMP_MASKED_EQ" => v & a.value == a.value_two,
        _ => false,
    }
}

/// What `p` does with syscall `nr` of `abi` (x32 numbers with or without their bit), with
/// the six argument values when known. A number ig's table cannot name gets the default
/// action (no rule can name it).
pub fn evaluate(p: &OciProfile, abi: Abi, nr: u32, args: Option<&[u64; 6]>) -> Verdict {
    if !covered_abis(p).contains(&abi) {
        return Verdict::certain(
            Outcome::new(BAD_ARCH_ACTION, None),
            format!("bad architecture ({} is not listed)", abi.scmp_arch()),
        );
    }
    match syscalls::name(abi, nr) {
        Some(name) => evaluate_name(p, name, args),
        None => Verdict::certain(
            Outcome::new(&p.default_action, p.default_errno_ret),
            "default".to_string(),
        ),
    }
}

/// What `p` does with the syscall called `name` on an architecture the filter covers.
pub fn evaluate_name(p: &OciProfile, name: &str, args: Option<&[u64; 6]>) -> Verdict {
    let default = Outcome::new(&p.default_action, p.default_errno_ret);
    let rules: Vec<(usize, &profile::SyscallRule)> = p
        .syscalls
        .iter()
        .enumerate()
        .filter(|(_, r)| r.names.iter().any(|n| n == name))
        .collect();
    if let Some((i, r)) = rules.iter().find(|(_, r)| r.args.is_empty()) {
        return Verdict::certain(Outcome::new(&r.action, r.errno_ret), format!("rule {i}"));
    }
    if rules.is_empty() {
        return Verdict::certain(default, "default".to_string());
    }
    match args {
        Some(values) => {
            let matching: Vec<(usize, Outcome)> = rules
                .iter()
                .filter(|(_, r)| {
                    expand_args(&r.args)
                        .iter()
                        .any(|conds| conds.iter().all(|c| compare(c, values[c.index as usize])))
                })
                .map(|(i, r)| (*i, Outcome::new(&r.action, r.errno_ret)))
                .collect();
            let outcomes = sort_possible(matching.iter().map(|(_, o)| *o).collect());
            match outcomes.first() {
                None => Verdict::certain(default, "default (no condition matched)".to_string()),
                Some(&first) if outcomes.len() == 1 => {
                    Verdict::certain(first, format!("rule {}", matching[0].0))
                }
                Some(&first) => Verdict {
                    outcome: first,
                    possible: outcomes,
                    reason: "rule layout (several conditional rules match)".to_string(),
                },
            }
        }
        None => {
            let mut all: Vec<Outcome> = rules
                .iter()
                .map(|(_, r)| Outcome::new(&r.action, r.errno_ret))
                .collect();
            all.push(default);
            let possible = sort_possible(all);
            Verdict {
                outcome: possible[0],
                reason: if possible.len() == 1 {
                    "rules".to_string()
                } else {
                    "arguments (not recorded)".to_string()
                },
                possible,
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Docker's conditional rules

/// Capabilities Docker gives a container by default (moby `oci/caps/defaults.go`).
pub const DOCKER_DEFAULT_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FSETID",
    "CAP_FOWNER",
    "CAP_MKNOD",
    "CAP_NET_RAW",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETFCAP",
    "CAP_SETPCAP",
    "CAP_NET_BIND_SERVICE",
    "CAP_SYS_CHROOT",
    "CAP_KILL",
    "CAP_AUDIT_WRITE",
];

/// What Docker's `includes`/`excludes` are resolved against (what dockerd knows when it
/// starts a container).
#[derive(Clone, Debug)]
pub struct DockerContext {
    /// Go's name of the host architecture (`amd64`, `arm64`).
    pub arch: &'static str,
    /// Capabilities of the container (`CAP_*`).
    pub caps: Vec<String>,
    /// Running kernel (major, minor).
    pub kernel: (u32, u32),
}

impl DockerContext {
    /// This host, with `caps` or Docker's default capabilities.
    pub fn host(caps: &[String]) -> DockerContext {
        let arch = match Abi::native() {
            Abi::Aarch64 => "arm64",
            Abi::Arm => "arm",
            Abi::X86 => "386",
            _ => "amd64",
        };
        let caps = if caps.is_empty() {
            DOCKER_DEFAULT_CAPS.iter().map(|c| c.to_string()).collect()
        } else {
            caps.iter()
                .map(|c| {
                    let c = c.trim().to_ascii_uppercase();
                    if c.starts_with("CAP_") {
                        c
                    } else {
                        format!("CAP_{c}")
                    }
                })
                .collect()
        };
        let release = nix::sys::utsname::uname()
            .map(|u| u.release().to_string_lossy().into_owned())
            .unwrap_or_default();
        DockerContext {
            arch,
            caps,
            kernel: parse_kernel(&release).unwrap_or((0, 0)),
        }
    }
}

fn parse_kernel(s: &str) -> Option<(u32, u32)> {
    let mut it = s.split(|c: char| !c.is_ascii_digit());
    let major = it.next()?.parse().ok()?;
    let minor = it.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    Some((major, minor))
}

/// Whether a Docker condition object holds: `arches` has the host's, every `caps` is held,
/// the kernel is at least `minKernel` (moby `profiles/seccomp`, `setupSeccomp`).
fn condition(v: &serde_json::Value, ctx: &DockerContext) -> Result<(bool, bool, bool), String> {
    let strings = |key: &str| -> Vec<String> {
        v.get(key)
            .and_then(|x| x.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let arches = strings("arches");
    let caps = strings("caps");
    let arch = (!arches.is_empty()).then(|| arches.iter().any(|a| a == ctx.arch));
    let cap = (!caps.is_empty()).then(|| caps.iter().all(|c| ctx.caps.contains(c)));
    let kernel = match v.get("minKernel").and_then(|k| k.as_str()) {
        Some(k) if !k.is_empty() => {
            Some(ctx.kernel >= parse_kernel(k).ok_or(format!("minKernel {k:?} is not a version"))?)
        }
        _ => None,
    };
    Ok((
        arch.unwrap_or(true),
        cap.unwrap_or(true),
        kernel.unwrap_or(true),
    ))
}

/// Removes the `includes`/`excludes` conditions of every rule of a Docker profile document,
/// and the rules whose conditions do not hold for `ctx` (an exclude that matches, an include
/// that does not). Returns how many conditions were resolved and how many rules dropped.
fn resolve_conditions(
    doc: &mut serde_json::Value,
    ctx: &DockerContext,
) -> Result<(usize, usize), String> {
    let mut dropped = 0;
    let mut resolved = 0;
    let Some(rules) = doc.get_mut("syscalls").and_then(|s| s.as_array_mut()) else {
        return Ok((resolved, dropped));
    };
    let mut kept = Vec::new();
    for (i, mut r) in std::mem::take(rules).into_iter().enumerate() {
        let inc = r.as_object_mut().and_then(|o| o.remove("includes"));
        let exc = r.as_object_mut().and_then(|o| o.remove("excludes"));
        let mut keep = true;
        if let Some(e) = exc.as_ref().filter(|e| e.is_object()) {
            let has = |k: &str| e.get(k).is_some_and(|x| !x.is_null());
            let (arch, caps, kernel) =
                condition(e, ctx).map_err(|m| format!("syscalls[{i}].excludes: {m}"))?;
            if (has("arches") && arch) || (has("caps") && caps) || (has("minKernel") && kernel) {
                keep = false;
            }
            resolved += 1;
        }
        if let Some(inc) = inc.as_ref().filter(|e| e.is_object()) {
            let (arch, caps, kernel) =
                condition(inc, ctx).map_err(|m| format!("syscalls[{i}].includes: {m}"))?;
            keep &= arch && caps && kernel;
            resolved += 1;
        }
        if keep {
            kept.push(r);
        } else {
            dropped += 1;
        }
    }
    *rules = kept;
    Ok((resolved, dropped))
}

/// Parses a profile; Docker's `includes`/`excludes` conditions are resolved for `ctx` as
/// dockerd resolves them (a rule is dropped when an exclude matches or an include does not).
/// Returns the profile and one note per kind of resolution, for stderr.
pub fn load(
    text: &str,
    origin: &str,
    ctx: &DockerContext,
) -> Result<(OciProfile, Vec<String>), profile::ProfileError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.starts_with('{') {
        return Ok((profile::parse(text, origin)?, Vec::new()));
    }
    let mut doc: serde_json::Value =
        serde_json::from_str(trimmed).map_err(|err| profile::ProfileError::Json {
            origin: origin.to_string(),
            err,
        })?;
    let (resolved, dropped) =
        resolve_conditions(&mut doc, ctx).map_err(|message| profile::ProfileError::Invalid {
            origin: origin.to_string(),
            message,
        })?;
    let text = serde_json::to_string(&doc).map_err(|err| profile::ProfileError::Json {
        origin: origin.to_string(),
        err,
    })?;
    let p = profile::parse(&text, origin)?;
    let mut notes = Vec::new();
    if resolved > 0 {
        notes.push(format!(
            "{origin}: resolved Docker's includes/excludes for arch {}, kernel {}.{} and capabilities {} ({dropped} rule(s) do not apply)",
            ctx.arch,
            ctx.kernel.0,
            ctx.kernel.1,
            ctx.caps.join(",")
        ));
    }
    Ok((p, notes))
}

// ---------------------------------------------------------------------------------------------
// Diff

/// How one syscall differs between two profiles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffEntry {
    pub syscall: String,
    /// ABIs where it differs (`x86_64`, `x86`, `x32`, ...).
    pub arches: Vec<&'static str>,
    /// `added` (B runs it, A did not), `removed` (A ran it, B does not), `changed`, or
    /// `arguments` (same possible actions, different argument conditions).
    pub change: &'static str,
    pub a: Vec<Outcome>,
    pub b: Vec<Outcome>,
    #[serde(flatten)]
    pub args: ArgDiff,
}

/// How the argument conditions of one syscall differ.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ArgDiff {
    /// A's rules for the syscall that depend on arguments (`ALLOW if arg0 == 1`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules_a: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules_b: Vec<String>,
    /// Argument values B runs and A stopped (examples found by probing both profiles).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub wider: Vec<String>,
    /// Argument values A ran and B stops.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub narrower: Vec<String>,
}

impl ArgDiff {
    fn is_empty(&self) -> bool {
        self.rules_a == self.rules_b && self.wider.is_empty() && self.narrower.is_empty()
    }
}

/// At most this many argument vectors are probed per syscall.
const MAX_PROBES: usize = 200_000;
/// At most this many example values are listed per direction.
const MAX_EXAMPLES: usize = 8;

/// `arg1 & 0xfff7f7ff == 0x1`-style text for one comparison.
fn describe_condition(c: &ArgRule) -> String {
    let op = match c.op.as_str() {
        "SCMP_CMP_NE" => "!=",
        "SCMP_CMP_LT" => "<",
        "SCMP_CMP_LE" => "<=",
        "SCMP_CMP_GE" => ">=",
        "SCMP_CMP_GT" => ">",
        "SCMP_CMP_MASKED_EQ" => {
            return format!("arg{} & {:#x} == {:#x}", c.index, c.value, c.value_two);
        }
        _ => "==",
    };
    format!("arg{} {op} {:#x}", c.index, c.value)
}

/// The rules of `p` for `name` that depend on arguments, in words; empty when no rule or an
/// unconditional rule decides (libseccomp then ignores the conditional ones).
fn conditional_rules<'p>(p: &'p OciProfile, name: &str) -> Vec<&'p profile::SyscallRule> {
    let rules: Vec<&profile::SyscallRule> = p
        .syscalls
        .iter()
        .filter(|r| r.names.iter().any(|n| n == name))
        .collect();
    if rules.iter().any(|r| r.args.is_empty()) {
        return Vec::new();
    }
    rules
}

fn describe_rules(rules: &[&profile::SyscallRule]) -> Vec<String> {
    let mut out: Vec<String> = rules
        .iter()
        .map(|r| {
            let conds: Vec<String> = r.args.iter().map(describe_condition).collect();
            format!(
                "{} if {}",
                Outcome::new(&r.action, r.errno_ret).describe(),
                conds.join(" && ")
            )
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Values of one argument worth probing: each constant of a comparison and its neighbours,
/// each masked datum, the datum with its mask (or its lowest mask bit) flipped, and the data
/// of two masked comparisons combined, so that every region the conditions tell apart is hit.
fn probe_values(conds: &[&ArgRule]) -> BTreeSet<u64> {
    let mut v = BTreeSet::from([0u64]);
    let masked: Vec<(u64, u64)> = conds
        .iter()
        .filter(|c| c.op == "SCMP_CMP_MASKED_EQ")
        .map(|c| (c.value, c.value_two))
        .collect();
    for c in conds {
        if c.op == "SCMP_CMP_MASKED_EQ" {
            let (m, d) = (c.value, c.value_two);
            v.extend([d, d ^ m, d ^ (m & m.wrapping_neg())]);
        } else {
            v.extend([c.value, c.value.wrapping_sub(1), c.value.wrapping_add(1)]);
        }
    }
    for &(m1, d1) in &masked {
        for &(m2, d2) in &masked {
            v.insert((d1 & m1) | (d2 & m2 & !m1));
        }
    }
    v
}

/// The argument vectors to probe `name` with: the product of each used argument's probe values.
fn probes(rules: &[&profile::SyscallRule]) -> Vec<[u64; 6]> {
    let mut per_index: BTreeMap<usize, Vec<&ArgRule>> = BTreeMap::new();
    for c in rules.iter().flat_map(|r| r.args.iter()) {
        per_index.entry(c.index as usize).or_default().push(c);
    }
    let mut out = vec![[0u64; 6]];
    for (index, conds) in per_index {
        let values = probe_values(&conds);
        if out.len().saturating_mul(values.len()) > MAX_PROBES {
            break;
        }
        out = out
            .iter()
            .flat_map(|base| {
                values.iter().map(move |&x| {
                    let mut a = *base;
                    if let Some(slot) = a.get_mut(index) {
                        *slot = x;
                    }
                    a
                })
            })
            .collect();
    }
    out
}

fn describe_args(name: &str, a: &[u64; 6]) -> String {
    match ArgSyscall::from_name(name) {
        Some(s) => s.describe(s.value_of(a)),
        None => a
            .iter()
            .enumerate()
            .filter(|(_, v)| **v != 0)
            .map(|(i, v)| format!("arg{i}={v:#x}"))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn examples(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    if v.len() > MAX_EXAMPLES {
        let more = v.len() - MAX_EXAMPLES;
        v.truncate(MAX_EXAMPLES);
        v.push(format!("(+{more} more)"));
    }
    v
}

/// How the argument conditions of `name` differ between `a` and `b` (both covering the ABI):
/// both rule sets in words, and the probed argument values one runs and the other stops.
pub fn arg_diff(a: &OciProfile, b: &OciProfile, name: &str) -> ArgDiff {
    let ra = conditional_rules(a, name);
    let rb = conditional_rules(b, name);
    if ra.is_empty() && rb.is_empty() {
        return ArgDiff::default();
    }
    let all: Vec<&profile::SyscallRule> = ra.iter().chain(rb.iter()).copied().collect();
    let (mut wider, mut narrower) = (Vec::new(), Vec::new());
    for v in probes(&all) {
        let runs_a = evaluate_name(a, name, Some(&v)).outcome.runs();
        let runs_b = evaluate_name(b, name, Some(&v)).outcome.runs();
        match (runs_a, runs_b) {
            (false, true) => wider.push(describe_args(name, &v)),
            (true, false) => narrower.push(describe_args(name, &v)),
            _ => {}
        }
    }
    ArgDiff {
        rules_a: describe_rules(&ra),
        rules_b: describe_rules(&rb),
        wider: examples(wider),
        narrower: examples(narrower),
    }
}

/// Every syscall (of the host's ABIs) whose possible outcomes or argument conditions differ
/// between `a` and `b`, sorted by name; entries of the same name and outcomes on several ABIs
/// are joined.
pub fn diff(a: &OciProfile, b: &OciProfile, abis: &[Abi]) -> Vec<DiffEntry> {
    // (name, outcomes in A, outcomes in B, argument differences) -> ABIs with that difference
    type Change = (String, Vec<Outcome>, Vec<Outcome>, ArgDiff);
    let mut by_key: BTreeMap<Change, Vec<&'static str>> = BTreeMap::new();
    let mut arg_diffs: BTreeMap<&'static str, ArgDiff> = BTreeMap::new();
    for &abi in abis {
        let both = covered_abis(a).contains(&abi) && covered_abis(b).contains(&abi);
        for (nr, name) in syscalls::entries(abi) {
            let va = evaluate(a, abi, nr, None);
            let vb = evaluate(b, abi, nr, None);
            let args = if both {
                arg_diffs
                    .entry(name)
                    .or_insert_with(|| arg_diff(a, b, name))
                    .clone()
            } else {
                ArgDiff::default()
            };
            if va.possible != vb.possible || !args.is_empty() {
                by_key
                    .entry((name.to_string(), va.possible, vb.possible, args))
                    .or_default()
                    .push(abi.as_str());
            }
        }
    }
    by_key
        .into_iter()
        .map(|((syscall, pa, pb, args), arches)| {
            let ran = pa.iter().any(Outcome::runs);
            let runs = pb.iter().any(Outcome::runs);
            let change = match (ran, runs) {
                (false, true) => "added",
                (true, false) => "removed",
                _ if pa == pb => "arguments",
                _ => "changed",
            };
            DiffEntry {
                syscall,
                arches,
                change,
                a: pa,
                b: pb,
                args,
            }
        })
        .collect()
}

/// Whether B lets through something A did not (for CI gates): a syscall A never ran and B
/// may run, one A stopped in some case and B runs in every case, or argument values A
/// stopped and B runs.
pub fn widens(entries: &[DiffEntry]) -> bool {
    entries.iter().any(|e| {
        let runs = |v: &[Outcome]| v.iter().any(Outcome::runs);
        let stops = |v: &[Outcome]| v.iter().any(|o| !o.runs());
        !e.args.wider.is_empty() || (runs(&e.b) && (!runs(&e.a) || (stops(&e.a) && !stops(&e.b))))
    })
}

// ---------------------------------------------------------------------------------------------
// Coverage

/// In how many of `inputs` each syscall name is run (allowed or logged) for certain or
/// conditionally, on any host ABI: `name -> N` (of `inputs.len()`).
pub fn coverage(inputs: &[&OciProfile], abis: &[Abi]) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for p in inputs {
        let mut names = BTreeSet::new();
        for &abi in abis {
            for (nr, name) in syscalls::entries(abi) {
                if evaluate(p, abi, nr, None).may_run() {
                    names.insert(name);
                }
            }
        }
        for n in names {
            *counts.entry(n.to_string()).or_default() += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests;
