//! The README's promises: one command that opens a bundled sample (which exists), one test
//! command, and key tables that name exactly the keys the reader binds (and help shows).

use folio::tui::keys::{Binding, Keymap, OVERLAY, READING};
use std::collections::BTreeSet;

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

/// The keys named (in backticks) in the first column of the README table whose head is `head`.
fn table_keys(readme: &str, head: &str) -> BTreeSet<String> {
    let rows = readme.lines().skip_while(|l| !l.starts_with(head)).skip(2).take_while(|l| l.starts_with('|'));
    let mut keys = BTreeSet::new();
    for row in rows {
        let first = row.split('|').nth(1).unwrap_or("");
        keys.extend(first.split('`').skip(1).step_by(2).map(str::to_string));
    }
    assert!(!keys.is_empty(), "no table headed {head:?} in the README");
    keys
}

fn bound(table: &[Binding]) -> BTreeSet<String> {
    table.iter().flat_map(Binding::names).collect()
}

#[test]
fn reading_key_table_and_the_readme_name_the_same_keys() {
    let readme = readme();
    let documented = table_keys(&readme, "| keys | what they do |");
    let bound = bound(READING);
    let undocumented: Vec<_> = bound.difference(&documented).collect();
    let unbound: Vec<_> = documented.difference(&bound).collect();
    assert!(undocumented.is_empty(), "bound but not in the README's key table: {undocumented:?}");
    assert!(unbound.is_empty(), "in the README's key table but bound to nothing: {unbound:?}");
}

#[test]
fn list_key_table_and_the_readme_name_the_same_keys() {
    let readme = readme();
    let documented = table_keys(&readme, "| keys in lists | what they do |");
    let bound = bound(OVERLAY);
    let undocumented: Vec<_> = bound.difference(&documented).collect();
    let unbound: Vec<_> = documented.difference(&bound).collect();
    assert!(undocumented.is_empty(), "bound in lists but not in the README: {undocumented:?}");
    assert!(unbound.is_empty(), "in the README's list keys but bound to nothing: {unbound:?}");
}

#[test]
fn help_names_every_bound_key_and_no_other() {
    let help = Keymap::default().help_lines();
    for binding in READING.iter().chain(OVERLAY) {
        let line = format!("{} ", binding.shown());
        assert!(help.iter().any(|l| l.starts_with(&line) && l.contains(binding.help)), "help lacks {line:?}");
    }
    // Every line that starts with a key names a binding's keys (no stale entries).
    let shown: BTreeSet<String> = READING.iter().chain(OVERLAY).map(Binding::shown).collect();
    for line in help.iter().filter(|l| l.contains("  ")) {
        let keys = line.split("  ").next().unwrap().trim();
        assert!(shown.contains(keys), "help line {line:?} names keys no binding has");
    }
    for key in ["o", "Enter", "Ctrl-f", "Ctrl-b", "s", "?", "Esc", "q", "Ctrl-c"] {
        assert!(help.iter().any(|l| l.split("  ").next().unwrap().split(' ').any(|k| k == key)), "help lacks `{key}`");
    }
}

#[test]
fn config_table_names_every_option_and_no_other() {
    let readme = readme();
    let documented = table_keys(&readme, "| option | meaning | default |");
    let known: BTreeSet<String> = folio::config::CONFIG_KEYS.iter().map(|k| k.to_string()).collect();
    assert_eq!(documented, known, "the README's config table and config.rs disagree");
}

/// The rows of the README table whose head is `head`: the first column's backticked word, and
/// the backticked keys of the second.
fn action_rows(readme: &str, head: &str) -> Vec<(String, Vec<String>)> {
    let rows = readme.lines().skip_while(|l| !l.starts_with(head)).skip(2).take_while(|l| l.starts_with('|'));
    let ticked = |cell: &str| cell.split('`').skip(1).step_by(2).map(str::to_string).collect::<Vec<_>>();
    let rows: Vec<_> = rows
        .map(|row| {
            let cells: Vec<&str> = row.split('|').collect();
            (ticked(cells[1]).concat(), ticked(cells[2]))
        })
        .collect();
    assert!(!rows.is_empty(), "no table headed {head:?} in the README");
    rows
}

#[test]
fn the_readme_names_every_action_keys_can_be_given_to_with_its_keys() {
    let readme = readme();
    for (head, table) in [("| `[keys]` action |", READING), ("| `[keys.lists]` action |", OVERLAY)] {
        let documented = action_rows(&readme, head);
        let bound: Vec<(String, Vec<String>)> = table.iter().map(|b| (b.name.to_string(), b.names())).collect();
        assert_eq!(documented, bound, "the README's table {head} and the key table disagree");
    }
}
