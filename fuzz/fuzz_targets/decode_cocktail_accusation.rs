#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| frost_fuzz_targets::cocktail_blame::decode_cocktail_accusation(data));
