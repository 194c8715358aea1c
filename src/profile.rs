//! Seccomp profiles: building OCI/Docker profiles from observed syscalls, merging, and rendering Security Profiles Operator resources.
//!
//! The profile format is the OCI runtime-spec `linux.seccomp` object, which is also what
//! `docker run --security-opt seccomp=FILE` and `podman` accept. Input files are read leniently
//! (Docker's `archMap`, the legacy singular `name`, `null` lists and comments are accepted), but
//! anything a runtime would reject or interpret differently is an error naming the file and the
//! offending value: unknown actions, architectures, operators or flags, `errnoRet` on an action
//! that takes no errno, argument indexes above 5, and Docker's `includes`/`excludes` conditions
//! (they depend on the container's capabilities, architecture and kernel, which are unknown here,
//! and silently dropping them would change what the profile allows).
//!
//! Merging follows the semantics of libseccomp, which every runtime uses to compile profiles: an
//! unconditional rule for a syscall supersedes argument-conditioned rules for it, and a syscall
//! without any rule gets the default action.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::syscalls::{self, Abi};

/// Every seccomp action of the OCI runtime-spec (and the SPO CRD).
pub const ACTIONS: &[&str] = &[
    "SCMP_ACT_KILL",
    "SCMP_ACT_KILL_PROCESS",
    "SCMP_ACT_KILL_THREAD",
    "SCMP_ACT_TRAP",
    "SCMP_ACT_ERRNO",
    "SCMP_ACT_TRACE",
    "SCMP_ACT_LOG",
    "SCMP_ACT_ALLOW",
    "SCMP_ACT_NOTIFY",
];

/// Every architecture libseccomp knows, in canonical output order (the ABIs `ig` traces first).
pub const ARCHITECTURES: &[&str] = &[
    "SCMP_ARCH_X86_64",
    "SCMP_ARCH_X86",
    "SCMP_ARCH_X32",
    "SCMP_ARCH_AARCH64",
    "SCMP_ARCH_ARM",
    "SCMP_ARCH_MIPS",
    "SCMP_ARCH_MIPS64",
    "SCMP_ARCH_MIPS64N32",
    "SCMP_ARCH_MIPSEL",
    "SCMP_ARCH_MIPSEL64",
    "SCMP_ARCH_MIPSEL64N32",
    "SCMP_ARCH_PPC",
    "SCMP_ARCH_PPC64",
    "SCMP_ARCH_PPC64LE",
    "SCMP_ARCH_S390",
    "SCMP_ARCH_S390X",
    "SCMP_ARCH_PARISC",
    "SCMP_ARCH_PARISC64",
    "SCMP_ARCH_RISCV64",
    "SCMP_ARCH_LOONGARCH64",
    "SCMP_ARCH_M68K",
    "SCMP_ARCH_SH",
    "SCMP_ARCH_SHEB",
    "SCMP_ARCH_NATIVE",
];

/// The architectures the SPO `SeccompProfile` CRD accepts (`spec.architectures[]` enum).
pub const SPO_ARCHITECTURES: &[&str] = &[
    "SCMP_ARCH_NATIVE",
    "SCMP_ARCH_X86",
    "SCMP_ARCH_X86_64",
    "SCMP_ARCH_X32",
    "SCMP_ARCH_ARM",
    "SCMP_ARCH_AARCH64",
    "SCMP_ARCH_MIPS",
    "SCMP_ARCH_MIPS64",
    "SCMP_ARCH_MIPS64N32",
    "SCMP_ARCH_MIPSEL",
    "SCMP_ARCH_MIPSEL64",
    "SCMP_ARCH_MIPSEL64N32",
    "SCMP_ARCH_PPC",
    "SCMP_ARCH_PPC64",
    "SCMP_ARCH_PPC64LE",
    "SCMP_ARCH_S390",
    "SCMP_ARCH_S390X",
    "SCMP_ARCH_PARISC",
    "SCMP_ARCH_PARISC64",
    "SCMP_ARCH_RISCV64",
];

/// Argument comparison operators.
pub const OPERATORS: &[&str] = &[
    "SCMP_CMP_NE",
    "SCMP_CMP_LT",
    "SCMP_CMP_LE",
    "SCMP_CMP_EQ",
    "SCMP_CMP_GE",
    "SCMP_CMP_GT",
    "SCMP_CMP_MASKED_EQ",
];

/// seccomp(2) filter flags accepted in `flags`.
pub const FLAGS: &[&str] = &[
    "SECCOMP_FILTER_FLAG_TSYNC",
    "SECCOMP_FILTER_FLAG_LOG",
    "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
    "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
];

/// The errno runtimes use for `SCMP_ACT_ERRNO`/`SCMP_ACT_TRACE` when no errnoRet is given.
pub const EPERM: u32 = 1;

/// API group of the Security Profiles Operator.
pub const SPO_GROUP: &str = "security-profiles-operator.x-k8s.io";
/// Kind of the SPO seccomp resource.
pub const SPO_KIND: &str = "SeccompProfile";
/// Prefix of the annotations `ig` puts on generated SeccompProfile resources.
pub const ANNOTATION_PREFIX: &str = "seccomp.gadget.kinvolk.io/";
pub const ANNOTATION_NODE: &str = "seccomp.gadget.kinvolk.io/node";
pub const ANNOTATION_POD: &str = "seccomp.gadget.kinvolk.io/pod";
pub const ANNOTATION_CONTAINER: &str = "seccomp.gadget.kinvolk.io/container";
pub const ANNOTATION_CONTAINER_ID: &str = "seccomp.gadget.kinvolk.io/container-id";
pub const ANNOTATION_PID: &str = "seccomp.gadget.kinvolk.io/pid";

/// Syscall arguments are numbered 0..=5.
const MAX_ARG_INDEX: u32 = 5;
/// Highest errno the kernel reports as an error (MAX_ERRNO).
const MAX_ERRNO: u32 = 4095;
const SPO_LISTENER_DIR: &str = "/var/run/security-profiles-operator/";

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The file is not valid JSON, or a field has the wrong type (message has the position).
    #[error("parsing profile {origin}: {err}")]
    Json {
        origin: String,
        err: serde_json::Error,
    },
    /// The file is well-formed but not a usable profile.
    #[error("parsing profile {origin}: {message}")]
    Invalid { origin: String, message: String },
    #[error("unknown action {0:?} (valid: {list})", list = ACTIONS.join(", "))]
    UnknownAction(String),
    #[error("invalid build options: {0}")]
    Options(String),
    #[error("merging profiles: {0}")]
    Merge(String),
    #[error("cannot render SeccompProfile: {0}")]
    Spo(String),
    #[error("invalid SeccompProfile name {name:?}: {reason}")]
    SpoName { name: String, reason: String },
    #[error("serializing profile: {0}")]
    Serialize(String),
}

/// The syscalls observed for one target, per ABI, as raw numbers (X32 without the 0x40000000 bit).
#[derive(Default, Clone, Debug, PartialEq, Eq)]
pub struct Observed {
    pub per_abi: BTreeMap<Abi, BTreeSet<u32>>,
}

impl Observed {
    /// Records one syscall number; for X32 the 0x40000000 bit is stripped.
    pub fn insert(&mut self, abi: Abi, nr: u32) {
        let nr = if abi == Abi::X32 {
            nr & !0x4000_0000
        } else {
            nr
        };
        self.per_abi.entry(abi).or_default().insert(nr);
    }

    /// Adds everything `other` observed.
    pub fn extend(&mut self, other: &Observed) {
        for (abi, nrs) in &other.per_abi {
            self.per_abi
                .entry(*abi)
                .or_default()
                .extend(nrs.iter().copied());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.per_abi.values().all(BTreeSet::is_empty)
    }
}

/// OCI runtime-spec `linux.seccomp` (also Docker's `--security-opt seccomp=FILE` format).
///
/// Serializes with camelCase keys and omits empty/`None` fields. Deserializing goes through the
/// same lenient, validating reader as [`parse`] (Docker `archMap` is folded into
/// `architectures`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase", try_from = "RawProfile")]
pub struct OciProfile {
    pub default_action: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_errno_ret: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub architectures: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    /// Unix socket of the seccomp agent for `SCMP_ACT_NOTIFY`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listener_path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listener_metadata: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub syscalls: Vec<SyscallRule>,
}

impl OciProfile {
    /// Pretty-printed JSON, as written to profile files (with a trailing newline).
    pub fn to_json_pretty(&self) -> Result<String, ProfileError> {
        let mut s = serde_json::to_string_pretty(self)
            .map_err(|e| ProfileError::Serialize(e.to_string()))?;
        s.push('\n');
        Ok(s)
    }

    /// Compact single-line JSON.
    pub fn to_json(&self) -> Result<String, ProfileError> {
        serde_json::to_string(self).map_err(|e| ProfileError::Serialize(e.to_string()))
    }
}

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SyscallRule {
    pub names: Vec<String>,
    pub action: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errno_ret: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<ArgRule>,
}

/// One argument comparison. For `SCMP_CMP_MASKED_EQ`, `value` is the mask and `value_two` the
/// expected value; other operators ignore `value_two` (0 and absent mean the same, so 0 is not
/// written).
#[derive(Serialize, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "camelCase")]
pub struct ArgRule {
    pub index: u32,
    pub value: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub value_two: u64,
    pub op: String,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

/// How [`build`] turns observations into a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildOptions {
    /// Action for syscalls that were not observed; one of [`ACTIONS`]. Use [`BuildOptions::new`]
    /// or [`parse_action`] to validate user input: [`build`] trusts this field.
    pub default_action: String,
    /// errno returned by the default action; only written for `SCMP_ACT_ERRNO`/`SCMP_ACT_TRACE`.
    pub default_errno_ret: u32,
    /// Architectures of the profile; empty means [`Abi::host_abis`].
    pub abis: Vec<Abi>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            default_action: "SCMP_ACT_ERRNO".to_string(),
            default_errno_ret: EPERM,
            abis: Abi::host_abis().to_vec(),
        }
    }
}

impl BuildOptions {
    /// Validated options: `default_action` goes through [`parse_action`], `default_errno_ret`
    /// must be 1..=4095 (0 would make denied syscalls report success), and empty `abis` means the
    /// host's ABIs.
    pub fn new(
        default_action: &str,
        default_errno_ret: u32,
        abis: Vec<Abi>,
    ) -> Result<Self, ProfileError> {
        let default_action = parse_action(default_action)?.to_string();
        if default_errno_ret == 0 || default_errno_ret > MAX_ERRNO {
            return Err(ProfileError::Options(format!(
                "errno {default_errno_ret} is out of range (1..={MAX_ERRNO}; 0 would make denied syscalls report success)"
            )));
        }
        let abis = if abis.is_empty() {
            Abi::host_abis().to_vec()
        } else {
            abis
        };
        Ok(BuildOptions {
            default_action,
            default_errno_ret,
            abis,
        })
    }
}

/// Result of [`build`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    pub profile: OciProfile,
    /// Numbers no syscall table names: reported by the caller on stderr, never written as names.
    pub unknown: Vec<(Abi, u32)>,
    /// Human-readable remarks for stderr (ABIs added, execve missing, ...).
    pub notes: Vec<String>,
}

/// Normalizes a user-given action: exact `SCMP_ACT_*` names, case-insensitively, with or without
/// the `SCMP_ACT_` prefix and with `-` for `_` (`errno`, `kill-process`, `SCMP_ACT_LOG`).
pub fn parse_action(s: &str) -> Result<&'static str, ProfileError> {
    let upper = s.trim().to_ascii_uppercase().replace('-', "_");
    let full = if upper.starts_with("SCMP_ACT_") {
        upper
    } else {
        format!("SCMP_ACT_{upper}")
    };
    canonical_action(&full).ok_or_else(|| ProfileError::UnknownAction(s.to_string()))
}

