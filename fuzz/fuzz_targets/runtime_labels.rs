//! Fuzz target: `ig::testing::runtime_labels`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ig::testing::runtime_labels(data));
