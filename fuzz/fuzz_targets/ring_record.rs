//! Fuzz target: `ig::testing::ring_record`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ig::testing::ring_record(data));
