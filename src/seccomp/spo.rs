//! Security Profiles Operator: `SeccompProfile` rendering (YAML), resource names.

use std::collections::BTreeMap;

use serde::Serialize;

use super::*;

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
    check_profile(profile).map_err(ProfileError::Spo)?;
    check_spo_name(&meta.name)?;
    if let Some(ns) = &meta.namespace {
        check_namespace(ns)?;
    }
    check_spo_spec(profile).map_err(ProfileError::Spo)?;
    let syscalls = profile
        .syscalls
        .iter()
        .enumerate()
        .map(|(i, r)| spo_syscall(i, r))
        .collect::<Result<Vec<_>, _>>()
        .map_err(ProfileError::Spo)?;
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
            architectures: distinct(&profile.architectures),
            flags: distinct(&profile.flags),
            listener_path: profile.listener_path.as_deref(),
            listener_metadata: profile.listener_metadata.as_deref(),
            syscalls,
        },
    };
    let value =
        serde_json::to_value(&resource).map_err(|e| ProfileError::Serialize(e.to_string()))?;
    Ok(crate::yaml::to_string(&value))
}

/// The profile-wide fields the CRD cannot hold: a `defaultErrnoRet` other than EPERM, an
/// architecture outside its enum, a `listenerPath` outside the operator's directory.
fn check_spo_spec(profile: &OciProfile) -> Result<(), String> {
    if let Some(e) = profile.default_errno_ret.filter(|e| *e != EPERM) {
        return Err(format!(
            "defaultErrnoRet {e} cannot be expressed: the SeccompProfile spec has no defaultErrnoRet field and runtimes then return EPERM (1)"
        ));
    }
    for a in &profile.architectures {
        if !spo_accepts(a) {
            let valid: Vec<&str> = ARCHITECTURES
                .iter()
                .copied()
                .filter(|a| spo_accepts(a))
                .collect();
            return Err(format!(
                "architecture {a:?} is not accepted by the SeccompProfile CRD (valid: {})",
                valid.join(", ")
            ));
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
            return Err(format!(
                "listenerPath {path:?} must be a socket directly in {SPO_LISTENER_DIR} (CRD pattern)"
            ));
        }
    }
    Ok(())
}

/// The architectures libseccomp knows that the SeccompProfile CRD's `spec.architectures[]`
/// enum leaves out.
const NOT_IN_SPO_CRD: &[&str] = &[
    "SCMP_ARCH_LOONGARCH64",
    "SCMP_ARCH_M68K",
    "SCMP_ARCH_SH",
    "SCMP_ARCH_SHEB",
];

/// Whether the SeccompProfile CRD accepts architecture `a`.
fn spo_accepts(a: &str) -> bool {
    ARCHITECTURES.contains(&a) && !NOT_IN_SPO_CRD.contains(&a)
}

/// Rule `i` of a profile as the CRD holds it: numbers within its int32/int64 ranges, at most 6
/// argument comparisons, `names` as a set.
fn spo_syscall(i: usize, r: &SyscallRule) -> Result<SpoSyscall<'_>, String> {
    if let Some(e) = r.errno_ret.filter(|e| i32::try_from(*e).is_err()) {
        return Err(format!(
            "syscalls[{i}].errnoRet {e} exceeds the CRD's int32 range"
        ));
    }
    if r.args.len() > 6 {
        return Err(format!(
            "syscalls[{i}] has {} argument comparisons; the CRD allows at most 6",
            r.args.len()
        ));
    }
    let mut args = Vec::new();
    for (j, a) in r.args.iter().enumerate() {
        for (field, v) in [("value", a.value), ("valueTwo", a.value_two)] {
            if i64::try_from(v).is_err() {
                return Err(format!(
                    "syscalls[{i}].args[{j}].{field} {v} exceeds the CRD's int64 range"
                ));
            }
        }
        args.push(SpoArg {
            index: a.index,
            op: &a.op,
            value: a.value,
            value_two: a.value_two,
        });
    }
    Ok(SpoSyscall {
        names: distinct(&r.names),
        action: &r.action,
        errno_ret: r.errno_ret,
        args,
    })
}

/// The strings in their first order, each once (the CRD's lists are sets).
fn distinct(items: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for s in items {
        if !out.contains(&s.as_str()) {
            out.push(s);
        }
    }
    out
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