/// Permissiveness of an action (higher allows more): KILL_PROCESS < KILL = KILL_THREAD < TRAP <
/// ERRNO < TRACE = NOTIFY < LOG < ALLOW. `None` for unknown actions.
pub fn permissiveness(action: &str) -> Option<u8> {
    Some(match action {
        "SCMP_ACT_KILL_PROCESS" => 0,
        "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => 1,
        "SCMP_ACT_TRAP" => 2,
        "SCMP_ACT_ERRNO" => 3,
        "SCMP_ACT_TRACE" | "SCMP_ACT_NOTIFY" => 4,
        "SCMP_ACT_LOG" => 5,
        "SCMP_ACT_ALLOW" => 6,
        _ => return None,
    })
}

/// Whether an action carries an errno (`errnoRet`/`defaultErrnoRet`).
pub fn takes_errno(action: &str) -> bool {
    matches!(action, "SCMP_ACT_ERRNO" | "SCMP_ACT_TRACE")
}

fn canonical_action(s: &str) -> Option<&'static str> {
    ACTIONS.iter().copied().find(|a| *a == s)
}

fn rank(action: &str) -> u8 {
    // Callers validate actions first; unknown ones sort as the least permissive.
    permissiveness(action).unwrap_or(0)
}

fn arch_index(arch: &str) -> usize {
    ARCHITECTURES
        .iter()
        .position(|a| *a == arch)
        .unwrap_or(ARCHITECTURES.len())
}

fn flag_index(flag: &str) -> usize {
    FLAGS.iter().position(|f| *f == flag).unwrap_or(FLAGS.len())
}

/// The errno a runtime actually uses for `action` with `errno` (runtimes default to EPERM).
fn effective_errno(action: &str, errno: Option<u32>) -> Option<u32> {
    takes_errno(action).then(|| errno.unwrap_or(EPERM))
}

fn same_effect(a: &str, a_errno: Option<u32>, b: &str, b_errno: Option<u32>) -> bool {
    a == b && effective_errno(a, a_errno) == effective_errno(b, b_errno)
}

