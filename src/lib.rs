//! ig: host-local container tracing. Container discovery, a seccomp advisor and a seccomp
//! audit stream, built on eBPF. The binary (`src/main.rs`) only dispatches into `app`.

pub mod app;
pub mod audit;
pub mod bpf;
pub(crate) mod cli;
pub(crate) mod diagnostics;
pub(crate) mod escape;
#[doc(hidden)]
pub mod fuzzing;
pub mod gadgets;
pub mod host;
#[cfg(test)]
mod hostile_strings_tests;
pub(crate) mod hostroot;
pub(crate) mod output;
pub(crate) mod runtime;
pub(crate) mod safe_open;
pub(crate) mod seccomp;
pub mod symbolize;
pub mod syscalls;
pub(crate) mod timestamp;
pub(crate) mod yaml;

/// A mistake in what the user asked for (exit code 2), as opposed to a failure while doing
/// it (exit code 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);
