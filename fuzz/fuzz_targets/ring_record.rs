//! Fuzz target: `ig::fuzzing::ring_record`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ig::fuzzing::ring_record(data));
