//! Seccomp actions: the one list of the OCI runtime-spec's `SCMP_ACT_*` names and what each
//! means (permissiveness, errno, whether the kernel writes an audit record).

use std::fmt;

/// A seccomp action of the OCI runtime-spec (and the SPO CRD).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Kill,
    KillProcess,
    KillThread,
    Trap,
    Errno,
    Trace,
    Log,
    Allow,
    Notify,
}

impl Action {
    /// Every action, in the runtime-spec's order.
    pub const ALL: [Action; 9] = [
        Action::Kill,
        Action::KillProcess,
        Action::KillThread,
        Action::Trap,
        Action::Errno,
        Action::Trace,
        Action::Log,
        Action::Allow,
        Action::Notify,
    ];

    /// The `SCMP_ACT_*` name.
    pub fn name(self) -> &'static str {
        match self {
            Action::Kill => "SCMP_ACT_KILL",
            Action::KillProcess => "SCMP_ACT_KILL_PROCESS",
            Action::KillThread => "SCMP_ACT_KILL_THREAD",
            Action::Trap => "SCMP_ACT_TRAP",
            Action::Errno => "SCMP_ACT_ERRNO",
            Action::Trace => "SCMP_ACT_TRACE",
            Action::Log => "SCMP_ACT_LOG",
            Action::Allow => "SCMP_ACT_ALLOW",
            Action::Notify => "SCMP_ACT_NOTIFY",
        }
    }

    /// The action of an exact `SCMP_ACT_*` name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Permissiveness (higher allows more): KILL_PROCESS < KILL = KILL_THREAD < TRAP < ERRNO
    /// < TRACE = NOTIFY < LOG < ALLOW.
    pub fn permissiveness(self) -> u8 {
        match self {
            Action::KillProcess => 0,
            Action::Kill | Action::KillThread => 1,
            Action::Trap => 2,
            Action::Errno => 3,
            Action::Trace | Action::Notify => 4,
            Action::Log => 5,
            Action::Allow => 6,
        }
    }

    /// Whether the action carries an errno (`errnoRet`/`defaultErrnoRet`).
    pub fn takes_errno(self) -> bool {
        matches!(self, Action::Errno | Action::Trace)
    }

    /// Whether the kernel writes an audit record when a filter returns this action: LOG and
    /// the kills always, every action but ALLOW when the filter has SECCOMP_FILTER_FLAG_LOG.
    pub fn is_audited(self, flag_log: bool) -> bool {
        match self {
            Action::Log | Action::Kill | Action::KillThread | Action::KillProcess => true,
            Action::Allow => false,
            _ => flag_log,
        }
    }

    /// The names of all actions, comma-separated (for error messages).
    pub fn all_names() -> String {
        Action::ALL.map(Action::name).join(", ")
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::Action;

    #[test]
    fn names_round_trip_and_rank() {
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
        }
        assert_eq!(Action::from_name("SCMP_ACT_FOO"), None);
        assert!(Action::KillProcess.permissiveness() < Action::Kill.permissiveness());
        assert!(Action::Log.permissiveness() < Action::Allow.permissiveness());
        assert!(Action::Errno.takes_errno() && !Action::Log.takes_errno());
    }

    #[test]
    fn audited_actions() {
        assert!(Action::Log.is_audited(false));
        assert!(Action::KillThread.is_audited(false));
        assert!(!Action::Errno.is_audited(false));
        assert!(Action::Errno.is_audited(true));
        assert!(!Action::Allow.is_audited(true));
    }
}
