//! Talos machine config patches that carry a seccomp profile (`machine.seccompProfiles`),
//! for `talosctl patch mc -p @patch.yaml`.

use serde::Serialize;

use super::OciProfile;

#[derive(Debug, thiserror::Error)]
pub enum TalosError {
    #[error("invalid Talos seccomp profile name {name:?}: {reason}")]
    Name { name: String, reason: &'static str },
    #[error("serializing the Talos patch: {0}")]
    Serialize(String),
}

#[derive(Serialize)]
struct Patch<'a> {
    machine: Machine<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Machine<'a> {
    seccomp_profiles: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    name: String,
    value: &'a OciProfile,
}

/// The file name Talos gives the profile under `/var/lib/kubelet/seccomp/profiles/`:
/// letters, digits, `.`, `_` and `-`, ending in `.json` (added when missing).
pub fn profile_name(name: &str) -> Result<String, TalosError> {
    let bad = |reason| TalosError::Name {
        name: name.to_string(),
        reason,
    };
    if name.is_empty() || name.len() > 200 {
        return Err(bad("give 1 to 200 characters"));
    }
    if name.starts_with('.') {
        return Err(bad("must not start with '.'"));
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    {
        return Err(bad(
            "use only letters, digits, '.', '_' and '-' (it becomes a file name on the node)",
        ));
    }
    Ok(if name.ends_with(".json") {
        name.to_string()
    } else {
        format!("{name}.json")
    })
}

/// A file-name-safe Talos profile name made from a container label (`ns_pod_container`).
pub fn profile_name_from(label: &str) -> String {
    let clean: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let clean = clean.trim_start_matches('.');
    profile_name(if clean.is_empty() { "profile" } else { clean })
        .unwrap_or_else(|_| "profile.json".to_string())
}

/// The patch: `machine: seccompProfiles: [{name, value: PROFILE}]`.
pub fn patch_yaml(profile: &OciProfile, name: &str) -> Result<String, TalosError> {
    let patch = Patch {
        machine: Machine {
            seccomp_profiles: vec![Entry {
                name: profile_name(name)?,
                value: profile,
            }],
        },
    };
    let value = serde_json::to_value(&patch).map_err(|e| TalosError::Serialize(e.to_string()))?;
    Ok(crate::yaml::to_string(&value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> OciProfile {
        crate::seccomp::parse(
            r#"{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,"architectures":["SCMP_ARCH_X86_64"],"syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"}]}"#,
            "test",
        )
        .unwrap()
    }

    #[test]
    fn patch_holds_the_profile_as_its_value() {
        let p = sample();
        let text = patch_yaml(&p, "web").unwrap();
        let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let entries = doc["machine"]["seccompProfiles"].as_sequence().unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0]["name"].as_str(), Some("web.json"));
        // The value is the very profile: same JSON once converted back.
        let value: serde_json::Value = serde_yaml::from_value(entries[0]["value"].clone()).unwrap();
        assert_eq!(value, serde_json::to_value(&p).unwrap());
        assert!(text.starts_with("machine:\n  seccompProfiles:\n"), "{text}");
    }

    #[test]
    fn names_are_file_names() {
        assert_eq!(profile_name("audit.json").unwrap(), "audit.json");
        assert_eq!(profile_name("a_b-c").unwrap(), "a_b-c.json");
        assert!(profile_name("../etc/x").is_err());
        assert!(profile_name("").is_err());
        assert!(profile_name("a/b").is_err());
        assert_eq!(
            profile_name_from("shop/web-1/nginx"),
            "shop_web-1_nginx.json"
        );
        assert_eq!(profile_name_from("..."), "profile.json");
    }
}
