//! Building: observed syscall numbers to one allow-list profile.

use std::collections::BTreeSet;

use crate::syscalls::{self, Abi};

use super::*;

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
