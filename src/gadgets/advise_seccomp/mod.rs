//! `ig seccomp-advisor`: records every syscall of the targeted containers (or of a command
//! ig starts) from their first one, and prints a seccomp profile per target.

pub mod auto;
pub mod check;
pub mod explain;
pub mod launch;
pub mod profile_tools;
pub mod program;
pub mod recordings;

mod containers;
mod emit;
mod record;
mod target;

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::{AdvisorArgs, AdvisorOutputMode, ProfileArgs, RecordArgs};
use crate::seccomp::args::LearnSet;
use crate::seccomp::{self, OciProfile};
use crate::UsageError;

use self::emit::{arg_class, file_stem, observed_for_profile};
pub use self::emit::{emit, emit_observed, write_atomic, write_merged};
pub use self::record::{record, Continuous, Ending};
pub use self::target::Target;

/// What was checked and read before recording starts (bad input fails before any work).
pub struct Prepared {
    pub base: Option<OciProfile>,
    pub spo_name: Option<(Option<String>, String)>,
    /// `--learn-args`: the syscalls whose argument values become rules.
    pub learn: Option<Learning>,
}

/// `--learn-args`, checked.
#[derive(Clone, Debug)]
pub struct Learning {
    pub set: LearnSet,
    pub max_values: u32,
    pub include_runtime_setup: bool,
}

/// The `--learn-args` of a recording, validated (a bad name is a usage error).
pub fn learning(r: &RecordArgs) -> anyhow::Result<Option<Learning>> {
    let Some(items) = &r.learn_args else {
        return Ok(None);
    };
    let set = LearnSet::parse(items).map_err(UsageError)?;
    Ok(Some(Learning {
        set,
        max_values: r.max_arg_values,
        include_runtime_setup: r.include_runtime_setup,
    }))
}

/// Checks the arguments; used by the foreground recorder and by `start`.
pub fn prepare(a: &AdvisorArgs) -> anyhow::Result<Prepared> {
    if a.record.auto {
        return Err(UsageError(
            "--auto runs in the foreground until stopped: use `ig seccomp-advisor --auto ...` (not start)".into(),
        )
        .into());
    }
    let filter = a.record.target.filter();
    if a.record.command.is_empty() && filter.is_empty() {
        return Err(UsageError(
            "seccomp-advisor needs a target: -c NAME, -n NAMESPACE -p POD, or -- COMMAND ARGS..."
                .into(),
        )
        .into());
    }
    if !a.record.command.is_empty() && !filter.is_empty() {
        return Err(UsageError(
            "give either containers (-c/-n/-p) or a command after --, not both".into(),
        )
        .into());
    }
    if a.profile.coverage.is_some() && !a.profile.merge {
        return Err(UsageError("--coverage goes with --merge".into()).into());
    }
    let mut prepared = prepare_output(&a.profile)?;
    prepared.learn = learning(&a.record)?;
    Ok(prepared)
}

/// Checks the output arguments shared by every way of making profiles.
pub fn prepare_output(p: &ProfileArgs) -> anyhow::Result<Prepared> {
    let base = match &p.base {
        Some(path) => Some(read_profile(path)?),
        None => None,
    };
    let spo_name = match (&p.output_mode, &p.seccomp_profile_name) {
        (AdvisorOutputMode::SeccompProfile, Some(n)) => {
            Some(seccomp::parse_spo_name(n).map_err(|e| UsageError(e.to_string()))?)
        }
        (AdvisorOutputMode::Talos, Some(n)) => Some((
            None,
            crate::seccomp::talos::profile_name(n).map_err(|e| UsageError(e.to_string()))?,
        )),
        (AdvisorOutputMode::Terminal, Some(_)) => {
            return Err(UsageError(
                "--seccomp-profile-name goes with -m seccomp-profile or -m talos".into(),
            )
            .into())
        }
        _ => None,
    };
    if let Some(dir) = &p.output_dir {
        let dir = crate::hostroot::get().path(dir);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("creating output directory {}", dir.display()))?;
    }
    Ok(Prepared {
        base,
        spo_name,
        learn: None,
    })
}

pub async fn run(a: AdvisorArgs, runtimes_given: bool) -> anyhow::Result<ExitCode> {
    let prepared = prepare(&a)?;
    let session = record(
        &a.record,
        runtimes_given,
        &mut || {},
        &mut |_| {},
        Ending::TargetsExit,
    )
    .await?;
    if session.targets.is_empty() {
        crate::diagnostics::note!(
            "no targeted container was seen: nothing recorded, no profile written"
        );
        return Ok(ExitCode::from(1));
    }
    let observed = emit(
        &a.profile,
        a.record.include_runtime_setup,
        &session.targets,
        &prepared,
    )?;
    if let Some(path) = &a.record.explain {
        self::explain::write_for(path, &session.targets, &observed)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn read_profile(p: &Path) -> anyhow::Result<OciProfile> {
    let text = std::fs::read_to_string(p)
        .with_context(|| format!("reading base profile {}", p.display()))?;
    seccomp::parse(&text, &p.display().to_string()).map_err(|e| UsageError(e.to_string()).into())
}

#[cfg(test)]
mod tests {
    use super::target::Bits;
    use crate::bpf::records::slot_abi;
    use crate::syscalls::Abi;

    #[test]
    fn slots_map_to_host_abis() {
        assert_eq!(slot_abi(0), Some(Abi::native()));
        if Abi::native() == Abi::X86_64 {
            assert_eq!(slot_abi(1), Some(Abi::X86));
            assert_eq!(slot_abi(2), Some(Abi::X32));
        }
        assert_eq!(slot_abi(3), None);
    }

    #[test]
    fn bits_to_observed() {
        let mut b = Bits::default();
        b.seen[0].insert(272);
        b.seen[1].insert(310);
        b.filtered[0].insert(0);
        let o = b.observed(false);
        assert_eq!(o.per_abi.len(), 2);
        let f = b.observed(true);
        assert_eq!(f.per_abi.get(&Abi::native()).map(|s| s.len()), Some(1));
    }
}
