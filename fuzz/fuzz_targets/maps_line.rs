//! Fuzz target: `ig::fuzzing::maps_line`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ig::fuzzing::maps_line(data));
