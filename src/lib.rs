//! ig: host-local container tracing. Container discovery, a seccomp advisor and a seccomp
//! audit stream, built on eBPF. The binary (`src/main.rs`) only calls [`main`], which
//! dispatches in `app`. Everything else is crate-private, so the compiler reports dead code;
//! the integration tests, fuzz targets and benches reach what they need through [`testing`].

mod app;
pub(crate) mod audit;
pub(crate) mod bpf;
pub(crate) mod cli;
pub(crate) mod diagnostics;
pub(crate) mod escape;
mod fuzzing;
pub(crate) mod gadgets;
pub(crate) mod host;
#[cfg(test)]
mod hostile_strings_tests;
pub(crate) mod hostroot;
pub(crate) mod output;
pub(crate) mod runtime;
pub(crate) mod safe_open;
pub(crate) mod seccomp;
pub(crate) mod symbolize;
pub(crate) mod syscalls;
pub(crate) mod timestamp;
pub(crate) mod yaml;

pub use app::main;

/// What `tests/`, `fuzz/` and `bench/` use of the library, and nothing else. Not a stable API.
#[doc(hidden)]
pub mod testing {
    pub use crate::audit::{parse_body, AuditSocket, SeccompRecord, AUDIT_SECCOMP};
    pub use crate::bpf::records::{comm_str, layout, MntnsSyscalls};
    pub use crate::bpf::AttachKind;
    pub use crate::fuzzing::{
        audit_body, audit_line, maps_line, profile, ring_record, runtime_labels,
    };
    pub use crate::gadgets::advise_seccomp::program::{ArgLearning, SyscallRecorder};
    pub use crate::gadgets::audit_seccomp::program::{AuditBpf, AuditBpfOptions};
    pub use crate::host::host_mntns;
    pub use crate::syscalls::{number, Abi};
}

/// A mistake in what the user asked for (exit code 2), as opposed to a failure while doing
/// it (exit code 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);