fn describe(action: &str, errno: Option<u32>) -> String {
    match effective_errno(action, errno) {
        Some(e) => format!("{action} (errno {e})"),
        None => action.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Building

/// One allow rule with the sorted, de-duplicated union of names across ABIs.
///
/// The architectures are `opts.abis` plus every ABI with observations (syscalls made through an
/// ABI missing from the filter would fail under the profile; a note says so). Numbers the syscall
/// tables cannot name go to [`Built::unknown`] and are never written.
pub fn build(observed: &Observed, opts: &BuildOptions) -> Built {
    let mut notes = Vec::new();
    let mut unknown = Vec::new();
    let mut names: BTreeSet<&'static str> = BTreeSet::new();
    let mut abis: BTreeSet<Abi> = opts.abis.iter().copied().collect();
    if abis.is_empty() {
        abis.extend(Abi::host_abis().iter().copied());
    }
    for (&abi, nrs) in &observed.per_abi {
        if nrs.is_empty() {
            continue;
        }
        if abis.insert(abi) {
            notes.push(format!(
                "syscalls were observed through the {} ABI, which was not requested; adding {} to the architectures so they keep working",
                abi.as_str(),
                abi.scmp_arch()
            ));
        }
        for &nr in nrs {
            match syscalls::name(abi, nr) {
                Some(name) => {
                    names.insert(name);
                }
                None => unknown.push((abi, nr)),
            }
        }
    }
    let mut architectures: Vec<String> = abis.iter().map(|a| a.scmp_arch().to_string()).collect();
    architectures.sort_by_key(|a| arch_index(a));

    let default_action = opts.default_action.clone();
    if names.is_empty() {
        notes.push(format!(
            "no syscalls were recorded; the profile applies {default_action} to every syscall"
        ));
    } else if !names.contains("execve") && !names.contains("execveat") {
        notes.push(
            "execve was not recorded (was the container already running when recording started?); the container cannot start under this profile unless execve is allowed"
                .to_string(),
        );
    }
    if default_action == "SCMP_ACT_ALLOW" {
        notes.push(
            "defaultAction is SCMP_ACT_ALLOW: the profile does not restrict anything".to_string(),
        );
    }
    let syscalls = if names.is_empty() {
        Vec::new()
    } else {
        vec![SyscallRule {
            names: names.iter().map(|n| n.to_string()).collect(),
            action: "SCMP_ACT_ALLOW".to_string(),
            errno_ret: None,
            args: Vec::new(),
        }]
    };
    let profile = OciProfile {
        default_errno_ret: takes_errno(&default_action).then_some(opts.default_errno_ret),
        default_action,
        architectures,
        flags: Vec::new(),
        listener_path: None,
        listener_metadata: None,
        syscalls,
    };
    Built {
        profile,
        unknown,
        notes,
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

/// What profile files may contain; converted and validated into an [`OciProfile`].
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawProfile {
    default_action: Option<String>,
    default_errno_ret: Option<u32>,
    architectures: Option<Vec<String>>,
    arch_map: Option<Vec<RawArchMap>>,
    flags: Option<Vec<String>>,
    listener_path: Option<String>,
    listener_metadata: Option<String>,
    syscalls: Option<Vec<RawRule>>,
    /// Only in SPO resources: a base profile we cannot resolve.
    base_profile_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawArchMap {
    architecture: String,
    sub_architectures: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRule {
    names: Option<Vec<String>>,
    /// Docker's legacy single-name form.
    name: Option<String>,
    action: Option<String>,
    errno_ret: Option<u32>,
    args: Option<Vec<RawArg>>,
    includes: Option<serde_json::Value>,
    excludes: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawArg {
    index: Option<u32>,
    value: Option<u64>,
    value_two: Option<u64>,
    op: Option<String>,
}

impl TryFrom<RawProfile> for OciProfile {
    type Error = String;

    fn try_from(raw: RawProfile) -> Result<Self, String> {
        from_raw(raw)
    }
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Whether a Docker `includes`/`excludes` object actually restricts anything.
fn has_condition(v: &Option<serde_json::Value>) -> bool {
    use serde_json::Value;
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Object(m)) => m.values().any(|x| match x {
            Value::Null => false,
            Value::Array(a) => !a.is_empty(),
            Value::String(s) => !s.is_empty(),
            Value::Object(o) => !o.is_empty(),
            _ => true,
        }),
        Some(_) => true,
    }
}

fn from_raw(raw: RawProfile) -> Result<OciProfile, String> {
    if let Some(base) = raw.base_profile_name.filter(|b| !b.is_empty()) {
        return Err(format!(
            "baseProfileName {base:?} refers to a profile that is not available here; merge that profile explicitly instead"
        ));
    }
    let default_action = raw
        .default_action
        .ok_or_else(|| "missing defaultAction".to_string())?;
    let mut architectures = Vec::new();
    for a in raw.architectures.unwrap_or_default() {
        push_unique(&mut architectures, a);
    }
    for m in raw.arch_map.unwrap_or_default() {
        push_unique(&mut architectures, m.architecture);
        for s in m.sub_architectures.unwrap_or_default() {
            push_unique(&mut architectures, s);
        }
    }
    let mut syscalls = Vec::new();
    for (i, r) in raw.syscalls.unwrap_or_default().into_iter().enumerate() {
        for (field, cond) in [("includes", &r.includes), ("excludes", &r.excludes)] {
            if has_condition(cond) {
                let shown = cond
                    .as_ref()
                    .map(serde_json::Value::to_string)
                    .unwrap_or_default();
                return Err(format!(
                    "syscalls[{i}] has Docker {field:?} conditions {shown}; they depend on the container's capabilities, architecture or kernel and cannot be resolved here (remove them, or use the resolved profile from the runtime's config.json)"
                ));
            }
        }
        let mut names = r.names.unwrap_or_default();
        if let Some(n) = r.name {
            push_unique(&mut names, n);
        }
        let action = r
            .action
            .ok_or_else(|| format!("syscalls[{i}] has no action"))?;
        let mut args = Vec::new();
        for (j, a) in r.args.unwrap_or_default().into_iter().enumerate() {
            args.push(ArgRule {
                index: a
                    .index
                    .ok_or_else(|| format!("syscalls[{i}].args[{j}] has no index"))?,
                value: a.value.unwrap_or(0),
                value_two: a.value_two.unwrap_or(0),
                op: a
                    .op
                    .ok_or_else(|| format!("syscalls[{i}].args[{j}] has no op"))?,
            });
        }
        syscalls.push(SyscallRule {
            names,
            action,
            errno_ret: r.errno_ret,
            args,
        });
    }
    let profile = OciProfile {
        default_action,
        default_errno_ret: raw.default_errno_ret,
        architectures,
        flags: raw.flags.unwrap_or_default(),
        listener_path: raw.listener_path,
        listener_metadata: raw.listener_metadata,
        syscalls,
    };
    check_profile(&profile)?;
    Ok(profile)
}

fn check_action(action: &str, at: &str) -> Result<(), String> {
    if canonical_action(action).is_some() {
        Ok(())
    } else {
        Err(format!(
            "unknown action {action:?} (valid: {}) at {at}",
            ACTIONS.join(", ")
        ))
    }
}

fn check_errno(action: &str, errno: Option<u32>, at: &str) -> Result<(), String> {
    match errno {
        Some(e) if !takes_errno(action) => Err(format!(
            "{at} is {e} but {action} takes no errno (only SCMP_ACT_ERRNO and SCMP_ACT_TRACE do; runtimes reject this)"
        )),
        _ => Ok(()),
    }
}

/// Everything a runtime would reject, with the JSON path of the culprit.
fn check_profile(p: &OciProfile) -> Result<(), String> {
    check_action(&p.default_action, "defaultAction")?;
    check_errno(&p.default_action, p.default_errno_ret, "defaultErrnoRet")?;
    for (i, a) in p.architectures.iter().enumerate() {
        if !ARCHITECTURES.contains(&a.as_str()) {
            return Err(format!(
                "unknown architecture {a:?} (valid: {}) at architectures[{i}]",
                ARCHITECTURES.join(", ")
            ));
        }
    }
    for (i, f) in p.flags.iter().enumerate() {
        if !FLAGS.contains(&f.as_str()) {
            return Err(format!(
                "unknown flag {f:?} (valid: {}) at flags[{i}]",
                FLAGS.join(", ")
            ));
        }
    }
    for (i, r) in p.syscalls.iter().enumerate() {
        if r.names.is_empty() {
            return Err(format!("syscalls[{i}] has no syscall names"));
        }
        if let Some(j) = r.names.iter().position(|n| n.trim().is_empty()) {
            return Err(format!("syscalls[{i}].names[{j}] is empty"));
        }
        check_action(&r.action, &format!("syscalls[{i}].action"))?;
        check_errno(&r.action, r.errno_ret, &format!("syscalls[{i}].errnoRet"))?;
        for (j, a) in r.args.iter().enumerate() {
            if a.index > MAX_ARG_INDEX {
                return Err(format!(
                    "argument index {} out of range (0..={MAX_ARG_INDEX}) at syscalls[{i}].args[{j}].index",
                    a.index
                ));
            }
            if !OPERATORS.contains(&a.op.as_str()) {
                return Err(format!(
                    "unknown operator {:?} (valid: {}) at syscalls[{i}].args[{j}].op",
                    a.op,
                    OPERATORS.join(", ")
                ));
            }
        }
    }
    Ok(())
}

/// Parse a profile file's text; the error says which file and what is wrong (JSON position,
/// unknown action "SCMP_ACT_FOO": valid are ...).
///
/// Accepts OCI/Docker JSON and, for convenience, a YAML SPO `SeccompProfile` resource (its
/// `spec`, e.g. one written by [`to_spo_yaml`]).
pub fn parse(text: &str, origin: &str) -> Result<OciProfile, ProfileError> {
    let invalid = |message: String| ProfileError::Invalid {
        origin: origin.to_string(),
        message,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(invalid("the file is empty".to_string()));
    }
    if !text.trim_start().starts_with('{') {
        if let Some(result) = spo_spec(text) {
            return result.map_err(invalid);
        }
    }
    let raw: RawProfile = serde_json::from_str(text).map_err(|err| ProfileError::Json {
        origin: origin.to_string(),
        err,
    })?;
    from_raw(raw).map_err(invalid)
}

/// `Some` if `text` is a YAML SPO SeccompProfile resource.
fn spo_spec(text: &str) -> Option<Result<OciProfile, String>> {
    let doc: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    let kind = doc.get("kind")?.as_str()?;
    let api_version = doc.get("apiVersion")?.as_str()?;
    if kind != SPO_KIND || !api_version.starts_with(&format!("{SPO_GROUP}/")) {
        return None;
    }
    let Some(spec) = doc.get("spec") else {
        return Some(Err("the SeccompProfile has no spec".to_string()));
    };
    Some(
        serde_yaml::from_value::<RawProfile>(spec.clone())
            .map_err(|e| format!("spec: {e}"))
            .and_then(|raw| from_raw(raw).map_err(|m| format!("spec: {m}"))),
    )
}

// ---------------------------------------------------------------------------------------------
// Merging

/// An argument-conditioned rule for one name: (action, errnoRet, sorted args).
type CondRule = (&'static str, Option<u32>, Vec<ArgRule>);

/// An input profile digested for merging; actions are canonical `&'static str`.
struct Prepared<'a> {
    label: &'a str,
    default: (&'static str, Option<u32>),
    /// Unconditional rules; the first rule for a name wins, as in libseccomp.
    uncond: BTreeMap<&'a str, (&'static str, Option<u32>)>,
    /// Argument-conditioned rules of names without an unconditional rule (args sorted).
    cond: BTreeMap<&'a str, Vec<CondRule>>,
}

fn prepare<'a>(
    label: &'a str,
    p: &'a OciProfile,
    notes: &mut Vec<String>,
) -> Result<Prepared<'a>, ProfileError> {
    check_profile(p).map_err(|m| ProfileError::Merge(format!("{label}: {m}")))?;
    let act = |a: &str| canonical_action(a).unwrap_or("SCMP_ACT_KILL_PROCESS");
    let mut uncond: BTreeMap<&str, (&'static str, Option<u32>)> = BTreeMap::new();
    let mut cond: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for r in &p.syscalls {
        let a = act(&r.action);
        for n in &r.names {
            if r.args.is_empty() {
                match uncond.get(n.as_str()) {
                    None => {
                        uncond.insert(n, (a, r.errno_ret));
                    }
                    Some(&(first, first_errno))
                        if !same_effect(first, first_errno, a, r.errno_ret) =>
                    {
                        notes.push(format!(
                            "{label}: {n} has several unconditional rules; runtimes apply the first one ({}) and so does the merge, ignoring {}",
                            describe(first, first_errno),
                            describe(a, r.errno_ret)
                        ));
                    }
                    Some(_) => {}
                }
            } else {
                let mut args = r.args.clone();
                args.sort();
                args.dedup();
                cond.entry(n.as_str())
                    .or_default()
                    .push((a, r.errno_ret, args));
            }
        }
    }
    cond.retain(|n, rules| {
        if let Some(&(a, e)) = uncond.get(n) {
            notes.push(format!(
                "{label}: the unconditional {} rule for {n} supersedes its {} argument-conditioned rule(s), as in libseccomp; dropping them",
                describe(a, e),
                rules.len()
            ));
            false
        } else {
            true
        }
    });
    Ok(Prepared {
        label,
        default: (act(&p.default_action), p.default_errno_ret),
        uncond,
        cond,
    })
}

/// Union of profiles (replicas, pods, --base). Returns the merged profile and human-readable
/// notes about conflicts, for stderr. Inputs are labelled "profile 1", "profile 2", ... in the
/// notes; use [`merge_labeled`] to name them.
pub fn merge(profiles: &[OciProfile]) -> Result<(OciProfile, Vec<String>), ProfileError> {
    let labels: Vec<String> = (1..=profiles.len())
        .map(|i| format!("profile {i}"))
        .collect();
    let inputs: Vec<(&str, &OciProfile)> = labels
        .iter()
        .map(String::as_str)
        .zip(profiles.iter())
        .collect();
    merge_labeled(&inputs)
}

/// [`merge`] with a label (e.g. a file name or pod) per input for the notes.
///
/// Rules:
/// * architectures and flags: union, canonical order; listenerPath/listenerMetadata must agree;
/// * defaultAction: the most permissive (first on ties), with a note when inputs differ;
///   defaultErrnoRet: kept if all inputs with that action agree, else the first (note); dropped
///   if the action takes no errno;
/// * each syscall name gets the most permissive action any input gives it, counting an input's
///   default action for names it has no rule for (explicit rules beat defaults on ties, then the
///   first input); names whose result equals the merged default get no rule;
/// * argument-conditioned rules are kept as they are, grouped by identical (action, errnoRet,
///   args), unless the name ends up with an unconditional rule (libseccomp would ignore them;
///   note), they are no-ops, or another input allows the name for all arguments;
/// * output is sorted: unconditional rules first (most permissive first), names sorted.
pub fn merge_labeled(
    inputs: &[(&str, &OciProfile)],
) -> Result<(OciProfile, Vec<String>), ProfileError> {
    if inputs.is_empty() {
        return Err(ProfileError::Merge("no profiles to merge".to_string()));
    }
    let mut notes = Vec::new();
    let prepared = inputs
        .iter()
        .map(|(label, p)| prepare(label, p, &mut notes))
        .collect::<Result<Vec<_>, _>>()?;

    // Default action: most permissive, first on ties.
    let winner = prepared
        .iter()
        .enumerate()
        .max_by_key(|(i, p)| (rank(p.default.0), Reverse(*i)))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let default_action = prepared[winner].default.0;
    let mut distinct_defaults: Vec<&str> = Vec::new();
    for p in &prepared {
        if !distinct_defaults.contains(&p.default.0) {
            distinct_defaults.push(p.default.0);
        }
    }
    if distinct_defaults.len() > 1 {
        notes.push(format!(
            "the profiles have different defaultAction values ({}); using the most permissive, {default_action} (from {})",
            distinct_defaults.join(", "),
            prepared[winner].label
        ));
    }
    let default_errno = if takes_errno(default_action) {
        let same: Vec<&Prepared> = prepared
            .iter()
            .filter(|p| p.default.0 == default_action)
            .collect();
        let first = same[0].default.1;
        if same.iter().any(|p| {
            effective_errno(default_action, p.default.1) != effective_errno(default_action, first)
        }) {
            let shown: Vec<String> = same
                .iter()
                .map(|p| {
                    format!(
                        "{} in {}",
                        effective_errno(default_action, p.default.1).unwrap_or(EPERM),
                        p.label
                    )
                })
                .collect();
            notes.push(format!(
                "the profiles have different defaultErrnoRet values ({}); keeping {} from {}",
                shown.join(", "),
                effective_errno(default_action, first).unwrap_or(EPERM),
                same[0].label
            ));
        }
        first
    } else {
        if prepared.iter().any(|p| p.default.1.is_some()) {
            notes.push(format!(
                "dropping defaultErrnoRet: {default_action} takes no errno"
            ));
        }
        None
    };

    // Per-name resolution.
    let all_names: BTreeSet<&str> = prepared
        .iter()
        .flat_map(|p| p.uncond.keys().chain(p.cond.keys()).copied())
        .collect();
    // (Reverse(rank), action, errno) -> names
    type UncondKey = (Reverse<u8>, &'static str, Option<u32>);
    type CondKey = (Reverse<u8>, &'static str, Option<u32>, Vec<ArgRule>);
    let mut uncond_out: BTreeMap<UncondKey, BTreeSet<&str>> = BTreeMap::new();
    let mut cond_out: BTreeMap<CondKey, BTreeSet<&str>> = BTreeMap::new();
    for name in all_names {
        // What each input does with `name` when no argument rule matches.
        let effs: Vec<(&'static str, Option<u32>, bool)> = prepared
            .iter()
            .map(|p| match p.uncond.get(name) {
                Some(&(a, e)) => (a, e, true),
                None => (p.default.0, p.default.1, false),
            })
            .collect();
        let best_i = effs
            .iter()
            .enumerate()
            .max_by_key(|(i, (a, _, explicit))| (rank(a), *explicit, Reverse(*i)))
            .map(|(i, _)| i)
            .unwrap_or(0);
        let (best_a, best_e, best_explicit) = effs[best_i];
        if best_explicit {
            let rivals: Vec<String> = effs
                .iter()
                .zip(&prepared)
                .filter(|((a, e, explicit), _)| {
                    *explicit && rank(a) == rank(best_a) && !same_effect(a, *e, best_a, best_e)
                })
                .map(|((a, e, _), p)| format!("{} in {}", describe(a, *e), p.label))
                .collect();
            if !rivals.is_empty() {
                notes.push(format!(
                    "{name}: equally permissive but different rules ({}); keeping {} from {}",
                    rivals.join(", "),
                    describe(best_a, best_e),
                    prepared[best_i].label
                ));
            }
        }
        let conds: Vec<(usize, &CondRule)> = prepared
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.cond.get(name).into_iter().flatten().map(move |c| (i, c)))
            .collect();

        if !same_effect(best_a, best_e, default_action, default_errno) {
            uncond_out
                .entry((
                    Reverse(rank(best_a)),
                    best_a,
                    effective_errno(best_a, best_e),
                ))
                .or_default()
                .insert(name);
            if !conds.is_empty() {
                let mut from: Vec<&str> = conds.iter().map(|(i, _)| prepared[*i].label).collect();
                from.dedup();
                notes.push(format!(
                    "{name}: {} unconditionally (from {}), which supersedes the argument-conditioned rules from {}",
                    describe(best_a, best_e),
                    prepared[best_i].label,
                    from.join(", ")
                ));
            }
            continue;
        }

        // `name` falls to the merged default; keep the argument rules that still matter.
        let mut by_args: BTreeMap<&Vec<ArgRule>, (usize, &'static str, Option<u32>)> =
            BTreeMap::new();
        for (i, (a, e, args)) in conds {
            let (a, e) = (*a, *e);
            let keep = if rank(a) > rank(default_action) {
                true
            } else if same_effect(a, e, default_action, default_errno) {
                false
            } else if rank(a) == rank(default_action) {
                true
            } else {
                // Less permissive than the default under these arguments: gone if another input
                // allows the name (as much as the result) for all arguments.
                let open = prepared.iter().enumerate().find(|(j, p)| {
                    *j != i && rank(effs[*j].0) >= rank(best_a) && !p.cond.contains_key(name)
                });
                if let Some((_, p)) = open {
                    notes.push(format!(
                        "{name}: dropping the argument-conditioned {} rule from {}: {} gives {} for all arguments",
                        describe(a, e),
                        prepared[i].label,
                        p.label,
                        describe(best_a, best_e)
                    ));
                }
                open.is_none()
            };
            if !keep {
                continue;
            }
            match by_args.get(args) {
                None => {
                    by_args.insert(args, (i, a, e));
                }
                Some(&(k, ka, ke)) => {
                    if !same_effect(ka, ke, a, e) {
                        let (wa, we, wi) = if rank(a) > rank(ka) {
                            (a, e, i)
                        } else {
                            (ka, ke, k)
                        };
                        notes.push(format!(
                            "{name}: conflicting rules for the same arguments ({} in {}, {} in {}); keeping {} from {}",
                            describe(ka, ke),
                            prepared[k].label,
                            describe(a, e),
                            prepared[i].label,
                            describe(wa, we),
                            prepared[wi].label
                        ));
                        by_args.insert(args, (wi, wa, we));
                    }
                }
            }
        }
        for (args, (_, a, e)) in by_args {
            cond_out
                .entry((Reverse(rank(a)), a, effective_errno(a, e), args.clone()))
                .or_default()
                .insert(name);
        }
    }

    let rule = |names: BTreeSet<&str>, a: &str, e: Option<u32>, args: Vec<ArgRule>| SyscallRule {
        names: names.into_iter().map(str::to_string).collect(),
        action: a.to_string(),
        errno_ret: e,
        args,
    };
    let mut syscalls: Vec<SyscallRule> = uncond_out
        .into_iter()
        .map(|((_, a, e), names)| rule(names, a, e, Vec::new()))
        .collect();
    syscalls.extend(
        cond_out
            .into_iter()
            .map(|((_, a, e, args), names)| rule(names, a, e, args)),
    );

    let mut architectures: Vec<String> = Vec::new();
    let mut flags: Vec<String> = Vec::new();
    for (_, p) in inputs {
        for a in &p.architectures {
            push_unique(&mut architectures, a.clone());
        }
        for f in &p.flags {
            push_unique(&mut flags, f.clone());
        }
    }
    architectures.sort_by_key(|a| arch_index(a));
    flags.sort_by_key(|f| flag_index(f));

    let merged = OciProfile {
        default_action: default_action.to_string(),
        default_errno_ret: default_errno,
        architectures,
        flags,
        listener_path: agree(inputs, "listenerPath", |p| p.listener_path.as_deref())?,
        listener_metadata: agree(inputs, "listenerMetadata", |p| {
            p.listener_metadata.as_deref()
        })?,
        syscalls,
    };
    Ok((merged, notes))
}

/// The single value of an optional field all inputs that set it agree on.
fn agree(
    inputs: &[(&str, &OciProfile)],
    field: &str,
    get: impl Fn(&OciProfile) -> Option<&str>,
) -> Result<Option<String>, ProfileError> {
    let mut seen: Option<(&str, &str)> = None;
    for (label, p) in inputs {
        if let Some(v) = get(p) {
            match seen {
                None => seen = Some((v, label)),
                Some((first, first_label)) if first != v => {
                    return Err(ProfileError::Merge(format!(
                        "{field} differs: {first:?} in {first_label}, {v:?} in {label}"
                    )));
                }
                Some(_) => {}
            }
        }
    }
    Ok(seen.map(|(v, _)| v.to_string()))
}

// ---------------------------------------------------------------------------------------------
// Security Profiles Operator

/// API version of the generated SeccompProfile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SpoVersion {
    #[default]
    V1,
    V1Beta1,
}

impl SpoVersion {
    /// "v1" / "v1beta1".
    pub fn as_str(self) -> &'static str {
        match self {
            SpoVersion::V1 => "v1",
            SpoVersion::V1Beta1 => "v1beta1",
        }
    }

    /// "security-profiles-operator.x-k8s.io/v1" / ".../v1beta1".
    pub fn api_version(self) -> String {
        format!("{SPO_GROUP}/{}", self.as_str())
    }
}

impl std::str::FromStr for SpoVersion {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.rsplit('/').next().unwrap_or(s) {
            "v1" => Ok(SpoVersion::V1),
            "v1beta1" => Ok(SpoVersion::V1Beta1),
            _ => Err(format!(
                "unknown SeccompProfile API version {s:?} (valid: v1, v1beta1)"
            )),
        }
    }
}

/// Metadata of a generated SeccompProfile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpoMeta {
    pub name: String,
    /// Current SPO releases make SeccompProfile cluster-scoped (the API server then ignores a
    /// namespace); older ones were namespaced. Written only when given.
    pub namespace: Option<String>,
    /// E.g. seccomp.gadget.kinvolk.io/{node,pod,container,container-id,pid}.
    pub annotations: BTreeMap<String, String>,
    pub api_version: SpoVersion,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpoResource<'a> {
    api_version: String,
    kind: &'static str,
    metadata: SpoMetadata<'a>,
    spec: SpoSpec<'a>,
}

#[derive(Serialize)]
struct SpoMetadata<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    namespace: Option<&'a str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    annotations: &'a BTreeMap<String, String>,
}

/// Only fields of the CRD's `spec` schema (it has no `defaultErrnoRet`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpoSpec<'a> {
    default_action: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    architectures: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    flags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    listener_path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    listener_metadata: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    syscalls: Vec<SpoSyscall<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpoSyscall<'a> {
    names: Vec<&'a str>,
    action: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    errno_ret: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    args: Vec<SpoArg<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpoArg<'a> {
    index: u32,
    op: &'a str,
    value: u64,
    #[serde(skip_serializing_if = "is_zero")]
    value_two: u64,
}

/// Security Profiles Operator `SeccompProfile` resource (YAML text) for `profile`.
///
/// Fails, rather than writing something the CRD or the API server would reject or silently
/// change, when: the name/namespace are invalid, `defaultErrnoRet` is not EPERM (the CRD has no
/// such field; runtimes then use EPERM, so 1 is simply omitted), an architecture is outside the
/// CRD's enum, `listenerPath` is outside /var/run/security-profiles-operator/, a rule has more
/// than 6 argument comparisons, or a number exceeds the CRD's int32/int64 ranges.
pub fn to_spo_yaml(profile: &OciProfile, meta: &SpoMeta) -> Result<String, ProfileError> {
    let spo = ProfileError::Spo;
    check_profile(profile).map_err(spo)?;
    check_spo_name(&meta.name)?;
    if let Some(ns) = &meta.namespace {
        check_namespace(ns)?;
    }
    if let Some(e) = profile.default_errno_ret.filter(|e| *e != EPERM) {
        return Err(spo(format!(
            "defaultErrnoRet {e} cannot be expressed: the SeccompProfile spec has no defaultErrnoRet field and runtimes then return EPERM (1)"
        )));
    }
    for a in &profile.architectures {
        if !SPO_ARCHITECTURES.contains(&a.as_str()) {
            return Err(spo(format!(
                "architecture {a:?} is not accepted by the SeccompProfile CRD (valid: {})",
                SPO_ARCHITECTURES.join(", ")
            )));
        }
    }
    if let Some(path) = &profile.listener_path {
        let ok = path.strip_prefix(SPO_LISTENER_DIR).is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        });
        if !ok {
            return Err(spo(format!(
                "listenerPath {path:?} must be a socket directly in {SPO_LISTENER_DIR} (CRD pattern)"
            )));
        }
    }
    let mut syscalls = Vec::new();
    for (i, r) in profile.syscalls.iter().enumerate() {
        if let Some(e) = r.errno_ret.filter(|e| i32::try_from(*e).is_err()) {
            return Err(spo(format!(
                "syscalls[{i}].errnoRet {e} exceeds the CRD's int32 range"
            )));
        }
        if r.args.len() > 6 {
            return Err(spo(format!(
                "syscalls[{i}] has {} argument comparisons; the CRD allows at most 6",
                r.args.len()
            )));
        }
        let mut args = Vec::new();
        for (j, a) in r.args.iter().enumerate() {
            for (field, v) in [("value", a.value), ("valueTwo", a.value_two)] {
                if i64::try_from(v).is_err() {
                    return Err(spo(format!(
                        "syscalls[{i}].args[{j}].{field} {v} exceeds the CRD's int64 range"
                    )));
                }
            }
            args.push(SpoArg {
                index: a.index,
                op: &a.op,
                value: a.value,
                value_two: a.value_two,
            });
        }
        // `names` is a set in the CRD: no duplicates.
        let mut names: Vec<&str> = Vec::new();
        for n in &r.names {
            if !names.contains(&n.as_str()) {
                names.push(n);
            }
        }
        syscalls.push(SpoSyscall {
            names,
            action: &r.action,
            errno_ret: r.errno_ret,
            args,
        });
    }
    let mut architectures: Vec<&str> = Vec::new();
    for a in &profile.architectures {
        if !architectures.contains(&a.as_str()) {
            architectures.push(a);
        }
    }
    let mut flags: Vec<&str> = Vec::new();
    for f in &profile.flags {
        if !flags.contains(&f.as_str()) {
            flags.push(f);
        }
    }
    let resource = SpoResource {
        api_version: meta.api_version.api_version(),
        kind: SPO_KIND,
        metadata: SpoMetadata {
            name: &meta.name,
            namespace: meta.namespace.as_deref(),
            annotations: &meta.annotations,
        },
        spec: SpoSpec {
            default_action: &profile.default_action,
            architectures,
            flags,
            listener_path: profile.listener_path.as_deref(),
            listener_metadata: profile.listener_metadata.as_deref(),
            syscalls,
        },
    };
    let value =
        serde_json::to_value(&resource).map_err(|e| ProfileError::Serialize(e.to_string()))?;
    let mut out = String::new();
    emit_yaml(&value, 0, &mut out);
    Ok(out)
}

