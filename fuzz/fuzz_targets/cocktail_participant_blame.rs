#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| frost_fuzz_targets::cocktail_blame::cocktail_participant_blame(data));
