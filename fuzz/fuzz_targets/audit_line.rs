//! Fuzz target: `ig::testing::audit_line`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ig::testing::audit_line(data));
