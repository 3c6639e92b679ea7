#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| frost_fuzz_targets::standalone::decode_chilldkg_recovery(data));
