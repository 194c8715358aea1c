//! Fuzz target: `ig::testing::maps_line`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ig::testing::maps_line(data));
