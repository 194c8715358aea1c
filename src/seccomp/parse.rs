//! Parsing: profile files (OCI/Docker JSON, an SPO resource's spec) read leniently and
//! validated strictly into an [`OciProfile`].

use serde::Deserialize;

use super::*;

/// What profile files may contain; converted and validated into an [`OciProfile`].
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawProfile {
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

pub(super) fn push_unique(list: &mut Vec<String>, item: String) {
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
            Action::all_names()
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
pub(super) fn check_profile(p: &OciProfile) -> Result<(), String> {
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
