//! Fuzz target: `ig::fuzzing::audit_body`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ig::fuzzing::audit_body(data));
