#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| folio_fuzz::exercise(data, folio::article::Format::Html));
