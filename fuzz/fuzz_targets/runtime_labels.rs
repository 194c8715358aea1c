//! Fuzz target: `ig::fuzzing::runtime_labels`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ig::fuzzing::runtime_labels(data));