/// Block-style YAML for a JSON value. Not `serde_yaml::to_string`: that quotes by YAML 1.2 rules
/// only, leaving e.g. `yes`, `on`, `n` or `1_000` plain, which YAML 1.1 readers such as kubectl
/// (sigs.k8s.io/yaml) turn into booleans or numbers, so the API server would reject an
/// annotation `seccomp.gadget.kinvolk.io/container: yes`.
fn emit_yaml(v: &serde_json::Value, indent: usize, out: &mut String) {
    use serde_json::Value;
    let pad = " ".repeat(indent);
    match v {
        Value::Object(map) => {
            for (k, val) in map {
                out.push_str(&pad);
                out.push_str(&yaml_scalar_str(k));
                out.push(':');
                match val {
                    Value::Object(m) if !m.is_empty() => {
                        out.push('\n');
                        emit_yaml(val, indent + 2, out);
                    }
                    // Sequences under a key sit at the key's indentation, as kubectl writes them.
                    Value::Array(a) if !a.is_empty() => {
                        out.push('\n');
                        emit_yaml(val, indent, out);
                    }
                    _ => {
                        out.push(' ');
                        out.push_str(&yaml_scalar(val));
                        out.push('\n');
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                out.push_str(&pad);
                out.push_str("- ");
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        let mut nested = String::new();
                        emit_yaml(item, indent + 2, &mut nested);
                        out.push_str(&nested[indent + 2..]);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        let mut nested = String::new();
                        emit_yaml(item, indent + 2, &mut nested);
                        out.push_str(&nested[indent + 2..]);
                    }
                    _ => {
                        out.push_str(&yaml_scalar(item));
                        out.push('\n');
                    }
                }
            }
        }
        scalar => {
            out.push_str(&pad);
            out.push_str(&yaml_scalar(scalar));
            out.push('\n');
        }
    }
}

fn yaml_scalar(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::String(s) => yaml_scalar_str(s),
        Value::Object(_) => "{}".to_string(),
        Value::Array(_) => "[]".to_string(),
        other => other.to_string(),
    }
}

