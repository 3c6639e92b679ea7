#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| frost_fuzz_targets::ed448_decode::ed448_decode(data));
