//! Fuzz target: `ig::testing::profile`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ig::testing::profile(data));