/// A string plain when it reads as the same string in YAML 1.1 and 1.2 (starts with a letter,
/// `_` or `/`, only `[A-Za-z0-9_./-]`, not a boolean/null word), else double-quoted.
fn yaml_scalar_str(s: &str) -> String {
    const WORDS: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '/')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | '-'))
        && !WORDS.contains(&s.to_ascii_lowercase().as_str());
    if plain {
        return s.to_string();
    }
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                q.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// Splits "NS/NAME" or "NAME"; NAME must be a DNS-1123 subdomain and NS a DNS-1123 label.
pub fn parse_spo_name(s: &str) -> Result<(Option<String>, String), ProfileError> {
    let bad = |reason: &str| ProfileError::SpoName {
        name: s.to_string(),
        reason: reason.to_string(),
    };
    let (ns, name) = match s.split_once('/') {
        None => (None, s),
        Some((ns, name)) => {
            if name.contains('/') {
                return Err(bad("expected NAME or NAMESPACE/NAME"));
            }
            (Some(ns), name)
        }
    };
    check_spo_name(name)?;
    if let Some(ns) = ns {
        check_namespace(ns)?;
    }
    Ok((ns.map(str::to_string), name.to_string()))
}

fn dns_label_chars(l: &str) -> bool {
    let b = l.as_bytes();
    !b.is_empty()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

fn check_spo_name(name: &str) -> Result<(), ProfileError> {
    if name.len() <= 253 && name.split('.').all(dns_label_chars) {
        Ok(())
    } else {
        Err(ProfileError::SpoName {
            name: name.to_string(),
            reason: "must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit".to_string(),
        })
    }
}

fn check_namespace(ns: &str) -> Result<(), ProfileError> {
    if ns.len() <= 63 && dns_label_chars(ns) {
        Ok(())
    } else {
        let reason = format!(
            "namespace {ns:?} must be a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit"
        );
        Err(ProfileError::SpoName {
            name: ns.to_string(),
            reason,
        })
    }
}

#[cfg(test)]
mod mini_regex {
    //! A small backtracking matcher for the ECMA-262 subset used in CRD `pattern`s: literals,
    //! `.`, `^`, `$`, escapes, classes with ranges/negation, groups with `|`, and the quantifiers
    //! `* + ? {m} {m,} {m,n}`. Anything else is an error, never a silent pass.

    #[derive(Debug)]
    enum Node {
        Char(char),
        Any,
        Class {
            negated: bool,
            ranges: Vec<(char, char)>,
        },
        Start,
        End,
        Group(Vec<Vec<Node>>),
        Repeat {
            node: Box<Node>,
            min: usize,
            max: Option<usize>,
        },
    }

    pub struct Regex {
        alts: Vec<Vec<Node>>,
    }

    impl Regex {
        pub fn new(pattern: &str) -> Result<Regex, String> {
            let c: Vec<char> = pattern.chars().collect();
            let mut pos = 0;
            let alts = parse_alts(&c, &mut pos)?;
            if pos != c.len() {
                return Err(format!("unbalanced ')' at {pos} in {pattern:?}"));
            }
            Ok(Regex { alts })
        }

        /// ECMA semantics: the pattern may match anywhere unless anchored.
        pub fn is_match(&self, s: &str) -> bool {
            let c: Vec<char> = s.chars().collect();
            (0..=c.len()).any(|start| {
                self.alts
                    .iter()
                    .any(|alt| match_seq(alt, &c, start, &mut |_| true))
            })
        }
    }

    fn parse_alts(c: &[char], pos: &mut usize) -> Result<Vec<Vec<Node>>, String> {
        let mut alts = vec![Vec::new()];
        while let Some(&ch) = c.get(*pos) {
            match ch {
                ')' => break,
                '|' => {
                    *pos += 1;
                    alts.push(Vec::new());
                }
                _ => {
                    let atom = parse_atom(c, pos)?;
                    let node = parse_quantifier(c, pos, atom)?;
                    if let Some(last) = alts.last_mut() {
                        last.push(node);
                    }
                }
            }
        }
        Ok(alts)
    }

    fn parse_atom(c: &[char], pos: &mut usize) -> Result<Node, String> {
        let ch = c[*pos];
        *pos += 1;
        Ok(match ch {
            '^' => Node::Start,
            '$' => Node::End,
            '.' => Node::Any,
            '(' => {
                if c.get(*pos) == Some(&'?') {
                    if c.get(*pos + 1) == Some(&':') {
                        *pos += 2;
                    } else {
                        return Err("lookaround/named groups are not supported".to_string());
                    }
                }
                let alts = parse_alts(c, pos)?;
                if c.get(*pos) != Some(&')') {
                    return Err("missing ')'".to_string());
                }
                *pos += 1;
                Node::Group(alts)
            }
            '[' => parse_class(c, pos)?,
            '\\' => match escape(c, pos)? {
                Esc::Char(ch) => Node::Char(ch),
                Esc::Class(ranges) => Node::Class {
                    negated: false,
                    ranges,
                },
            },
            '*' | '+' | '?' | '{' => return Err(format!("nothing to repeat at {}", *pos - 1)),
            other => Node::Char(other),
        })
    }

    enum Esc {
        Char(char),
        Class(Vec<(char, char)>),
    }

    fn escape(c: &[char], pos: &mut usize) -> Result<Esc, String> {
        let e = *c.get(*pos).ok_or("trailing backslash")?;
        *pos += 1;
        Ok(match e {
            'd' => Esc::Class(vec![('0', '9')]),
            'w' => Esc::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')]),
            's' => Esc::Class(vec![(' ', ' '), ('\t', '\r')]),
            'n' => Esc::Char('\n'),
            't' => Esc::Char('\t'),
            'r' => Esc::Char('\r'),
            other if other.is_ascii_alphanumeric() => {
                return Err(format!("unsupported escape \\{other}"))
            }
            other => Esc::Char(other),
        })
    }

    fn parse_class(c: &[char], pos: &mut usize) -> Result<Node, String> {
        let negated = c.get(*pos) == Some(&'^');
        if negated {
            *pos += 1;
        }
        let mut ranges = Vec::new();
        loop {
            let ch = *c.get(*pos).ok_or("unterminated '['")?;
            *pos += 1;
            let lo = match ch {
                ']' => break,
                '\\' => match escape(c, pos)? {
                    Esc::Char(ch) => ch,
                    Esc::Class(r) => {
                        ranges.extend(r);
                        continue;
                    }
                },
                other => other,
            };
            if c.get(*pos) == Some(&'-') && c.get(*pos + 1).is_some_and(|n| *n != ']') {
                *pos += 1;
                let ch = c[*pos];
                *pos += 1;
                let hi = match ch {
                    '\\' => match escape(c, pos)? {
                        Esc::Char(ch) => ch,
                        Esc::Class(_) => return Err("class escape as range end".to_string()),
                    },
                    other => other,
                };
                if hi < lo {
                    return Err(format!("bad range {lo}-{hi}"));
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        Ok(Node::Class { negated, ranges })
    }

    fn number(c: &[char], pos: &mut usize) -> Option<usize> {
        let start = *pos;
        while c.get(*pos).is_some_and(char::is_ascii_digit) {
            *pos += 1;
        }
        c[start..*pos].iter().collect::<String>().parse().ok()
    }

    fn parse_quantifier(c: &[char], pos: &mut usize, atom: Node) -> Result<Node, String> {
        let (min, max) = match c.get(*pos) {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                *pos += 1;
                let min = number(c, pos).ok_or("bad {} quantifier")?;
                let max = if c.get(*pos) == Some(&',') {
                    *pos += 1;
                    if c.get(*pos) == Some(&'}') {
                        None
                    } else {
                        Some(number(c, pos).ok_or("bad {} quantifier")?)
                    }
                } else {
                    Some(min)
                };
                if c.get(*pos) != Some(&'}') {
                    return Err("bad {} quantifier".to_string());
                }
                (min, max)
            }
            _ => return Ok(atom),
        };
        *pos += 1;
        // A lazy `?` suffix does not change whether a string matches.
        if c.get(*pos) == Some(&'?') {
            *pos += 1;
        }
        if matches!(atom, Node::Start | Node::End) {
            return Err("quantified anchor".to_string());
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
        })
    }

    type Cont<'a> = &'a mut dyn FnMut(usize) -> bool;

    fn match_seq(seq: &[Node], s: &[char], i: usize, k: Cont) -> bool {
        match seq.split_first() {
            None => k(i),
            Some((first, rest)) => match_node(first, s, i, &mut |j| match_seq(rest, s, j, &mut *k)),
        }
    }

    fn match_node(n: &Node, s: &[char], i: usize, k: Cont) -> bool {
        match n {
            Node::Char(c) => s.get(i) == Some(c) && k(i + 1),
            Node::Any => s.get(i).is_some_and(|c| *c != '\n') && k(i + 1),
            Node::Class { negated, ranges } => {
                s.get(i)
                    .is_some_and(|c| ranges.iter().any(|(lo, hi)| lo <= c && c <= hi) != *negated)
                    && k(i + 1)
            }
            Node::Start => i == 0 && k(i),
            Node::End => i == s.len() && k(i),
            Node::Group(alts) => alts.iter().any(|alt| match_seq(alt, s, i, &mut *k)),
            Node::Repeat { node, min, max } => match_repeat(node, *min, *max, s, i, 0, k),
        }
    }

    fn match_repeat(
        node: &Node,
        min: usize,
        max: Option<usize>,
        s: &[char],
        i: usize,
        count: usize,
        k: Cont,
    ) -> bool {
        if max.is_none_or(|m| count < m) {
            let more = match_node(node, s, i, &mut |j| {
                (j > i || count < min) && match_repeat(node, min, max, s, j, count + 1, &mut *k)
            });
            if more {
                return true;
            }
        }
        count >= min && k(i)
    }
}

#[cfg(test)]
mod crd_schema {
    //! An honest structural validator for the subset of OpenAPI v3 (as used by Kubernetes CRDs)
    //! that the SPO CRD uses. Unknown schema keywords, types, formats or regex syntax are
    //! reported as errors, so nothing passes by being ignored.

    use super::mini_regex::Regex;
    use serde_json::Value;

    const KNOWN_KEYWORDS: &[&str] = &[
        "type",
        "properties",
        "required",
        "enum",
        "items",
        "additionalProperties",
        "x-kubernetes-preserve-unknown-fields",
        "maxLength",
        "minLength",
        "pattern",
        "minimum",
        "maximum",
        "minItems",
        "maxItems",
        "format",
        "default",
        "description",
        "x-kubernetes-list-type",
        "x-kubernetes-list-map-keys",
    ];

    pub fn crd_path() -> String {
        format!(
            "{}/tests/data/spo/seccompprofile-crd.yaml",
            env!("CARGO_MANIFEST_DIR")
        )
    }

    pub fn load_crd() -> Value {
        let path = crd_path();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("parsing {path}: {e}"))
    }

    /// `spec.versions[name == version].schema.openAPIV3Schema`.
    pub fn version_schema<'a>(crd: &'a Value, version: &str) -> &'a Value {
        crd["spec"]["versions"]
            .as_array()
            .expect("spec.versions")
            .iter()
            .find(|v| v["name"] == version)
            .unwrap_or_else(|| panic!("CRD has no version {version}"))
            .get("schema")
            .and_then(|s| s.get("openAPIV3Schema"))
            .expect("openAPIV3Schema")
    }

    fn kind_of(v: &Value) -> &'static str {
        match v {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_f64() => "number",
            Value::Number(_) => "integer",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    fn int_of(v: &Value) -> Option<i128> {
        v.as_i64()
            .map(i128::from)
            .or_else(|| v.as_u64().map(i128::from))
    }

    fn is_dns_subdomain(s: &str) -> bool {
        let re = Regex::new(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
            .expect("regex");
        s.len() <= 253 && re.is_match(s)
    }

    /// Validates a whole resource: apiVersion/kind/metadata by hand (the API server, not the
    /// CRD schema, validates ObjectMeta), everything else against the version's schema.
    pub fn validate_resource(crd: &Value, doc: &Value) -> Vec<String> {
        let mut errs = Vec::new();
        let group = crd["spec"]["group"].as_str().unwrap_or_default();
        let api_version = doc["apiVersion"].as_str().unwrap_or_default();
        let Some(version) = api_version
            .strip_prefix(group)
            .and_then(|v| v.strip_prefix('/'))
        else {
            return vec![format!(
                "apiVersion {api_version:?} is not in group {group}"
            )];
        };
        let served = crd["spec"]["versions"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|v| v["name"] == version && v["served"] == true);
        if !served {
            return vec![format!("version {version:?} is not served by the CRD")];
        }
        if doc["kind"] != crd["spec"]["names"]["kind"] {
            errs.push(format!(
                "kind {} is not {}",
                doc["kind"], crd["spec"]["names"]["kind"]
            ));
        }
        match doc.get("metadata").and_then(Value::as_object) {
            None => errs.push("metadata is missing or not an object".to_string()),
            Some(meta) => {
                for (k, v) in meta {
                    match k.as_str() {
                        "name" => {
                            if !v.as_str().is_some_and(is_dns_subdomain) {
                                errs.push(format!("metadata.name {v} is not a DNS-1123 subdomain"));
                            }
                        }
                        "namespace" => {
                            if crd["spec"]["scope"] == "Cluster" {
                                errs.push(
                                    "metadata.namespace is set on a cluster-scoped resource"
                                        .to_string(),
                                );
                            }
                        }
                        "annotations" | "labels" => {
                            let ok = v
                                .as_object()
                                .is_some_and(|m| m.values().all(Value::is_string));
                            if !ok {
                                errs.push(format!("metadata.{k} must map strings to strings"));
                            }
                        }
                        other => errs.push(format!("unexpected metadata.{other}")),
                    }
                }
                if !meta.contains_key("name") {
                    errs.push("metadata.name is missing".to_string());
                }
            }
        }
        let mut rest = doc.clone();
        if let Some(o) = rest.as_object_mut() {
            o.remove("metadata");
        }
        validate(version_schema(crd, version), &rest, "", &mut errs);
        errs
    }

    pub fn validate(schema: &Value, value: &Value, path: &str, errs: &mut Vec<String>) {
        let at = if path.is_empty() { "<root>" } else { path };
        let Some(s) = schema.as_object() else {
            errs.push(format!("{at}: schema is not an object"));
            return;
        };
        for k in s.keys() {
            if !KNOWN_KEYWORDS.contains(&k.as_str()) {
                errs.push(format!("{at}: unsupported schema keyword {k:?}"));
            }
        }
        if let Some(t) = s.get("type") {
            let ok = match t.as_str() {
                Some("object") => value.is_object(),
                Some("array") => value.is_array(),
                Some("string") => value.is_string(),
                Some("integer") => int_of(value).is_some(),
                Some("number") => value.is_number(),
                Some("boolean") => value.is_boolean(),
                _ => {
                    errs.push(format!("{at}: unsupported schema type {t}"));
                    return;
                }
            };
            if !ok {
                errs.push(format!("{at}: expected {t}, found {}", kind_of(value)));
                return;
            }
        }
        if let Some(allowed) = s.get("enum") {
            let allowed = allowed.as_array().map(Vec::as_slice).unwrap_or_default();
            if !allowed.contains(value) {
                errs.push(format!(
                    "{at}: {value} is not one of {}",
                    Value::from(allowed.to_vec())
                ));
            }
        }
        match value {
            Value::Object(map) => {
                for r in s
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(r) = r.as_str() {
                        if !map.contains_key(r) {
                            errs.push(format!("{at}: missing required field {r:?}"));
                        }
                    }
                }
                let props = s.get("properties").and_then(Value::as_object);
                for (k, v) in map {
                    let sub = format!("{path}.{k}");
                    if let Some(ps) = props.and_then(|p| p.get(k)) {
                        validate(ps, v, &sub, errs);
                    } else if let Some(ap) = s.get("additionalProperties") {
                        match ap {
                            Value::Bool(true) => {}
                            Value::Object(_) => validate(ap, v, &sub, errs),
                            _ => errs.push(format!("{sub}: unknown field")),
                        }
                    } else if s.get("x-kubernetes-preserve-unknown-fields")
                        == Some(&Value::Bool(true))
                    {
                    } else {
                        errs.push(format!(
                            "{sub}: unknown field (the API server would reject or prune it)"
                        ));
                    }
                }
            }
            Value::Array(items) => {
                if let Some(min) = s.get("minItems").and_then(Value::as_u64) {
                    if (items.len() as u64) < min {
                        errs.push(format!("{at}: fewer than {min} items"));
                    }
                }
                if let Some(max) = s.get("maxItems").and_then(Value::as_u64) {
                    if items.len() as u64 > max {
                        errs.push(format!("{at}: more than {max} items"));
                    }
                }
                if let Some(is) = s.get("items") {
                    for (i, it) in items.iter().enumerate() {
                        validate(is, it, &format!("{path}[{i}]"), errs);
                    }
                }
                match s.get("x-kubernetes-list-type").and_then(Value::as_str) {
                    None | Some("atomic") => {}
                    Some("set") => {
                        for (i, a) in items.iter().enumerate() {
                            if items[..i].contains(a) {
                                errs.push(format!("{at}[{i}]: duplicate {a} in a set"));
                            }
                        }
                    }
                    Some("map") => {
                        let keys: Vec<&str> = s
                            .get("x-kubernetes-list-map-keys")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .collect();
                        let tuples: Vec<Vec<&Value>> = items
                            .iter()
                            .map(|it| keys.iter().map(|k| &it[*k]).collect())
                            .collect();
                        for (i, t) in tuples.iter().enumerate() {
                            if tuples[..i].contains(t) {
                                errs.push(format!("{at}[{i}]: duplicate map key"));
                            }
                        }
                    }
                    Some(other) => errs.push(format!("{at}: unsupported list type {other}")),
                }
            }
            Value::String(text) => {
                let len = text.chars().count() as u64;
                if let Some(min) = s.get("minLength").and_then(Value::as_u64) {
                    if len < min {
                        errs.push(format!("{at}: shorter than {min}"));
                    }
                }
                if let Some(max) = s.get("maxLength").and_then(Value::as_u64) {
                    if len > max {
                        errs.push(format!("{at}: longer than {max}"));
                    }
                }
                if let Some(p) = s.get("pattern").and_then(Value::as_str) {
                    match Regex::new(p) {
                        Ok(re) if re.is_match(text) => {}
                        Ok(_) => errs.push(format!("{at}: {text:?} does not match {p:?}")),
                        Err(e) => errs.push(format!("{at}: cannot check pattern {p:?}: {e}")),
                    }
                }
                if let Some(f) = s.get("format").and_then(Value::as_str) {
                    errs.push(format!(
                        "{at}: string format {f:?} is not checked by this validator"
                    ));
                }
            }
            Value::Number(_) => {
                let n = int_of(value);
                if let Some(min) = s.get("minimum").and_then(int_of) {
                    if n.is_none_or(|n| n < min) {
                        errs.push(format!("{at}: {value} is below the minimum {min}"));
                    }
                }
                if let Some(max) = s.get("maximum").and_then(int_of) {
                    if n.is_none_or(|n| n > max) {
                        errs.push(format!("{at}: {value} is above the maximum {max}"));
                    }
                }
                let fits = match s.get("format").and_then(Value::as_str) {
                    None => None,
                    Some("int32") => Some(n.is_some_and(|n| i32::try_from(n).is_ok())),
                    Some("int64") => Some(n.is_some_and(|n| i64::try_from(n).is_ok())),
                    Some(f) => {
                        errs.push(format!("{at}: number format {f:?} is not supported"));
                        None
                    }
                };
                if fits == Some(false) {
                    let f = s["format"].as_str().unwrap_or_default();
                    errs.push(format!("{at}: {value} is not an {f}"));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn observed(entries: &[(Abi, &[u32])]) -> Observed {
        let mut o = Observed::default();
        for (abi, nrs) in entries {
            for nr in *nrs {
                o.insert(*abi, *nr);
            }
        }
        o
    }

    fn x86_opts() -> BuildOptions {
        BuildOptions::new("SCMP_ACT_ERRNO", 1, vec![Abi::X86_64, Abi::X86, Abi::X32]).unwrap()
    }

    fn allow(names: &[&str]) -> SyscallRule {
        SyscallRule {
            names: names.iter().map(|s| s.to_string()).collect(),
            action: "SCMP_ACT_ALLOW".into(),
            errno_ret: None,
            args: vec![],
        }
    }

    fn profile(
        default: &str,
        errno: Option<u32>,
        arches: &[&str],
        rules: Vec<SyscallRule>,
    ) -> OciProfile {
        OciProfile {
            default_action: default.into(),
            default_errno_ret: errno,
            architectures: arches.iter().map(|s| s.to_string()).collect(),
            flags: vec![],
            listener_path: None,
            listener_metadata: None,
            syscalls: rules,
        }
    }

    fn arg(index: u32, value: u64, op: &str) -> ArgRule {
        ArgRule {
            index,
            value,
            value_two: 0,
            op: op.into(),
        }
    }

    #[test]
    fn build_unions_names_across_abis_with_exact_json_shape() {
        // x86_64: read write execve exit_group; x86: read write socketcall;
        // x32 (raw with the 0x40000000 bit, and without): read execve.
        let obs = observed(&[
            (Abi::X86_64, &[0, 1, 59, 231]),
            (Abi::X86, &[3, 4, 102]),
            (Abi::X32, &[0x4000_0000, 520]),
        ]);
        let built = build(&obs, &x86_opts());
        assert!(built.unknown.is_empty());
        assert!(built.notes.is_empty(), "{:?}", built.notes);
        assert_eq!(
            built.profile.to_json().unwrap(),
            r#"{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,"architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"],"syscalls":[{"names":["execve","exit_group","read","socketcall","write"],"action":"SCMP_ACT_ALLOW"}]}"#
        );
    }

    #[test]
    fn build_reports_unknown_numbers_and_never_names_them() {
        let obs = observed(&[(Abi::X86_64, &[0, 59, 9999]), (Abi::X86, &[7777])]);
        let built = build(&obs, &x86_opts());
        assert_eq!(built.unknown, vec![(Abi::X86_64, 9999), (Abi::X86, 7777)]);
        let names = &built.profile.syscalls[0].names;
        assert_eq!(names, &["execve", "read"]);
        let json = built.profile.to_json().unwrap();
        assert!(!json.contains("9999") && !json.contains("7777"), "{json}");
    }

    #[test]
    fn build_adds_observed_abis_and_notes_missing_execve() {
        let opts = BuildOptions::new("kill-process", 1, vec![Abi::X86_64]).unwrap();
        assert_eq!(opts.default_action, "SCMP_ACT_KILL_PROCESS");
        let built = build(&observed(&[(Abi::X86_64, &[0]), (Abi::X86, &[4])]), &opts);
        assert_eq!(
            built.profile.architectures,
            ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"]
        );
        // KILL_PROCESS takes no errno: none is written.
        assert_eq!(built.profile.default_errno_ret, None);
        assert!(
            built.notes.iter().any(|n| n.contains("x86 ABI")),
            "{:?}",
            built.notes
        );
        assert!(
            built.notes.iter().any(|n| n.contains("execve")),
            "{:?}",
            built.notes
        );

        let empty = build(&Observed::default(), &BuildOptions::default());
        assert!(empty.profile.syscalls.is_empty());
        assert_eq!(
            empty.profile.architectures,
            Abi::host_abis()
                .iter()
                .map(|a| a.scmp_arch())
                .collect::<Vec<_>>()
        );
        assert!(empty.notes[0].contains("no syscalls"));
    }

    #[test]
    fn build_options_validate() {
        let e = BuildOptions::new("SCMP_ACT_FOO", 1, vec![]).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("unknown action \"SCMP_ACT_FOO\" (valid: SCMP_ACT_KILL, "),
            "{e}"
        );
        assert!(BuildOptions::new("errno", 0, vec![]).is_err());
        assert!(BuildOptions::new("errno", 4096, vec![]).is_err());
        assert_eq!(parse_action("Log").unwrap(), "SCMP_ACT_LOG");
    }

    #[test]
    fn parse_errors_are_clear() {
        let e = parse(
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\",\n \"syscalls\": [}",
            "base.json",
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("parsing profile base.json: "), "{msg}");
        assert!(msg.contains("line 2 column"), "{msg}");

        let e = parse(
            r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_FOO"}]}"#,
            "base.json",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "parsing profile base.json: unknown action \"SCMP_ACT_FOO\" (valid: {}) at syscalls[0].action",
                ACTIONS.join(", ")
            )
        );

        let cases = [
            (r#"{"syscalls":[]}"#, "missing defaultAction"),
            (
                r#"{"defaultAction":"SCMP_ACT_NOPE"}"#,
                "unknown action \"SCMP_ACT_NOPE\"",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ALLOW","defaultErrnoRet":1}"#,
                "takes no errno",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_Z80"]}"#,
                "unknown architecture \"SCMP_ARCH_Z80\"",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","flags":["SECCOMP_FILTER_FLAG_X"]}"#,
                "unknown flag",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","errnoRet":1}]}"#,
                "syscalls[0].errnoRet is 1 but SCMP_ACT_ALLOW takes no errno",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","args":[{"index":6,"value":0,"op":"SCMP_CMP_EQ"}]}]}"#,
                "argument index 6 out of range",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":0,"op":"SCMP_CMP_ISH"}]}]}"#,
                "unknown operator \"SCMP_CMP_ISH\"",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":[],"action":"SCMP_ACT_ALLOW"}]}"#,
                "syscalls[0] has no syscall names",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["mount"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN"]}}]}"#,
                "Docker \"includes\" conditions",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":-1}"#,
                "invalid value: integer `-1`",
            ),
            ("   \n", "the file is empty"),
        ];
        for (text, want) in cases {
            let msg = parse(text, "p.json").unwrap_err().to_string();
            assert!(msg.starts_with("parsing profile p.json: "), "{msg}");
            assert!(msg.contains(want), "{text}: {msg}");
        }
    }

    const DOCKER_STYLE: &str = r#"{
        "defaultAction": "SCMP_ACT_ERRNO",
        "defaultErrnoRet": 1,
        "archMap": [
            {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
            {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]},
            {"architecture": "SCMP_ARCH_RISCV64", "subArchitectures": null}
        ],
        "syscalls": [
            {"names": ["read", "write", "execve"], "action": "SCMP_ACT_ALLOW", "args": [], "comment": "", "includes": {}, "excludes": {}},
            {"name": "exit_group", "action": "SCMP_ACT_ALLOW", "args": null},
            {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 0, "valueTwo": 0, "op": "SCMP_CMP_EQ"}]},
            {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 4294967295, "op": "SCMP_CMP_EQ"}]},
            {"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]},
            {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38}
        ]
    }"#;

    #[test]
    fn docker_style_profile_round_trips() {
        let p = parse(DOCKER_STYLE, "docker.json").unwrap();
        assert_eq!(
            p.architectures,
            [
                "SCMP_ARCH_X86_64",
                "SCMP_ARCH_X86",
                "SCMP_ARCH_X32",
                "SCMP_ARCH_AARCH64",
                "SCMP_ARCH_ARM",
                "SCMP_ARCH_RISCV64"
            ]
        );
        assert_eq!(p.syscalls.len(), 6);
        assert_eq!(p.syscalls[1].names, ["exit_group"]);
        assert_eq!(p.syscalls[3].args, [arg(0, 4294967295, "SCMP_CMP_EQ")]);
        assert_eq!(p.syscalls[5].errno_ret, Some(38));

        let json = p.to_json_pretty().unwrap();
        assert!(
            !json.contains("archMap") && !json.contains("comment") && !json.contains("valueTwo"),
            "{json}"
        );
        let again = parse(&json, "again.json").unwrap();
        assert_eq!(again, p);
        // serde's Deserialize goes through the same reader.
        let via_serde: OciProfile = serde_json::from_str(DOCKER_STYLE).unwrap();
        assert_eq!(via_serde, p);

        // Merging a single profile keeps its meaning.
        let (m, notes) = merge(std::slice::from_ref(&p)).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        let v: Value = serde_json::to_value(&m).unwrap();
        assert_eq!(
            v["syscalls"][0],
            json!({"names": ["execve", "exit_group", "read", "write"], "action": "SCMP_ACT_ALLOW"})
        );
        assert_eq!(
            v["syscalls"][1],
            json!({"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38})
        );
        let conds: Vec<&Value> = v["syscalls"].as_array().unwrap()[2..].iter().collect();
        assert_eq!(conds.len(), 3);
        assert!(conds
            .iter()
            .all(|r| r["action"] == "SCMP_ACT_ALLOW" && r["args"].as_array().unwrap().len() == 1));
    }

    #[test]
    fn merge_replicas_unions_allow_lists() {
        let a = profile(
            "SCMP_ACT_ERRNO",
            Some(1),
            &["SCMP_ARCH_X86"],
            vec![allow(&["write", "read"])],
        );
        let b = profile(
            "SCMP_ACT_ERRNO",
            Some(1),
            &["SCMP_ARCH_X86_64"],
            vec![allow(&["read", "openat"])],
        );
        let (m, notes) = merge(&[a.clone(), b.clone()]).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            m.to_json().unwrap(),
            r#"{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,"architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86"],"syscalls":[{"names":["openat","read","write"],"action":"SCMP_ACT_ALLOW"}]}"#
        );
        assert_eq!(merge(&[b, a]).unwrap().0, m);
        assert!(merge(&[]).is_err());
    }

    #[test]
    fn merge_conflicting_profiles() {
        // A: ERRNO default, personality only under args, ptrace KILL.
        let mut a = profile(
            "SCMP_ACT_ERRNO",
            Some(1),
            &["SCMP_ARCH_X86_64"],
            vec![allow(&["read"])],
        );
        a.syscalls.push(SyscallRule {
            args: vec![arg(0, 8, "SCMP_CMP_EQ")],
            ..allow(&["personality", "socket"])
        });
        a.syscalls.push(SyscallRule {
            names: vec!["ptrace".into()],
            action: "SCMP_ACT_KILL".into(),
            errno_ret: None,
            args: vec![],
        });
        // B: ERRNO default with another errno; personality unconditionally; clone3 ENOSYS.
        let mut b = profile(
            "SCMP_ACT_ERRNO",
            Some(38),
            &["SCMP_ARCH_X86"],
            vec![allow(&["personality", "write"])],
        );
        b.syscalls.push(SyscallRule {
            names: vec!["clone3".into()],
            action: "SCMP_ACT_ERRNO".into(),
            errno_ret: Some(38),
            args: vec![],
        });
        let (m, notes) = merge_labeled(&[("a.json", &a), ("b.json", &b)]).unwrap();
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(
            v,
            json!({
                "defaultAction": "SCMP_ACT_ERRNO",
                "defaultErrnoRet": 1,
                "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
                "syscalls": [
                    {"names": ["personality", "read", "write"], "action": "SCMP_ACT_ALLOW"},
                    // clone3: b's explicit ENOSYS beats a's implicit default (same permissiveness);
                    // ptrace: a kills it, b's default returns errno 38, which is more permissive.
                    {"names": ["clone3", "ptrace"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38},
                    {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]}
                ]
            })
        );
        let all = notes.join("\n");
        assert!(all.contains("different defaultErrnoRet values (1 in a.json, 38 in b.json); keeping 1 from a.json"), "{all}");
        assert!(all.contains("personality: SCMP_ACT_ALLOW unconditionally (from b.json), which supersedes the argument-conditioned rules from a.json"), "{all}");

        // Different default actions: the most permissive wins, with a note; errno dropped.
        let c = profile("SCMP_ACT_LOG", None, &[], vec![]);
        let d = profile("SCMP_ACT_KILL_PROCESS", None, &[], vec![allow(&["read"])]);
        let (m, notes) = merge_labeled(&[("a.json", &a), ("c.json", &c), ("d.json", &d)]).unwrap();
        assert_eq!(m.default_action, "SCMP_ACT_LOG");
        assert_eq!(m.default_errno_ret, None);
        let all = notes.join("\n");
        assert!(all.contains("different defaultAction values (SCMP_ACT_ERRNO, SCMP_ACT_LOG, SCMP_ACT_KILL_PROCESS); using the most permissive, SCMP_ACT_LOG (from c.json)"), "{all}");
        assert!(all.contains("dropping defaultErrnoRet"), "{all}");
        // read stays allowed; ptrace (KILL in a) is LOGged as c logs everything it has no rule for;
        // a's conditional ALLOW rules are still more permissive than LOG and survive.
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(
            v["syscalls"][0],
            json!({"names": ["read"], "action": "SCMP_ACT_ALLOW"})
        );
        assert_eq!(v["syscalls"][1]["names"], json!(["personality", "socket"]));
        assert_eq!(v["syscalls"].as_array().unwrap().len(), 2);

        // Conflicting listener paths cannot be merged.
        let mut e = c.clone();
        e.listener_path = Some("/run/a.sock".into());
        let mut f = c.clone();
        f.listener_path = Some("/run/b.sock".into());
        let err = merge(&[e, f]).unwrap_err().to_string();
        assert!(err.contains("listenerPath differs"), "{err}");
    }

    #[test]
    fn merge_keeps_restrictive_conditionals_unless_another_input_opens_them() {
        // A blocklist profile: allow by default, but kill `kill` when arg0 == 1.
        let mut a = profile("SCMP_ACT_ALLOW", None, &[], vec![]);
        a.syscalls.push(SyscallRule {
            names: vec!["kill".into()],
            action: "SCMP_ACT_KILL_PROCESS".into(),
            errno_ret: None,
            args: vec![arg(0, 1, "SCMP_CMP_EQ")],
        });
        let (alone, notes) = merge(std::slice::from_ref(&a)).unwrap();
        assert_eq!(alone, a);
        assert!(notes.is_empty());
        let b = profile("SCMP_ACT_ALLOW", None, &[], vec![]);
        let (m, notes) = merge(&[a, b]).unwrap();
        assert!(m.syscalls.is_empty());
        assert!(
            notes[0].contains("profile 2 gives SCMP_ACT_ALLOW for all arguments"),
            "{notes:?}"
        );
    }

    fn meta(version: SpoVersion) -> SpoMeta {
        let mut annotations = BTreeMap::new();
        annotations.insert(ANNOTATION_NODE.to_string(), "node-1".to_string());
        annotations.insert(ANNOTATION_POD.to_string(), "default/nginx-7c5b".to_string());
        annotations.insert(ANNOTATION_CONTAINER.to_string(), "nginx".to_string());
        // Strings YAML would otherwise read as numbers, booleans or null.
        annotations.insert(ANNOTATION_CONTAINER_ID.to_string(), "1e10".to_string());
        annotations.insert(ANNOTATION_PID.to_string(), "4242".to_string());
        annotations.insert(format!("{ANNOTATION_PREFIX}test-bool"), "true".to_string());
        annotations.insert(format!("{ANNOTATION_PREFIX}test-null"), "~".to_string());
        annotations.insert(format!("{ANNOTATION_PREFIX}test-octal"), "0o17".to_string());
        // ... and strings YAML 1.1 readers (kubectl) would turn into booleans or numbers.
        for (k, v) in [
            ("yes", "yes"),
            ("on", "On"),
            ("n", "n"),
            ("underscore", "1_000"),
            ("sexagesimal", "12:30:45"),
            ("empty", ""),
            ("quote", "a\"b\\c"),
            ("newline", "x\ny\u{2028}z"),
        ] {
            annotations.insert(format!("{ANNOTATION_PREFIX}test-{k}"), v.to_string());
        }
        SpoMeta {
            name: "nginx-default".to_string(),
            namespace: None,
            annotations,
            api_version: version,
        }
    }

    fn rich_profile() -> OciProfile {
        let mut p = parse(DOCKER_STYLE, "docker.json").unwrap();
        p.flags = vec!["SECCOMP_FILTER_FLAG_LOG".into()];
        p.syscalls.push(SyscallRule {
            names: vec!["ioctl".into()],
            action: "SCMP_ACT_ALLOW".into(),
            errno_ret: None,
            args: vec![ArgRule {
                index: 1,
                value: 0xffff,
                value_two: 0x5401,
                op: "SCMP_CMP_MASKED_EQ".into(),
            }],
        });
        p
    }

    #[test]
    fn spo_yaml_validates_against_the_crd_for_both_versions() {
        let crd = crd_schema::load_crd();
        for version in [SpoVersion::V1, SpoVersion::V1Beta1] {
            for p in [
                build(
                    &observed(&[(Abi::X86_64, &[0, 1, 59]), (Abi::X32, &[520])]),
                    &x86_opts(),
                )
                .profile,
                rich_profile(),
            ] {
                let text = to_spo_yaml(&p, &meta(version)).unwrap();
                let doc: Value = serde_yaml::from_str(&text).unwrap();
                let errs = crd_schema::validate_resource(&crd, &doc);
                assert!(errs.is_empty(), "{version:?}: {errs:#?}\n{text}");
                assert_eq!(
                    doc["apiVersion"],
                    format!("security-profiles-operator.x-k8s.io/{}", version.as_str())
                );
                assert_eq!(doc["kind"], "SeccompProfile");
                assert_eq!(doc["metadata"]["name"], "nginx-default");
                assert!(doc["metadata"].get("namespace").is_none());
                assert!(doc["spec"].get("defaultErrnoRet").is_none());
                let annotations = &doc["metadata"]["annotations"];
                for (k, v) in &meta(version).annotations {
                    assert_eq!(annotations[k], Value::String(v.clone()), "{k}\n{text}");
                }
                // The resource reads back as the same profile (defaultErrnoRet 1 is implied).
                let mut back = parse(&text, "spo.yaml").unwrap();
                back.default_errno_ret = p.default_errno_ret;
                assert_eq!(back, p);
            }
        }
    }

    #[test]
    fn spo_yaml_quotes_yaml_1_1_ambiguities() {
        let m = SpoMeta {
            name: "on".to_string(),
            ..meta(SpoVersion::V1)
        };
        let text = to_spo_yaml(&rich_profile(), &m).unwrap();
        for want in [
            "  name: \"on\"\n",
            "    seccomp.gadget.kinvolk.io/test-yes: \"yes\"\n",
            "    seccomp.gadget.kinvolk.io/test-on: \"On\"\n",
            "    seccomp.gadget.kinvolk.io/test-n: \"n\"\n",
            "    seccomp.gadget.kinvolk.io/test-underscore: \"1_000\"\n",
            "    seccomp.gadget.kinvolk.io/pid: \"4242\"\n",
            "    seccomp.gadget.kinvolk.io/test-empty: \"\"\n",
            "    seccomp.gadget.kinvolk.io/test-newline: \"x\\u000ay\\u2028z\"\n",
            "    seccomp.gadget.kinvolk.io/node: node-1\n",
            "  defaultAction: SCMP_ACT_ERRNO\n",
            "  - names:\n    - personality\n    action: SCMP_ACT_ALLOW\n    args:\n    - index: 0\n      op: SCMP_CMP_EQ\n      value: 0\n",
            "      op: SCMP_CMP_MASKED_EQ\n      value: 65535\n      valueTwo: 21505\n",
        ] {
            assert!(text.contains(want), "missing {want:?} in\n{text}");
        }
        let doc: Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(doc["metadata"]["name"], "on");
        for (k, v) in &m.annotations {
            assert_eq!(
                doc["metadata"]["annotations"][k],
                Value::String(v.clone()),
                "{k}"
            );
        }
    }

    #[test]
    fn the_crd_validator_can_fail() {
        let crd = crd_schema::load_crd();
        let text = to_spo_yaml(&rich_profile(), &meta(SpoVersion::V1)).unwrap();
        let good: Value = serde_yaml::from_str(&text).unwrap();
        assert!(crd_schema::validate_resource(&crd, &good).is_empty());

        let mutate = |f: &dyn Fn(&mut Value)| {
            let mut doc = good.clone();
            f(&mut doc);
            crd_schema::validate_resource(&crd, &doc).join("\n")
        };
        let e = mutate(&|d| d["spec"]["syscalls"][0]["action"] = json!("SCMP_ACT_FOO"));
        assert!(
            e.contains(".spec.syscalls[0].action: \"SCMP_ACT_FOO\" is not one of"),
            "{e}"
        );
        let e = mutate(&|d| d["spec"]["defaultErrnoRet"] = json!(1));
        assert!(e.contains(".spec.defaultErrnoRet: unknown field"), "{e}");
        let e = mutate(&|d| d["spec"]["architectures"][0] = json!("SCMP_ARCH_Z80"));
        assert!(e.contains("is not one of"), "{e}");
        let e = mutate(&|d| d["spec"]["syscalls"][0]["names"] = json!(["read", "read"]));
        assert!(e.contains("duplicate \"read\" in a set"), "{e}");
        let e = mutate(&|d| d["spec"]["syscalls"][0]["names"] = json!([]));
        assert!(e.contains("fewer than 1 items"), "{e}");
        let e = mutate(&|d| d["spec"]["syscalls"][2]["args"][0]["value"] = json!(-1));
        assert!(e.contains("below the minimum 0"), "{e}");
        let e = mutate(&|d| d["spec"]["syscalls"][2]["args"][0]["index"] = json!(1u64 << 40));
        assert!(e.contains("is not an int32"), "{e}");
        let e = mutate(&|d| d["spec"]["listenerPath"] = json!("/tmp/agent.sock"));
        assert!(e.contains("does not match"), "{e}");
        let e = mutate(&|d| {
            d["spec"]["listenerPath"] = json!("/var/run/security-profiles-operator/agent.sock")
        });
        assert!(e.is_empty(), "{e}");
        let e = mutate(&|d| {
            d["spec"].as_object_mut().unwrap().remove("defaultAction");
        });
        assert!(
            e.contains("missing required field \"defaultAction\""),
            "{e}"
        );
        let e = mutate(&|d| d["apiVersion"] = json!("security-profiles-operator.x-k8s.io/v2"));
        assert!(e.contains("not served"), "{e}");
        let e = mutate(&|d| d["metadata"]["name"] = json!("Nginx_1"));
        assert!(e.contains("DNS-1123"), "{e}");
        let e = mutate(&|d| d["metadata"]["namespace"] = json!("default"));
        assert!(e.contains("cluster-scoped"), "{e}");
    }

    #[test]
    fn spo_rendering_refuses_what_the_crd_cannot_hold() {
        let m = meta(SpoVersion::V1);
        let mut p = profile(
            "SCMP_ACT_ERRNO",
            Some(38),
            &["SCMP_ARCH_X86_64"],
            vec![allow(&["read"])],
        );
        let e = to_spo_yaml(&p, &m).unwrap_err().to_string();
        assert!(e.contains("defaultErrnoRet 38 cannot be expressed"), "{e}");
        p.default_errno_ret = None;
        p.architectures.push("SCMP_ARCH_LOONGARCH64".into());
        let e = to_spo_yaml(&p, &m).unwrap_err().to_string();
        assert!(e.contains("not accepted by the SeccompProfile CRD"), "{e}");
        p.architectures.pop();
        p.syscalls[0].args = vec![arg(0, u64::MAX, "SCMP_CMP_EQ")];
        let e = to_spo_yaml(&p, &m).unwrap_err().to_string();
        assert!(e.contains("exceeds the CRD's int64 range"), "{e}");
        p.syscalls[0].args = vec![arg(0, 1, "SCMP_CMP_EQ"); 7];
        assert!(to_spo_yaml(&p, &m)
            .unwrap_err()
            .to_string()
            .contains("at most 6"));
        p.syscalls[0].args.clear();
        p.listener_path = Some("/tmp/x.sock".into());
        assert!(to_spo_yaml(&p, &m)
            .unwrap_err()
            .to_string()
            .contains("listenerPath"));
        p.listener_path = None;
        let bad = SpoMeta {
            name: "Bad_Name".into(),
            ..m.clone()
        };
        assert!(to_spo_yaml(&p, &bad).is_err());

        // A namespace is written only when given.
        let ns = SpoMeta {
            namespace: Some("team-a".into()),
            annotations: BTreeMap::new(),
            api_version: SpoVersion::V1Beta1,
            ..m
        };
        let text = to_spo_yaml(&p, &ns).unwrap();
        let doc: Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(
            doc["metadata"],
            json!({"name": "nginx-default", "namespace": "team-a"})
        );
    }

    #[test]
    fn spo_names() {
        assert_eq!(
            parse_spo_name("nginx").unwrap(),
            (None, "nginx".to_string())
        );
        assert_eq!(
            parse_spo_name("team-a/nginx.v2").unwrap(),
            (Some("team-a".to_string()), "nginx.v2".to_string())
        );
        for bad in [
            "",
            "Nginx",
            "-x",
            "x-",
            "a/b/c",
            "ns/",
            "/x",
            "a..b",
            "bad_ns/x",
            &"a".repeat(254),
        ] {
            let e = parse_spo_name(bad).unwrap_err();
            assert!(
                e.to_string().starts_with("invalid SeccompProfile name"),
                "{bad}: {e}"
            );
        }
        assert!(parse_spo_name(&format!("{}/x", "n".repeat(64))).is_err());
        assert_eq!(
            "v1beta1".parse::<SpoVersion>().unwrap(),
            SpoVersion::V1Beta1
        );
        assert!("v2".parse::<SpoVersion>().is_err());
    }

    #[test]
    fn mini_regex_handles_the_crd_patterns() {
        use mini_regex::Regex;
        let listener =
            Regex::new(r"^/var/run/security-profiles-operator/[a-zA-Z0-9_\-\.]+$").unwrap();
        assert!(listener.is_match("/var/run/security-profiles-operator/a-b_c.sock"));
        assert!(!listener.is_match("/var/run/security-profiles-operator/"));
        assert!(!listener.is_match("/var/run/security-profiles-operator/a/b"));
        let reason = Regex::new(r"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$").unwrap();
        assert!(
            reason.is_match("Installed")
                && reason.is_match("A")
                && !reason.is_match("A:")
                && !reason.is_match("")
        );
        let ty = Regex::new(r"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$").unwrap();
        assert!(
            ty.is_match("Ready")
                && ty.is_match("foo.example.com/Ready")
                && !ty.is_match("Foo.com/Ready")
                && !ty.is_match("Ready-")
        );
        assert!(Regex::new("ab").unwrap().is_match("xaby"));
        assert!(
            Regex::new("^a{2,3}$").unwrap().is_match("aaa")
                && !Regex::new("^a{2,3}$").unwrap().is_match("aaaa")
        );
        assert!(
            Regex::new("(?=x)").is_err() && Regex::new(r"\p").is_err() && Regex::new("(a").is_err()
        );
    }

    #[test]
    fn profiles_read_from_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("base.json");
        std::fs::write(&path, format!("\u{feff}{DOCKER_STYLE}")).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let p = parse(&text, &path.display().to_string()).unwrap();
        assert_eq!(p.default_action, "SCMP_ACT_ERRNO");
    }
}
