//! Gadgets: the user-facing commands built on discovery, eBPF and output.

pub mod advise_seccomp;
pub mod audit_seccomp;
pub mod features;
pub mod list_containers;
pub(crate) mod stop_flag;

use std::time::Duration;

use anyhow::Context;
use tokio::sync::watch;

use crate::output::{Mode, OutputError};
use crate::runtime::{Discovery, RuntimeConfig};
use crate::UsageError;

/// Why a gadget stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    Running,
    Signal,
    Timeout,
}

/// Watches SIGINT/SIGTERM and the timeout: the first signal asks the gadget to stop (and
/// still print what it has); a second one exits at once with 130.
pub fn stop_signal(timeout: Option<Duration>) -> watch::Receiver<StopReason> {
    let (tx, rx) = watch::channel(StopReason::Running);
    let tx2 = tx.clone();
    tokio::spawn(async move {
        use tokio::signal::unix::{signal, SignalKind};
        let (Ok(mut int), Ok(mut term)) = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) else {
            log::warn!("installing signal handlers failed: Ctrl-C will kill ig without output");
            return;
        };
        let mut count = 0;
        loop {
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
            }
            count += 1;
            if count == 1 {
                crate::diagnostics::note!("stopping (signal again to exit at once)");
                let _ = tx2.send(StopReason::Signal);
            } else {
                crate::diagnostics::note!("second signal: exiting without finishing");
                std::process::exit(130);
            }
        }
    });
    if let Some(t) = timeout {
        tokio::spawn(async move {
            tokio::time::sleep(t).await;
            let _ = tx.send_if_modified(|r| {
                if *r == StopReason::Running {
                    *r = StopReason::Timeout;
                    true
                } else {
                    false
                }
            });
        });
    }
    rx
}

pub fn parse_mode(s: &str) -> Result<Mode, UsageError> {
    s.parse::<Mode>()
        .map_err(|e: OutputError| UsageError(format!("-o {s}: {e}")))
}

/// Connects to the configured runtimes (a runtime asked for by flag must answer).
pub async fn discovery(cfg: &RuntimeConfig) -> anyhow::Result<Discovery> {
    Discovery::connect(cfg)
        .await
        .context("connecting to container runtimes")
}

/// Requires root (or the capabilities) for commands that load eBPF or read audit records.
pub fn require_root(what: &str) -> anyhow::Result<()> {
    if !nix::unistd::geteuid().is_root() {
        anyhow::bail!("{what} needs root: run it with sudo");
    }
    Ok(())
}
