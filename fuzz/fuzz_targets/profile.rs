//! Fuzz target: `ig::fuzzing::profile`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ig::fuzzing::profile(data));
