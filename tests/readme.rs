//! The README's promises: one command that opens a bundled sample (which exists), one test
//! command, and a key table that names every key the reader binds.

use folio::tui::keys::READING;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn set_up_commands_open_a_bundled_sample_and_run_the_tests() {
    let readme = readme();
    let runs: Vec<&str> = readme.lines().map(str::trim).filter(|l| l.starts_with("cargo run --release -- ")).collect();
    assert_eq!(runs.len(), 1, "{runs:?}");
    let sample = runs[0].trim_start_matches("cargo run --release -- ");
    assert!(sample.starts_with("assets/"));
    assert!(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(sample).is_file(), "{sample} is missing");
    let tests: Vec<&str> = readme.lines().map(str::trim).filter(|l| l.starts_with("cargo test")).collect();
    assert_eq!(tests, ["cargo test"]);
}

#[test]
fn key_table_names_every_key() {
    let readme = readme();
    for binding in READING {
        for key in binding.shown.split(' ') {
            assert!(readme.contains(&format!("`{key}`")), "README's key table lacks `{key}` ({})", binding.help);
        }
    }
}
