//! Kernel seccomp audit records: parsing record text (`record`) and reading the live audit netlink multicast stream (`netlink`).

pub mod netlink;
pub mod record;

pub use netlink::{AuditSocket, AUDIT_SECCOMP};
pub use record::{parse_body, parse_line, seccomp_action, LogLine, SeccompRecord};
