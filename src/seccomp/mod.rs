//! Seccomp profiles, pure (no I/O, no printing): the model, actions, parsing, building,
//! merging, SPO rendering and the runtime set-up trimming. Callers print what they return.
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

mod action;
pub mod args;
mod build;
#[cfg(test)]
mod crd_schema;
pub mod eval;
mod merge;
#[cfg(test)]
mod mini_regex;
mod parse;
mod spo;
pub mod talos;
#[cfg(test)]
mod tests;
mod trim;

pub use self::action::Action;
pub use self::build::*;
pub use self::merge::*;
pub use self::parse::*;
use self::parse::{check_profile, push_unique, RawProfile};
pub use self::spo::*;
pub use self::trim::{add_runtime_async, is_runtime_process, trim, Recorded, Scope};

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::syscalls::Abi;

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
/// Annotations `ig` puts on generated SeccompProfile resources.
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
    #[error("unknown action {0:?} (valid: {list})", list = Action::all_names())]
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
    /// Action for syscalls that were not observed; an [`Action`] name. Use [`BuildOptions::new`]
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

/// Permissiveness of an action name (see [`Action::permissiveness`]); `None` for unknown
/// actions.
pub fn permissiveness(action: &str) -> Option<u8> {
    Action::from_name(action).map(Action::permissiveness)
}

/// Whether an action name carries an errno (`errnoRet`/`defaultErrnoRet`).
pub fn takes_errno(action: &str) -> bool {
    Action::from_name(action).is_some_and(Action::takes_errno)
}

fn canonical_action(s: &str) -> Option<&'static str> {
    Action::from_name(s).map(Action::name)
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
