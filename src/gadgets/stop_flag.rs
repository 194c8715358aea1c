//! A stop flag for gadgets without an async runtime: the first SIGINT/SIGTERM sets it (the
//! gadget then finishes and prints what it has), a second one exits at once with 130.

use std::sync::atomic::{AtomicU32, Ordering};

static SIGNALS: AtomicU32 = AtomicU32::new(0);

extern "C" fn on_signal(_: libc::c_int) {
    if SIGNALS.fetch_add(1, Ordering::SeqCst) >= 1 {
        // SAFETY: _exit is async-signal-safe and ends the process without running any code
        // that could hold a lock this handler interrupted.
        unsafe { libc::_exit(130) };
    }
}

/// Set once a signal asked to stop.
pub struct StopFlag(());

impl StopFlag {
    pub fn is_set(&self) -> bool {
        SIGNALS.load(Ordering::SeqCst) > 0
    }
}

/// Installs the handlers for SIGINT and SIGTERM.
pub fn install() -> StopFlag {
    use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, Signal};
    let action = SigAction::new(
        SigHandler::Handler(on_signal),
        SaFlags::SA_RESTART,
        SigSet::empty(),
    );
    for sig in [Signal::SIGINT, Signal::SIGTERM] {
        // SAFETY: the handler only touches an atomic and calls _exit, both async-signal-safe.
        if let Err(e) = unsafe { sigaction(sig, &action) } {
            log::warn!(
                "installing a handler for {sig}: {e}: that signal will end ig without output"
            );
        }
    }
    StopFlag(())
}
