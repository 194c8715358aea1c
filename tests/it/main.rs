//! Every integration test of ig in one binary: one module per area, shared set-up and the
//! gates (what a test needs from the machine, `common::gate`) in `common`. Select by module
//! path: `cargo test --test it kernels::`, or one test with `--exact kernels::NAME`.

#[macro_use]
mod common;

mod advise_seccomp;
mod audit_seccomp;
mod collect_ustack;
mod deploy;
mod ebpf;
mod explain_check;
mod hostile_container;
mod kernels;
mod learn_args;
mod list_containers;
mod recordings;
